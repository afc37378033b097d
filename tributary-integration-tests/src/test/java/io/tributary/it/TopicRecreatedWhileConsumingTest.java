package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A topic deleted and re-created under the same name while a kafka-clients 4.2.0 group consumer fetches
 * it (Fetch v18, topics by id): the consumer is told its partition went away and came back, and reads the
 * successor from its first record, never as a continuation of its predecessor, though it had committed
 * the predecessor's offsets.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicRecreatedWhileConsumingTest {

    private static final String TOPIC = "recreated";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private EmbeddedBroker broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(Map.of());
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aGroupConsumerReportsTheTopicChangeAndReadsTheSuccessorFromItsStart() throws Exception {
        Uuid oldId = create();
        produce("old", 100);
        List<String> events = new CopyOnWriteArrayList<>();
        List<ConsumerRecord<String, String>> beforeDeletion = new ArrayList<>();
        List<ConsumerRecord<String, String>> afterDeletion = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        events.add("revoked " + partitions);
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        events.add("lost " + partitions);
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        events.add("assigned " + partitions);
                    }
                }
            });
            pollUntil(consumer, beforeDeletion, () -> beforeDeletion.size() >= 100, "the predecessor's 100 records");
            consumer.commitSync(Duration.ofSeconds(10));
            assertThat(consumer.committed(java.util.Set.of(PARTITION)).get(PARTITION).offset()).isEqualTo(100);

            admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
            pollUntil(consumer, afterDeletion, () -> events.stream().anyMatch(e -> e.startsWith("revoked") || e.startsWith("lost")),
                    "the consumer to report its partition gone");

            Uuid newId = create();
            assertThat(newId).isNotEqualTo(oldId);
            produce("new", 150);
            pollUntil(consumer, afterDeletion, () -> afterDeletion.size() >= 150, "the successor's 150 records");
            consumer.poll(Duration.ofMillis(500)).forEach(afterDeletion::add); // anything more would be a duplicate
        }

        assertThat(beforeDeletion).extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(i -> "old-" + i).toList());
        assertThat(afterDeletion).as("read from the successor's first record, each once, none of the predecessor's")
                .extracting(r -> r.offset() + ":" + r.value())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 150).mapToObj(i -> i + ":new-" + i).toList());
        assertThat(events).as("the consumer is told of the change").containsSubsequence(
                "assigned [" + PARTITION + "]", "revoked [" + PARTITION + "]", "assigned [" + PARTITION + "]");
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("group.id", "recreate-watchers");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("metadata.max.age.ms", "500");
        p.put("allow.auto.create.topics", "false"); // the test, not the consumer's metadata request, re-creates it
        return new KafkaConsumer<>(p);
    }

    /** Creates the topic, retrying while its predecessor's deletion is still under way; returns its id. */
    private Uuid create() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TopicExistsException.class).hasMessageContaining("marked for deletion");
                assertThat(System.currentTimeMillis()).as("create " + TOPIC).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC).topicId();
    }

    private void produce(String prefix, int count) throws Exception {
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), Map.of("acks", "all"))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, prefix + "-" + i));
            }
            producer.flush();
        }
    }

    private static void pollUntil(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> into,
                                  BooleanSupplier done, String what) {
        long deadline = System.currentTimeMillis() + 45_000;
        while (!done.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
            consumer.poll(Duration.ofMillis(100)).forEach(into::add);
        }
    }
}
