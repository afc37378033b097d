package io.tributary.protocol.types;

import java.nio.ByteBuffer;

/**
 * Reads protocol primitives from a buffer. Slices share the underlying memory (record batches are
 * never copied). Every malformed input surfaces as {@link MalformedMessageException}. Not thread-safe.
 */
public final class ProtocolReader {

    private final ByteBuffer buffer;

    public ProtocolReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int remaining() {
        return buffer.remaining();
    }

    public byte readByte() {
        ensure(1);
        return buffer.get();
    }

    public short readShort() {
        ensure(2);
        return buffer.getShort();
    }

    public int readInt() {
        ensure(4);
        return buffer.getInt();
    }

    public long readLong() {
        ensure(8);
        return buffer.getLong();
    }

    public double readDouble() {
        ensure(8);
        return buffer.getDouble();
    }

    public byte[] readArray(int length) {
        ensure(length);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** A view of the next {@code length} bytes; the position moves past them. */
    public ByteBuffer readSlice(int length) {
        ensure(length);
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return slice;
    }

    public void skip(int length) {
        ensure(length);
        buffer.position(buffer.position() + length);
    }

    public int readUnsignedVarint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedMessageException("unsigned varint longer than 5 bytes");
    }

    private void ensure(int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new MalformedMessageException("message truncated: needed " + length + " bytes, "
                    + buffer.remaining() + " left");
        }
    }

}
