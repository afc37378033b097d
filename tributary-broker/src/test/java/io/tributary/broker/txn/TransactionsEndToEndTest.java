package io.tributary.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions end to end on one in-process broker with the real kafka-clients 4.2.0 producer, consumer
 * and admin: commit and abort across partitions, read_committed against read_uncommitted, offsets sent to
 * a transaction, fencing of a zombie, and the admin's view of transactions and producers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransactionsEndToEndTest {

    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private Broker startBroker(String... extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0",
                "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "4",
                "transaction.state.log.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "group.min.session.timeout.ms", "1000"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new Broker(new BrokerConfig(props), Time.SYSTEM).start();
    }

    @Test
    void committedTransactionIsVisibleToReadCommittedAndAbortedOneOnlyToReadUncommitted() throws Exception {
        try (Broker broker = startBroker()) {
            createTopic(broker, "orders", 3);
            try (KafkaProducer<String, String> producer = transactionalProducer(broker, "orders-writer")) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 9; i++) {
                    producer.send(new ProducerRecord<>("orders", i % 3, "k" + i, "committed-" + i));
                }
                producer.commitTransaction();
                producer.beginTransaction();
                for (int i = 0; i < 9; i++) {
                    producer.send(new ProducerRecord<>("orders", i % 3, "k" + i, "aborted-" + i));
                }
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("orders", 0, "k", "committed-last"));
                producer.commitTransaction();
            }
            List<ConsumerRecord<String, String>> committed = readAll(broker, "orders", "read_committed", 10);
            assertThat(committed).extracting(ConsumerRecord::value).allMatch(v -> v.startsWith("committed-"))
                    .hasSize(10);
            for (int p = 0; p < 3; p++) {
                int partition = p;
                List<String> inPartition = committed.stream().filter(r -> r.partition() == partition)
                        .map(ConsumerRecord::value).toList();
                List<String> expected = new ArrayList<>();
                for (int i = partition; i < 9; i += 3) {
                    expected.add("committed-" + i);
                }
                if (partition == 0) {
                    expected.add("committed-last");
                }
                assertThat(inPartition).containsExactlyElementsOf(expected);
            }
            List<ConsumerRecord<String, String>> everything = readAll(broker, "orders", "read_uncommitted", 19);
            assertThat(everything).extracting(ConsumerRecord::value)
                    .filteredOn(v -> v.startsWith("aborted-")).hasSize(9);

            try (Admin admin = admin(broker)) {
                TransactionDescription description = admin.describeTransactions(List.of("orders-writer"))
                        .description("orders-writer").get(20, TimeUnit.SECONDS);
                assertThat(description.state().toString()).isEqualTo("CompleteCommit");
                assertThat(description.topicPartitions()).isEmpty();
                assertThat(admin.listTransactions().all().get(20, TimeUnit.SECONDS))
                        .extracting(TransactionListing::transactionalId).contains("orders-writer");
                var producers = admin.describeProducers(List.of(new TopicPartition("orders", 0)))
                        .partitionResult(new TopicPartition("orders", 0)).get(20, TimeUnit.SECONDS).activeProducers();
                assertThat(producers).hasSize(1);
                assertThat(producers.get(0).currentTransactionStartOffset()).isEmpty();
            }
        }
    }

    @Test
    void offsetsSentToATransactionCommitWithItsOutputAndVanishWithAnAbort() throws Exception {
        try (Broker broker = startBroker()) {
            createTopic(broker, "input", 1);
            createTopic(broker, "output", 1);
            try (KafkaProducer<String, String> plain = new KafkaProducer<>(producerProps(broker))) {
                for (int i = 0; i < 10; i++) {
                    plain.send(new ProducerRecord<>("input", "k" + i, "in-" + i)).get(20, TimeUnit.SECONDS);
                }
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker, "transformers", "read_committed");
                 KafkaProducer<String, String> producer = transactionalProducer(broker, "transformer-1")) {
                consumer.subscribe(List.of("input"));
                producer.initTransactions();
                List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (batch.size() < 10 && System.nanoTime() < deadline) {
                    consumer.poll(POLL).forEach(batch::add);
                }
                assertThat(batch).hasSize(10);
                // first attempt aborted: neither output nor offsets count
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("output", "x", "lost"));
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition("input", 0), new OffsetAndMetadata(5)),
                        consumer.groupMetadata());
                producer.abortTransaction();
                assertThat(committedOffset(broker, "transformers", new TopicPartition("input", 0))).isNull();
                producer.beginTransaction();
                for (ConsumerRecord<String, String> record : batch) {
                    producer.send(new ProducerRecord<>("output", record.key(), record.value().replace("in-", "out-")));
                }
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition("input", 0), new OffsetAndMetadata(10)),
                        consumer.groupMetadata());
                producer.commitTransaction();
            }
            OffsetAndMetadata committed = committedOffset(broker, "transformers", new TopicPartition("input", 0));
            assertThat(committed).isNotNull();
            assertThat(committed.offset()).isEqualTo(10);
            assertThat(readAll(broker, "output", "read_committed", 10)).extracting(ConsumerRecord::value)
                    .allMatch(v -> v.startsWith("out-")).hasSize(10);
        }
    }

    @Test
    void aNewProducerWithTheSameTransactionalIdFencesTheOldOneAndAbortsItsTransaction() throws Exception {
        try (Broker broker = startBroker()) {
            createTopic(broker, "fenced", 1);
            KafkaProducer<String, String> zombie = transactionalProducer(broker, "shared-id");
            try {
                zombie.initTransactions();
                zombie.beginTransaction();
                zombie.send(new ProducerRecord<>("fenced", "k", "zombie")).get(20, TimeUnit.SECONDS);
                try (KafkaProducer<String, String> successor = transactionalProducer(broker, "shared-id")) {
                    successor.initTransactions();
                    successor.beginTransaction();
                    successor.send(new ProducerRecord<>("fenced", "k", "successor"));
                    successor.commitTransaction();
                }
                assertThatThrownBy(zombie::commitTransaction).isInstanceOfAny(ProducerFencedException.class,
                        KafkaException.class);
            } finally {
                zombie.close(Duration.ofSeconds(5));
            }
            assertThat(readAll(broker, "fenced", "read_committed", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("successor");
        }
    }

    @Test
    void transactionTimeoutAboveTheBrokerMaximumIsRefused() throws Exception {
        try (Broker broker = startBroker("transaction.max.timeout.ms", "5000")) {
            Properties props = producerProps(broker);
            props.put("transactional.id", "too-patient");
            props.put("transaction.timeout.ms", "10000");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                assertThatThrownBy(producer::initTransactions).isInstanceOf(KafkaException.class)
                        .hasMessageContaining("timeout");
            }
        }
    }

    @Test
    void producerKilledMidTransactionHoldsTheStableOffsetOnlyUntilItsTimeout() throws Exception {
        try (Broker broker = startBroker("transaction.abort.timed.out.transaction.cleanup.interval.ms", "200")) {
            createTopic(broker, "stuck", 1);
            Properties props = producerProps(broker);
            props.put("transactional.id", "dies-mid-transaction");
            props.put("transaction.timeout.ms", "2000");
            KafkaProducer<String, String> producer = new KafkaProducer<>(props);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("stuck", "k", "never-committed")).get(20, TimeUnit.SECONDS);
            producer.close(Duration.ZERO); // no EndTxn: as if the process died
            var log = broker.replicaManager().partition(new io.tributary.common.TopicPartition("stuck", 0)).log();
            assertThat(log.lastStableOffset()).isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.lastStableOffset() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(log.lastStableOffset()).as("the coordinator aborted the transaction").isEqualTo(2);
            assertThat(log.abortedTransactions(0, 2)).hasSize(1);
            try (KafkaProducer<String, String> plain = new KafkaProducer<>(producerProps(broker))) {
                plain.send(new ProducerRecord<>("stuck", "k", "after")).get(20, TimeUnit.SECONDS);
            }
            assertThat(readAll(broker, "stuck", "read_committed", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("after");
        }
    }

    // ---- helpers ----

    private static OffsetAndMetadata committedOffset(Broker broker, String group, TopicPartition tp) throws Exception {
        try (Admin admin = admin(broker)) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS)
                    .get(tp);
        }
    }

    private static Admin admin(Broker broker) {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private static void createTopic(Broker broker, String name, int partitions) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Properties producerProps(Broker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return p;
    }

    private static KafkaProducer<String, String> transactionalProducer(Broker broker, String transactionalId) {
        Properties p = producerProps(broker);
        p.put("transactional.id", transactionalId);
        p.put("max.block.ms", "20000");
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer(Broker broker, String group, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", isolation);
        if (group != null) {
            p.put("group.id", group);
        }
        return new KafkaConsumer<>(p);
    }

    /** Reads the whole topic from the start with an assigned consumer until {@code expected} records or 15 s. */
    private static List<ConsumerRecord<String, String>> readAll(Broker broker, String topic, String isolation,
                                                                int expected) throws InterruptedException {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, null, isolation)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(records::add);
            }
            // a little longer, to catch records that should not be there
            long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < settle) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }
}
