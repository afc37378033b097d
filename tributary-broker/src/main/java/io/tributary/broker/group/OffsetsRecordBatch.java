package io.tributary.broker.group;

import io.tributary.protocol.types.MalformedMessageException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Just enough of the magic-2 record batch format to write and read the coordinator's own records:
 * uncompressed, non-transactional, no headers. Stays until the protocol module's batch builder and
 * reader are available. Stateless.
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

    private static final int HEADER_SIZE = 61;
    private static final int LENGTH_OFFSET = 8;
    private static final int MAGIC_OFFSET = 16;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int RECORDS_COUNT_OFFSET = 57;
    private static final short COMPRESSION_MASK = 0x07;
    private static final short CONTROL_FLAG = 0x20;

    /** A batch at base offset 0 whose records all carry {@code timestampMs}. */
    static ByteBuffer build(long timestampMs, List<KeyValue> records) {
        int size = HEADER_SIZE;
        for (int i = 0; i < records.size(); i++) {
            int body = recordBodySize(records.get(i), i);
            size += sizeOfVarint(body) + body;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(0L);                         // base offset, assigned by the log
        buffer.putInt(size - 12);                   // batch length after this field
        buffer.putInt(-1);                          // partition leader epoch, assigned by the log
        buffer.put((byte) 2);                       // magic
        buffer.putInt(0);                           // crc, filled below
        buffer.putShort((short) 0);                 // attributes: no compression, create time
        buffer.putInt(records.size() - 1);          // last offset delta
        buffer.putLong(timestampMs);                // base timestamp
        buffer.putLong(timestampMs);                // max timestamp
        buffer.putLong(-1L);                        // producer id
        buffer.putShort((short) -1);                // producer epoch
        buffer.putInt(-1);                          // base sequence
        buffer.putInt(records.size());
        for (int i = 0; i < records.size(); i++) {
            KeyValue record = records.get(i);
            putVarint(buffer, recordBodySize(record, i));
            buffer.put((byte) 0);                   // attributes
            putVarint(buffer, 0);                   // timestamp delta
            putVarint(buffer, i);                   // offset delta
            putBytes(buffer, record.key());
            putBytes(buffer, record.value());
            putVarint(buffer, 0);                   // headers
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), ATTRIBUTES_OFFSET, size - ATTRIBUTES_OFFSET);
        buffer.putInt(CRC_OFFSET, (int) crc.getValue());
        return buffer.flip();
    }

    /**
     * Visits every data record of the batches in {@code buffer}, in order. Control batches are
     * skipped; a compressed or non-magic-2 batch is refused since the coordinator never writes one.
     */
    static void forEachRecord(ByteBuffer buffer, RecordVisitor visitor) {
        ByteBuffer batches = buffer.duplicate();
        while (batches.remaining() >= HEADER_SIZE) {
            int start = batches.position();
            int batchSize = batches.getInt(start + LENGTH_OFFSET) + 12;
            if (batchSize < HEADER_SIZE || batchSize > batches.remaining()) {
                throw new MalformedMessageException("truncated record batch in __consumer_offsets");
            }
            ByteBuffer batch = batches.slice(start, batchSize);
            batches.position(start + batchSize);
            if (batch.get(MAGIC_OFFSET) != 2) {
                throw new MalformedMessageException("record batch magic " + batch.get(MAGIC_OFFSET) + " in __consumer_offsets");
            }
            short attributes = batch.getShort(ATTRIBUTES_OFFSET);
            if ((attributes & CONTROL_FLAG) != 0) {
                continue;
            }
            if ((attributes & COMPRESSION_MASK) != 0) {
                throw new MalformedMessageException("compressed record batch in __consumer_offsets");
            }
            int count = batch.getInt(RECORDS_COUNT_OFFSET);
            batch.position(HEADER_SIZE);
            for (int i = 0; i < count; i++) {
                int length = readVarint(batch);
                int next = batch.position() + length;
                batch.get();                        // attributes
                readVarlong(batch);                 // timestamp delta
                readVarint(batch);                  // offset delta
                ByteBuffer key = readBytes(batch);
                ByteBuffer value = readBytes(batch);
                visitor.record(key, value);
                batch.position(next);
            }
        }
    }

    private static int recordBodySize(KeyValue record, int offsetDelta) {
        return 1 + 1 + sizeOfVarint(offsetDelta) + sizeOfBytes(record.key()) + sizeOfBytes(record.value()) + 1;
    }

    private static int sizeOfBytes(byte[] bytes) {
        return bytes == null ? 1 : sizeOfVarint(bytes.length) + bytes.length;
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            putVarint(buffer, -1);
        } else {
            putVarint(buffer, bytes.length);
            buffer.put(bytes);
        }
    }

    private static ByteBuffer readBytes(ByteBuffer buffer) {
        int length = readVarint(buffer);
        if (length < 0) {
            return null;
        }
        ByteBuffer bytes = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return bytes;
    }

    private static int sizeOfVarint(int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        int size = 1;
        while ((zigzag & 0xFFFFFF80) != 0) {
            size++;
            zigzag >>>= 7;
        }
        return size;
    }

    private static void putVarint(ByteBuffer buffer, int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & 0xFFFFFF80) != 0) {
            buffer.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        buffer.put((byte) zigzag);
    }

    private static int readVarint(ByteBuffer buffer) {
        return (int) readVarlong(buffer);
    }

    private static long readVarlong(ByteBuffer buffer) {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException("varint longer than 10 bytes");
    }
}
