package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams 4.2.0 with exactly_once_v2 against Tributary: a word count (repartition topic, state store
 * with changelog) in a child JVM is SIGKILLed after it has committed part of its input, more input arrives,
 * and a restarted instance with the same state directory finishes. The last count of every word a
 * read_committed consumer sees is exactly the number of times it was written: nothing lost, nothing counted
 * twice although the killed instance had uncommitted work in flight.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamsExactlyOnceTest {

    private static final List<String> WORDS = List.of("river", "delta", "stream", "rapids", "brook", "creek", "falls");
    private static final int LINES_PER_ROUND = 1500;

    private static EmbeddedBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5", "transaction.state.log.num.partitions", "5"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void wordCountsAreExactAfterTheStreamsProcessIsKilledAndRestarted() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Clients.createTopic(bootstrap, "lines", 3);
        Clients.createTopic(bootstrap, "counts", 3);
        Map<String, Long> expected = new HashMap<>();
        Random random = new Random(42);
        produceLines(bootstrap, random, expected);

        Map<String, Long> latest = new ConcurrentHashMap<>();
        Path stateDir = Files.createDirectories(tmp.resolve("state"));
        Process first = startApp(bootstrap, stateDir, tmp.resolve("first.out"));
        try (KafkaConsumer<String, Long> counts = countsConsumer(bootstrap)) {
            awaitCounts(counts, latest, () -> latest.values().stream().mapToLong(Long::longValue).sum() > 0, 90);
            first.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL, mid-stream
            produceLines(bootstrap, random, expected);
            Process second = startApp(bootstrap, stateDir, tmp.resolve("second.out"));
            try {
                awaitCounts(counts, latest, () -> latest.equals(expected), 120);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
                if (second.isAlive()) {
                    second.destroyForcibly();
                }
            }
        } finally {
            if (first.isAlive()) {
                first.destroyForcibly();
            }
        }
        assertThat(latest).as("last committed count of every word; app output in %s", tmp).isEqualTo(expected);
    }

    private static void produceLines(String bootstrap, Random random, Map<String, Long> expected) throws Exception {
        try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, Map.of("linger.ms", "5"))) {
            for (int i = 0; i < LINES_PER_ROUND; i++) {
                StringBuilder line = new StringBuilder();
                int words = 1 + random.nextInt(4);
                for (int w = 0; w < words; w++) {
                    String word = WORDS.get(random.nextInt(WORDS.size()));
                    expected.merge(word, 1L, Long::sum);
                    line.append(w == 0 ? "" : " ").append(word.toUpperCase(java.util.Locale.ROOT));
                }
                producer.send(new ProducerRecord<>("lines", "line-" + i, line.toString()));
            }
            producer.flush();
        }
    }

    private Process startApp(String bootstrap, Path stateDir, Path out) throws Exception {
        return new ProcessBuilder(RequirementsProducerProgramTest.javaBinary(), "-Xmx384m", "-cp",
                System.getProperty("java.class.path"), StreamsWordCount.class.getName(), bootstrap, "word-count",
                "lines", "counts", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private static KafkaConsumer<String, Long> countsConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", LongDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> tps = List.of(new TopicPartition("counts", 0), new TopicPartition("counts", 1),
                new TopicPartition("counts", 2));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return consumer;
    }

    private static void awaitCounts(KafkaConsumer<String, Long> consumer, Map<String, Long> latest,
                                    java.util.function.BooleanSupplier done, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(200))) {
                latest.put(record.key(), record.value());
            }
        }
    }
}
