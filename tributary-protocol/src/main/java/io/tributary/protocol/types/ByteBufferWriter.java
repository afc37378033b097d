package io.tributary.protocol.types;

import java.nio.ByteBuffer;

/**
 * Writes into a heap buffer of known size. External payloads are accepted only when they can
 * present themselves as bytes ({@link ByteBufferPayload}). Not thread-safe.
 */
public final class ByteBufferWriter implements ProtocolWriter {

    private final ByteBuffer buffer;

    public ByteBufferWriter(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public void writeByte(byte value) {
        buffer.put(value);
    }

    @Override
    public void writeShort(short value) {
        buffer.putShort(value);
    }

    @Override
    public void writeInt(int value) {
        buffer.putInt(value);
    }

    @Override
    public void writeLong(long value) {
        buffer.putLong(value);
    }

    @Override
    public void writeDouble(double value) {
        buffer.putDouble(value);
    }

    @Override
    public void writeBytes(byte[] bytes) {
        buffer.put(bytes);
    }

    @Override
    public void writeBytes(ByteBuffer bytes) {
        buffer.put(bytes.duplicate());
    }

    @Override
    public void writeExternal(ExternalPayload payload) {
        if (!(payload instanceof ByteBufferPayload bytes)) {
            throw new IllegalArgumentException("cannot copy " + payload.getClass().getSimpleName() + " into a heap buffer");
        }
        writeBytes(bytes.buffer());
    }
}
