package io.tributary.protocol.types;

/**
 * A nested struct that may be absent, encoded as Kafka's generated code does: one byte, -1 for null or
 * 1 for present, then the struct (e.g. DescribeTopicPartitions' cursor). Stateless and thread-safe.
 */
public final class NullableStruct extends Type {

    private final Schema schema;

    NullableStruct(Schema schema) {
        this.schema = schema;
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public Object read(ProtocolReader reader, short version, boolean flexible) {
        byte marker = reader.readByte();
        if (marker < 0) {
            return null;
        }
        if (marker != 1) {
            throw new MalformedMessageException("nullable struct marker " + marker);
        }
        return schema.read(reader, version, flexible);
    }

    @Override
    public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
        if (value == null) {
            writer.writeByte((byte) -1);
            return;
        }
        writer.writeByte((byte) 1);
        schema.write(writer, value, version, flexible);
    }

    @Override
    public int sizeOf(Object value, short version, boolean flexible) {
        return 1 + (value == null ? 0 : schema.sizeOf(value, version, flexible));
    }

    @Override
    public Object defaultValue() {
        return null;
    }

    @Override
    public boolean acceptsNull() {
        return true;
    }
}
