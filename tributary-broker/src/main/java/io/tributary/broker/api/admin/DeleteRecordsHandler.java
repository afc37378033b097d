package io.tributary.broker.api.admin;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.LogException;

/**
 * DeleteRecords: on the leader, moves a partition's log start offset up to the requested offset (-1
 * meaning the high watermark) and answers the new start as the low watermark. Whole segments below it
 * are deleted; followers drop theirs when they next fetch from the new start. Stateless.
 */
public final class DeleteRecordsHandler implements RequestHandler {

    /** The offset a client sends to mean "everything up to the high watermark". */
    private static final long HIGH_WATERMARK = -1L;

    private final ReplicaManager replicas;

    public DeleteRecordsHandler(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("name");
            Struct topicResult = response.addChild("topics").set("name", name);
            boolean allowed = context.isAuthorizedOnTopic(AclOperation.DELETE, name);
            for (Struct wanted : topic.getStructs("partitions")) {
                int index = wanted.getInt("partition_index");
                Struct result = topicResult.addChild("partitions").set("partition_index", index).set("low_watermark", -1L);
                if (!allowed) {
                    result.set("error_code", Errors.TOPIC_AUTHORIZATION_FAILED.code());
                    continue;
                }
                deleteBefore(replicas.partition(new TopicPartition(name, index)), wanted.getLong("offset"), result);
            }
        }
        responder.send(response);
    }

    private static void deleteBefore(Partition partition, long offset, Struct result) {
        Errors error = io.tributary.broker.api.LeaderChecks.check(partition, -1);
        if (error != Errors.NONE) {
            result.set("error_code", error.code());
            return;
        }
        long upTo = offset == HIGH_WATERMARK ? partition.highWatermark() : offset;
        try {
            result.set("low_watermark", partition.log().deleteRecordsBefore(upTo));
        } catch (LogException e) {
            result.set("error_code", Errors.forCode(e.error().kafkaCode).code());
        }
    }
}
