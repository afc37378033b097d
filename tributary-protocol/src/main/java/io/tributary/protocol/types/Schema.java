package io.tributary.protocol.types;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The declaration of a struct across every version of an API: its fields in wire order, each with
 * the versions it exists in, plus its tagged fields. This is the protocol as data; one generic codec
 * (this class's read/write) serves every API and version. Immutable and thread-safe once built.
 *
 * <p>Declare with the static helpers: {@code schema(field("acks", INT16), array("topics", field(...)))}.
 */
public final class Schema extends Type {

    private final Field[] fields;
    private final Field[] regularFields;
    private final Field[] taggedFields;
    private final Map<String, Integer> indexByName;

    public Schema(Field... fields) {
        this.fields = fields.clone();
        this.indexByName = new HashMap<>();
        List<Field> regular = new ArrayList<>();
        List<Field> tagged = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            Field field = fields[i];
            if (indexByName.put(field.name(), i) != null) {
                throw new IllegalArgumentException("duplicate field " + field.name());
            }
            (field.isTagged() ? tagged : regular).add(field);
            field.freeze();
        }
        tagged.sort(Comparator.comparingInt(Field::tag));
        this.regularFields = regular.toArray(Field[]::new);
        this.taggedFields = tagged.toArray(Field[]::new);
    }

    public static Schema schema(Field... fields) {
        return new Schema(fields);
    }

    public static Field field(String name, Type type) {
        return new Field(name, type);
    }

    /** An array of structs with the given fields. */
    public static Field array(String name, Field... elementFields) {
        return new Field(name, new ArrayOf(new Schema(elementFields)));
    }

    /** An array of a primitive type. */
    public static Field arrayOf(String name, Type elementType) {
        return new Field(name, new ArrayOf(elementType));
    }

    /** A nested struct that is not an array. */
    public static Field struct(String name, Field... nestedFields) {
        return new Field(name, new Schema(nestedFields));
    }

    /** A nested struct that may be null at every version it exists in (one marker byte before it). */
    public static Field nullableStruct(String name, Field... nestedFields) {
        return new Field(name, new NullableStruct(new Schema(nestedFields))).nullable().defaultNull();
    }

    public Field[] fields() {
        return fields.clone();
    }

    int size() {
        return fields.length;
    }

    Field fieldAt(int index) {
        return fields[index];
    }

    /** Index of the named field, or -1. */
    public int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    public Field field(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no field " + name + " in " + this);
        }
        return fields[index];
    }

    @Override
    public Struct read(ProtocolReader reader, short version, boolean flexible) {
        Struct struct = new Struct(this);
        for (Field field : regularFields) {
            if (field.versions().contains(version)) {
                Object value = field.type().read(reader, version, flexible);
                if (value == null && !field.nullableVersions().contains(version)) {
                    throw new MalformedMessageException("null " + field.name() + " at version " + version);
                }
                struct.set(indexByName.get(field.name()), value);
            }
        }
        if (flexible) {
            readTaggedFields(reader, version, struct);
        }
        return struct;
    }

    private void readTaggedFields(ProtocolReader reader, short version, Struct struct) {
        int count = reader.readUnsignedVarint();
        if (count < 0) {
            throw new MalformedMessageException("tagged field count " + Integer.toUnsignedString(count));
        }
        for (int i = 0; i < count; i++) {
            int tag = reader.readUnsignedVarint();
            int size = reader.readUnsignedVarint();
            Field field = taggedField(tag, version);
            if (field == null) {
                reader.skip(size); // unknown tags are skipped, never rejected
                continue;
            }
            ProtocolReader valueReader = new ProtocolReader(reader.readSlice(size));
            struct.set(indexByName.get(field.name()), field.type().read(valueReader, version, true));
        }
    }

    private Field taggedField(int tag, short version) {
        for (Field field : taggedFields) {
            if (field.tag() == tag && field.versions().contains(version)) {
                return field;
            }
        }
        return null;
    }

    @Override
    public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
        Struct struct = (Struct) value;
        for (Field field : regularFields) {
            if (field.versions().contains(version)) {
                Object fieldValue = struct.get(indexByName.get(field.name()));
                if (fieldValue == null && !field.nullableVersions().contains(version)) {
                    throw new IllegalArgumentException("field " + field.name() + " is null but not nullable at version " + version);
                }
                field.type().write(writer, fieldValue, version, flexible);
            }
        }
        if (flexible) {
            writeTaggedFields(writer, struct, version);
        }
    }

    private void writeTaggedFields(ProtocolWriter writer, Struct struct, short version) {
        int present = 0;
        for (Field field : taggedFields) {
            if (isTaggedPresent(field, struct, version)) {
                present++;
            }
        }
        writer.writeUnsignedVarint(present);
        for (Field field : taggedFields) {
            if (isTaggedPresent(field, struct, version)) {
                Object fieldValue = struct.get(indexByName.get(field.name()));
                writer.writeUnsignedVarint(field.tag());
                writer.writeUnsignedVarint(field.type().sizeOf(fieldValue, version, true));
                field.type().write(writer, fieldValue, version, true);
            }
        }
    }

    private boolean isTaggedPresent(Field field, Struct struct, short version) {
        return field.versions().contains(version) && !field.isDefault(struct.get(indexByName.get(field.name())));
    }

    @Override
    public int sizeOf(Object value, short version, boolean flexible) {
        Struct struct = (Struct) value;
        int size = 0;
        for (Field field : regularFields) {
            if (field.versions().contains(version)) {
                size += field.type().sizeOf(struct.get(indexByName.get(field.name())), version, flexible);
            }
        }
        if (flexible) {
            int present = 0;
            for (Field field : taggedFields) {
                if (isTaggedPresent(field, struct, version)) {
                    present++;
                    int valueSize = field.type().sizeOf(struct.get(indexByName.get(field.name())), version, true);
                    size += VarInts.sizeOfUnsignedVarint(field.tag()) + VarInts.sizeOfUnsignedVarint(valueSize) + valueSize;
                }
            }
            size += VarInts.sizeOfUnsignedVarint(present);
        }
        return size;
    }

    @Override
    public Object defaultValue() {
        return new Struct(this);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (Field field : fields) {
            b.append(b.length() > 1 ? ", " : "").append(field.name());
        }
        return b.append('}').toString();
    }
}
