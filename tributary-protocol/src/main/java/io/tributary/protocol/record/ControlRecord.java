package io.tributary.protocol.record;

import io.tributary.protocol.compress.CompressionType;
import java.nio.ByteBuffer;

/**
 * The one record of a control batch, in Kafka's format: key {@code int16 version (0), int16 type} (0 ABORT,
 * 1 COMMIT), value for transaction markers {@code int16 version (0), int32 coordinatorEpoch}
 * (EndTxnMarker). Control batches are transactional, carry the producer's id and epoch, and no sequence.
 * Stateless.
 */
public final class ControlRecord {

    /** The kinds of transaction marker. */
    public enum Type {
        ABORT((short) 0), COMMIT((short) 1);

        public final short code;

        Type(short code) {
            this.code = code;
        }

        public static Type of(boolean commit) {
            return commit ? COMMIT : ABORT;
        }
    }

    private ControlRecord() {
    }

    /** A whole marker batch (base offset 0) for the partition leader to append. */
    public static ByteBuffer markerBatch(long producerId, short producerEpoch, int coordinatorEpoch, Type type,
                                         long timestamp) {
        byte[] key = ByteBuffer.allocate(4).putShort((short) 0).putShort(type.code).array();
        byte[] value = ByteBuffer.allocate(6).putShort((short) 0).putInt(coordinatorEpoch).array();
        return new RecordBatchBuilder(CompressionType.NONE)
                .producer(producerId, producerEpoch, RecordBatch.NO_SEQUENCE)
                .transactional(true)
                .control(true)
                .append(timestamp, key, value)
                .build();
    }

    /** The marker type of a whole (not header-only) control batch, or null when it is not a marker. */
    public static Type typeOf(RecordBatch controlBatch) {
        Record first = controlBatch.records().get(0);
        ByteBuffer key = first.key();
        if (key == null || key.remaining() < 4) {
            return null;
        }
        short type = key.getShort(key.position() + 2);
        return type == 0 ? Type.ABORT : type == 1 ? Type.COMMIT : null;
    }

    /** The coordinator epoch in a marker's value, or -1 when absent. */
    public static int coordinatorEpochOf(RecordBatch controlBatch) {
        ByteBuffer value = controlBatch.records().get(0).value();
        return value == null || value.remaining() < 6 ? -1 : value.getInt(value.position() + 2);
    }
}
