package io.tributary.storage;

import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.record.TimestampType;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.storage.config.LogConfig;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The checks a leader makes on a producer's records before they reach the log (Kafka's order): one v2
 * batch, base offset 0, size limits, CRC, offset delta vs record count, no control batch, sequence
 * present for idempotent producers, timestamps in range, and keys on compacted topics. Records are
 * decoded only when a rule needs them: an uncompressed batch is always parsed (cheap, and it proves the
 * structure), a compressed one only on a compacted topic. Stateless.
 */
final class AppendValidator {

    private AppendValidator() {
    }

    /** The single valid batch in {@code records}, or a {@link LogException} naming the rule broken. */
    static RecordBatch validate(ByteBuffer records, LogConfig config, long now) {
        RecordBatches batches = RecordBatches.of(records);
        List<RecordBatch> list = batches.toList();
        if (list.isEmpty()) {
            if (records.remaining() >= RecordBatch.HEADER_SIZE
                    && RecordBatch.at(records).magic() != RecordBatch.MAGIC) {
                throw invalid("Only magic v2 record batches are accepted");
            }
            throw new LogException(StorageError.CORRUPT_MESSAGE, "Records hold no whole batch ("
                    + records.remaining() + " bytes)");
        }
        RecordBatch batch = list.get(0);
        if (batch.magic() != RecordBatch.MAGIC) {
            throw invalid("Only magic v2 record batches are accepted, got magic " + batch.magic());
        }
        if (list.size() > 1 || batches.hasPartialTrailingBatch()) {
            throw invalid("A produce request must carry exactly one batch per partition");
        }
        if (batch.baseOffset() != 0) {
            throw invalid("A producer's batch must have base offset 0, not " + batch.baseOffset());
        }
        if (batch.sizeInBytes() > config.maxMessageBytes()) {
            throw new LogException(StorageError.MESSAGE_TOO_LARGE, "Batch of " + batch.sizeInBytes()
                    + " bytes exceeds max.message.bytes " + config.maxMessageBytes());
        }
        if (batch.sizeInBytes() > config.segmentBytes()) {
            throw new LogException(StorageError.RECORD_LIST_TOO_LARGE, "Batch of " + batch.sizeInBytes()
                    + " bytes exceeds segment.bytes " + config.segmentBytes());
        }
        if (!batch.isValid()) {
            throw new LogException(StorageError.CORRUPT_MESSAGE, "Batch CRC " + batch.crc()
                    + " does not match its content");
        }
        if (batch.recordCount() <= 0 || batch.lastOffsetDelta() + 1 != batch.recordCount()) {
            throw invalid("lastOffsetDelta " + batch.lastOffsetDelta() + " disagrees with record count "
                    + batch.recordCount());
        }
        if (batch.isControl()) {
            throw invalid("Producers may not write control batches");
        }
        if (batch.hasProducerId() && batch.baseSequence() < 0) {
            throw invalid("Idempotent batch of producer " + batch.producerId() + " has no sequence");
        }
        validateTimestamps(batch, config, now);
        if (batch.compressionType() == CompressionType.NONE || config.compact()) {
            validateRecords(batch, config);
        }
        return batch;
    }

    private static void validateTimestamps(RecordBatch batch, LogConfig config, long now) {
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            throw new LogException(StorageError.INVALID_TIMESTAMP, "Producers may not claim LogAppendTime");
        }
        if (config.timestampType() == TimestampType.LOG_APPEND_TIME) {
            return; // the broker's clock replaces whatever the producer sent
        }
        long latest = batch.maxTimestamp();
        if (latest > now && latest - now > config.timestampAfterMaxMs()) {
            throw new LogException(StorageError.INVALID_TIMESTAMP, "Timestamp " + latest + " is more than "
                    + config.timestampAfterMaxMs() + " ms in the future");
        }
        long earliest = batch.baseTimestamp();
        if (earliest >= 0 && earliest < now && now - earliest > config.timestampBeforeMaxMs()) {
            throw new LogException(StorageError.INVALID_TIMESTAMP, "Timestamp " + earliest + " is more than "
                    + config.timestampBeforeMaxMs() + " ms in the past");
        }
    }

    private static void validateRecords(RecordBatch batch, LogConfig config) {
        List<Record> records;
        try {
            records = batch.records();
        } catch (InvalidRecordException e) {
            throw new LogException(StorageError.CORRUPT_MESSAGE, e.getMessage(), e);
        }
        long expected = batch.baseOffset();
        for (Record record : records) {
            if (record.offset() != expected++) {
                throw invalid("Record offsets inside the batch are not consecutive");
            }
            if (config.compact() && !record.hasKey()) {
                throw invalid("Compacted topic received a record without a key at index "
                        + (record.offset() - batch.baseOffset()));
            }
        }
    }

    private static LogException invalid(String message) {
        return new LogException(StorageError.INVALID_RECORD, message);
    }
}
