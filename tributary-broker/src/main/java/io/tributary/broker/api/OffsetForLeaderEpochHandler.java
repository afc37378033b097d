package io.tributary.broker.api;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.epoch.EpochEndOffset;

/**
 * Answers where a leader epoch ends in the leader's log: the largest epoch at or below the one
 * asked for and the offset where it ended (the log end for the current epoch). Followers truncate
 * to it after a leader change; Java consumers use it to validate their position after a leader
 * change. Only the leader answers, and a {@code current_leader_epoch} that is older or newer than
 * the partition's is refused (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH) so nobody acts on a
 * leader they no longer believe in. Stateless; runs on request-handler threads.
 */
public final class OffsetForLeaderEpochHandler implements RequestHandler {

    private final ReplicaManager replicas;

    public OffsetForLeaderEpochHandler(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("topic");
            Struct topicResult = response.addChild("topics").set("topic", name);
            // Followers (replica_id >= 0, v3+) need CLUSTER_ACTION, consumers DESCRIBE on the topic.
            boolean follower = request.hasField("replica_id") && context.version() >= 3 && request.getInt("replica_id") >= 0;
            boolean allowed = follower ? context.isAuthorizedOnCluster(AclOperation.CLUSTER_ACTION)
                    : context.isAuthorizedOnTopic(AclOperation.DESCRIBE, name);
            for (Struct asked : topic.getStructs("partitions")) {
                int index = asked.getInt("partition");
                Struct result = topicResult.addChild("partitions").set("partition", index);
                if (!allowed) {
                    result.set("error_code", (follower ? Errors.CLUSTER_AUTHORIZATION_FAILED
                            : Errors.TOPIC_AUTHORIZATION_FAILED).code());
                    continue;
                }
                Partition partition = replicas.partition(new TopicPartition(name, index));
                Errors error = LeaderChecks.check(partition, asked.getInt("current_leader_epoch"));
                if (error != Errors.NONE) {
                    result.set("error_code", error.code());
                    continue;
                }
                EpochEndOffset end = partition.log().endOffsetForEpoch(asked.getInt("leader_epoch"));
                result.set("error_code", Errors.NONE.code())
                        .set("leader_epoch", end.leaderEpoch())
                        .set("end_offset", end.endOffset());
            }
        }
        responder.send(response);
    }

}
