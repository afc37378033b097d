package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compressed batches of every codec, headers, null keys, empty values and a ~1 MB record all come back as sent. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordShapesTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesRoundTrip(String codec) throws Exception {
        String topic = "compressed-" + codec;
        Clients.createTopic(broker.bootstrapServers(), topic, 1);
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(),
                Map.of("compression.type", codec, "linger.ms", 20, "batch.size", 65536))) {
            for (int i = 0; i < 500; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i + "-" + "x".repeat(i % 50)));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> records =
                Clients.readAllStrings(broker.bootstrapServers(), topic, 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(records.get(i).offset()).isEqualTo(i);
            assertThat(records.get(i).key()).isEqualTo("key-" + i);
            assertThat(records.get(i).value()).isEqualTo("value-" + i + "-" + "x".repeat(i % 50));
        }
    }

    @Test
    void headersNullKeysEmptyValuesAndAOneMegabyteRecordRoundTrip() throws Exception {
        String topic = "shapes";
        Clients.createTopic(broker.bootstrapServers(), topic, 1);
        byte[] large = new byte[1_000_000];
        new Random(42).nextBytes(large);
        List<Header> headers = List.of(new RecordHeader("trace", "abc".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("empty", new byte[0]), new RecordHeader("nullValue", null));
        try (KafkaProducer<byte[], byte[]> producer = Clients.bytesProducer(broker.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>(topic, null, null, "k".getBytes(), "with headers".getBytes(), headers)).get();
            producer.send(new ProducerRecord<>(topic, null, "null key".getBytes())).get();
            producer.send(new ProducerRecord<>(topic, "empty value".getBytes(), new byte[0])).get();
            producer.send(new ProducerRecord<>(topic, "null value".getBytes(), null)).get();
            producer.send(new ProducerRecord<>(topic, "large".getBytes(), large)).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<byte[], byte[]>> records =
                Clients.readAllBytes(broker.bootstrapServers(), topic, 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(5);

        Header[] received = records.get(0).headers().toArray();
        assertThat(received).hasSize(3);
        assertThat(received[0].key()).isEqualTo("trace");
        assertThat(received[0].value()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(received[1].key()).isEqualTo("empty");
        assertThat(received[1].value()).isEmpty();
        assertThat(received[2].key()).isEqualTo("nullValue");
        assertThat(received[2].value()).isNull();

        assertThat(records.get(1).key()).isNull();
        assertThat(records.get(1).value()).isEqualTo("null key".getBytes());
        assertThat(records.get(2).value()).isEmpty();
        assertThat(records.get(3).value()).isNull();
        assertThat(records.get(4).key()).isEqualTo("large".getBytes());
        assertThat(Arrays.equals(records.get(4).value(), large)).as("1 MB value intact").isTrue();
    }
}
