package io.tributary.protocol.types;

/**
 * A wire type. Encodings depend on whether the message version is flexible (KIP-482: compact
 * lengths and tagged fields); nested structs also need the version to know which fields exist.
 * Implementations are stateless and thread-safe.
 */
public abstract class Type {

    public abstract Object read(ProtocolReader reader, short version, boolean flexible);

    public abstract void write(ProtocolWriter writer, Object value, short version, boolean flexible);

    public abstract int sizeOf(Object value, short version, boolean flexible);

    /** The value a field of this type takes when the version lacks it or it was never set. */
    public abstract Object defaultValue();

    /** Whether {@code null} can be encoded at all (nullability per version is the field's business). */
    public boolean acceptsNull() {
        return false;
    }
}
