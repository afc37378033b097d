package io.tributary.protocol.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One decoded v2 record with its absolute offset and timestamp. Key and value are read-only views into
 * the buffer the record was parsed from (null when absent); they stay valid as long as that buffer is.
 * Immutable.
 */
public final class Record {

    private final long offset;
    private final long timestamp;
    private final ByteBuffer key;
    private final ByteBuffer value;
    private final List<Header> headers;

    public Record(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = List.copyOf(headers);
    }

    /**
     * Parses the record starting at {@code buffer}'s position and advances past it.
     *
     * @param logAppendTime when the batch uses LogAppendTime, its maxTimestamp, which every record takes;
     *                      otherwise -1 and the record's own delta applies
     */
    public static Record readFrom(ByteBuffer buffer, long baseOffset, long baseTimestamp, long logAppendTime) {
        try {
            int length = Varint.readVarint(buffer);
            if (length < 0 || length > buffer.remaining()) {
                throw new InvalidRecordException("Record length " + length + " exceeds the "
                        + buffer.remaining() + " bytes left in the batch");
            }
            int end = buffer.position() + length;
            buffer.get(); // attributes: unused in v2
            long timestampDelta = Varint.readVarlong(buffer);
            int offsetDelta = Varint.readVarint(buffer);
            ByteBuffer key = readBytes(buffer, Varint.readVarint(buffer));
            ByteBuffer value = readBytes(buffer, Varint.readVarint(buffer));
            int headerCount = Varint.readVarint(buffer);
            if (headerCount < 0) {
                throw new InvalidRecordException("Negative header count " + headerCount);
            }
            Header[] headers = new Header[headerCount];
            for (int i = 0; i < headerCount; i++) {
                int keyLength = Varint.readVarint(buffer);
                if (keyLength < 0) {
                    throw new InvalidRecordException("Null header key");
                }
                ByteBuffer headerKey = readBytes(buffer, keyLength);
                ByteBuffer headerValue = readBytes(buffer, Varint.readVarint(buffer));
                headers[i] = new Header(StandardCharsets.UTF_8.decode(headerKey).toString(), toArray(headerValue));
            }
            if (buffer.position() != end) {
                throw new InvalidRecordException("Record length " + length + " disagrees with its fields");
            }
            long timestamp = logAppendTime >= 0 ? logAppendTime : baseTimestamp + timestampDelta;
            return new Record(baseOffset + offsetDelta, timestamp, key, value, List.of(headers));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new InvalidRecordException("Record is truncated or malformed", e);
        }
    }

    private static ByteBuffer readBytes(ByteBuffer buffer, int length) {
        if (length < 0) {
            return null;
        }
        if (length > buffer.remaining()) {
            throw new InvalidRecordException("Field length " + length + " exceeds the record");
        }
        ByteBuffer slice = buffer.slice(buffer.position(), length).asReadOnlyBuffer();
        buffer.position(buffer.position() + length);
        return slice;
    }

    static byte[] toArray(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    /** A fresh read-only view of the key, or null. */
    public ByteBuffer key() {
        return key == null ? null : key.duplicate();
    }

    /** A fresh read-only view of the value, or null for a tombstone. */
    public ByteBuffer value() {
        return value == null ? null : value.duplicate();
    }

    public boolean hasKey() {
        return key != null;
    }

    public boolean hasValue() {
        return value != null;
    }

    /** A copy of the key bytes, or null. */
    public byte[] keyBytes() {
        return toArray(key);
    }

    /** A copy of the value bytes, or null. */
    public byte[] valueBytes() {
        return toArray(value);
    }

    public List<Header> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key="
                + (key == null ? "null" : key.remaining() + "B") + ", value="
                + (value == null ? "null" : value.remaining() + "B") + ", headers=" + headers.size() + ")";
    }
}
