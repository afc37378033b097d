package io.tributary.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin APIs through kafka-clients' Admin against one in-process broker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminApisTest {

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
                "log.retention.hours", "72",
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
    void createPartitionsGrowsATopicAndRefusesToShrinkIt() throws Exception {
        create("growing", 1, Map.of());
        admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all().get(30, TimeUnit.SECONDS);

        assertThat(admin.describeTopics(List.of("growing")).allTopicNames().get().get("growing").partitions())
                .hasSize(3)
                .allSatisfy(p -> assertThat(p.leader()).isNotNull());
        assertThatThrownBy(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(2))).all().get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidPartitionsException.class)
                .hasMessageContaining("Topic currently has 3 partitions, which is higher than the requested 2.");
    }

    @Test
    void describeConfigsShowsTopicOverridesAndBrokerDefaults() throws Exception {
        create("described", 1, Map.of("retention.ms", "3600000"));
        Config config = topicConfig("described");

        ConfigEntry retention = config.get("retention.ms");
        assertThat(retention.value()).isEqualTo("3600000");
        assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        ConfigEntry segment = config.get("segment.bytes");
        assertThat(segment.value()).isEqualTo("1073741824");
        assertThat(segment.source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(segment.documentation()).isNotBlank();
        assertThat(segment.isReadOnly()).isFalse();
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
        assertThat(config.get("cleanup.policy").type()).isEqualTo(ConfigEntry.ConfigType.LIST);
        assertThat(retention.synonyms()).extracting(ConfigEntry.ConfigSynonym::source)
                .containsExactly(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, ConfigEntry.ConfigSource.DEFAULT_CONFIG);

        ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker.brokerId()));
        Config brokerConfig = admin.describeConfigs(List.of(brokerResource)).all().get().get(brokerResource);
        assertThat(brokerConfig.get("log.retention.hours").value()).isEqualTo("72");
        assertThat(brokerConfig.get("log.retention.hours").source())
                .isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(brokerConfig.get("num.partitions").value()).isEqualTo("1");
        assertThat(brokerConfig.get("num.partitions").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void describeConfigsOfAnUnknownTopicFails() {
        assertThatThrownBy(() -> topicConfig("no-such-topic"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void incrementalAlterConfigsSetsAndDeletesOverridesAndAppliesThemLive() throws Exception {
        create("altered", 1, Map.of());
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "altered");
        TopicPartition tp = new TopicPartition("altered", 0);

        alter(topic, new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND));
        assertThat(topicConfig("altered").get("retention.ms").value()).isEqualTo("1000");
        assertThat(topicConfig("altered").get("cleanup.policy").value()).isEqualTo("delete,compact");
        awaitTrue(() -> localLog(tp).config().retentionMs() == 1000);

        alter(topic, new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE));
        ConfigEntry restored = topicConfig("altered").get("retention.ms");
        assertThat(restored.source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(restored.value()).isEqualTo(String.valueOf(TimeUnit.HOURS.toMillis(72)));
        awaitTrue(() -> localLog(tp).config().retentionMs() == TimeUnit.HOURS.toMillis(72));

        assertThatThrownBy(() -> alter(topic,
                new AlterConfigOp(new ConfigEntry("segment.bytes", "tiny"), AlterConfigOp.OpType.SET)))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("segment.bytes");
        assertThat(topicConfig("altered").get("segment.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void validateOnlyAlterChangesNothing() throws Exception {
        create("validated", 1, Map.of());
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "validated");
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "2048"),
                        AlterConfigOp.OpType.SET))), new AlterConfigsOptions().validateOnly(true))
                .all().get();
        assertThat(topicConfig("validated").get("max.message.bytes").source())
                .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void deleteRecordsMovesTheEarliestOffset() throws Exception {
        create("trimmed", 1, Map.of());
        produce("trimmed", 10);
        TopicPartition tp = new TopicPartition("trimmed", 0);

        long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(4))).lowWatermarks().get(tp).get()
                .lowWatermark();
        assertThat(low).isEqualTo(4);
        assertThat(earliest(tp)).isEqualTo(4);

        long all = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(-1))).lowWatermarks().get(tp).get()
                .lowWatermark();
        assertThat(all).isEqualTo(10);
        assertThat(earliest(tp)).isEqualTo(10);
    }

    @Test
    void describeLogDirsListsEveryPartitionWithItsSize() throws Exception {
        create("listed", 2, Map.of());
        produce("listed", 5);

        Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(broker.brokerId())).allDescriptions().get()
                .get(broker.brokerId());
        assertThat(dirs).containsOnlyKeys(dir.resolve("logs").toAbsolutePath().normalize().toString());
        LogDirDescription logs = dirs.values().iterator().next();
        assertThat(logs.error()).isNull();
        assertThat(logs.replicaInfos()).containsKeys(new TopicPartition("listed", 0), new TopicPartition("listed", 1));
        long total = logs.replicaInfos().entrySet().stream().filter(e -> e.getKey().topic().equals("listed"))
                .mapToLong(e -> e.getValue().size()).sum();
        assertThat(total).isPositive();
        assertThat(logs.replicaInfos().values()).allSatisfy(info -> assertThat(info.offsetLag()).isZero());
        assertThat(logs.totalBytes()).isPresent();
    }

    @Test
    void alterConfigsReplacesTheWholeSetOfOverrides() throws Exception {
        create("replaced", 1, Map.of("retention.ms", "5000", "max.message.bytes", "4096"));
        try (WireClient wire = wire()) {
            Struct altered = wire.send(ApiKey.ALTER_CONFIGS, 0, r -> {
                Struct resource = r.addChild("resources").set("resource_type", (byte) 2).set("resource_name", "replaced");
                resource.addChild("configs").set("name", "segment.ms").set("value", "60000");
            });
            assertThat(altered.getStructs("responses").get(0).getShort("error_code")).isZero();

            Struct refused = wire.send(ApiKey.ALTER_CONFIGS, 1, r -> {
                Struct resource = r.addChild("resources").set("resource_type", (byte) 2).set("resource_name", "replaced");
                resource.addChild("configs").set("name", "cleanup.policy").set("value", "shred");
            });
            Struct result = refused.getStructs("responses").get(0);
            assertThat(result.getShort("error_code")).isEqualTo(Errors.INVALID_CONFIG.code());
            assertThat(result.getString("error_message")).contains("cleanup.policy");

            Struct described = wire.send(ApiKey.DESCRIBE_CONFIGS, 1, r -> r.addChild("resources")
                    .set("resource_type", (byte) 2).set("resource_name", "replaced")
                    .set("configuration_keys", List.of("segment.ms", "retention.ms", "max.message.bytes")));
            Map<String, Struct> configs = new HashMap<>();
            described.getStructs("results").get(0).getStructs("configs").forEach(c -> configs.put(c.getString("name"), c));
            assertThat(configs).containsOnlyKeys("segment.ms", "retention.ms", "max.message.bytes");
            assertThat(configs.get("segment.ms").getString("value")).isEqualTo("60000");
            assertThat(configs.get("segment.ms").getByte("config_source")).isEqualTo((byte) 1);
            assertThat(configs.get("retention.ms").getByte("config_source")).isEqualTo((byte) 5);
            assertThat(configs.get("max.message.bytes").getString("value")).isEqualTo("1048588");
        }
    }

    @Test
    void staticBrokerConfigsCannotBeAlteredAndUnknownPartitionsCannotBeTrimmed() throws Exception {
        try (WireClient wire = wire()) {
            Struct altered = wire.send(ApiKey.ALTER_CONFIGS, 0, r -> r.addChild("resources")
                    .set("resource_type", (byte) 4).set("resource_name", String.valueOf(broker.brokerId()))
                    .addChild("configs").set("name", "num.partitions").set("value", "3"));
            assertThat(altered.getStructs("responses").get(0).getShort("error_code"))
                    .isEqualTo(Errors.INVALID_REQUEST.code());

            Struct deleted = wire.send(ApiKey.DELETE_RECORDS, 0, r -> r.addChild("topics").set("name", "nowhere")
                    .addChild("partitions").set("partition_index", 0).set("offset", 1L));
            Struct partition = deleted.getStructs("topics").get(0).getStructs("partitions").get(0);
            assertThat(partition.getShort("error_code")).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(partition.getLong("low_watermark")).isEqualTo(-1L);
        }
    }

    private static WireClient wire() throws Exception {
        InetSocketAddress address = broker.boundAddresses().get(0);
        return new WireClient(address.getHostString(), address.getPort());
    }

    private static void create(String name, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                .get(30, TimeUnit.SECONDS);
    }

    private static Config topicConfig(String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        return admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().includeSynonyms(true)
                .includeDocumentation(true)).all().get().get(resource);
    }

    private static void alter(ConfigResource resource, AlterConfigOp... ops) throws Exception {
        Collection<AlterConfigOp> list = List.of(ops);
        admin.incrementalAlterConfigs(Map.of(resource, list)).all().get();
    }

    private static void produce(String topic, int count) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
            }
        }
    }

    private static long earliest(TopicPartition tp) {
        Properties c = new Properties();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            return consumer.position(tp);
        }
    }

    private static io.tributary.storage.UnifiedLog localLog(TopicPartition tp) {
        return broker.replicaManager().partition(new io.tributary.common.TopicPartition(tp.topic(), tp.partition())).log();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void deleteTopicIsRefusedWhenDeletionIsDisabled(@TempDir Path other) throws Exception {
        try (Broker locked = new Broker(new BrokerConfig(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0",
                "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", other.resolve("logs").toString(),
                "delete.topic.enable", "false",
                "offsets.topic.replication.factor", "1")), Time.SYSTEM).start();
             Admin client = Admin.create(Map.of("bootstrap.servers", locked.bootstrapServers()))) {
            client.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> client.deleteTopics(List.of("kept")).all().get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicDeletionDisabledException.class);
            assertThat(client.listTopics().names().get()).contains("kept");
        }
    }
}
