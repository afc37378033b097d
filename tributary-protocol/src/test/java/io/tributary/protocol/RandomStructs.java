package io.tributary.protocol;

import io.tributary.protocol.types.ArrayOf;
import io.tributary.protocol.types.Field;
import io.tributary.protocol.types.Schema;
import io.tributary.protocol.types.Struct;
import io.tributary.protocol.types.Type;
import io.tributary.protocol.types.Types;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Fills a schema with random values valid for one version, to exercise every field of the codec. */
final class RandomStructs {

    private final Random random;

    RandomStructs(long seed) {
        this.random = new Random(seed);
    }

    Struct fill(Schema schema, short version, int depth) {
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
            if (!field.versions().contains(version)) {
                continue;
            }
            if (field.isTagged() && random.nextInt(3) == 0) {
                continue; // leave some tagged fields absent
            }
            if (field.nullableVersions().contains(version) && random.nextInt(4) == 0) {
                struct.set(field.name(), null);
                continue;
            }
            struct.set(field.name(), value(field.type(), version, depth));
        }
        return struct;
    }

    private Object value(Type type, short version, int depth) {
        if (type instanceof Schema nested) {
            return fill(nested, version, depth + 1);
        }
        if (type instanceof io.tributary.protocol.types.NullableStruct nullable) {
            return fill(nullable.schema(), version, depth + 1);
        }
        if (type instanceof ArrayOf array) {
            int count = depth > 3 ? 0 : random.nextInt(3);
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                elements.add(value(array.elementType(), version, depth + 1));
            }
            return elements;
        }
        if (type == Types.BOOLEAN) {
            return random.nextBoolean();
        }
        if (type == Types.INT8) {
            return (byte) random.nextInt();
        }
        if (type == Types.INT16) {
            return (short) random.nextInt();
        }
        if (type == Types.UINT16) {
            return random.nextInt(65536);
        }
        if (type == Types.INT32) {
            return random.nextInt();
        }
        if (type == Types.INT64) {
            return random.nextLong();
        }
        if (type == Types.FLOAT64) {
            return random.nextDouble();
        }
        if (type == Types.UUID_TYPE) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        if (type == Types.STRING) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            return b.toString();
        }
        if (type == Types.BYTES || type == Types.RECORDS) {
            byte[] bytes = new byte[random.nextInt(20)];
            random.nextBytes(bytes);
            return ByteBuffer.wrap(bytes);
        }
        throw new IllegalArgumentException("no generator for " + type);
    }
}
