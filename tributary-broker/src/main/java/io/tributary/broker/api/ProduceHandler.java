package io.tributary.broker.api;

import io.tributary.broker.metrics.TopicMetrics;
import io.tributary.broker.security.acl.AclOperation;
import io.netty.util.Timer;
import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.group.TopicIds;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.LogAppendInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends producers' batches to the partitions this broker leads. acks=0 gets no response (an
 * error closes the connection so the client refreshes metadata); acks=1 answers after the local
 * append; acks=all answers when the high watermark passes the batch, or REQUEST_TIMED_OUT. Each
 * partition entry marks its topic's BrokerTopicMetrics (requests, bytes and messages in, failures).
 */
public final class ProduceHandler implements RequestHandler {

    private static final UUID NO_ID = new UUID(0, 0);
    private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);

    private final ReplicaManager replicas;
    private final Function<String, Integer> minInsyncReplicas;
    private final Timer timer;
    private final TopicMetrics unhosted;
    /** Produce v13+ names topics by id. */
    private final TopicIds topicIds;

    public ProduceHandler(ReplicaManager replicas, Function<String, Integer> minInsyncReplicas, Timer timer,
                          TopicMetrics unhosted, TopicIds topicIds) {
        this.replicas = replicas;
        this.topicIds = topicIds;
        this.minInsyncReplicas = minInsyncReplicas;
        this.timer = timer;
        this.unhosted = unhosted;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        short acks = request.getShort("acks");
        Struct response = new Struct(context.api().spec().response());
        List<PendingAck> pending = new ArrayList<>();
        boolean anyError = false;
        String transactionalId = request.getString("transactional_id");
        boolean transactionAllowed = transactionalId == null || context.isAuthorized(AclOperation.WRITE,
                io.tributary.broker.security.acl.ResourceType.TRANSACTIONAL_ID, transactionalId);
        for (Struct topic : request.getStructs("topic_data")) {
            boolean byId = context.version() >= 13;
            UUID topicId = byId ? topic.getUuid("topic_id") : null;
            String name = byId ? topicIds.name(topicId) : topic.getString("name");
            Struct topicResponse = response.addChild("responses").set("name", name == null ? "" : name);
            if (byId) {
                topicResponse.set("topic_id", topicId);
            }
            // Kafka's checks: WRITE on the transactional id, if any, then WRITE on the topic.
            Errors denied = !transactionAllowed ? Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED
                    : name == null || context.isAuthorizedOnTopic(AclOperation.WRITE, name) ? Errors.NONE
                    : Errors.TOPIC_AUTHORIZATION_FAILED;
            for (Struct data : topic.getStructs("partition_data")) {
                int index = data.getInt("index");
                Struct result = topicResponse.addChild("partition_responses").set("index", index);
                TopicPartition tp = name == null ? null : new TopicPartition(name, index);
                Partition partition = tp == null ? null : replicas.partition(tp);
                TopicMetrics metrics = partition == null ? unhosted : partition.metrics();
                metrics.recordProduceRequest();
                ByteBuffer records = data.getBytes("records");
                int bytes = records == null ? 0 : records.remaining(); // read before the append moves the buffer
                try {
                    if (denied != Errors.NONE) {
                        throw new ApiException(denied, "Not authorized to write to " + name);
                    }
                    if (acks != 0 && acks != 1 && acks != -1) {
                        throw new ApiException(Errors.INVALID_REQUIRED_ACKS, "acks must be -1, 0 or 1");
                    }
                    if (name == null) {
                        throw new ApiException(Errors.UNKNOWN_TOPIC_ID, "No topic has id " + topicId);
                    }
                    if (byId && partition != null && !partition.topicId().equals(NO_ID)
                            && !partition.topicId().equals(topicId)) {
                        throw new ApiException(Errors.INCONSISTENT_TOPIC_ID, "The replica of " + tp
                                + " here belongs to topic id " + partition.topicId() + ", not " + topicId);
                    }
                    LogAppendInfo info = append(context, tp, partition, records, acks);
                    if (!info.duplicate()) {
                        metrics.recordAppend(bytes, info.recordCount());
                    }
                    result.set("base_offset", info.firstOffset())
                            .set("log_append_time_ms", info.logAppendTime())
                            .set("log_start_offset", info.logStartOffset());
                    if (acks == -1) {
                        pending.add(new PendingAck(partition, info.lastOffset() + 1, result));
                    }
                } catch (ApiException e) {
                    anyError = true;
                    metrics.recordFailedProduce(bytes);
                    result.set("error_code", e.error().code()).set("base_offset", -1L)
                            .set("error_message", e.getMessage());
                } catch (RuntimeException e) {
                    // A defect, not the client's fault: this partition is answered, the others go on.
                    log.warn("Produce to {}-{} failed unexpectedly", name, index, e);
                    anyError = true;
                    result.set("error_code", Errors.UNKNOWN_SERVER_ERROR.code()).set("base_offset", -1L)
                            .set("error_message", e.toString());
                }
            }
        }
        if (acks == 0) {
            if (anyError) {
                responder.closeConnection("produce with acks=0 failed");
            } else {
                responder.noResponse();
            }
            return;
        }
        if (pending.isEmpty()) {
            responder.send(response);
            return;
        }
        new DelayedProduce(pending, request.getInt("timeout_ms"), response, responder, minInsyncReplicas, timer).start();
    }

    private LogAppendInfo append(RequestContext context, TopicPartition tp, Partition partition, ByteBuffer records,
                                 short acks) {
        if (TopicNames.isInternal(tp.topic())) {
            throw new ApiException(Errors.INVALID_TOPIC_EXCEPTION, "Cannot append to internal topic " + tp.topic());
        }
        if (partition == null) {
            throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host " + tp);
        }
        if (records == null || records.remaining() < RecordBatch.HEADER_SIZE) {
            throw new ApiException(Errors.INVALID_RECORD, "No record batch in the request for " + tp);
        }
        RecordBatch batch = new RecordBatch(records, records.position());
        if (batch.magic() < 2) {
            throw new ApiException(Errors.INVALID_RECORD, "Only record batches of magic 2 are accepted");
        }
        if (!CompressionType.isKnownId(batch.compressionId())) {
            throw new ApiException(Errors.UNSUPPORTED_COMPRESSION_TYPE, "Compression codec id "
                    + batch.compressionId() + " names no codec");
        }
        if (batch.compressionType() == CompressionType.ZSTD && context.version() < 7) {
            throw new ApiException(Errors.UNSUPPORTED_COMPRESSION_TYPE, "zstd needs Produce v7 or later");
        }
        return partition.appendAsLeader(records, acks, minInsyncReplicas.apply(tp.topic()));
    }

    /** One acks=all partition waiting for its high watermark to pass {@code requiredOffset}. */
    record PendingAck(Partition partition, long requiredOffset, Struct result) {
    }

}
