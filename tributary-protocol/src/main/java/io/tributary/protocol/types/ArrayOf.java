package io.tributary.protocol.types;

import java.util.ArrayList;
import java.util.List;

/** An array: int32 count (-1 null), or compact uvarint count+1 (0 null) when flexible. */
public final class ArrayOf extends Type {

    private static final int INITIAL_CAPACITY_LIMIT = 64;

    private final Type elementType;

    public ArrayOf(Type elementType) {
        this.elementType = elementType;
    }

    public Type elementType() {
        return elementType;
    }

    @Override
    public Object read(ProtocolReader reader, short version, boolean flexible) {
        int count = flexible ? reader.readUnsignedVarint() - 1 : reader.readInt();
        if (count == -1) {
            return null;
        }
        // Every element takes at least one byte: a count beyond the remaining bytes is a lie.
        if (count < 0 || count > reader.remaining()) {
            throw new MalformedMessageException("array of " + count + " elements in " + reader.remaining() + " bytes");
        }
        // The list grows with elements actually read, so a large claimed count costs nothing up front.
        List<Object> elements = new ArrayList<>(Math.min(count, INITIAL_CAPACITY_LIMIT));
        for (int i = 0; i < count; i++) {
            elements.add(elementType.read(reader, version, flexible));
        }
        return elements;
    }

    @Override
    public void write(ProtocolWriter writer, Object value, short version, boolean flexible) {
        if (value == null) {
            Types.writeLength(writer, -1, flexible, false);
            return;
        }
        List<?> elements = (List<?>) value;
        Types.writeLength(writer, elements.size(), flexible, false);
        for (Object element : elements) {
            elementType.write(writer, element, version, flexible);
        }
    }

    @Override
    public int sizeOf(Object value, short version, boolean flexible) {
        if (value == null) {
            return Types.lengthSize(-1, flexible, false);
        }
        List<?> elements = (List<?>) value;
        int size = Types.lengthSize(elements.size(), flexible, false);
        for (Object element : elements) {
            size += elementType.sizeOf(element, version, flexible);
        }
        return size;
    }

    @Override
    public Object defaultValue() {
        return new ArrayList<>();
    }

    @Override
    public boolean acceptsNull() {
        return true;
    }

    @Override
    public String toString() {
        return "[" + elementType + "]";
    }
}
