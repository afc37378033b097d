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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka 4.2.0's own kafka-acls (AclCommand) and kafka-configs (ConfigCommand) against a Tributary broker
 * with SASL and the ACL authorizer, each in its own JVM with --command-config: ACLs they add are listed, enforced
 * and removed; SCRAM users they create can log in.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ApacheKafkaSecurityToolsTest {

    private static final String ACLS = "org.apache.kafka.tools.AclCommand";
    private static final String CONFIGS = "kafka.admin.ConfigCommand";
    private static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> config = new java.util.HashMap<>(AclEnforcementTest.aclBroker());
        config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
        broker = EmbeddedBroker.start(config);
        try (Admin admin = Admin.create(client("admin"))) {
            admin.createTopics(List.of(new NewTopic("tools-orders", 1, (short) 1), new NewTopic("tools-other", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, Object> client(String user) {
        return AclEnforcementTest.client(broker.bootstrapServers(), user);
    }

    private Path commandConfig() throws Exception {
        Path file = dir.resolve("admin.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"admin\" password=\"admin-secret\";\n");
        return file;
    }

    private JvmTool tool(String mainClass, String... args) throws Exception {
        return JvmTool.run(dir, "", mainClass, args);
    }

    @Test
    void kafkaAclsAddsListsAndRemovesAclsThatTheBrokerEnforces() throws Exception {
        String bs = broker.bootstrapServers();
        String config = commandConfig().toString();
        tool(ACLS, "--bootstrap-server", bs, "--command-config", config, "--add", "--allow-principal", "User:bob",
                "--operation", "Write", "--operation", "Describe", "--topic", "tools-", "--resource-pattern-type",
                "prefixed").ok();
        tool(ACLS, "--bootstrap-server", bs, "--command-config", config, "--add", "--producer", "--topic",
                "tools-other", "--allow-principal", "User:carol").ok();
        String listed = tool(ACLS, "--bootstrap-server", bs, "--command-config", config, "--list", "--topic",
                "tools-", "--resource-pattern-type", "prefixed").ok().out();
        assertThat(listed).contains("ResourcePattern(resourceType=TOPIC, name=tools-, patternType=PREFIXED)")
                .contains("(principal=User:bob, host=*, operation=WRITE, permissionType=ALLOW)");

        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), client("bob"))) {
            producer.send(new ProducerRecord<>("tools-orders", "k", "v")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), client("carol"))) {
            producer.send(new ProducerRecord<>("tools-other", "k", "v")).get(30, TimeUnit.SECONDS);
        }

        tool(ACLS, "--bootstrap-server", bs, "--command-config", config, "--remove", "--force", "--allow-principal",
                "User:bob", "--operation", "Write", "--topic", "tools-", "--resource-pattern-type", "prefixed").ok();
        Map<String, Object> bob = client("bob");
        bob.put("max.block.ms", "8000");
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), bob)) {
            // Without WRITE anywhere, Kafka refuses even the idempotent producer's id (ClusterAuthorization).
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("tools-orders", "k", "v")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void kafkaConfigsCreatesScramUsersThatLogIn() throws Exception {
        String bs = broker.bootstrapServers();
        String config = commandConfig().toString();
        tool(CONFIGS, "--bootstrap-server", bs, "--command-config", config, "--alter", "--add-config",
                "SCRAM-SHA-256=[iterations=8192,password=erin-secret],SCRAM-SHA-512=[password=erin-secret]",
                "--entity-type", "users", "--entity-name", "erin").ok();
        String described = tool(CONFIGS, "--bootstrap-server", bs, "--command-config", config, "--describe",
                "--entity-type", "users", "--entity-name", "erin").ok().out();
        assertThat(described).contains("SCRAM credential configs for user-principal 'erin' are")
                .contains("SCRAM-SHA-256=iterations=8192").contains("SCRAM-SHA-512=iterations=4096");

        Map<String, Object> erin = SaslListenerTest.saslClient("SASL_PLAINTEXT", "SCRAM-SHA-512", "erin", "erin-secret");
        erin.put("bootstrap.servers", bs);
        try (Admin admin = Admin.create(erin)) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
        tool(CONFIGS, "--bootstrap-server", bs, "--command-config", config, "--alter", "--delete-config",
                "SCRAM-SHA-512", "--entity-type", "users", "--entity-name", "erin").ok();
        assertThat(tool(CONFIGS, "--bootstrap-server", bs, "--command-config", config, "--describe",
                "--entity-type", "users", "--entity-name", "erin").ok().out()).doesNotContain("SCRAM-SHA-512");
    }
}
