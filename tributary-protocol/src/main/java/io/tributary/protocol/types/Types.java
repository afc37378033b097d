package io.tributary.protocol.types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The primitive wire types of the Kafka protocol. */
public final class Types {

    private Types() {
    }

    public static final Type BOOLEAN = new FixedType(1, Boolean.FALSE) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return reader.readByte() != 0;
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            writer.writeByte((Boolean) value ? (byte) 1 : (byte) 0);
        }
    };

    public static final Type INT8 = new FixedType(1, (byte) 0) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return reader.readByte();
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            writer.writeByte(((Number) value).byteValue());
        }
    };

    public static final Type INT16 = new FixedType(2, (short) 0) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return reader.readShort();
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            writer.writeShort(((Number) value).shortValue());
        }
    };

    /** Unsigned 16-bit, held as an int. */
    public static final Type UINT16 = new FixedType(2, 0) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return reader.readShort() & 0xFFFF;
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            writer.writeShort((short) ((Number) value).intValue());
        }
    };

    public static final Type INT32 = new FixedType(4, 0) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return reader.readInt();
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            writer.writeInt(((Number) value).intValue());
        }
    };

    public static final Type INT64 = new FixedType(8, 0L) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return reader.readLong();
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            writer.writeLong(((Number) value).longValue());
        }
    };

    public static final Type FLOAT64 = new FixedType(8, 0.0d) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return reader.readDouble();
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            writer.writeDouble(((Number) value).doubleValue());
        }
    };

    /** 16 bytes; the all-zero UUID means "no id". */
    public static final Type UUID_TYPE = new FixedType(16, new UUID(0, 0)) {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            return new UUID(reader.readLong(), reader.readLong());
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            UUID uuid = (UUID) value;
            writer.writeLong(uuid.getMostSignificantBits());
            writer.writeLong(uuid.getLeastSignificantBits());
        }
    };

    /** UTF-8 text: int16 length (-1 null), or compact uvarint length+1 (0 null) when flexible. */
    public static final Type STRING = new Type() {
        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            int length = flexible ? reader.readUnsignedVarint() - 1 : reader.readShort();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > Short.MAX_VALUE) {
                throw new MalformedMessageException("string length " + length + " outside 0..32767");
            }
            return new String(reader.readArray(length), StandardCharsets.UTF_8);
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            if (value == null) {
                writeLength(writer, -1, flexible, true);
                return;
            }
            byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
            writeLength(writer, bytes.length, flexible, true);
            writer.writeBytes(bytes);
        }

        @Override
        public int sizeOf(Object value, short version, boolean flexible) {
            if (value == null) {
                return flexible ? 1 : 2;
            }
            int length = Utf8.encodedLength((String) value);
            return lengthSize(length, flexible, true) + length;
        }

        @Override
        public Object defaultValue() {
            return "";
        }

        @Override
        public boolean acceptsNull() {
            return true;
        }
    };

    /** Opaque bytes: int32 length (-1 null), or compact when flexible. Read as a zero-copy slice. */
    public static final Type BYTES = new BytesType(false);

    /** A record batch section; like nullable bytes, but may be written from an {@link ExternalPayload}. */
    public static final Type RECORDS = new BytesType(true);

    static void writeLength(ProtocolWriter writer, int length, boolean flexible, boolean shortLength) {
        if (flexible) {
            writer.writeUnsignedVarint(length + 1);
        } else if (shortLength) {
            writer.writeShort((short) length);
        } else {
            writer.writeInt(length);
        }
    }

    static int lengthSize(int length, boolean flexible, boolean shortLength) {
        if (flexible) {
            return VarInts.sizeOfUnsignedVarint(length + 1);
        }
        return shortLength ? 2 : 4;
    }

    private abstract static class FixedType extends Type {
        private final int size;
        private final Object defaultValue;

        FixedType(int size, Object defaultValue) {
            this.size = size;
            this.defaultValue = defaultValue;
        }

        @Override
        public int sizeOf(Object value, short version, boolean flexible) {
            return size;
        }

        @Override
        public Object defaultValue() {
            return defaultValue;
        }
    }

    private static final class BytesType extends Type {
        private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
        private final boolean records;

        BytesType(boolean records) {
            this.records = records;
        }

        @Override
        public Object read(ProtocolReader reader, short version, boolean flexible) {
            int length = flexible ? reader.readUnsignedVarint() - 1 : reader.readInt();
            if (length == -1) {
                return null;
            }
            if (length < 0) {
                throw new MalformedMessageException("negative length " + length);
            }
            return reader.readSlice(length);
        }

        @Override
        public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
            if (value == null) {
                writeLength(writer, -1, flexible, false);
            } else if (value instanceof ByteBuffer buffer) {
                writeLength(writer, buffer.remaining(), flexible, false);
                writer.writeBytes(buffer);
            } else if (value instanceof ExternalPayload payload) {
                writeLength(writer, payload.sizeInBytes(), flexible, false);
                writer.writeExternal(payload);
            } else {
                byte[] bytes = (byte[]) value;
                writeLength(writer, bytes.length, flexible, false);
                writer.writeBytes(bytes);
            }
        }

        @Override
        public int sizeOf(Object value, short version, boolean flexible) {
            int length;
            if (value == null) {
                length = -1;
            } else if (value instanceof ByteBuffer buffer) {
                length = buffer.remaining();
            } else if (value instanceof ExternalPayload payload) {
                length = payload.sizeInBytes();
            } else {
                length = ((byte[]) value).length;
            }
            return lengthSize(length, flexible, false) + Math.max(length, 0);
        }

        @Override
        public Object defaultValue() {
            return records ? null : EMPTY;
        }

        @Override
        public boolean acceptsNull() {
            return true;
        }
    }
}
