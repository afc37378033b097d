package io.tributary.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import io.tributary.storage.UnifiedLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's dynamic broker configs through kafka-clients' Admin against one in-process broker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DynamicBrokerConfigTest {

    private static final ConfigResource THIS_BROKER = new ConfigResource(ConfigResource.Type.BROKER, "0");
    private static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(ConfigResource.Type.BROKER, "");

    @TempDir
    Path dir;

    private Broker broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        startBroker();
    }

    @AfterEach
    void stop() {
        stopBroker();
    }

    @Test
    void perBrokerRetentionReachesTopicsWithoutTheirOwnOverride() throws Exception {
        create("plain", Map.of());
        create("own", Map.of("retention.ms", "5000"));

        set(THIS_BROKER, "log.retention.ms", "123456");

        ConfigEntry described = describe(THIS_BROKER).get("log.retention.ms");
        assertThat(described.value()).isEqualTo("123456");
        assertThat(described.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
        ConfigEntry plain = describe(topic("plain")).get("retention.ms");
        assertThat(plain.value()).isEqualTo("123456");
        assertThat(plain.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
        assertThat(plain.synonyms()).extracting(ConfigEntry.ConfigSynonym::name)
                .containsExactly("log.retention.ms", "retention.ms");
        awaitTrue(() -> log("plain").config().retentionMs() == 123456);

        ConfigEntry own = describe(topic("own")).get("retention.ms");
        assertThat(own.value()).isEqualTo("5000");
        assertThat(own.source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(log("own").config().retentionMs()).isEqualTo(5000);

        alter(THIS_BROKER, new AlterConfigOp(new ConfigEntry("log.retention.ms", ""), AlterConfigOp.OpType.DELETE));
        assertThat(describe(topic("plain")).get("retention.ms").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        awaitTrue(() -> log("plain").config().retentionMs() == TimeUnit.HOURS.toMillis(168));
    }

    @Test
    void clusterDefaultAppliesUnlessThisBrokerOverridesIt() throws Exception {
        create("sized", Map.of());

        set(CLUSTER_DEFAULT, "log.segment.bytes", "2000000");
        set(CLUSTER_DEFAULT, "log.retention.bytes", "1000000");
        set(THIS_BROKER, "log.retention.bytes", "3000000");

        Config defaults = describe(CLUSTER_DEFAULT);
        assertThat(defaults.get("log.segment.bytes").value()).isEqualTo("2000000");
        assertThat(defaults.get("log.segment.bytes").source()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        Config brokerConfig = describe(THIS_BROKER);
        assertThat(brokerConfig.get("log.segment.bytes").source()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        ConfigEntry retentionBytes = brokerConfig.get("log.retention.bytes");
        assertThat(retentionBytes.value()).isEqualTo("3000000");
        assertThat(retentionBytes.synonyms()).extracting(ConfigEntry.ConfigSynonym::source).containsExactly(
                ConfigSource.DYNAMIC_BROKER_CONFIG, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, ConfigSource.DEFAULT_CONFIG);

        Config topicConfig = describe(topic("sized"));
        assertThat(topicConfig.get("segment.bytes").value()).isEqualTo("2000000");
        assertThat(topicConfig.get("segment.bytes").source()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        assertThat(topicConfig.get("retention.bytes").value()).isEqualTo("3000000");
        awaitTrue(() -> log("sized").config().segmentBytes() == 2_000_000
                && log("sized").config().retentionBytes() == 3_000_000);
    }

    @Test
    void keysThatAreNotDynamicAreRefused() {
        assertThatThrownBy(() -> set(THIS_BROKER, "num.partitions", "3"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Cannot update these configs dynamically: [num.partitions]");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() throws Exception {
        assertThatThrownBy(() -> set(THIS_BROKER, "log.retention.ms", "forever"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("log.retention.ms");
        assertThatThrownBy(() -> set(CLUSTER_DEFAULT, "log.cleaner.min.cleanable.ratio", "2.5"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("log.cleaner.min.cleanable.ratio");
        assertThat(describe(THIS_BROKER).get("log.retention.ms").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        assertThat(describe(CLUSTER_DEFAULT).entries()).isEmpty();
    }

    @Test
    void dynamicMinInsyncReplicasGovernsAcksAllProduce() throws Exception {
        create("guarded", Map.of());
        set(CLUSTER_DEFAULT, "min.insync.replicas", "2");

        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        p.put("retries", "0");
        p.put("delivery.timeout.ms", "10000");
        p.put("request.timeout.ms", "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("guarded", "k", "v")).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NotEnoughReplicasException.class);
            set(CLUSTER_DEFAULT, "min.insync.replicas", "1");
            assertThat(producer.send(new ProducerRecord<>("guarded", "k", "v")).get(20, TimeUnit.SECONDS).offset())
                    .isZero();
        }
    }

    @Test
    void dynamicValuesSurviveARestart() throws Exception {
        create("kept", Map.of());
        set(THIS_BROKER, "log.retention.ms", "654321");
        set(CLUSTER_DEFAULT, "log.index.interval.bytes", "8192");

        stopBroker();
        startBroker();

        assertThat(describe(THIS_BROKER).get("log.retention.ms").value()).isEqualTo("654321");
        assertThat(describe(THIS_BROKER).get("log.index.interval.bytes").source())
                .isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        awaitTrue(() -> log("kept") != null && log("kept").config().retentionMs() == 654321
                && log("kept").config().indexIntervalBytes() == 8192);
    }

    private void startBroker() throws Exception {
        broker = new Broker(new BrokerConfig(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0",
                "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1")), Time.SYSTEM).start();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private void stopBroker() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    private void create(String name, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get(30, TimeUnit.SECONDS);
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private Config describe(ConfigResource resource) throws Exception {
        return admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().includeSynonyms(true)).all().get()
                .get(resource);
    }

    private void set(ConfigResource resource, String key, String value) throws Exception {
        alter(resource, new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
    }

    private void alter(ConfigResource resource, AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }

    private UnifiedLog log(String topic) {
        var partition = broker.replicaManager().partition(new io.tributary.common.TopicPartition(topic, 0));
        return partition == null ? null : partition.log();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
