package io.tributary.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetch v13+ and Produce v13 name topics by id: the errors Kafka answers for an id no topic has
 * (UNKNOWN_TOPIC_ID) and for a replica of another id (INCONSISTENT_TOPIC_ID), at the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopicIdRequestsTest {

    @TempDir
    static Path dir;

    private static Broker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = new Broker(new BrokerConfig(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0",
                "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1")), Time.SYSTEM).start();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void fetchAndProduceByTopicIdReachTheTopicAndByNameStillWork() throws Exception {
        UUID id = create("by-id");
        try (WireClient wire = wire()) {
            Struct produced = produce(wire, 13, id, "by-id", batch("a", "b"));
            assertThat(partitionOf(produced, "responses", "partition_responses").getShort("error_code")).isZero();
            assertThat(produced.getStructs("responses").get(0).getUuid("topic_id")).isEqualTo(id);
            produce(wire, 9, null, "by-id", batch("c"));

            Struct byId = fetch(wire, 17, id, "by-id", 0);
            assertThat(byId.getStructs("responses").get(0).getUuid("topic_id")).isEqualTo(id);
            assertThat(values(partitionOf(byId, "responses", "partitions"))).containsExactly("a", "b", "c");
            assertThat(values(partitionOf(fetch(wire, 18, id, "by-id", 0), "responses", "partitions")))
                    .containsExactly("a", "b", "c");
            assertThat(values(partitionOf(fetch(wire, 12, null, "by-id", 0), "responses", "partitions")))
                    .containsExactly("a", "b", "c");
        }
    }

    @Test
    void anIdNoTopicHasIsUnknownTopicIdAndNothingIsAppended() throws Exception {
        UUID id = create("unknown-id");
        UUID stranger = UUID.randomUUID();
        try (WireClient wire = wire()) {
            Struct fetched = fetch(wire, 13, stranger, null, 0);
            assertThat(fetched.getStructs("responses").get(0).getUuid("topic_id")).isEqualTo(stranger);
            assertThat(partitionOf(fetched, "responses", "partitions").getShort("error_code"))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
            Struct produced = produce(wire, 13, stranger, null, batch("lost?"));
            assertThat(partitionOf(produced, "responses", "partition_responses").getShort("error_code"))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
            assertThat(values(partitionOf(fetch(wire, 13, id, null, 0), "responses", "partitions"))).isEmpty();
        }
    }

    @Test
    void theIdOfADeletedTopicIsUnknownAfterItIsRecreatedUnderTheSameName() throws Exception {
        UUID old = create("reborn");
        try (WireClient wire = wire()) {
            produce(wire, 13, old, null, batch("old-0", "old-1", "old-2"));
            admin.deleteTopics(List.of("reborn")).all().get(30, TimeUnit.SECONDS);
            awaitGone("reborn");
            UUID successor = create("reborn");
            assertThat(successor).isNotEqualTo(old);
            produce(wire, 13, successor, null, batch("new-0"));

            Struct byOld = fetch(wire, 13, old, null, 0);
            assertThat(partitionOf(byOld, "responses", "partitions").getShort("error_code"))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
            assertThat(partitionOf(byOld, "responses", "partitions").getBytes("records").remaining()).isZero();
            assertThat(values(partitionOf(fetch(wire, 13, successor, null, 0), "responses", "partitions")))
                    .containsExactly("new-0");
        }
    }

    @Test
    void aReplicaOfAnotherTopicIdIsInconsistentTopicId() throws Exception {
        UUID id = create("inconsistent");
        try (WireClient wire = wire()) {
            produce(wire, 13, id, null, batch("kept"));
            // The replica here as it is while a re-created topic's new id has reached the image but not yet
            // the replica (or the reverse): the replica records another id than the request names.
            Partition replica = broker.replicaManager().partition(new io.tributary.common.TopicPartition("inconsistent", 0));
            UUID other = UUID.randomUUID();
            replica.learnTopicId(other);

            Struct fetched = fetch(wire, 13, id, null, 0);
            assertThat(partitionOf(fetched, "responses", "partitions").getShort("error_code"))
                    .isEqualTo(Errors.INCONSISTENT_TOPIC_ID.code());
            assertThat(partitionOf(fetched, "responses", "partitions").getBytes("records").remaining()).isZero();
            Struct produced = produce(wire, 13, id, null, batch("refused"));
            assertThat(partitionOf(produced, "responses", "partition_responses").getShort("error_code"))
                    .isEqualTo(Errors.INCONSISTENT_TOPIC_ID.code());
            assertThat(replica.logEndOffset()).isEqualTo(1);
            replica.learnTopicId(id);
        }
    }

    @Test
    void aFetchSessionTheBrokerNeverCreatedIsNotFound() throws Exception {
        create("sessions");
        try (WireClient wire = wire()) {
            Struct response = wire.send(ApiKey.FETCH, 13, r -> r.set("replica_id", -1).set("max_wait_ms", 0)
                    .set("min_bytes", 1).set("max_bytes", 1 << 20).set("isolation_level", (byte) 0)
                    .set("session_id", 12345).set("session_epoch", 3));
            assertThat(response.getShort("error_code")).isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND.code());
            Struct full = fetch(wire, 13, id("sessions"), null, 0);
            assertThat(full.getShort("error_code")).isZero();
            assertThat(full.getInt("session_id")).as("sessions are declined").isZero();
        }
    }

    @Test
    void offsetCommitAndFetchV10NameTopicsByIdAndAgreeWithByName() throws Exception {
        UUID id = create("committed");
        UUID stranger = UUID.randomUUID();
        try (WireClient wire = wire()) {
            awaitCoordinator(wire, "by-id");
            Struct committed = wire.send(ApiKey.OFFSET_COMMIT, 10, r -> {
                r.set("group_id", "by-id").set("generation_id_or_member_epoch", -1).set("member_id", "");
                r.addChild("topics").set("topic_id", id).addChild("partitions").set("partition_index", 0)
                        .set("committed_offset", 42L).set("committed_leader_epoch", -1).set("committed_metadata", "m");
                r.addChild("topics").set("topic_id", stranger).addChild("partitions").set("partition_index", 0)
                        .set("committed_offset", 7L).set("committed_leader_epoch", -1).set("committed_metadata", "");
            });
            assertThat(committed.getStructs("topics")).extracting(t -> t.getUuid("topic_id")).containsExactly(id, stranger);
            assertThat(partitionOf(committed, "topics", "partitions").getShort("error_code")).isZero();
            assertThat(committed.getStructs("topics").get(1).getStructs("partitions").get(0).getShort("error_code"))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());

            Struct byId = wire.send(ApiKey.OFFSET_FETCH, 10, r -> {
                Struct group = r.addChild("groups").set("group_id", "by-id");
                group.addChild("topics").set("topic_id", id).set("partition_indexes", List.of(0));
                group.addChild("topics").set("topic_id", stranger).set("partition_indexes", List.of(0));
                r.set("require_stable", false);
            });
            Struct group = byId.getStructs("groups").get(0);
            assertThat(group.getStructs("topics").get(0).getUuid("topic_id")).isEqualTo(id);
            assertThat(group.getStructs("topics").get(0).getStructs("partitions").get(0).getLong("committed_offset"))
                    .isEqualTo(42L);
            assertThat(group.getStructs("topics").get(1).getStructs("partitions").get(0).getShort("error_code"))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
            Struct byName = wire.send(ApiKey.OFFSET_FETCH, 9, r -> {
                Struct g = r.addChild("groups").set("group_id", "by-id");
                g.addChild("topics").set("name", "committed").set("partition_indexes", List.of(0));
                r.set("require_stable", false);
            });
            assertThat(byName.getStructs("groups").get(0).getStructs("topics").get(0).getStructs("partitions").get(0)
                    .getLong("committed_offset")).isEqualTo(42L);
        }
    }

    @Test
    void metadataByTopicIdDescribesThatTopicAndAnUnknownIdIsUnknownTopicId() throws Exception {
        UUID id = create("described-by-id", 2);
        UUID stranger = UUID.randomUUID();
        try (WireClient wire = wire()) {
            Struct response = wire.send(ApiKey.METADATA, 12, r -> {
                r.addChild("topics").set("name", null).set("topic_id", id);
                r.addChild("topics").set("name", null).set("topic_id", stranger);
                r.set("allow_auto_topic_creation", true);
            });
            assertThat(response.getStructs("topics")).hasSize(2);
            Struct known = response.getStructs("topics").get(0);
            assertThat(known.getString("name")).isEqualTo("described-by-id");
            assertThat(known.getUuid("topic_id")).isEqualTo(id);
            assertThat(known.getStructs("partitions")).hasSize(2);
            Struct unknown = response.getStructs("topics").get(1);
            assertThat(unknown.getShort("error_code")).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
            assertThat(unknown.getUuid("topic_id")).isEqualTo(stranger);
            assertThat(unknown.getString("name")).isNull();
        }
    }

    @Test
    void deleteTopicsByIdDeletesThatTopicAndAnUnknownIdIsUnknownTopicId() throws Exception {
        UUID id = create("deleted-by-id");
        UUID stranger = UUID.randomUUID();
        admin.deleteTopics(org.apache.kafka.common.TopicCollection.ofTopicIds(List.of(
                new org.apache.kafka.common.Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits()))))
                .all().get(30, TimeUnit.SECONDS);
        awaitGone("deleted-by-id");
        try (WireClient wire = wire()) {
            Struct refused = wire.send(ApiKey.DELETE_TOPICS, 6, r -> {
                r.addChild("topics").set("name", null).set("topic_id", stranger);
                r.set("timeout_ms", 5_000);
            });
            Struct result = refused.getStructs("responses").get(0);
            assertThat(result.getShort("error_code")).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
            assertThat(result.getUuid("topic_id")).isEqualTo(stranger);
            assertThat(result.getString("name")).isNull();
        }
    }

    @Test
    void describeTopicPartitionsPagesByCursorInNameOrder() throws Exception {
        create("page-b", 4);
        create("page-a", 2);
        create("page-c", 1);
        UUID a = id("page-a");
        try (WireClient wire = wire()) {
            Struct first = describe(wire, 3, null, -1, "page-c", "page-b", "page-a", "page-none");
            assertThat(pages(first)).containsExactly("page-a:0", "page-a:1", "page-b:0");
            assertThat(first.getStructs("topics").get(0).getUuid("topic_id")).isEqualTo(a);
            assertThat(first.getStruct("next_cursor").getString("topic_name")).isEqualTo("page-b");
            assertThat(first.getStruct("next_cursor").getInt("partition_index")).isEqualTo(1);

            Struct second = describe(wire, 3, "page-b", 1, "page-c", "page-b", "page-a", "page-none");
            assertThat(pages(second)).as("full at the end of page-b").containsExactly("page-b:1", "page-b:2", "page-b:3");
            assertThat(second.getStruct("next_cursor").getString("topic_name")).isEqualTo("page-c");
            assertThat(second.getStruct("next_cursor").getInt("partition_index")).isZero();

            Struct last = describe(wire, 3, "page-c", 0, "page-c", "page-b", "page-a", "page-none");
            assertThat(pages(last)).containsExactly("page-c:0", "page-none:error" + Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(last.getStruct("next_cursor")).isNull();

            Struct refused = describe(wire, 3, "page-z", 0, "page-a");
            assertThat(refused.getStructs("topics")).singleElement()
                    .satisfies(t -> assertThat(t.getShort("error_code")).isEqualTo(Errors.INVALID_REQUEST.code()));
        }
    }

    @Test
    void adminDescribeTopicsFollowsTheCursorAcrossPages() throws Exception {
        create("paged", 5);
        var description = admin.describeTopics(List.of("paged"),
                        new org.apache.kafka.clients.admin.DescribeTopicsOptions().partitionSizeLimitPerResponse(2))
                .allTopicNames().get(30, TimeUnit.SECONDS).get("paged");
        assertThat(description.partitions()).extracting(p -> p.partition()).containsExactly(0, 1, 2, 3, 4);
        assertThat(description.partitions()).allSatisfy(p -> assertThat(p.leader().id()).isEqualTo(broker.brokerId()));
        assertThat(new UUID(description.topicId().getMostSignificantBits(), description.topicId().getLeastSignificantBits()))
                .isEqualTo(id("paged"));
    }

    private static Struct describe(WireClient wire, int limit, String cursorTopic, int cursorPartition, String... topics)
            throws Exception {
        return wire.send(ApiKey.DESCRIBE_TOPIC_PARTITIONS, 0, r -> {
            for (String topic : topics) {
                r.addChild("topics").set("name", topic);
            }
            r.set("response_partition_limit", limit);
            if (cursorTopic != null) {
                r.newStruct("cursor").set("topic_name", cursorTopic).set("partition_index", cursorPartition);
            }
        });
    }

    private static List<String> pages(Struct response) {
        List<String> seen = new ArrayList<>();
        for (Struct topic : response.getStructs("topics")) {
            if (topic.getShort("error_code") != 0) {
                seen.add(topic.getString("name") + ":error" + topic.getShort("error_code"));
            }
            for (Struct partition : topic.getStructs("partitions")) {
                seen.add(topic.getString("name") + ":" + partition.getInt("partition_index"));
            }
        }
        return seen;
    }

    /** Until the group's coordinator (the one broker) has loaded its offsets partition. */
    private static void awaitCoordinator(WireClient wire, String group) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Struct found = wire.send(ApiKey.FIND_COORDINATOR, 3, r -> r.set("key", group).set("key_type", (byte) 0));
            Struct fetched = wire.send(ApiKey.OFFSET_FETCH, 9, r -> {
                r.addChild("groups").set("group_id", group).set("topics", null);
                r.set("require_stable", false);
            });
            if (found.getShort("error_code") == 0 && fetched.getStructs("groups").get(0).getShort("error_code") == 0) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("coordinator of " + group).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Creates the topic, retrying while a predecessor of the same name is still being deleted. */
    private static UUID create(String topic) throws Exception {
        return create(topic, 1);
    }

    private static UUID create(String topic, int partitions) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("marked for deletion");
                assertThat(System.currentTimeMillis()).as("create " + topic).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        while (!broker.metadata().image().leadersElected(topic, partitions)
                || broker.replicaManager().partition(new io.tributary.common.TopicPartition(topic, 0)) == null
                || !broker.replicaManager().partition(new io.tributary.common.TopicPartition(topic, 0)).isLeader()) {
            assertThat(System.currentTimeMillis()).as("leader of " + topic).isLessThan(deadline);
            Thread.sleep(20);
        }
        return id(topic);
    }

    private static UUID id(String topic) throws Exception {
        org.apache.kafka.common.Uuid id = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).topicId();
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    private static void awaitGone(String topic) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (broker.metadata().image().topic(topic) != null
                || broker.replicaManager().partition(new io.tributary.common.TopicPartition(topic, 0)) != null) {
            assertThat(System.currentTimeMillis()).as(topic + " deleted").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static WireClient wire() throws Exception {
        InetSocketAddress address = broker.boundAddresses().get(0);
        return new WireClient(address.getHostString(), address.getPort());
    }

    private static ByteBuffer batch(String... values) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE);
        for (String value : values) {
            builder.append(System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static Struct produce(WireClient wire, int version, UUID id, String name, ByteBuffer records) throws Exception {
        return wire.send(ApiKey.PRODUCE, version, r -> {
            r.set("acks", (short) -1).set("timeout_ms", 10_000);
            Struct topic = r.addChild("topic_data");
            if (version >= 13) {
                topic.set("topic_id", id);
            } else {
                topic.set("name", name);
            }
            topic.addChild("partition_data").set("index", 0).set("records", records);
        });
    }

    private static Struct fetch(WireClient wire, int version, UUID id, String name, long offset) throws Exception {
        return wire.send(ApiKey.FETCH, version, r -> {
            r.set("replica_id", -1).set("max_wait_ms", 0).set("min_bytes", 1).set("max_bytes", 1 << 20)
                    .set("isolation_level", (byte) 0).set("session_id", 0).set("session_epoch", -1);
            Struct topic = r.addChild("topics");
            if (version >= 13) {
                topic.set("topic_id", id);
            } else {
                topic.set("topic", name);
            }
            topic.addChild("partitions").set("partition", 0).set("fetch_offset", offset)
                    .set("partition_max_bytes", 1 << 20).set("current_leader_epoch", -1)
                    .set("last_fetched_epoch", -1).set("log_start_offset", -1L);
        });
    }

    private static Struct partitionOf(Struct response, String topics, String partitions) {
        return response.getStructs(topics).get(0).getStructs(partitions).get(0);
    }

    private static List<String> values(Struct partition) {
        assertThat(partition.getShort("error_code")).isZero();
        List<String> values = new ArrayList<>();
        ByteBuffer records = partition.getBytes("records");
        if (records == null || !records.hasRemaining()) {
            return values;
        }
        for (RecordBatch batch : RecordBatches.of(records).toList()) {
            for (Record record : batch.records()) {
                ByteBuffer value = record.value().duplicate();
                byte[] bytes = new byte[value.remaining()];
                value.get(bytes);
                values.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
