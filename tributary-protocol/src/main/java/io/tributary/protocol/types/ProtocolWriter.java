package io.tributary.protocol.types;

import java.nio.ByteBuffer;

/** Where the codec writes a message: big-endian primitives plus zero-copy payloads. */
public interface ProtocolWriter {

    void writeByte(byte value);

    void writeShort(short value);

    void writeInt(int value);

    void writeLong(long value);

    void writeDouble(double value);

    void writeBytes(byte[] bytes);

    /** Writes the remaining bytes of the buffer without changing its position. */
    void writeBytes(ByteBuffer bytes);

    void writeExternal(ExternalPayload payload);

    default void writeUnsignedVarint(int value) {
        while ((value & 0xFFFFFF80) != 0) {
            writeByte((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        writeByte((byte) value);
    }
}
