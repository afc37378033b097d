package io.tributary.broker.api;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.segment.TimestampAndOffset;
import java.util.Optional;

/**
 * Answers ListOffsets: -2 earliest (log start), -1 latest (the high watermark, or for
 * read_committed the last stable offset), -3 the record with the largest timestamp, and a timestamp
 * t the first offset whose record time is at least t (via the time index), or -1 if none.
 */
public final class ListOffsetsHandler implements RequestHandler {

    private static final long LATEST = -1;
    private static final long EARLIEST = -2;

    private final ReplicaManager replicas;

    public ListOffsetsHandler(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("name");
            Struct topicResult = response.addChild("topics").set("name", name);
            boolean allowed = context.isAuthorizedOnTopic(AclOperation.DESCRIBE, name);
            for (Struct wanted : topic.getStructs("partitions")) {
                int index = wanted.getInt("partition_index");
                Struct result = topicResult.addChild("partitions").set("partition_index", index);
                if (!allowed) {
                    result.set("error_code", Errors.TOPIC_AUTHORIZATION_FAILED.code());
                    continue;
                }
                Partition partition = replicas.partition(new TopicPartition(name, index));
                Errors error = LeaderChecks.check(partition, wanted.getInt("current_leader_epoch"));
                if (error != Errors.NONE) {
                    result.set("error_code", error.code());
                    continue;
                }
                boolean readCommitted = context.version() >= 2 && request.getByte("isolation_level") == 1;
                lookup(partition, wanted.getLong("timestamp"), readCommitted, result);
            }
        }
        responder.send(response);
    }

    private static void lookup(Partition partition, long timestamp, boolean readCommitted, Struct result) {
        result.set("leader_epoch", partition.leaderEpoch());
        long visibleEnd = readCommitted ? partition.log().lastStableOffset() : partition.highWatermark();
        if (timestamp == LATEST) {
            result.set("offset", visibleEnd).set("timestamp", -1L);
        } else if (timestamp == EARLIEST) {
            result.set("offset", partition.logStartOffset()).set("timestamp", -1L);
        } else {
            Optional<TimestampAndOffset> found = partition.log().offsetForTimestamp(timestamp);
            if (found.isPresent() && found.get().offset() < visibleEnd) {
                result.set("offset", found.get().offset()).set("timestamp", found.get().timestamp());
            } else {
                result.set("offset", -1L).set("timestamp", -1L);
            }
        }
    }

}
