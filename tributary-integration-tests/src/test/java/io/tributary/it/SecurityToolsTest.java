package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testkit.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary acls} and {@code tributary configs} with kafka-acls.sh's and kafka-configs.sh's flags against a
 * SASL broker with the ACL authorizer: what they add is enforced, what they remove no longer is; SCRAM users made
 * through the Admin API or straight in ZooKeeper log in.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecurityToolsTest {

    private static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> config = new java.util.HashMap<>(AclEnforcementTest.aclBroker());
        config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
        broker = EmbeddedBroker.start(config);
        try (Admin admin = Admin.create(AclEnforcementTest.client(broker.bootstrapServers(), "admin"))) {
            admin.createTopics(List.of(new NewTopic("sales-eu", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private String adminConfig() throws Exception {
        Path file = dir.resolve("admin.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"admin\" password=\"admin-secret\";\n");
        return file.toString();
    }

    private static void write(String user, String topic) throws Exception {
        Map<String, Object> client = AclEnforcementTest.client(broker.bootstrapServers(), user);
        client.put("max.block.ms", "8000");
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), client)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aclsToolAddsListsAndRemovesWithKafkaAclsFlags() throws Exception {
        String bs = broker.bootstrapServers();
        String config = adminConfig();
        Tool added = Tool.run("acls", "--bootstrap-server", bs, "--command-config", config, "--add", "--producer",
                "--allow-principal", "User:bob", "--topic", "sales-", "--resource-pattern-type", "prefixed");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).contains("Adding ACLs for resource `ResourcePattern(resourceType=TOPIC, name=sales-, "
                + "patternType=PREFIXED)`").contains("(principal=User:bob, host=*, operation=WRITE, permissionType=ALLOW)");
        write("bob", "sales-eu");

        Tool listed = Tool.run("acls", "--bootstrap-server", bs, "--command-config", config, "--list", "--topic",
                "sales-", "--resource-pattern-type", "prefixed");
        assertThat(listed.out()).contains("Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=sales-, "
                + "patternType=PREFIXED)`").contains("operation=CREATE");

        Tool removed = Tool.run("acls", "--bootstrap-server", bs, "--command-config", config, "--remove", "--force",
                "--topic", "sales-", "--resource-pattern-type", "prefixed");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThatThrownBy(() -> write("bob", "sales-eu")).hasCauseInstanceOf(AuthorizationException.class);

        Tool refused = Tool.run("acls", "--bootstrap-server", bs, "--add", "--allow-principal", "User:bob",
                "--operation", "Read", "--topic", "x", "--command-config", dir.resolve("missing.properties").toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("Error: ");
    }

    @Test
    void configsToolCreatesScramUsersThroughTheBrokerAndThroughZooKeeper() throws Exception {
        String bs = broker.bootstrapServers();
        Tool viaBroker = Tool.run("configs", "--bootstrap-server", bs, "--command-config", adminConfig(), "--alter",
                "--add-config", "SCRAM-SHA-256=[iterations=8192,password=frank-secret]", "--entity-type", "users",
                "--entity-name", "frank");
        assertThat(viaBroker.exitCode()).as(viaBroker.toString()).isZero();
        assertThat(viaBroker.out()).doesNotContain("frank-secret");
        assertLogsIn("frank", "frank-secret", "SCRAM-SHA-256");
        Tool described = Tool.run("configs", "--bootstrap-server", bs, "--command-config", adminConfig(), "--describe",
                "--entity-type", "users", "--entity-name", "frank");
        assertThat(described.out()).contains("SCRAM-SHA-256=iterations=8192");

        String zookeeper = broker.broker().zk().curator().getZookeeperClient().getCurrentConnectionString();
        Tool viaZk = Tool.run("configs", "--zookeeper", zookeeper, "--alter", "--add-config",
                "SCRAM-SHA-512=[password=gina-secret]", "--entity-type", "users", "--entity-name", "gina");
        assertThat(viaZk.exitCode()).as(viaZk.toString()).isZero();
        assertThat(broker.broker().zk().userConfig("gina").get("SCRAM-SHA-512")).contains("iterations=4096")
                .doesNotContain("gina-secret");
        assertLogsIn("gina", "gina-secret", "SCRAM-SHA-512");

        Tool deleted = Tool.run("configs", "--zookeeper", zookeeper, "--alter", "--delete-config", "SCRAM-SHA-512",
                "--entity-type", "users", "--entity-name", "gina");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        Map<String, Object> gina = SaslListenerTest.saslClient("SASL_PLAINTEXT", "SCRAM-SHA-512", "gina", "gina-secret");
        gina.put("bootstrap.servers", bs);
        gina.put("default.api.timeout.ms", "8000");
        gina.put("request.timeout.ms", "5000");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            try (Admin admin = Admin.create(gina)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        });
    }

    private static void assertLogsIn(String user, String password, String mechanism) throws Exception {
        Map<String, Object> client = SaslListenerTest.saslClient("SASL_PLAINTEXT", mechanism, user, password);
        client.put("bootstrap.servers", broker.bootstrapServers());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            try (Admin admin = Admin.create(client)) {
                assertThat(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS)).hasSize(1);
            }
        });
    }

    @Test
    void consoleToolsTalkToASaslListenerWithTheirClientConfigFiles() throws Exception {
        String bs = broker.bootstrapServers();
        String config = adminConfig();
        Tool produced = Tool.withInput("first\nsecond\n", "console-producer", "--bootstrap-server", bs, "--topic",
                "sales-eu", "--producer.config", config);
        assertThat(produced.exitCode()).as(produced.toString()).isZero();
        Tool consumed = Tool.run("console-consumer", "--bootstrap-server", bs, "--topic", "sales-eu",
                "--from-beginning", "--max-messages", "2", "--timeout-ms", "20000", "--consumer.config", config);
        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        assertThat(consumed.out()).contains("first").contains("second");
    }
}
