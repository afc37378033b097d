package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.telemetry.ClientTelemetry;
import io.tributary.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KIP-714 with a real kafka-clients 4.2.0 producer: it gets a client instance id from the broker,
 * and the metrics it pushes are kept as that client's latest.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientTelemetryTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("client.telemetry.push.interval.ms", "500"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void producerGetsAnInstanceIdAndItsPushedMetricsAreKept() throws Exception {
        Clients.createTopic(broker.bootstrapServers(), "telemetry", 1);
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(),
                Map.of("client.id", "metrics-pusher"))) {
            producer.send(new ProducerRecord<>("telemetry", "k", "v")).get(20, TimeUnit.SECONDS);
            Uuid id = producer.clientInstanceId(Duration.ofSeconds(20));
            UUID instance = new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
            ClientTelemetry telemetry = broker.broker().clientTelemetry();
            GroupMembers.await("the producer pushed its metrics", Duration.ofSeconds(20),
                    () -> telemetry.latest(instance).isPresent());
            ClientTelemetry.Pushed pushed = telemetry.latest(instance).orElseThrow();
            assertThat(pushed.clientId()).isEqualTo("metrics-pusher");
            assertThat(pushed.metrics().remaining()).isPositive();
        }
    }
}
