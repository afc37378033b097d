package io.tributary.broker.txn;

import io.tributary.broker.group.OffsetsTopic;
import io.tributary.common.Time;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes transaction state to {@code __transaction_state} and reads a partition back: one record per
 * change, keyed by transactional id, so compaction keeps the latest. Errors of the write come back as the
 * codes Kafka's coordinator answers with (NOT_COORDINATOR when leadership moved, COORDINATOR_NOT_AVAILABLE
 * when the write could not be replicated). Thread-safe (stateless apart from its collaborators).
 */
final class TxnStateStore {

    private final OffsetsTopic topic;
    private final Time time;

    TxnStateStore(OffsetsTopic topic, Time time) {
        this.topic = topic;
        this.time = time;
    }

    /** Completes with NONE once the record is replicated, else with the error the client should get. */
    CompletableFuture<Errors> write(int partition, String transactionalId, TxnMetadata.Transition value) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE)
                .append(time.milliseconds(), TxnLogRecords.key(transactionalId),
                        value == null ? null : TxnLogRecords.value(value));
        CompletableFuture<Long> appended;
        try {
            appended = topic.append(partition, builder.build());
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        return appended.handle((offset, failure) -> failure == null ? Errors.NONE : errorFor(failure));
    }

    private static Errors errorFor(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return switch (api.error()) {
                case NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION -> Errors.NOT_COORDINATOR;
                case NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT -> Errors.COORDINATOR_NOT_AVAILABLE;
                default -> Errors.UNKNOWN_SERVER_ERROR;
            };
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** The latest state of every transactional id in the partition; ids whose last record is a tombstone are absent. */
    Map<String, TxnMetadata.Transition> load(int partition) {
        Map<String, TxnMetadata.Transition> latest = new LinkedHashMap<>();
        topic.readAll(partition, buffer -> {
            for (RecordBatch batch : RecordBatches.of(buffer.duplicate())) {
                if (batch.isControl()) {
                    continue;
                }
                for (Record record : batch.records()) {
                    if (record.key() == null) {
                        continue;
                    }
                    TxnLogRecords.Decoded decoded = TxnLogRecords.decode(record.key(), record.value());
                    if (decoded == null) {
                        continue;
                    }
                    if (decoded.value() == null || decoded.value().state() == TxnState.DEAD) {
                        latest.remove(decoded.transactionalId());
                    } else {
                        latest.put(decoded.transactionalId(), decoded.value());
                    }
                }
            }
        });
        return latest;
    }
}
