/**
 * Replication: local replicas, follower fetching and ISR membership.
 *
 * <p>Roles come from ZooKeeper, not from controller RPCs. Kafka 2.x's controller sent LeaderAndIsr
 * and UpdateMetadata requests; here every broker watches the partition state znodes
 * ({@code /brokers/topics/<t>/partitions/<p>/state}) through its metadata cache, and the
 * {@link io.tributary.broker.replica.ReplicaManager} applies each new cluster image: a state naming
 * this broker leader makes it leader for that epoch, any other makes it follow the named leader.
 * The znode is the single source of truth, its version fences concurrent writers, and a broker
 * that missed a change still converges on the next image. Writers are the controller (elections,
 * guarded by the controller epoch's znode version) and the current leader (ISR changes, guarded by
 * the state znode's version, see {@link io.tributary.broker.replica.IsrManager}).
 *
 * <p>Followers copy leaders with a {@link io.tributary.broker.replica.ReplicaFetcher} per leader
 * broker, started and stopped by {@link io.tributary.broker.replica.ReplicaFetcherManager} on role
 * changes. Before fetching for a new leader epoch a follower truncates to the leader's end of its
 * own latest epoch (OffsetForLeaderEpoch), never to the high watermark, so nothing acknowledged is
 * lost and replicas never diverge.
 */
package io.tributary.broker.replica;
