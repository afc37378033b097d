package io.tributary.storage;

import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.TimestampType;

/** Producer-style batches for tests, built by kafka-clients so they are exactly what a client sends. */
final class Batches {

    private Batches() {
    }

    static ByteBuffer kafka(int records, long timestamp, String valuePrefix) {
        return idempotent(-1L, (short) -1, -1, records, timestamp, valuePrefix);
    }

    static ByteBuffer idempotent(long producerId, short epoch, int baseSequence, int records, long timestamp,
                                 String valuePrefix) {
        ByteBuffer buffer = ByteBuffer.allocate(1024 + records * (valuePrefix.length() + 64));
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, (byte) 2, Compression.NONE,
                TimestampType.CREATE_TIME, 0L, -1L, producerId, epoch, baseSequence, false, -1);
        for (int i = 0; i < records; i++) {
            builder.append(timestamp, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    (valuePrefix + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build().buffer();
    }

    static ByteBuffer transactional(long producerId, short epoch, int baseSequence, int records, long timestamp,
                                    String valuePrefix) {
        ByteBuffer buffer = ByteBuffer.allocate(1024 + records * (valuePrefix.length() + 64));
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, (byte) 2, Compression.NONE,
                TimestampType.CREATE_TIME, 0L, -1L, producerId, epoch, baseSequence, true, -1);
        for (int i = 0; i < records; i++) {
            builder.append(timestamp, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    (valuePrefix + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build().buffer();
    }

    static ByteBuffer keyed(String key, String value, long timestamp) {
        return new RecordBatchBuilder(CompressionType.NONE)
                .append(timestamp, key.getBytes(StandardCharsets.UTF_8),
                        value == null ? null : value.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
