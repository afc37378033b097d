package io.tributary.protocol;

import static io.tributary.protocol.CodecRobustnessTest.bytes;
import static io.tributary.protocol.CodecRobustnessTest.concat;
import static io.tributary.protocol.CodecRobustnessTest.ints;
import static io.tributary.protocol.CodecRobustnessTest.shorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Versions kafka-clients 4.2.0 can no longer check for us: Produce 0-2 (removed in Kafka 4, still
 * declared so the broker can read and refuse them) and the ZooKeeper-era controller APIs
 * (LeaderAndIsr, StopReplica, UpdateMetadata, ControlledShutdown, AlterPartition 0-1). Each is
 * checked against bytes laid out by hand from the protocol's field order, and round-trips.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VersionsBeyondKafkaClientsTest {

    @Test
    void produceV0RequestCarriesNoTransactionalId() {
        byte[] records = bytes(1, 2, 3, 4);
        byte[] wire = concat(shorts(1), ints(1500), ints(1), string("orders"), ints(1), ints(2),
                ints(records.length), records);
        Struct request = readRequest(ApiKey.PRODUCE, 0, wire);
        assertThat(request.getString("transactional_id")).isNull();
        assertThat(request.getShort("acks")).isEqualTo((short) 1);
        assertThat(request.getInt("timeout_ms")).isEqualTo(1500);
        Struct topic = request.getStructs("topic_data").get(0);
        assertThat(topic.getString("name")).isEqualTo("orders");
        Struct partition = topic.getStructs("partition_data").get(0);
        assertThat(partition.getInt("index")).isEqualTo(2);
        assertThat(partition.getBytes("records")).isEqualTo(ByteBuffer.wrap(records));
        assertThat(MessageCodec.requestBytes(ApiKey.PRODUCE, (short) 0, request)).isEqualTo(ByteBuffer.wrap(wire));
    }

    @Test
    void produceResponsesGrowThrottleTimeInV1AndAppendTimeInV2() {
        Struct response = MessageCodec.newResponse(ApiKey.PRODUCE);
        response.set("throttle_time_ms", 7);
        Struct partition = response.addChild("responses").set("name", "orders").addChild("partition_responses");
        partition.set("index", 2).set("error_code", Errors.UNSUPPORTED_VERSION.code()).set("base_offset", -1L);
        byte[] head = concat(ints(1), string("orders"), ints(1), ints(2), shorts(35), longs(-1));

        assertWritesAndReads(ApiKey.PRODUCE, 0, response, head);
        assertWritesAndReads(ApiKey.PRODUCE, 1, response, concat(head, ints(7)));
        assertWritesAndReads(ApiKey.PRODUCE, 2, response, concat(head, longs(-1), ints(7)));
    }

    @Test
    void controlledShutdownLayoutsV1ToV3() {
        Struct request = MessageCodec.newRequest(ApiKey.CONTROLLED_SHUTDOWN).set("broker_id", 3).set("broker_epoch", 42L);
        assertWritesAndReadsRequest(ApiKey.CONTROLLED_SHUTDOWN, 1, request, ints(3));
        assertWritesAndReadsRequest(ApiKey.CONTROLLED_SHUTDOWN, 2, request, concat(ints(3), longs(42)));
        assertWritesAndReadsRequest(ApiKey.CONTROLLED_SHUTDOWN, 3, request, concat(ints(3), longs(42), bytes(0)));

        Struct response = MessageCodec.newResponse(ApiKey.CONTROLLED_SHUTDOWN);
        response.addChild("remaining_partitions").set("topic_name", "t").set("partition_index", 5);
        assertWritesAndReads(ApiKey.CONTROLLED_SHUTDOWN, 1, response,
                concat(shorts(0), ints(1), string("t"), ints(5)));
        assertWritesAndReads(ApiKey.CONTROLLED_SHUTDOWN, 3, response,
                concat(shorts(0), bytes(2, 2, 't'), ints(5), bytes(0, 0)));
    }

    @Test
    void stopReplicaV0ListsPartitionsUngrouped() {
        Struct request = MessageCodec.newRequest(ApiKey.STOP_REPLICA)
                .set("controller_id", 1).set("controller_epoch", 9).set("delete_partitions", true);
        request.addChild("ungrouped_partitions").set("topic_name", "t").set("partition_index", 4);
        assertWritesAndReadsRequest(ApiKey.STOP_REPLICA, 0, request,
                concat(ints(1), ints(9), bytes(1), ints(1), string("t"), ints(4)));
    }

    @Test
    void leaderAndIsrV1CarriesPartitionStatesAndLiveLeaders() {
        Struct request = MessageCodec.newRequest(ApiKey.LEADER_AND_ISR).set("controller_id", 1).set("controller_epoch", 2);
        Struct state = request.addChild("ungrouped_partition_states");
        state.set("topic_name", "t").set("partition_index", 0).set("controller_epoch", 2).set("leader", 1)
                .set("leader_epoch", 5).set("isr", List.of(1, 2)).set("partition_epoch", 8)
                .set("replicas", List.of(1, 2, 3)).set("is_new", true);
        request.addChild("live_leaders").set("broker_id", 1).set("host_name", "h").set("port", 9092);
        assertWritesAndReadsRequest(ApiKey.LEADER_AND_ISR, 1, request, concat(ints(1), ints(2),
                ints(1), string("t"), ints(0), ints(2), ints(1), ints(5), ints(2, 1, 2), ints(8), ints(3, 1, 2, 3), bytes(1),
                ints(1), ints(1), string("h"), ints(9092)));
    }

    @Test
    void updateMetadataV5GroupsPartitionsByTopicAndListsEndpoints() {
        Struct request = MessageCodec.newRequest(ApiKey.UPDATE_METADATA)
                .set("controller_id", 1).set("controller_epoch", 2).set("broker_epoch", 3L);
        Struct topic = request.addChild("topic_states").set("topic_name", "t");
        topic.addChild("partition_states").set("partition_index", 0).set("controller_epoch", 2).set("leader", 1)
                .set("leader_epoch", 4).set("isr", List.of(1)).set("zk_version", 6).set("replicas", List.of(1))
                .set("offline_replicas", List.of());
        Struct broker = request.addChild("live_brokers").set("id", 1).set("rack", null);
        broker.addChild("endpoints").set("port", 9092).set("host", "h").set("listener", "PLAINTEXT")
                .set("security_protocol", (short) 0);
        assertWritesAndReadsRequest(ApiKey.UPDATE_METADATA, 5, request, concat(ints(1), ints(2), longs(3),
                ints(1), string("t"), ints(1), ints(0), ints(2), ints(1), ints(4), ints(1, 1), ints(6), ints(1, 1), ints(0),
                ints(1), ints(1), ints(1), ints(9092), string("h"), string("PLAINTEXT"), shorts(0), shorts(-1)));
    }

    @Test
    void alterPartitionV0NamesTopicsAndV1AddsRecoveryState() {
        Struct request = MessageCodec.newRequest(ApiKey.ALTER_PARTITION).set("broker_id", 1).set("broker_epoch", 10L);
        Struct partition = request.addChild("topics").set("topic_name", "t").addChild("partitions");
        partition.set("partition_index", 0).set("leader_epoch", 3).set("new_isr", List.of(1, 2))
                .set("leader_recovery_state", (byte) 1).set("partition_epoch", 4);
        byte[] v0 = concat(ints(1), longs(10), bytes(2, 2, 't', 2), ints(0), ints(3), bytes(3), ints(1, 2), ints(4),
                bytes(0, 0, 0));
        assertWritesAndReadsRequest(ApiKey.ALTER_PARTITION, 0, request, v0);
        byte[] v1 = concat(ints(1), longs(10), bytes(2, 2, 't', 2), ints(0), ints(3), bytes(3), ints(1, 2), bytes(1),
                ints(4), bytes(0, 0, 0));
        assertWritesAndReadsRequest(ApiKey.ALTER_PARTITION, 1, request, v1);
    }

    /** Random messages of every ZooKeeper-era version survive write, read and write again unchanged. */
    @TestFactory
    List<DynamicTest> zooKeeperEraVersionsRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        List<ApiKey> apis = List.of(ApiKey.LEADER_AND_ISR, ApiKey.STOP_REPLICA, ApiKey.UPDATE_METADATA,
                ApiKey.CONTROLLED_SHUTDOWN, ApiKey.ALTER_PARTITION);
        for (ApiKey api : apis) {
            for (short v = api.spec().validVersions().lowest(); v <= api.spec().validVersions().highest(); v++) {
                short version = v;
                tests.add(DynamicTest.dynamicTest(api.spec().name() + " v" + v, () -> {
                    RandomStructs random = new RandomStructs(api.id() * 100L + version);
                    for (int i = 0; i < 50; i++) {
                        selfRoundTrip(api, version, random.fill(api.spec().request(), version, 0), true);
                        selfRoundTrip(api, version, random.fill(api.spec().response(), version, 0), false);
                    }
                }));
            }
        }
        return tests;
    }

    private static void selfRoundTrip(ApiKey api, short version, Struct struct, boolean request) {
        ByteBuffer bytes = request ? MessageCodec.requestBytes(api, version, struct)
                : MessageCodec.responseBytes(api, version, struct);
        ProtocolReader reader = new ProtocolReader(bytes.duplicate());
        Struct read = request ? MessageCodec.readRequest(api, version, reader) : MessageCodec.readResponse(api, version, reader);
        assertThat(reader.remaining()).isZero();
        assertThat(read).isEqualTo(struct);
        assertThat(request ? MessageCodec.requestBytes(api, version, read) : MessageCodec.responseBytes(api, version, read))
                .isEqualTo(bytes);
    }

    private static void assertWritesAndReads(ApiKey api, int version, Struct response, byte[] expected) {
        short v = (short) version;
        assertThat(MessageCodec.responseBytes(api, v, response)).as("%s v%d", api, v).isEqualTo(ByteBuffer.wrap(expected));
        Struct read = MessageCodec.readResponse(api, v, new ProtocolReader(ByteBuffer.wrap(expected)));
        assertThat(MessageCodec.responseBytes(api, v, read)).isEqualTo(ByteBuffer.wrap(expected));
    }

    private static void assertWritesAndReadsRequest(ApiKey api, int version, Struct request, byte[] expected) {
        short v = (short) version;
        assertThat(MessageCodec.requestBytes(api, v, request)).as("%s v%d", api, v).isEqualTo(ByteBuffer.wrap(expected));
        Struct read = readRequest(api, version, expected);
        assertThat(MessageCodec.requestBytes(api, v, read)).isEqualTo(ByteBuffer.wrap(expected));
    }

    private static Struct readRequest(ApiKey api, int version, byte[] wire) {
        ProtocolReader reader = new ProtocolReader(ByteBuffer.wrap(wire));
        Struct struct = MessageCodec.readRequest(api, (short) version, reader);
        assertThat(reader.remaining()).as("unread bytes").isZero();
        return struct;
    }

    private static byte[] string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return concat(shorts(utf8.length), utf8);
    }

    private static byte[] longs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.array();
    }
}
