package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.tributary.protocol.types.MalformedMessageException;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever bytes a peer sends, reading a body either succeeds or fails with
 * {@link MalformedMessageException}: never an out-of-memory error, a negative array size or an index
 * out of bounds that would take down the connection's thread.
 */
class CodecRobustnessTest {

    @TestFactory
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    List<DynamicTest> everyTruncationOfAValidBodyIsMalformed() {
        List<DynamicTest> tests = new ArrayList<>();
        forEveryVersion((api, request, version) -> tests.add(DynamicTest.dynamicTest(
                api.spec().name() + (request ? " request v" : " response v") + version, () -> {
                    RandomStructs random = new RandomStructs(17L * api.id() + version);
                    for (int sample = 0; sample < 5; sample++) {
                        ByteBuffer whole = encode(api, request, version, random.fill(schemaOf(api, request), version, 0));
                        for (int length = 0; length < whole.remaining(); length++) {
                            ByteBuffer prefix = whole.duplicate().limit(length);
                            int cut = length;
                            assertThatThrownBy(() -> decode(api, request, version, prefix))
                                    .as("%s cut at %d of %d", api, cut, whole.remaining())
                                    .isInstanceOf(MalformedMessageException.class);
                        }
                        assertThat(decode(api, request, version, whole.duplicate())).isNotNull();
                    }
                })));
        return tests;
    }

