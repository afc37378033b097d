package io.tributary.broker.cluster;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.common.TopicPartition;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The writes that decide who leads and who is in sync: the controller's election and its epoch
 * fence, the partition state znodes the controller and the ISR managers update conditionally, and
 * the end of a topic's deletion. {@code KafkaZkClient} implements it over Curator;
 * {@link ClusterStoreControlPlane} implements it over any {@link ClusterStore} (the simulation's
 * in-memory one). Thread-safe; every call is a blocking round trip.
 */
public interface ControlPlaneStore {

    /** The broker holding /controller, -1 if none. */
    int controllerId() throws Exception;

    /** Tries to become controller; true if this broker created /controller. */
    boolean tryCreateController(int brokerId) throws Exception;

    /** Increments /controller_epoch; returns the epoch and the znode version that fences later writes. */
    int[] incrementControllerEpoch() throws Exception;

    /** Finishes a topic's deletion if it is still marked, fenced by the controller epoch; false if nothing to do. */
    boolean deleteTopicZnodes(String topic, int controllerEpochZkVersion) throws Exception;

    /** The id in a topic's assignment znode; empty when the topic does not exist. */
    Optional<UUID> topicId(String topic) throws Exception;

    /** Creates many partitions' state in few transactions; false (and nothing of that batch written) if any existed. */
    boolean createPartitionStates(Map<TopicPartition, PartitionState> states, int controllerEpochZkVersion) throws Exception;

    /** Creates one partition's state znode; false if it already exists. */
    boolean createPartitionState(TopicPartition tp, PartitionState state, int controllerEpochZkVersion) throws Exception;

    /**
     * Writes a partition's new state if its znode is still at {@code state.zkVersion()} and, for a
     * controller ({@code controllerEpochZkVersion >= 0}), while its epoch is current. The new
     * version, or -1 on a conflict.
     */
    int updatePartitionState(TopicPartition tp, PartitionState state, int controllerEpochZkVersion) throws Exception;

    /** A partition's state with its znode version; null if there is none. */
    PartitionState readPartitionState(TopicPartition tp) throws Exception;

    /** Gives a topic znode written without an id (before Kafka 2.8) a new one; false if it has one or is gone. */
    boolean assignTopicIdIfAbsent(String topic) throws Exception;

    /** The pending log-directory failure events, by znode path, oldest first. */
    Map<String, ZkCodec.LogDirEvent> logDirEvents() throws Exception;

    /** Deletes a znode and everything under it; nothing if it is gone already. */
    void deleteIfExists(String path) throws Exception;
}
