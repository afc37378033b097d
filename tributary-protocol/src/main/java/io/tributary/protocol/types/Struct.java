package io.tributary.protocol.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The value of one message (or nested struct) in a given schema: one slot per field, holding
 * boxed primitives, String, ByteBuffer, UUID, {@code List} or nested Struct. Fields the version
 * lacks keep their defaults. Not thread-safe; a request's struct belongs to the thread handling it.
 */
public final class Struct {

    private final Schema schema;
    private final Object[] values;

    public Struct(Schema schema) {
        this.schema = schema;
        this.values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = schema.fieldAt(i).newDefault();
        }
    }

    public Schema schema() {
        return schema;
    }

    Object get(int index) {
        return values[index];
    }

    void set(int index, Object value) {
        values[index] = value;
    }

    public Object get(String name) {
        return values[index(name)];
    }

    public Struct set(String name, Object value) {
        values[index(name)] = value;
        return this;
    }

    public boolean hasField(String name) {
        return schema.indexOf(name) >= 0;
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    public byte getByte(String name) {
        return ((Number) get(name)).byteValue();
    }

    public short getShort(String name) {
        return ((Number) get(name)).shortValue();
    }

    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    public long getLong(String name) {
        return ((Number) get(name)).longValue();
    }

    public String getString(String name) {
        return (String) get(name);
    }

    public UUID getUuid(String name) {
        return (UUID) get(name);
    }

    /** Bytes or records as read: a zero-copy slice of the request, or null. */
    public ByteBuffer getBytes(String name) {
        return (ByteBuffer) get(name);
    }

    public Struct getStruct(String name) {
        return (Struct) get(name);
    }

    /** The elements of an array field (structs or boxed primitives), or null for a null array. */
    @SuppressWarnings("unchecked")
    public <T> List<T> getList(String name) {
        return (List<T>) get(name);
    }

    public List<Struct> getStructs(String name) {
        return getList(name);
    }

    /**
     * Appends a new element, with default values, to an array-of-structs field and returns it:
     * the way responses are built.
     */
    public Struct addChild(String arrayField) {
        Field field = schema.field(arrayField);
        if (!(field.type() instanceof ArrayOf array) || !(array.elementType() instanceof Schema elementSchema)) {
            throw new IllegalArgumentException(arrayField + " is not an array of structs");
        }
        List<Object> list = getList(arrayField);
        if (list == null) {
            list = new ArrayList<>();
            set(arrayField, list);
        }
        Struct child = new Struct(elementSchema);
        list.add(child);
        return child;
    }

    /** A new struct for a nested (non-array) struct field, set as its value. */
    public Struct newStruct(String structField) {
        Field field = schema.field(structField);
        Schema nested = field.type() instanceof Schema plain ? plain
                : field.type() instanceof NullableStruct nullable ? nullable.schema() : null;
        if (nested == null) {
            throw new IllegalArgumentException(structField + " is not a struct");
        }
        Struct child = new Struct(nested);
        set(structField, child);
        return child;
    }

    private int index(String name) {
        int index = schema.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no field " + name + " in " + schema);
        }
        return index;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Struct s && s.schema == schema && java.util.Arrays.deepEquals(values, s.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            Object value = values[i];
            b.append(schema.fieldAt(i).name()).append('=');
            b.append(value instanceof ByteBuffer buffer ? "bytes(" + buffer.remaining() + ")" : value);
        }
        return b.append('}').toString();
    }
}
