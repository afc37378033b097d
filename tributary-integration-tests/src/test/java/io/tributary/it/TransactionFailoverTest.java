package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three brokers, {@code __transaction_state} and the data replicated three ways. SIGKILL of the broker
 * coordinating two open transactions: the producer still alive commits its transaction through the new
 * coordinator, which writes the markers to the partition leaders on other brokers (WriteTxnMarkers); the
 * producer that died with it never comes back, and the new coordinator aborts its transaction once its
 * timeout passes, so the last stable offset moves on. A read_committed consumer then sees every committed
 * record exactly once and none of the abandoned ones.
 */
class TransactionFailoverTest {

    private static final String TOPIC = "payments";

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killingTheTransactionCoordinatorLosesNoCommitAndLeavesNoHangingTransaction() throws Exception {
        try (ChildProcessCluster cluster = ChildProcessCluster.start(3, Map.of(
                "transaction.state.log.num.partitions", "3",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"))) {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3)
                        .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
                // the same transactional-id hash partition for both ids, so one kill hits both coordinators
                String survivorId = "survivor";
                String abandonedId = sameCoordinatorPartition(survivorId, 3);
                KafkaProducer<String, String> survivor = producer(bootstrap, survivorId, 60_000);
                KafkaProducer<String, String> abandoned = producer(bootstrap, abandonedId, 6_000);
                try {
                    survivor.initTransactions();
                    survivor.beginTransaction();
                    send(survivor, "first", 30);
                    survivor.commitTransaction();
                    survivor.beginTransaction();
                    send(survivor, "second", 30);
                    survivor.flush();

                    abandoned.initTransactions();
                    abandoned.beginTransaction();
                    send(abandoned, "abandoned", 30);
                    abandoned.flush();

                    int coordinator = admin.describeTransactions(List.of(survivorId)).description(survivorId)
                            .get(30, TimeUnit.SECONDS).coordinatorId();
                    assertThat(admin.describeTransactions(List.of(abandonedId)).description(abandonedId)
                            .get(30, TimeUnit.SECONDS).coordinatorId()).isEqualTo(coordinator);
                    abandoned.close(Duration.ZERO);
                    cluster.kill(coordinator);
                    System.out.printf("transaction coordinator broker %d killed%n", coordinator);

                    survivor.commitTransaction();
                } finally {
                    survivor.close(Duration.ofSeconds(10));
                }

                List<String> committed = readCommitted(bootstrap, 60);
                assertThat(committed).hasSize(60).doesNotHaveDuplicates();
                assertThat(committed).filteredOn(v -> v.startsWith("abandoned")).isEmpty();
                assertThat(committed).filteredOn(v -> v.startsWith("first")).hasSize(30);
                assertThat(committed).filteredOn(v -> v.startsWith("second")).hasSize(30);
                ChildProcessCluster.await("the abandoned transaction to be aborted", Duration.ofSeconds(60), () -> {
                    try {
                        return "CompleteAbort".equals(admin.describeTransactions(List.of(abandonedId))
                                .description(abandonedId).get(10, TimeUnit.SECONDS).state().toString());
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
        }
    }

    /** Another transactional id that lands on the same {@code __transaction_state} partition as {@code id}. */
    private static String sameCoordinatorPartition(String id, int partitions) {
        int target = Math.abs(id.hashCode()) % partitions;
        for (int i = 0; ; i++) {
            String candidate = "abandoned-" + i;
            if (Math.abs(candidate.hashCode()) % partitions == target) {
                return candidate;
            }
        }
    }

    private static void send(KafkaProducer<String, String> producer, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(TOPIC, i % 3, "k" + i, prefix + "-" + i));
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap, String transactionalId, int timeoutMs) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("transactional.id", transactionalId);
        p.put("transaction.timeout.ms", String.valueOf(timeoutMs));
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("max.block.ms", "60000");
        p.put("delivery.timeout.ms", "60000");
        return new KafkaProducer<>(p);
    }

    /** Reads all partitions read_committed until {@code expected} values (or 60 s), then a moment more. */
    private static List<String> readCommitted(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1),
                    new TopicPartition(TOPIC, 2));
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
