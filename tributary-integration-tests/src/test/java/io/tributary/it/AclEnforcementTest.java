package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ACLs created with kafka-clients 4.2.0's Admin on a broker with Kafka's authorizer class name: a principal
 * without ACLs is refused with Kafka's error codes, literal and prefixed ACLs grant what they name (and what it
 * implies), Metadata leaves out topics the principal may not describe, auto-creation needs CREATE, and the ACLs
 * live in ZooKeeper in Kafka 2.x's layout.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AclEnforcementTest {

    static final String USERS_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"alice-secret\" "
            + "user_bob=\"bob-secret\" user_carol=\"carol-secret\" user_dave=\"dave-secret\";";
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(aclBroker());
        try (Admin admin = admin("admin")) {
            admin.createTopics(List.of(new NewTopic("orders-eu", 1, (short) 1), new NewTopic("payments", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    static Map<String, String> aclBroker() {
        Map<String, String> config = new HashMap<>();
        config.put("listeners", "SASL_PLAINTEXT://127.0.0.1:0");
        config.put("security.inter.broker.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", USERS_JAAS);
        config.put("authorizer.class.name", "kafka.security.authorizer.AclAuthorizer");
        config.put("super.users", "User:admin");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    static Map<String, Object> client(String user) {
        return client(broker.bootstrapServers(), user);
    }

    /** A kafka-clients config logging in as {@code user} (password {@code <user>-secret}) with PLAIN. */
    static Map<String, Object> client(String bootstrap, String user) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + user + "-secret\";");
        config.put("request.timeout.ms", "10000");
        config.put("default.api.timeout.ms", "15000");
        return config;
    }

    static Admin admin(String user) {
        return Admin.create(client(user));
    }

    private static void allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation op)
            throws Exception {
        try (Admin admin = admin("admin")) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void principalWithoutAclsIsRefusedWithKafkasErrorCodes() throws Exception {
        Map<String, Object> carol = client("carol");
        carol.put("max.block.ms", "8000");
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), carol)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("payments", "k", "v")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (Admin admin = Admin.create(carol)) {
            assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).isEmpty();
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("carols", 1, (short) 1))).all()
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> admin.describeAcls(AclBindingFilter.ANY).values().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
            assertThatThrownBy(() -> admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata()
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void literalAndPrefixedAclsGrantWhatTheyNameAndMetadataFiltersTopics() throws Exception {
        allow("User:alice", ResourceType.TOPIC, "orders-", PatternType.PREFIXED, AclOperation.ALL);
        allow("User:alice", ResourceType.GROUP, "alice-group", PatternType.LITERAL, AclOperation.READ);
        Map<String, Object> alice = client("alice");
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), alice)) {
            producer.send(new ProducerRecord<>("orders-eu", "k", "v")).get(20, TimeUnit.SECONDS);
        }
        try (Admin admin = Admin.create(alice)) {
            assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).containsExactly("orders-eu");
        }
        Properties c = new Properties();
        c.putAll(alice);
        c.put("group.id", "alice-group");
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("orders-eu"));
            int read = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (read == 0 && System.currentTimeMillis() < deadline) {
                read += consumer.poll(Duration.ofMillis(300)).count();
            }
            assertThat(read).isPositive();
            consumer.commitSync();
        }
        c.put("group.id", "other-group");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("orders-eu"));
            assertThatThrownBy(() -> {
                long deadline = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(300));
                }
            }).isInstanceOf(GroupAuthorizationException.class);
        }
        Map<String, Object> autoCreate = client("alice");
        autoCreate.put("max.block.ms", "8000");
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), autoCreate)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("payments-new", "k", "v")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(broker.broker().metadata().image().topic("payments-new")).isNull();
    }

    @Test
    void aclsAreStoredInZooKeeperInKafka2LayoutAndCanBeListedAndDeleted() throws Exception {
        allow("User:bob", ResourceType.TOPIC, "audit", PatternType.LITERAL, AclOperation.READ);
        allow("User:bob", ResourceType.TOPIC, "logs-", PatternType.PREFIXED, AclOperation.WRITE);
        var curator = broker.broker().zk().curator();
        String literal = new String(curator.getData().forPath("/kafka-acl/Topic/audit"));
        assertThat(literal).contains("\"principal\":\"User:bob\"", "\"operation\":\"Read\"", "\"permissionType\":\"Allow\"",
                "\"host\":\"*\"");
        assertThat(new String(curator.getData().forPath("/kafka-acl-extended/prefixed/Topic/logs-"))).contains("Write");
        assertThat(curator.getChildren().forPath("/kafka-acl-changes")).isNotEmpty();
        try (Admin admin = admin("admin")) {
            AclBindingFilter bobs = new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter("User:bob", null, AclOperation.ANY, AclPermissionType.ANY));
            Collection<AclBinding> listed = admin.describeAcls(bobs).values().get(20, TimeUnit.SECONDS);
            assertThat(listed).extracting(b -> b.pattern().name()).containsExactlyInAnyOrder("audit", "logs-");
            Collection<AclBinding> deleted = admin.deleteAcls(List.of(bobs)).all().get(20, TimeUnit.SECONDS);
            assertThat(deleted).hasSize(2);
            assertThat(admin.describeAcls(bobs).values().get(20, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(curator.checkExists().forPath("/kafka-acl/Topic/audit")).isNull();
    }

    @Test
    void clusterLevelApisNeedClusterAcls() throws Exception {
        try (Admin admin = admin("dave")) {
            assertThatThrownBy(() -> admin.describeUserScramCredentials().all().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
        }
        allow("User:dave", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE);
        try (Admin admin = admin("dave")) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(20, TimeUnit.SECONDS)).isNotEmpty();
            assertThatThrownBy(() -> admin.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "x", PatternType.LITERAL),
                    new AccessControlEntry("User:dave", "*", AclOperation.ALL, AclPermissionType.ALLOW)))).all()
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ClusterAuthorizationException.class);
        }
    }
}
