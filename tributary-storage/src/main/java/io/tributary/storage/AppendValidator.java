package io.tributary.storage;

import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.record.TimestampType;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.storage.config.LogConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The checks a leader makes on a producer's records before they reach the log (Kafka's order): one v2
 * batch, base offset 0, size limits, CRC, offset delta vs record count, no control batch, sequence
 * present for idempotent producers, timestamps in range, and keys on compacted topics. Records are
 * walked in place, never decoded into objects: an uncompressed batch always (cheap, and it proves the
 * structure), a compressed one only on a compacted topic, where keys must be checked. Stateless.
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
        boolean compact = config.compact();
        if (batch.compressionType() == CompressionType.NONE || compact) {
            RecordsWalk walk = validateRecords(batch, compact);
            if (config.timestampType() == TimestampType.CREATE_TIME && batch.baseTimestamp() >= 0) {
                // Each record's own timestamp, not only the header's range (the producer sets both).
                checkTimestampRange(batch.baseTimestamp() + walk.minTimestampDelta(),
                        batch.baseTimestamp() + walk.maxTimestampDelta(), config, now);
            }
        }
        return batch;
    }

    private static void validateTimestamps(RecordBatch batch, LogConfig config, long now) {
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            throw new LogException(StorageError.INVALID_TIMESTAMP, "Producers may not claim LogAppendTime");
        }
        if (config.timestampType() == TimestampType.CREATE_TIME) {
            checkTimestampRange(batch.baseTimestamp(), batch.maxTimestamp(), config, now);
        }
    }

    /**
     * CreateTime timestamps within [now - before.max, now + after.max]; {@code earliest} below zero (no
     * timestamp) is not checked. With LogAppendTime the broker's clock replaces whatever the producer sent.
     */
    private static void checkTimestampRange(long earliest, long latest, LogConfig config, long now) {
        if (latest > now && latest - now > config.timestampAfterMaxMs()) {
            throw new LogException(StorageError.INVALID_TIMESTAMP, "Timestamp " + latest + " is more than "
                    + config.timestampAfterMaxMs() + " ms in the future");
        }
        if (earliest >= 0 && earliest < now && now - earliest > config.timestampBeforeMaxMs()) {
            throw new LogException(StorageError.INVALID_TIMESTAMP, "Timestamp " + earliest + " is more than "
                    + config.timestampBeforeMaxMs() + " ms in the past");
        }
    }

    /**
     * Walks the records in place (see {@link RecordsWalk}); a compressed batch, checked only on compacted
     * topics, is first decompressed into one heap buffer.
     */
    private static RecordsWalk validateRecords(RecordBatch batch, boolean keysRequired) {
        ByteBuffer bytes = batch.slice();
        if (batch.compressionType() == CompressionType.NONE) {
            return RecordsWalk.check(bytes, RecordBatch.HEADER_SIZE, bytes.limit(), batch.recordCount(),
                    keysRequired);
        }
        ByteBuffer records = decompress(batch.compressionType(), bytes.position(RecordBatch.HEADER_SIZE));
        return RecordsWalk.check(records, 0, records.limit(), batch.recordCount(), keysRequired);
    }

    private static ByteBuffer decompress(CompressionType type, ByteBuffer section) {
        byte[] compressed = new byte[section.remaining()];
        section.get(compressed);
        try (InputStream in = type.wrapForInput(new ByteArrayInputStream(compressed))) {
            return ByteBuffer.wrap(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            throw new LogException(StorageError.CORRUPT_MESSAGE, "Cannot decompress " + type.name + " batch", e);
        }
    }

    private static LogException invalid(String message) {
        return new LogException(StorageError.INVALID_RECORD, message);
    }
}
