package io.tributary.broker.group;

import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.types.MalformedMessageException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The coordinator's records as magic-2 record batches, over the protocol module's shared batch code:
 * it writes uncompressed, non-transactional batches without headers, and reads any data batch
 * (compressed ones too, as a compacted or foreign log may hold). Stateless.
 */
final class OffsetsRecordBatch {

    private OffsetsRecordBatch() {
    }

    /** One record; a null value is a tombstone. */
    record KeyValue(byte[] key, byte[] value) {
    }

    /** Receives each record of a batch; the buffers are views valid only during the call. */
    @FunctionalInterface
    interface RecordVisitor {
        void record(ByteBuffer key, ByteBuffer value);
    }

    /** A batch at base offset 0 whose records all carry {@code timestampMs}. */
    static ByteBuffer build(long timestampMs, List<KeyValue> records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE);
        for (KeyValue record : records) {
            builder.append(timestampMs, record.key(), record.value());
        }
        return builder.build();
    }

    /** A batch of offsets committed in a transaction: transactional, with the producer's id and epoch. */
    static ByteBuffer buildTransactional(long timestampMs, long producerId, short producerEpoch, List<KeyValue> records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE)
                .producer(producerId, producerEpoch, 0)
                .transactional(true);
        for (KeyValue record : records) {
            builder.append(timestampMs, record.key(), record.value());
        }
        return builder.build();
    }

    /** Visits every data record of the batches in {@code buffer}, in order; control batches are skipped. */
    static void forEachRecord(ByteBuffer buffer, RecordVisitor visitor) {
        for (RecordBatch batch : RecordBatches.of(buffer.duplicate())) {
            if (batch.magic() != RecordBatch.MAGIC) {
                throw new MalformedMessageException("record batch magic " + batch.magic() + " in __consumer_offsets");
            }
            if (batch.isControl()) {
                continue;
            }
            for (Record record : batch.records()) {
                visitor.record(record.key(), record.value());
            }
        }
    }
}
