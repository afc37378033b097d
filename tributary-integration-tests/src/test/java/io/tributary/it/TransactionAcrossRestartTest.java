package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessBroker;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transaction stays open across a restart of its only broker, by SIGTERM (producer state from the snapshot
 * written at close) or SIGKILL (rebuilt by replaying the log on recovery): before the commit a read_committed
 * consumer sees nothing of it and the last stable offset holds at its first record; after the producer
 * commits through the reloaded coordinator, every record appears exactly once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransactionAcrossRestartTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anOpenTransactionSurvivesABrokerRestartAndCommits(boolean kill) throws Exception {
        try (ChildProcessBroker broker = ChildProcessBroker.start(Map.of("transaction.state.log.num.partitions", "1",
                "offsets.topic.num.partitions", "1"))) {
            String bootstrap = broker.bootstrapServers();
            Clients.createTopic(bootstrap, "restarts", 1);
            try (KafkaProducer<String, String> before = Clients.stringProducer(bootstrap, Map.of())) {
                before.send(new ProducerRecord<>("restarts", "k", "plain")).get(20, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, Map.of(
                    "transactional.id", "restart-writer-" + kill, "transaction.timeout.ms", "120000",
                    "max.block.ms", "60000", "delivery.timeout.ms", "60000", "reconnect.backoff.max.ms", "500"))) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("restarts", "k", "txn-" + i));
                }
                producer.flush();
                if (kill) {
                    broker.kill();
                } else {
                    broker.stop();
                }
                broker.restart();
                assertThat(readCommitted(bootstrap, 1, Duration.ofSeconds(5))).as("only the plain record is stable")
                        .containsExactly("plain");
                producer.commitTransaction();
            }
            assertThat(readCommitted(bootstrap, 6, Duration.ofSeconds(30)))
                    .containsExactly("plain", "txn-0", "txn-1", "txn-2", "txn-3", "txn-4");
        }
    }

    private static List<String> readCommitted(String bootstrap, int expected, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition("restarts", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
