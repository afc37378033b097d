package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.security.sasl.ScramCredential;
import io.tributary.broker.security.sasl.ScramMechanism;
import io.tributary.testkit.EmbeddedBroker;
import io.tributary.testkit.TestCertificates;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SASL_SSL and SASL_PLAINTEXT listeners with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512, driven by kafka-clients
 * 4.2.0 and by hand-made frames: successful logins produce and consume, wrong passwords and disabled mechanisms
 * are refused, and bad input before authentication ends only that connection.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SaslListenerTest {

    static final String ADMIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"alice-secret\";";
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(saslBroker());
        addScramUser(broker, "scram-user", "scram-secret");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    static Map<String, String> saslBroker() {
        TestCertificates certs = TestCertificates.get();
        Map<String, String> config = new HashMap<>();
        config.put("listeners", "SASL_SSL://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0");
        config.put("security.inter.broker.protocol", "SASL_SSL");
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
        config.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "SCRAM-SHA-256");
        config.put("listener.name.sasl_ssl.plain.sasl.jaas.config", ADMIN_JAAS);
        config.put("ssl.keystore.type", "PKCS12");
        config.put("ssl.keystore.location", certs.brokerKeyStore().toString());
        config.put("ssl.keystore.password", TestCertificates.PASSWORD);
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", certs.trustStore().toString());
        config.put("ssl.truststore.password", TestCertificates.PASSWORD);
        config.put("connection.failed.authentication.delay.ms", "50");
        return config;
    }

    static void addScramUser(EmbeddedBroker target, String user, String password) throws Exception {
        Map<String, String> config = new HashMap<>();
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            config.put(mechanism.mechanismName(), ScramCredential.fromPassword(mechanism, password, 4096).toZkText());
        }
        target.broker().zk().setUserConfig(user, config);
    }

    static Map<String, Object> saslClient(String protocol, String mechanism, String user, String password) {
        TestCertificates certs = TestCertificates.get();
        Map<String, Object> config = new HashMap<>();
        config.put("security.protocol", protocol);
        config.put("sasl.mechanism", mechanism);
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        config.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + password + "\";");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", certs.trustStore().toString());
        config.put("ssl.truststore.password", TestCertificates.PASSWORD);
        return config;
    }

    private static String sslBootstrap() {
        return broker.bootstrapServers("SASL_SSL");
    }

    @Test
    void scramSha256AndSha512AndPlainProduceAndConsumeOverSaslSsl() throws Exception {
        List<Map<String, Object>> logins = List.of(
                saslClient("SASL_SSL", "SCRAM-SHA-256", "scram-user", "scram-secret"),
                saslClient("SASL_SSL", "SCRAM-SHA-512", "scram-user", "scram-secret"),
                saslClient("SASL_SSL", "PLAIN", "alice", "alice-secret"));
        for (int i = 0; i < logins.size(); i++) {
            Map<String, Object> client = logins.get(i);
            String topic = "sasl-topic-" + i;
            try (Admin admin = Admin.create(TlsListenerTest.client(sslBootstrap(), client))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = Clients.stringProducer(sslBootstrap(), client)) {
                for (int n = 0; n < 10; n++) {
                    producer.send(new ProducerRecord<>(topic, "k" + n, "v" + n)).get(30, TimeUnit.SECONDS);
                }
            }
            List<ConsumerRecord<String, String>> records = Clients.readAllStrings(sslBootstrap(), client, topic, 1,
                    Duration.ofSeconds(30));
            assertThat(records).as(String.valueOf(client.get("sasl.mechanism"))).hasSize(10);
        }
    }

    @Test
    void wrongPasswordIsRefusedWithSaslAuthenticationFailed() {
        assertRefused(saslClient("SASL_SSL", "SCRAM-SHA-256", "scram-user", "wrong"), SaslAuthenticationException.class);
        assertRefused(saslClient("SASL_SSL", "SCRAM-SHA-512", "nobody", "scram-secret"), SaslAuthenticationException.class);
        assertRefused(saslClient("SASL_SSL", "PLAIN", "alice", "wrong"), SaslAuthenticationException.class);
    }

    @Test
    void mechanismNotEnabledOnTheListenerIsRefused() {
        Map<String, Object> client = saslClient("SASL_PLAINTEXT", "PLAIN", "alice", "alice-secret");
        Map<String, Object> config = TlsListenerTest.client(broker.bootstrapServers("SASL_PLAINTEXT"), client);
        assertRefused(config, UnsupportedSaslMechanismException.class);
    }

    @Test
    void credentialsAddedInZooKeeperWorkWithoutRestart() throws Exception {
        addScramUser(broker, "late-user", "late-secret");
        Map<String, Object> client = saslClient("SASL_PLAINTEXT", "SCRAM-SHA-256", "late-user", "late-secret");
        try (Admin admin = Admin.create(TlsListenerTest.client(broker.bootstrapServers("SASL_PLAINTEXT"), client))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void requestBeforeAuthenticationClosesTheConnection() throws Exception {
        try (Socket socket = saslPlaintextSocket()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] client = "raw".getBytes(StandardCharsets.US_ASCII);
            // Metadata v1 with all topics (null array), never allowed before authentication.
            out.writeInt(2 + 2 + 4 + 2 + client.length + 4);
            out.writeShort(3);
            out.writeShort(1);
            out.writeInt(7);
            out.writeShort(client.length);
            out.write(client);
            out.writeInt(-1);
            out.flush();
            assertClosed(socket);
        }
        assertServing();
    }

    @Test
    void oversizedTokenBeforeAuthenticationClosesTheConnection() throws Exception {
        try (Socket socket = saslPlaintextSocket()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(600 * 1024);
            try {
                out.write(new byte[600 * 1024]);
                out.flush();
            } catch (SocketException closedWhileWriting) {
                // the broker closed the connection before reading it all, which is the point
            }
            assertClosed(socket);
        }
        assertServing();
    }

    private static Socket saslPlaintextSocket() throws IOException {
        String[] hostPort = broker.bootstrapServers("SASL_PLAINTEXT").split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void assertClosed(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (SocketException reset) {
            // closed with a reset: also closed
        } catch (EOFException expected) {
            // closed
        }
    }

    private static void assertServing() throws Exception {
        Map<String, Object> client = saslClient("SASL_SSL", "SCRAM-SHA-256", "scram-user", "scram-secret");
        try (Admin admin = Admin.create(TlsListenerTest.client(sslBootstrap(), client))) {
            assertThat(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    private static void assertRefused(Map<String, Object> client, Class<? extends Throwable> expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.putIfAbsent("bootstrap.servers", sslBootstrap());
        config.put("request.timeout.ms", "5000");
        config.put("default.api.timeout.ms", "8000");
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(expected);
        }
    }

    @Test
    void unknownMechanismMissingUsersOrBadInterBrokerMechanismFailStartUpNamingTheKey() {
        Map<String, String> unknown = saslBroker();
        unknown.put("sasl.enabled.mechanisms", "PLAIN,GSSAPI");
        assertThatThrownBy(() -> EmbeddedBroker.start(unknown)).hasMessageContaining("sasl.enabled.mechanisms")
                .hasMessageContaining("GSSAPI");
        Map<String, String> noUsers = saslBroker();
        noUsers.remove("listener.name.sasl_ssl.plain.sasl.jaas.config");
        assertThatThrownBy(() -> EmbeddedBroker.start(noUsers))
                .hasMessageContaining("listener.name.sasl_ssl.plain.sasl.jaas.config").hasMessageNotContaining("secret");
        Map<String, String> kerberos = saslBroker();
        kerberos.remove("sasl.mechanism.inter.broker.protocol"); // Kafka's default, GSSAPI, is not served here
        assertThatThrownBy(() -> EmbeddedBroker.start(kerberos))
                .hasMessageContaining("sasl.mechanism.inter.broker.protocol");
    }

    @Test
    void adminClientCreatesDescribesAndDeletesScramCredentials() throws Exception {
        Map<String, Object> admin = TlsListenerTest.client(sslBootstrap(),
                saslClient("SASL_SSL", "PLAIN", "admin", "admin-secret"));
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(
                    new org.apache.kafka.clients.admin.UserScramCredentialUpsertion("carol",
                            new org.apache.kafka.clients.admin.ScramCredentialInfo(
                                    org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192), "carol-secret")))
                    .all().get(30, TimeUnit.SECONDS);
            var described = client.describeUserScramCredentials(List.of("carol")).all().get(30, TimeUnit.SECONDS);
            assertThat(described.get("carol").credentialInfos()).singleElement().satisfies(info -> {
                assertThat(info.mechanism()).isEqualTo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512);
                assertThat(info.iterations()).isEqualTo(8192);
            });
            Map<String, String> stored = broker.broker().zk().userConfig("carol");
            assertThat(stored.get("SCRAM-SHA-512")).startsWith("salt=").contains(",stored_key=", ",server_key=",
                    ",iterations=8192").doesNotContain("carol-secret");

            Map<String, Object> carol = saslClient("SASL_SSL", "SCRAM-SHA-512", "carol", "carol-secret");
            try (Admin asCarol = Admin.create(TlsListenerTest.client(sslBootstrap(), carol))) {
                assertThat(asCarol.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
            assertThatThrownBy(() -> client.alterUserScramCredentials(List.of(
                    new org.apache.kafka.clients.admin.UserScramCredentialUpsertion("carol",
                            new org.apache.kafka.clients.admin.ScramCredentialInfo(
                                    org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256, 100), "x")))
                    .all().get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(
                            org.apache.kafka.common.errors.UnacceptableCredentialException.class);

            client.alterUserScramCredentials(List.of(new org.apache.kafka.clients.admin.UserScramCredentialDeletion(
                    "carol", org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512))).all().get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> client.describeUserScramCredentials(List.of("carol")).description("carol")
                    .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(org.apache.kafka.common.errors.ResourceNotFoundException.class);
            assertRefused(carol, SaslAuthenticationException.class);
        }
    }
}
