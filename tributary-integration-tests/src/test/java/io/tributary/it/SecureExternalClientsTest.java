package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testkit.EmbeddedBroker;
import io.tributary.testkit.TestCertificates;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other clients over TLS and SASL: kafka-python 2.0.2, kafkajs 2.2.4 and kafka-clients 2.4.1 with SCRAM-SHA-256
 * and -512 over SASL_SSL; kcat and confluent-kafka (Debian's librdkafka 2.0.2) with PLAIN over SASL_SSL; every
 * client over SSL with a client certificate; each refused with a wrong password or an untrusted certificate.
 * librdkafka 2.0.2's SCRAM repeats the client nonce in its final message, and is refused as Kafka 4.2.0 refuses it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SecureExternalClientsTest {

    private static final int COUNT = 5;
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedBroker broker;
    private static TestCertificates certs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.get();
        Map<String, String> config = new HashMap<>(SaslListenerTest.saslBroker());
        config.put("listeners", "SASL_SSL://127.0.0.1:0,SSL://127.0.0.1:0");
        config.remove("listener.name.sasl_plaintext.sasl.enabled.mechanisms");
        config.put("listener.name.ssl.ssl.client.auth", "required");
        config.put("listener.name.ssl.ssl.keystore.location", certs.brokerJks().toString());
        config.put("listener.name.ssl.ssl.keystore.type", "JKS");
        broker = EmbeddedBroker.start(config);
        SaslListenerTest.addScramUser(broker, "scram-user", "scram-secret");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String sasl() {
        return broker.bootstrapServers("SASL_SSL");
    }

    private static String ssl() {
        return broker.bootstrapServers("SSL");
    }

    /** A fresh one-partition topic, created over SSL with the trusted client certificate. */
    private static String topic() throws Exception {
        String topic = "secure-" + TOPICS.incrementAndGet();
        Map<String, Object> client = TlsListenerTest.client(ssl(), sslJavaClient());
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static Map<String, Object> sslJavaClient() {
        Map<String, Object> config = new HashMap<>();
        config.put("security.protocol", "SSL");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", certs.trustStore().toString());
        config.put("ssl.truststore.password", TestCertificates.PASSWORD);
        config.put("ssl.keystore.type", "PKCS12");
        config.put("ssl.keystore.location", certs.clientKeyStore().toString());
        config.put("ssl.keystore.password", TestCertificates.PASSWORD);
        return config;
    }

    // ---- kafka-python 2.0.2

    private Map<String, Object> kafkaPython(String bootstrap, String protocol) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap_servers", bootstrap);
        config.put("security_protocol", protocol);
        config.put("ssl_cafile", certs.caPem().toString());
        config.put("request_timeout_ms", 10000);
        config.put("api_version_auto_timeout_ms", 10000);
        return config;
    }

    private Map<String, Object> kafkaPythonScram(String mechanism, String password) {
        Map<String, Object> config = kafkaPython(sasl(), "SASL_SSL");
        config.put("sasl_mechanism", mechanism);
        config.put("sasl_plain_username", "scram-user");
        config.put("sasl_plain_password", password);
        return config;
    }

    private Map<String, Object> kafkaPythonCert(Path cert, Path key) {
        Map<String, Object> config = kafkaPython(ssl(), "SSL");
        config.put("ssl_certfile", cert.toString());
        config.put("ssl_keyfile", key.toString());
        return config;
    }

    @Test
    void kafkaPythonOverSaslSslWithScramAndOverSslWithAClientCertificate() throws Exception {
        requirePython("kafka");
        assertRoundTrip("kafka-python SCRAM-SHA-256", python("secure_roundtrip_kafka_python.py", kafkaPythonScram("SCRAM-SHA-256", "scram-secret")));
        assertRoundTrip("kafka-python SCRAM-SHA-512", python("secure_roundtrip_kafka_python.py", kafkaPythonScram("SCRAM-SHA-512", "scram-secret")));
        assertRoundTrip("kafka-python SSL", python("secure_roundtrip_kafka_python.py", kafkaPythonCert(certs.clientCertPem(), certs.clientKeyPem())));
        assertRefused("kafka-python wrong password", python("secure_roundtrip_kafka_python.py", kafkaPythonScram("SCRAM-SHA-256", "wrong")));
        assertRefused("kafka-python untrusted certificate", python("secure_roundtrip_kafka_python.py", kafkaPythonCert(certs.untrustedCertPem(), certs.untrustedKeyPem())));
    }

    // ---- confluent-kafka and kcat: Debian's librdkafka 2.0.2

    private Map<String, Object> librdkafka(String bootstrap, String protocol) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("security.protocol", protocol);
        config.put("ssl.ca.location", certs.caPem().toString());
        config.put("socket.timeout.ms", "10000");
        config.put("message.timeout.ms", "8000");
        return config;
    }

    private Map<String, Object> librdkafkaSasl(String mechanism, String user, String password) {
        Map<String, Object> config = librdkafka(sasl(), "SASL_SSL");
        config.put("sasl.mechanisms", mechanism);
        config.put("sasl.username", user);
        config.put("sasl.password", password);
        return config;
    }

    private Map<String, Object> librdkafkaCert(Path cert, Path key) {
        Map<String, Object> config = librdkafka(ssl(), "SSL");
        config.put("ssl.certificate.location", cert.toString());
        config.put("ssl.key.location", key.toString());
        return config;
    }

    @Test
    void confluentKafkaOverSaslSslWithPlainAndOverSslAndItsScramIsRefused() throws Exception {
        requirePython("confluent_kafka");
        String script = "secure_roundtrip_confluent.py";
        assertRoundTrip("confluent PLAIN", python(script, librdkafkaSasl("PLAIN", "alice", "alice-secret")));
        assertRoundTrip("confluent SSL", python(script, librdkafkaCert(certs.clientCertPem(), certs.clientKeyPem())));
        assertRefused("confluent wrong password", python(script, librdkafkaSasl("PLAIN", "alice", "wrong")));
        assertRefused("confluent untrusted certificate", python(script, librdkafkaCert(certs.untrustedCertPem(), certs.untrustedKeyPem())));
        assertRefused("confluent SCRAM (librdkafka 2.0.2 repeats the client nonce)",
                python(script, librdkafkaSasl("SCRAM-SHA-256", "scram-user", "scram-secret")));
    }

    @Test
    void kcatOverSaslSslWithPlainAndOverSslAndItsScramIsRefused() throws Exception {
        ExternalClients.require(ExternalClients.onPath("kcat"), "kcat", "apt-get install -y kcat");
        assertKcatRoundTrip(librdkafkaSasl("PLAIN", "alice", "alice-secret"));
        assertKcatRoundTrip(librdkafkaCert(certs.clientCertPem(), certs.clientKeyPem()));
        for (Map<String, Object> refused : List.of(librdkafkaSasl("PLAIN", "alice", "wrong"),
                librdkafkaCert(certs.untrustedCertPem(), certs.untrustedKeyPem()),
                librdkafkaSasl("SCRAM-SHA-512", "scram-user", "scram-secret"))) {
            Run listing = kcat(refused, "-L", "-m", "4");
            assertThat(listing.output()).as("kcat %s", refused).doesNotContain("1 brokers:");
        }
        Run scram = kcat(librdkafkaSasl("SCRAM-SHA-256", "scram-user", "scram-secret"), "-L", "-m", "4");
        assertThat(scram.output()).contains("Authentication failed during authentication due to invalid credentials "
                + "with SASL mechanism SCRAM-SHA-256");
    }

    private void assertKcatRoundTrip(Map<String, Object> config) throws Exception {
        String topic = topic();
        Path input = tmp.resolve(topic + ".in");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            lines.add("kcat-" + i);
        }
        Files.write(input, lines);
        Run produced = kcat(config, "-P", "-t", topic, "-p", "0", "-l", input.toString());
        assertThat(produced.exit()).as(produced.output()).isZero();
        Run consumed = kcat(config, "-C", "-t", topic, "-o", "beginning", "-c", String.valueOf(COUNT), "-e");
        assertThat(consumed.exit()).as(consumed.output()).isZero();
        assertThat(consumed.output().lines().filter(l -> l.startsWith("kcat-")).toList()).containsExactlyElementsOf(lines);
    }

    private Run kcat(Map<String, Object> config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat", "-b", String.valueOf(config.get("bootstrap.servers"))));
        config.forEach((k, v) -> {
            if (!k.equals("bootstrap.servers") && !k.equals("message.timeout.ms")) {
                command.add("-X");
                command.add(k + "=" + v);
            }
        });
        command.addAll(List.of(args));
        Path out = tmp.resolve("kcat-" + System.nanoTime() + ".out");
        int exit = ExternalClients.run(command, null, out, 45);
        return new Run(exit, Files.readString(out, StandardCharsets.UTF_8));
    }

    // ---- kafkajs 2.2.4

    private Map<String, Object> kafkajs(String bootstrap, Map<String, Object> sasl, Path cert, Path key) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("brokers", List.of(bootstrap));
        Map<String, Object> ssl = new LinkedHashMap<>();
        ssl.put("caFile", certs.caPem().toString());
        if (cert != null) {
            ssl.put("certFile", cert.toString());
            ssl.put("keyFile", key.toString());
        }
        config.put("ssl", ssl);
        if (sasl != null) {
            config.put("sasl", sasl);
        }
        return config;
    }

    private static Map<String, Object> kafkajsSasl(String mechanism, String password) {
        return Map.of("mechanism", mechanism, "username", "scram-user", "password", password);
    }

    @Test
    void kafkajsOverSaslSslWithScramAndOverSslWithAClientCertificate() throws Exception {
        ExternalClients.require(ExternalClients.onPath("node") && ExternalClients.onPath("npm"), "node and npm",
                "install Node.js 14+ with npm");
        Path dir = installKafkajs();
        List<String> node = List.of("node", dir.resolve("secure-roundtrip.js").toString());
        assertRoundTrip("kafkajs scram-sha-256", script(node, kafkajs(sasl(), kafkajsSasl("scram-sha-256", "scram-secret"), null, null), dir));
        assertRoundTrip("kafkajs scram-sha-512", script(node, kafkajs(sasl(), kafkajsSasl("scram-sha-512", "scram-secret"), null, null), dir));
        assertRoundTrip("kafkajs SSL", script(node, kafkajs(ssl(), null, certs.clientCertPem(), certs.clientKeyPem()), dir));
        assertRefused("kafkajs wrong password", script(node, kafkajs(sasl(), kafkajsSasl("scram-sha-256", "wrong"), null, null), dir));
        assertRefused("kafkajs untrusted certificate", script(node, kafkajs(ssl(), null, certs.untrustedCertPem(), certs.untrustedKeyPem()), dir));
    }

    // ---- kafka-clients 2.4.1, in its own JVM

    private Properties java241(String bootstrap, String protocol) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("security.protocol", protocol);
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", certs.trustStore().toString());
        config.put("ssl.truststore.password", TestCertificates.PASSWORD);
        config.put("request.timeout.ms", "10000");
        config.put("delivery.timeout.ms", "20000");
        return config;
    }

    private Properties java241Scram(String mechanism, String password) {
        Properties config = java241(sasl(), "SASL_SSL");
        config.put("sasl.mechanism", mechanism);
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"scram-user\" password=\"" + password + "\";");
        return config;
    }

    private Properties java241Cert(Path keyStore) {
        Properties config = java241(ssl(), "SSL");
        config.put("ssl.keystore.type", "PKCS12");
        config.put("ssl.keystore.location", keyStore.toString());
        config.put("ssl.keystore.password", TestCertificates.PASSWORD);
        return config;
    }

    @Test
    void javaClients241OverSaslSslWithScramAndOverSslWithAClientCertificate() throws Exception {
        assertRoundTrip("2.4.1 SCRAM-SHA-256", java241Run(java241Scram("SCRAM-SHA-256", "scram-secret")));
        assertRoundTrip("2.4.1 SCRAM-SHA-512", java241Run(java241Scram("SCRAM-SHA-512", "scram-secret")));
        assertRoundTrip("2.4.1 SSL", java241Run(java241Cert(certs.clientKeyStore())));
        assertRefused("2.4.1 wrong password", java241Run(java241Scram("SCRAM-SHA-512", "wrong")));
        assertRefused("2.4.1 untrusted certificate", java241Run(java241Cert(certs.untrustedKeyStore())));
    }

    private Run java241Run(Properties config) throws Exception {
        String topic = topic();
        Path file = tmp.resolve(topic + ".properties");
        try (var out = Files.newBufferedWriter(file)) {
            config.store(out, null);
        }
        Path dir = Path.of(System.getProperty("kafka241.dir", "target/kafka-2.4.1"));
        List<String> jars;
        try (var list = Files.list(dir)) {
            jars = list.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, jars), "io.tributary.compat.kafka241.SecureRoundTrip",
                file.toString(), topic, String.valueOf(COUNT));
        Path out = tmp.resolve(topic + ".out");
        int exit = ExternalClients.run(command, null, out, 90);
        return new Run(exit, Files.readString(out, StandardCharsets.UTF_8));
    }

    // ---- shared

    private record Run(int exit, String output) {
    }

    private static void requirePython(String module) {
        ExternalClients.require(ExternalClients.pythonHas(module), "python3 module " + module,
                "apt-get install -y python3-kafka python3-confluent-kafka");
    }

    private Run python(String scriptName, Map<String, Object> config) throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "clients", scriptName);
        return script(List.of(ExternalClients.PYTHON, script.toString()), config, null);
    }

    private Run script(List<String> command, Map<String, Object> config, Path dir) throws Exception {
        String topic = topic();
        Path file = tmp.resolve(topic + ".json");
        JSON.writeValue(file.toFile(), config);
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(file.toString(), topic, String.valueOf(COUNT)));
        Path out = tmp.resolve(topic + ".out");
        int exit = ExternalClients.run(full, dir, out, 90);
        return new Run(exit, Files.readString(out, StandardCharsets.UTF_8));
    }

    private static void assertRoundTrip(String what, Run run) {
        assertThat(run.exit()).as("%s exit code; output:%n%s", what, run.output()).isZero();
        assertThat(run.output()).as(what).contains("read " + COUNT);
    }

    private static void assertRefused(String what, Run run) {
        assertThat(run.exit()).as("%s must fail; output:%n%s", what, run.output()).isNotZero();
        assertThat(run.output()).as(what).doesNotContain("read " + COUNT);
    }

    /** kafkajs 2.2.4 from the committed lock file, installed once into target/kafkajs. */
    private static Path installKafkajs() throws Exception {
        Path source = Path.of(System.getProperty("basedir", "."), "src", "test", "node");
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "kafkajs");
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "secure-roundtrip.js")) {
            Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("kafkajs"))) {
            Path log = dir.resolve("npm-ci.log");
            int exit = ExternalClients.run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, log, 90);
            ExternalClients.require(exit == 0, "kafkajs (npm ci in " + dir + " failed: " + Files.readString(log) + ")",
                    "make the npm registry reachable");
        }
        return dir;
    }
}
