package io.tributary.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/**
 * Record batches as the real Kafka producer writes them: kafka-clients' own {@link MemoryRecordsBuilder},
 * magic v2, uncompressed, 100-byte random values without keys (the comparison harness's workload), filled
 * until the next record would not fit the target size, exactly as the producer fills a {@code batch.size}
 * buffer. Not idempotent (no producer id), so repeated appends of one batch are never de-duplicated.
 */
final class ProducerBatches {

    static final int RECORD_BYTES = 100;

    private static final Header[] NO_HEADERS = new Header[0];

    private ProducerBatches() {
    }

    /** One batch of at most {@code targetBytes}, base offset 0, as a heap buffer holding exactly the batch. */
    static ByteBuffer batch(int targetBytes, long seed) {
        return batch(targetBytes, seed, Compression.NONE);
    }

    /**
     * As {@link #batch(int, long)} with {@code compression}; a compressed batch's values are drawn from 16
     * letters (about 2:1, like text), since random bytes would not compress at all.
     */
    static ByteBuffer batch(int targetBytes, long seed, Compression compression) {
        Random random = new Random(seed);
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(targetBytes), RecordBatch.MAGIC_VALUE_V2,
                compression, TimestampType.CREATE_TIME, 0L);
        long timestamp = 1_700_000_000_000L;
        byte[] value = new byte[RECORD_BYTES];
        random.nextBytes(value);
        if (compression.type() != org.apache.kafka.common.record.CompressionType.NONE) {
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) ('a' + (value[i] & 0x0f));
            }
        }
        while (builder.hasRoomFor(timestamp, (byte[]) null, value, NO_HEADERS)) {
            builder.append(timestamp++, null, value.clone());
        }
        ByteBuffer built = builder.build().buffer();
        ByteBuffer exact = ByteBuffer.allocate(built.remaining());
        exact.put(built).flip();
        return exact;
    }

    /**
     * {@code batch} as the producer sent it, ready to append again: the log stamped its base offset in place
     * on the previous append, and that field is outside the CRC, so restoring 0 is all it takes.
     */
    static ByteBuffer asSent(ByteBuffer batch) {
        batch.putLong(batch.position(), 0L);
        return batch.duplicate();
    }

    /** The same batch copied into a direct buffer, as batches arrive from a socket. */
    static ByteBuffer directBatch(int targetBytes, long seed) {
        return directBatch(targetBytes, seed, Compression.NONE);
    }

    /** As {@link #directBatch(int, long)} with {@code compression}. */
    static ByteBuffer directBatch(int targetBytes, long seed, Compression compression) {
        ByteBuffer heap = batch(targetBytes, seed, compression);
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap).flip();
        return direct;
    }
}
