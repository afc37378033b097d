package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessCluster;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams 4.2.0 exactly_once_v2 word count on a three-broker cluster (every topic replicated three
 * ways) while the broker coordinating the application's transactions is SIGKILLed mid-run and restarted:
 * the counts a read_committed consumer ends with are exact. About 40 s.
 */
class StreamsCoordinatorFailoverTest {

    private static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "epsilon");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void countsStayExactWhenTheTransactionCoordinatorIsKilled() throws Exception {
        try (ChildProcessCluster cluster = ChildProcessCluster.start(3, Map.of("min.insync.replicas", "2",
                "transaction.state.log.num.partitions", "3", "offsets.topic.num.partitions", "3"))) {
            String bootstrap = cluster.bootstrapServers();
            Map<String, Long> expected = new HashMap<>();
            Random random = new Random(7);
            Process app = null;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("cluster-lines", 3, (short) 3),
                        new NewTopic("cluster-counts", 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
                produce(bootstrap, random, expected, 1000);
                app = new ProcessBuilder(RequirementsProducerProgramTest.javaBinary(), "-Xmx384m",
                        "-Dstreams.replication.factor=3", "-cp", System.getProperty("java.class.path"),
                        StreamsWordCount.class.getName(), bootstrap, "cluster-word-count", "cluster-lines",
                        "cluster-counts", Files.createDirectories(tmp.resolve("state")).toString())
                        .redirectErrorStream(true).redirectOutput(tmp.resolve("app.out").toFile()).start();
                Map<String, Long> latest = new ConcurrentHashMap<>();
                try (KafkaConsumer<String, Long> counts = countsConsumer(bootstrap)) {
                    poll(counts, latest, () -> !latest.isEmpty(), 120);
                    int coordinator = coordinatorOfTheApp(admin);
                    System.out.println("killing broker " + coordinator + ", coordinator of the app's transactions");
                    cluster.kill(coordinator);
                    produce(bootstrap, random, expected, 1000);
                    Thread.sleep(3_000);
                    cluster.restart(coordinator);
                    produce(bootstrap, random, expected, 1000);
                    poll(counts, latest, () -> latest.equals(expected), 180);
                }
                assertThat(latest).as("app output in %s", tmp.resolve("app.out")).isEqualTo(expected);
            } finally {
                if (app != null) {
                    app.destroy();
                    if (!app.waitFor(30, TimeUnit.SECONDS)) {
                        app.destroyForcibly();
                    }
                }
            }
        }
    }

    private static int coordinatorOfTheApp(Admin admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (TransactionListing listing : admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
                if (listing.transactionalId().startsWith("cluster-word-count")) {
                    return admin.describeTransactions(List.of(listing.transactionalId()))
                            .description(listing.transactionalId()).get(30, TimeUnit.SECONDS).coordinatorId();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the app has no transactional id at any coordinator");
    }

    private static void produce(String bootstrap, Random random, Map<String, Long> expected, int lines) throws Exception {
        try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap,
                Map.of("acks", "all", "delivery.timeout.ms", "120000"))) {
            for (int i = 0; i < lines; i++) {
                String word = WORDS.get(random.nextInt(WORDS.size()));
                String other = WORDS.get(random.nextInt(WORDS.size()));
                expected.merge(word, 1L, Long::sum);
                expected.merge(other, 1L, Long::sum);
                producer.send(new ProducerRecord<>("cluster-lines", "l" + i, word + " " + other));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, Long> countsConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", LongDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> tps = List.of(new TopicPartition("cluster-counts", 0), new TopicPartition("cluster-counts", 1),
                new TopicPartition("cluster-counts", 2));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return consumer;
    }

    private static void poll(KafkaConsumer<String, Long> consumer, Map<String, Long> latest,
                             java.util.function.BooleanSupplier done, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(200))) {
                latest.put(record.key(), record.value());
            }
        }
    }
}