    @TestFactory
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    List<DynamicTest> garbageIsReadOrRejectedAsMalformedNeverCrashes() {
        List<DynamicTest> tests = new ArrayList<>();
        forEveryVersion((api, request, version) -> tests.add(DynamicTest.dynamicTest(
                api.spec().name() + (request ? " request v" : " response v") + version, () -> {
                    Random random = new Random(1000L * api.id() + version);
                    RandomStructs structs = new RandomStructs(random.nextLong());
                    for (int sample = 0; sample < 200; sample++) {
                        byte[] bytes;
                        if (sample % 2 == 0) {
                            bytes = new byte[random.nextInt(64)];
                            random.nextBytes(bytes);
                        } else { // a valid body with a few bytes flipped reaches deeper into the schema
                            ByteBuffer valid = encode(api, request, version, structs.fill(schemaOf(api, request), version, 0));
                            bytes = new byte[valid.remaining()];
                            valid.get(bytes);
                            for (int flips = 0; flips < 3 && bytes.length > 0; flips++) {
                                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
                            }
                        }
                        readOrMalformed(api, request, version, bytes);
                    }
                })));
        return tests;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void hugeOrNegativeArrayCountsAreMalformed() {
        // Metadata v1 request: topics is an int32-counted nullable array of {name}.
        assertMalformed(ApiKey.METADATA, true, 1, ints(Integer.MAX_VALUE));
        assertMalformed(ApiKey.METADATA, true, 1, ints(1_000_000, 0));
        assertMalformed(ApiKey.METADATA, true, 1, ints(-2));
        assertMalformed(ApiKey.METADATA, true, 1, ints(Integer.MIN_VALUE));
        // v0 does not allow a null topic list at all.
        assertMalformed(ApiKey.METADATA, true, 0, ints(-1));
        // Metadata v9 (flexible): compact count as an unsigned varint; 0xFFFFFFFF reads as count -2.
        assertMalformed(ApiKey.METADATA, true, 9, bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0, 0, 0));
        assertMalformed(ApiKey.METADATA, true, 9, bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0));
        // A varint that never ends.
        assertMalformed(ApiKey.METADATA, true, 9, bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void hugeOrNegativeStringAndBytesLengthsAreMalformed() {
        // Metadata v0 request with one topic whose int16 name length is bad.
        assertMalformed(ApiKey.METADATA, true, 0, concat(ints(1), shorts(Short.MAX_VALUE), bytes('a', 'b')));
        assertMalformed(ApiKey.METADATA, true, 0, concat(ints(1), shorts(-2)));
        assertMalformed(ApiKey.METADATA, true, 0, concat(ints(1), shorts(-1))); // a topic name is never null
        // Metadata v9: compact string of 2^31 - 1 bytes.
        assertMalformed(ApiKey.METADATA, true, 9, bytes(2, 0x80, 0x80, 0x80, 0x80, 0x08, 'a'));
        // Produce v3: acks, timeout, one topic "t", one partition 0, then a records length.
        byte[] produceHead = concat(shorts(-1), shorts(1), ints(30000), ints(1), shorts(1), bytes('t'), ints(1), ints(0));
        assertMalformed(ApiKey.PRODUCE, true, 3, concat(produceHead, ints(Integer.MAX_VALUE), bytes(1, 2, 3)));
        assertMalformed(ApiKey.PRODUCE, true, 3, concat(produceHead, ints(-2)));
        assertMalformed(ApiKey.PRODUCE, true, 3, concat(produceHead, ints(Integer.MIN_VALUE)));
        Struct nullRecords = decode(ApiKey.PRODUCE, true, (short) 3, ByteBuffer.wrap(concat(produceHead, ints(-1))));
        assertThat(nullRecords.getStructs("topic_data").get(0).getStructs("partition_data").get(0).getBytes("records"))
                .isNull();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void badTaggedFieldSectionsAreMalformed() {
        // DescribeCluster v0 request: include_cluster_authorized_operations, then the tagged section.
        assertMalformed(ApiKey.DESCRIBE_CLUSTER, true, 0, bytes(0, 1, 7, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        assertMalformed(ApiKey.DESCRIBE_CLUSTER, true, 0, bytes(0, 1, 7, 100, 1, 2));
        assertMalformed(ApiKey.DESCRIBE_CLUSTER, true, 0, bytes(0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        // An unknown tag with a well-formed size is skipped.
        Struct read = decode(ApiKey.DESCRIBE_CLUSTER, true, (short) 0, ByteBuffer.wrap(bytes(1, 1, 7, 2, 9, 9)));
        assertThat(read.getBoolean("include_cluster_authorized_operations")).isTrue();
    }

    private interface VersionVisitor {
        void visit(ApiKey api, boolean request, short version);
    }

    private static void forEveryVersion(VersionVisitor visitor) {
        for (ApiKey api : ApiKey.values()) {
            for (short v = api.spec().validVersions().lowest(); v <= api.spec().validVersions().highest(); v++) {
                visitor.visit(api, true, v);
                visitor.visit(api, false, v);
            }
        }
    }

    private static io.tributary.protocol.types.Schema schemaOf(ApiKey api, boolean request) {
        return request ? api.spec().request() : api.spec().response();
    }

    private static ByteBuffer encode(ApiKey api, boolean request, short version, Struct struct) {
        return request ? MessageCodec.requestBytes(api, version, struct) : MessageCodec.responseBytes(api, version, struct);
    }

    private static Struct decode(ApiKey api, boolean request, short version, ByteBuffer bytes) {
        ProtocolReader reader = new ProtocolReader(bytes);
        return request ? MessageCodec.readRequest(api, version, reader) : MessageCodec.readResponse(api, version, reader);
    }

    private static void readOrMalformed(ApiKey api, boolean request, short version, byte[] bytes) {
        try {
            decode(api, request, version, ByteBuffer.wrap(bytes));
        } catch (MalformedMessageException expected) {
            // the only acceptable failure
        } catch (Throwable other) {
            fail(api + " v" + version + " threw " + other + " on " + java.util.HexFormat.of().formatHex(bytes), other);
        }
    }

    private static void assertMalformed(ApiKey api, boolean request, int version, byte[] bytes) {
        assertThatThrownBy(() -> decode(api, request, (short) version, ByteBuffer.wrap(bytes)))
                .as("%s v%d %s", api, version, java.util.HexFormat.of().formatHex(bytes))
                .isInstanceOf(MalformedMessageException.class);
    }

    static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    static byte[] shorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * values.length);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return buffer.array();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
