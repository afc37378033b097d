package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.replica.BlockingChannel;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import io.tributary.testkit.EmbeddedBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * connections.max.reauth.ms (KIP-368): SaslAuthenticate tells the client the session lifetime; kafka-clients
 * 4.2.0 re-authenticates on the same connection and keeps producing; a connection that does not re-authenticate
 * is closed at its next request after the lifetime.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReauthenticationTest {

    private static final long LIFETIME_MS = 1500;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("listeners", "SASL_PLAINTEXT://127.0.0.1:0");
        config.put("security.inter.broker.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", SaslListenerTest.ADMIN_JAAS);
        config.put("connections.max.reauth.ms", String.valueOf(LIFETIME_MS));
        broker = EmbeddedBroker.start(config);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void javaClientReauthenticatesAndKeepsProducingPastTheLifetime() throws Exception {
        Map<String, Object> alice = SaslListenerTest.saslClient("SASL_PLAINTEXT", "PLAIN", "alice", "alice-secret");
        alice.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(alice)) {
            admin.createTopics(List.of(new NewTopic("reauth", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), alice)) {
            long end = System.currentTimeMillis() + 4 * LIFETIME_MS;
            int sent = 0;
            while (System.currentTimeMillis() < end) {
                producer.send(new ProducerRecord<>("reauth", "k", "v" + sent)).get(10, TimeUnit.SECONDS);
                sent++;
                Thread.sleep(100);
            }
            assertThat(sent).isGreaterThan(20);
        }
    }

    @Test
    void connectionThatDoesNotReauthenticateIsClosedAfterTheLifetime() throws Exception {
        String[] hostPort = broker.bootstrapServers().split(":");
        try (BlockingChannel channel = new BlockingChannel(hostPort[0], Integer.parseInt(hostPort[1]), 10_000, "raw")) {
            Struct handshake = channel.call(ApiKey.SASL_HANDSHAKE, (short) 1,
                    MessageCodec.newRequest(ApiKey.SASL_HANDSHAKE).set("mechanism", "PLAIN"));
            assertThat(handshake.getShort("error_code")).isZero();
            Struct authenticated = channel.call(ApiKey.SASL_AUTHENTICATE, (short) 1,
                    MessageCodec.newRequest(ApiKey.SASL_AUTHENTICATE)
                            .set("auth_bytes", "\0alice\0alice-secret".getBytes(StandardCharsets.UTF_8)));
            assertThat(authenticated.getShort("error_code")).isZero();
            assertThat(authenticated.getLong("session_lifetime_ms")).isEqualTo(LIFETIME_MS);
            Struct metadata = MessageCodec.newRequest(ApiKey.METADATA).set("topics", null);
            assertThat(channel.call(ApiKey.METADATA, (short) 9, metadata).getStructs("brokers")).hasSize(1);

            Thread.sleep(LIFETIME_MS + 500);
            assertThatThrownBy(() -> channel.call(ApiKey.METADATA, (short) 9,
                    MessageCodec.newRequest(ApiKey.METADATA).set("topics", null))).isInstanceOf(IOException.class);
        }
    }
}
