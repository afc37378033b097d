package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code __consumer_offsets} replicated three ways, SIGKILL of the broker coordinating a group moves the group
 * to the new leader of its offsets partition, which loads the committed offsets: a consumer of the same group
 * resumes exactly where the last commit left off.
 */
class CoordinatorFailoverTest {

    private static final String TOPIC = "orders";
    private static final String GROUP = "order-readers";
    private static final int RECORDS = 100;
    private static final long COMMITTED = 40;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killingTheCoordinatorMovesTheGroupAndTheConsumerResumesFromItsCommittedOffset() throws Exception {
        try (ChildProcessCluster cluster = ChildProcessCluster.start(3, Map.of("offsets.topic.replication.factor", "3"))) {
            String bootstrap = cluster.bootstrapServers();
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
                try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, Map.of("acks", "all"))) {
                    for (int i = 0; i < RECORDS; i++) {
                        producer.send(new ProducerRecord<>(TOPIC, 0, "k", "order-" + i));
                    }
                    producer.flush();
                }
                try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                    consumer.subscribe(List.of(TOPIC));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                        consumer.poll(Duration.ofMillis(200));
                    }
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(COMMITTED)), Duration.ofSeconds(30));
                }
                int coordinator = admin.describeConsumerGroups(List.of(GROUP)).all().get(30, TimeUnit.SECONDS)
                        .get(GROUP).coordinator().id();
                cluster.kill(coordinator);
                int[] moved = {-1};
                ChildProcessCluster.await("the group's coordinator to move off broker " + coordinator,
                        Duration.ofSeconds(60), () -> {
                            try {
                                moved[0] = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS)
                                        .get(GROUP).coordinator().id();
                                return moved[0] != coordinator && moved[0] >= 0;
                            } catch (Exception e) {
                                return false;
                            }
                        });
                System.out.printf("coordinator of %s: broker %d killed, now broker %d%n", GROUP, coordinator, moved[0]);
                long committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).get(tp).offset();
                assertThat(committed).isEqualTo(COMMITTED);
            }
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                consumer.subscribe(List.of(TOPIC));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(200));
                }
                ConsumerRecord<String, String> first = records.iterator().next();
                assertThat(first.offset()).isEqualTo(COMMITTED);
                assertThat(first.value()).isEqualTo("order-" + COMMITTED);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", GROUP);
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");
        c.put("session.timeout.ms", "10000");
        return new KafkaConsumer<>(c);
    }
}
