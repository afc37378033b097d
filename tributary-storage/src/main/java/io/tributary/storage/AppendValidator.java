package io.tributary.storage;

import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.record.TimestampType;
import io.tributary.protocol.compress.BoundedDecompression;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The checks a leader makes on a producer's records before they reach the log (Kafka's order): one v2
 * batch, base offset 0, size limits, CRC, offset delta vs record count, no control batch, sequence
 * present for idempotent producers, timestamps in range, and keys on compacted topics. Records are
 * walked, never decoded into objects: an uncompressed batch in place, a compressed one as it streams out
 * of its codec (as Kafka does), so a batch whose records lie about their lengths or count is refused
 * whatever its codec.
 *
 * <p>Decompression is bounded by design: the stream may yield at most {@link #decompressionLimit} bytes,
 * and nothing is sized from a length the producer wrote, so a decompression bomb costs bounded CPU, a
 * fixed window of memory and an INVALID_RECORD answer. Stateless.
 */
final class AppendValidator {

    /**
     * The most a compressed batch may inflate to, as a multiple of max.message.bytes. Real producers' data
     * compresses 2-10 times; a batch that inflates further than this is treated as a bomb.
     */
    static final int MAX_INFLATION_RATIO = 64;

    private AppendValidator() {
    }

    /**
     * The most decompressed bytes a compressed batch of {@code recordCount} records may hold: each record
     * at most {@code maxMessageBytes} (a producer refuses a record larger than its request limit before
     * compressing it), and the whole at most {@link #MAX_INFLATION_RATIO} times {@code maxMessageBytes}.
     */
    static long decompressionLimit(int recordCount, int maxMessageBytes) {
        return Math.min((long) Math.max(recordCount, 1) * maxMessageBytes, (long) MAX_INFLATION_RATIO * maxMessageBytes);
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
        if (!CompressionType.isKnownId(batch.compressionId())) {
            throw new LogException(StorageError.UNSUPPORTED_COMPRESSION_TYPE, "Compression codec id "
                    + batch.compressionId() + " names no codec");
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
        RecordsWalk walk = validateRecords(batch, config);
        if (config.timestampType() == TimestampType.CREATE_TIME && batch.baseTimestamp() >= 0) {
            // Each record's own timestamp, not only the header's range (the producer sets both).
            checkTimestampRange(batch.baseTimestamp() + walk.minTimestampDelta(),
                    batch.baseTimestamp() + walk.maxTimestampDelta(), config, now);
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
     * Walks the records (see {@link RecordsWalk}): in place when uncompressed, else streamed through a
     * decompressor capped at {@link #decompressionLimit}.
     */
    private static RecordsWalk validateRecords(RecordBatch batch, LogConfig config) {
        ByteBuffer bytes = batch.slice();
        boolean keysRequired = config.compact();
        CompressionType type = batch.compressionType();
        if (type == CompressionType.NONE) {
            return RecordsWalk.check(bytes, RecordBatch.HEADER_SIZE, bytes.limit(), batch.recordCount(),
                    keysRequired);
        }
        long limit = decompressionLimit(batch.recordCount(), config.maxMessageBytes());
        try (InputStream in = BoundedDecompression.open(type, bytes.position(RecordBatch.HEADER_SIZE), limit)) {
            return RecordsWalk.checkStream(in, limit, batch.recordCount(), keysRequired);
        } catch (IOException | RuntimeException e) {
            if (e instanceof LogException logException) {
                throw logException;
            }
            throw invalid("Cannot decompress " + type.name + " batch: " + e);
        }
    }

    private static LogException invalid(String message) {
        return new LogException(StorageError.INVALID_RECORD, message);
    }
}
