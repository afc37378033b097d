package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.config.ConfigException;
import io.tributary.testkit.EmbeddedBroker;
import io.tributary.testkit.TestCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An SSL listener with ssl.client.auth=required, driven by kafka-clients 4.2.0: produce and fetch through TLS
 * (the fetch path copies segment bytes instead of sendfile), refusal of an untrusted client certificate and of a
 * client that does not trust the broker, plain text on the TLS port, and each key store format.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsListenerTest {

    private static TestCertificates certs;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.get();
        broker = EmbeddedBroker.start(sslBroker("PKCS12", certs.brokerKeyStore().toString(), "required"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    static Map<String, String> sslBroker(String type, String keyStore, String clientAuth) {
        Map<String, String> config = new HashMap<>();
        config.put("listeners", "SSL://127.0.0.1:0");
        config.put("security.inter.broker.protocol", "SSL");
        config.put("ssl.keystore.type", type);
        config.put("ssl.keystore.location", keyStore);
        if (!type.equals("PEM")) {
            config.put("ssl.keystore.password", TestCertificates.PASSWORD);
            config.put("ssl.key.password", TestCertificates.PASSWORD);
        }
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", certs.trustStore().toString());
        config.put("ssl.truststore.password", TestCertificates.PASSWORD);
        config.put("ssl.client.auth", clientAuth);
        return config;
    }

    static Map<String, Object> sslClient(String keyStore) {
        Map<String, Object> config = new HashMap<>();
        config.put("security.protocol", "SSL");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", certs.trustStore().toString());
        config.put("ssl.truststore.password", TestCertificates.PASSWORD);
        if (keyStore != null) {
            config.put("ssl.keystore.type", "PKCS12");
            config.put("ssl.keystore.location", keyStore);
            config.put("ssl.keystore.password", TestCertificates.PASSWORD);
            config.put("ssl.key.password", TestCertificates.PASSWORD);
        }
        return config;
    }

    @Test
    void clientWithTrustedCertificateProducesAndConsumesThroughTls() throws Exception {
        Map<String, Object> client = sslClient(certs.clientKeyStore().toString());
        try (Admin admin = Admin.create(client(broker.bootstrapServers(), client))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("tls-topic", 2, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        byte[] big = new byte[200_000]; // several TLS records per batch
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), client)) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("tls-topic", i % 2, "k" + i, i == 7 ? new String(big, StandardCharsets.US_ASCII) : "v" + i)).get();
            }
        }
        List<ConsumerRecord<String, String>> records = Clients.readAllStrings(broker.bootstrapServers(), client,
                "tls-topic", 2, Duration.ofSeconds(30));
        assertThat(records).hasSize(50);
        assertThat(records).filteredOn(r -> r.key().equals("k7")).singleElement()
                .satisfies(r -> assertThat(r.value()).hasSize(big.length).startsWith("abcdefghij"));
    }

    @Test
    void untrustedClientCertificateIsRefusedAndTheBrokerKeepsServing() throws Exception {
        assertRefused(sslClient(certs.untrustedKeyStore().toString()));
        assertRefused(sslClient(null)); // ssl.client.auth=required: no certificate, no connection
        assertServing();
    }

    @Test
    void clientThatDoesNotTrustTheBrokerIsRefused() throws Exception {
        Map<String, Object> client = sslClient(certs.clientKeyStore().toString());
        client.remove("ssl.truststore.type");
        client.remove("ssl.truststore.location");
        client.remove("ssl.truststore.password");
        assertRefused(client);
        assertServing();
    }

    @Test
    void plainTextOnTheTlsPortEndsOnlyThatConnection() throws Exception {
        int port = broker.broker().boundAddresses().get(0).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // An ApiVersions v0 request frame in plain text.
            out.write(new byte[] {0, 0, 0, 14, 0, 18, 0, 0, 0, 0, 0, 1, 0, 4, 't', 'e', 's', 't'});
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                assertThat(total).as("bytes a plain text client got back").isLessThan(1024);
            }
        }
        assertServing();
    }

    @Test
    void jksAndPemKeyStoresServeTheSameListener() throws Exception {
        for (String[] store : new String[][] {{"JKS", certs.brokerJks().toString()}, {"PEM", certs.brokerPem().toString()}}) {
            try (EmbeddedBroker other = EmbeddedBroker.start(sslBroker(store[0], store[1], "required"));
                 Admin admin = Admin.create(client(other.bootstrapServers(), sslClient(certs.clientKeyStore().toString())))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).as(store[0]).hasSize(1);
            }
        }
    }

    @Test
    void badKeyStorePathOrPasswordFailsStartUpNamingTheKey() {
        Map<String, String> missing = sslBroker("PKCS12", "/nonexistent/broker.p12", "none");
        assertThatThrownBy(() -> EmbeddedBroker.start(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.keystore.location");
        Map<String, String> wrongPassword = sslBroker("PKCS12", certs.brokerKeyStore().toString(), "none");
        wrongPassword.put("ssl.keystore.password", "not-the-password");
        assertThatThrownBy(() -> EmbeddedBroker.start(wrongPassword)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.keystore.password").hasMessageNotContaining("not-the-password");
        Map<String, String> perListener = sslBroker("PKCS12", certs.brokerKeyStore().toString(), "none");
        perListener.put("listener.name.ssl.ssl.keystore.location", "/nonexistent/listener.p12");
        assertThatThrownBy(() -> EmbeddedBroker.start(perListener)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("listener.name.ssl.ssl.keystore.location");
    }

    private static void assertRefused(Map<String, Object> client) {
        Map<String, Object> config = client(broker.bootstrapServers(), client);
        config.put("request.timeout.ms", "5000");
        config.put("default.api.timeout.ms", "8000");
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    private static void assertServing() throws Exception {
        try (Admin admin = Admin.create(client(broker.bootstrapServers(), sslClient(certs.clientKeyStore().toString())))) {
            assertThat(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    static Map<String, Object> client(String bootstrap, Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put("bootstrap.servers", bootstrap);
        return config;
    }

    @Test
    void replicationRunsOverTheSslInterBrokerListener() throws Exception {
        java.nio.file.Path dir = io.tributary.testkit.TempDirs.create("tls-cluster-");
        List<io.tributary.broker.server.Broker> brokers = new java.util.ArrayList<>();
        io.tributary.broker.zk.EmbeddedZooKeeper zk = io.tributary.broker.zk.EmbeddedZooKeeper.start(dir.resolve("zk"), 0);
        try {
            for (int id = 0; id < 2; id++) {
                Map<String, String> config = sslBroker("PKCS12", certs.brokerKeyStore().toString(), "required");
                config.put("broker.id", String.valueOf(id));
                config.put("zookeeper.connect", zk.connectString());
                config.put("log.dirs", dir.resolve("broker-" + id).toString());
                config.put("offsets.topic.replication.factor", "1");
                brokers.add(new io.tributary.broker.server.Broker(new io.tributary.broker.config.BrokerConfig(config),
                        io.tributary.common.Time.SYSTEM).start());
            }
            Map<String, Object> client = client(brokers.get(0).bootstrapServers(), sslClient(certs.clientKeyStore().toString()));
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("tls-replicated", 1, (short) 2)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            client.put("acks", "all");
            try (KafkaProducer<String, String> producer = Clients.stringProducer(brokers.get(0).bootstrapServers(), client)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("tls-replicated", "k", "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            for (io.tributary.broker.server.Broker b : brokers) {
                assertThat(b.replicaManager().partition(new io.tributary.common.TopicPartition("tls-replicated", 0))
                        .logEndOffset()).as("broker %d", b.brokerId()).isEqualTo(10);
            }
        } finally {
            brokers.forEach(io.tributary.broker.server.Broker::close);
            zk.close();
            io.tributary.testkit.TempDirs.deleteRecursively(dir);
        }
    }
}
