package io.tributary.protocol.types;

import java.util.ArrayList;
import java.util.Objects;

/**
 * One field of a struct: its name (Kafka's snake_case name), type, the versions it exists in, the
 * versions in which it may be null, and for tagged fields the tag. Declared fluently:
 * {@code field("transactional_id", STRING).since(3).nullable()}. A field is configured while its
 * schema is declared and immutable once the schema is built.
 */
public final class Field {

    private final String name;
    private final Type type;
    private Versions versions = Versions.ALL;
    private Versions nullableVersions = Versions.NONE;
    private int tag = -1;
    private Object defaultValue;
    private boolean hasExplicitDefault;
    private boolean frozen;

    Field(String name, Type type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public Versions versions() {
        return versions;
    }

    public Versions nullableVersions() {
        return nullableVersions;
    }

    public boolean isTagged() {
        return tag >= 0;
    }

    public int tag() {
        return tag;
    }

    /** Exists from this version on. */
    public Field since(int version) {
        return versions(Versions.since(version));
    }

    /** Exists in {@code lowest..highest} inclusive. */
    public Field versions(int lowest, int highest) {
        return versions(Versions.range(lowest, highest));
    }

    public Field versions(Versions versions) {
        checkNotFrozen();
        this.versions = versions;
        return this;
    }

    /** May be null in every version the field exists in. */
    public Field nullable() {
        return nullableVersions(versions);
    }

    public Field nullableSince(int version) {
        return nullableVersions(Versions.since(version));
    }

    public Field nullableVersions(Versions nullable) {
        checkNotFrozen();
        this.nullableVersions = nullable;
        return this;
    }

    /** A tagged field (written only when it differs from its default), present in the field's versions. */
    public Field tagged(int tag) {
        checkNotFrozen();
        this.tag = tag;
        return this;
    }

    /** The default; a number is stored as the field's own boxed type, so {@code defaultValue(-1)} suits an INT64. */
    public Field defaultValue(Object value) {
        checkNotFrozen();
        this.defaultValue = value instanceof Number number ? asFieldType(number) : value;
        this.hasExplicitDefault = true;
        return this;
    }

    /** Null as the default; implies the field is nullable. */
    public Field defaultNull() {
        if (nullableVersions.isEmpty()) {
            nullable();
        }
        return defaultValue(null);
    }

    /** A fresh default value; collections and structs are new mutable instances. */
    public Object newDefault() {
        if (hasExplicitDefault) {
            return defaultValue;
        }
        if (type instanceof ArrayOf) {
            return new ArrayList<>();
        }
        if (type instanceof Schema schema) {
            return isTagged() ? null : new Struct(schema);
        }
        return type.defaultValue();
    }

    private Object asFieldType(Number number) {
        if (type == Types.INT8) {
            return number.byteValue();
        }
        if (type == Types.INT16) {
            return number.shortValue();
        }
        if (type == Types.INT32 || type == Types.UINT16) {
            return number.intValue();
        }
        if (type == Types.INT64) {
            return number.longValue();
        }
        if (type == Types.FLOAT64) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("numeric default for non-numeric field " + name);
    }

    /**
     * Whether a tagged field's value is its default and so is left off the wire. A tagged struct is
     * default when absent or equal to a freshly defaulted struct, as Kafka decides.
     */
    boolean isDefault(Object value) {
        Object defaultValue = newDefault();
        if (value instanceof java.util.List<?> list && defaultValue instanceof java.util.List<?> other) {
            return list.isEmpty() && other.isEmpty();
        }
        if (value instanceof Struct struct && type instanceof Schema schema && !hasExplicitDefault) {
            return struct.equals(new Struct(schema));
        }
        return Objects.equals(value, defaultValue);
    }

    void freeze() {
        frozen = true;
    }

    private void checkNotFrozen() {
        if (frozen) {
            throw new IllegalStateException("field " + name + " belongs to a built schema");
        }
    }

    @Override
    public String toString() {
        return name + ":" + type + "[" + versions + "]";
    }
}
