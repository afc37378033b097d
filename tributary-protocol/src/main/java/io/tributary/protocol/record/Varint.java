package io.tributary.protocol.record;

import java.nio.ByteBuffer;

/**
 * Zig-zag variable-length integers as records use them (protobuf style: 7 bits per byte, low bits first,
 * high bit = more follows; signed values zig-zag mapped so small negatives stay short). Stateless.
 */
public final class Varint {

    private Varint() {
    }

    public static int readVarint(ByteBuffer buffer) {
        int raw = 0;
        int shift = 0;
        int b;
        do {
            if (shift > 28) {
                throw new InvalidRecordException("Varint is longer than 5 bytes");
            }
            b = buffer.get();
            raw |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static long readVarlong(ByteBuffer buffer) {
        long raw = 0;
        int shift = 0;
        long b;
        do {
            if (shift > 63) {
                throw new InvalidRecordException("Varlong is longer than 10 bytes");
            }
            b = buffer.get();
            raw |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static void writeVarint(int value, ByteBuffer buffer) {
        int raw = (value << 1) ^ (value >> 31);
        while ((raw & ~0x7f) != 0) {
            buffer.put((byte) ((raw & 0x7f) | 0x80));
            raw >>>= 7;
        }
        buffer.put((byte) raw);
    }

    public static void writeVarlong(long value, ByteBuffer buffer) {
        long raw = (value << 1) ^ (value >> 63);
        while ((raw & ~0x7fL) != 0) {
            buffer.put((byte) ((raw & 0x7f) | 0x80));
            raw >>>= 7;
        }
        buffer.put((byte) raw);
    }

    public static int sizeOfVarint(int value) {
        int raw = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((raw & ~0x7f) != 0) {
            bytes++;
            raw >>>= 7;
        }
        return bytes;
    }

    public static int sizeOfVarlong(long value) {
        long raw = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((raw & ~0x7fL) != 0) {
            bytes++;
            raw >>>= 7;
        }
        return bytes;
    }
}
