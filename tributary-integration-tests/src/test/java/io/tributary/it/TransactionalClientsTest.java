package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional producers of the other clients against Tributary: kafka-clients 2.4.1 in a child JVM (with a
 * consume-transform-produce round using the 2.4 {@code sendOffsetsToTransaction(offsets, groupId)}),
 * confluent-kafka (librdkafka) and kafkajs 2.2.4. Each commits one transaction of nine records over three
 * partitions and aborts another; a kafka-clients 4.2.0 read_committed consumer must then see exactly the
 * committed records, in order, and a read_uncommitted one both.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TransactionalClientsTest {

    private static EmbeddedBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kafka241TransactionalProducerCommitsAbortsAndCommitsOffsetsWithItsOutput() throws Exception {
        Clients.createTopic(broker.bootstrapServers(), "txn-241", 3);
        Clients.createTopic(broker.bootstrapServers(), "txn-241-in", 1);
        Clients.createTopic(broker.bootstrapServers(), "txn-241-out", 1);
        try (KafkaProducer<String, String> plain = Clients.stringProducer(broker.bootstrapServers(), Map.of())) {
            for (int i = 0; i < 10; i++) {
                plain.send(new ProducerRecord<>("txn-241-in", "k" + i, "in-" + i)).get(20, TimeUnit.SECONDS);
            }
        }
        runClient("kafka-2.4.1", List.of(RequirementsProducerProgramTest.javaBinary(), "-cp", kafka241ClassPath(),
                "io.tributary.compat.kafka241.TxnProducer", broker.bootstrapServers(), "txn-241", "txn-241-id",
                "txn-241-in", "txn-241-out", "txn-241-group"), null);
        assertCommittedOnlyWhenReadCommitted("txn-241");
        List<ConsumerRecord<String, String>> output = read("txn-241-out", 1, "read_committed", 10);
        assertThat(output).extracting(ConsumerRecord::value).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 10).mapToObj(i -> "out-in-" + i).toList());
        assertThat(GroupMembers.committed(broker.bootstrapServers(), "txn-241-group"))
                .containsEntry(new TopicPartition("txn-241-in", 0), 10L);
    }

    @Test
    void confluentKafkaTransactionalProducerCommitsAndAborts() throws Exception {
        ExternalClients.require(ExternalClients.pythonHas("confluent_kafka"), "confluent-kafka for /usr/bin/python3",
                "apt-get install -y python3-confluent-kafka");
        Clients.createTopic(broker.bootstrapServers(), "txn-librdkafka", 3);
        runClient("confluent-kafka", List.of(ExternalClients.PYTHON,
                resource("clients/confluent_kafka_transactional_producer.py"), broker.bootstrapServers(),
                "txn-librdkafka", "txn-librdkafka-id"), null);
        assertCommittedOnlyWhenReadCommitted("txn-librdkafka");
    }

    @Test
    void kafkajsTransactionalProducerCommitsAndAborts() throws Exception {
        ExternalClients.require(ExternalClients.onPath("node") && ExternalClients.onPath("npm"), "node and npm",
                "install Node.js 14+ with npm");
        Path dir = ExternalClients.installKafkajs();
        Clients.createTopic(broker.bootstrapServers(), "txn-kafkajs", 3);
        runClient("kafkajs", List.of("node", dir.resolve("transactional-producer.js").toString(),
                broker.bootstrapServers(), "txn-kafkajs", "txn-kafkajs-id"), dir);
        assertCommittedOnlyWhenReadCommitted("txn-kafkajs");
    }

    private void runClient(String name, List<String> command, Path dir) throws Exception {
        Path out = tmp.resolve(name + ".out");
        int exit = ExternalClients.run(command, dir, out, 90);
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exit).as("%s exit code; output:%n%s", name, printed).isZero();
        assertThat(printed).as(printed).contains("COMMITTED", "ABORTED", "DONE");
    }

    /** Nine committed-i over three partitions for read_committed, in order; nine more aborted-i for read_uncommitted. */
    private static void assertCommittedOnlyWhenReadCommitted(String topic) {
        List<ConsumerRecord<String, String>> committed = read(topic, 3, "read_committed", 9);
        assertThat(committed).extracting(ConsumerRecord::value).allMatch(v -> v.startsWith("committed-")).hasSize(9);
        for (int p = 0; p < 3; p++) {
            int partition = p;
            assertThat(committed.stream().filter(r -> r.partition() == partition).map(ConsumerRecord::value))
                    .containsExactly("committed-" + p, "committed-" + (p + 3), "committed-" + (p + 6));
        }
        List<ConsumerRecord<String, String>> all = read(topic, 3, "read_uncommitted", 18);
        assertThat(all).extracting(ConsumerRecord::value).hasSize(18)
                .filteredOn(v -> v.startsWith("aborted-")).hasSize(9);
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int partitions, String isolation, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("isolation.level", isolation);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static String resource(String name) throws Exception {
        return Path.of(TransactionalClientsTest.class.getClassLoader().getResource(name).toURI()).toString();
    }

    private static String kafka241ClassPath() throws Exception {
        Path dir = Path.of(System.getProperty("kafka241.dir", "target/kafka-2.4.1"));
        try (var jars = Files.list(dir)) {
            return String.join(File.pathSeparator, jars.map(Path::toString).filter(j -> j.endsWith(".jar")).sorted().toList());
        }
    }
}
