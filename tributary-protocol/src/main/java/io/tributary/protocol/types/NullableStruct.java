package io.tributary.protocol.types;

/**
 * A struct field that may be null (the schema language's nullable struct): an int8 marker, -1 for
 * null or 1 for present, then the struct. Stateless and thread-safe, like every {@link Type}.
 */
public final class NullableStruct extends Type {

    private final Schema schema;

    public NullableStruct(Schema schema) {
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

    @Override
    public String toString() {
        return schema + "?";
    }
}
