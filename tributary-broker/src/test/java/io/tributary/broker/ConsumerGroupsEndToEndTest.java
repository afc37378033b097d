package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer groups end to end: one in-process broker, the real kafka-clients consumer with a group id,
 * committed offsets stored in {@code __consumer_offsets} and read back after a restart.
 */
class ConsumerGroupsEndToEndTest {

    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void membersOfOneGroupSplitPartitionsAndTheSurvivorResumesFromTheCommittedOffset() throws Exception {
        try (Broker broker = startBroker()) {
            createTopic(broker, "unicast", 2);
            try (KafkaConsumer<String, String> a = consumer(broker, "queue", "member-a");
                 KafkaConsumer<String, String> b = consumer(broker, "queue", "member-b")) {
                a.subscribe(List.of("unicast"));
                b.subscribe(List.of("unicast"));
                List<ConsumerRecord<String, String>> byA = new ArrayList<>();
                List<ConsumerRecord<String, String>> byB = new ArrayList<>();
                pollUntil(() -> a.assignment().size() == 1 && b.assignment().size() == 1, a, byA, b, byB);
                assertThat(a.assignment()).doesNotContainAnyElementsOf(b.assignment());

                produce(broker, "unicast", 0, 100);
                pollUntil(() -> byA.size() + byB.size() >= 100, a, byA, b, byB);
                assertThat(byA.size() + byB.size()).isEqualTo(100);
                assertThat(values(byA, byB)).hasSize(100);
                TopicPartition ownedByA = a.assignment().iterator().next();
                TopicPartition ownedByB = b.assignment().iterator().next();
                assertThat(byA).allMatch(r -> r.partition() == ownedByA.partition()).hasSize(50);
                assertThat(byB).allMatch(r -> r.partition() == ownedByB.partition()).hasSize(50);

                produce(broker, "unicast", 100, 50);
                pollUntil(() -> byA.size() >= 75, a, byA);
                b.close(); // B committed offset 50 of its partition and never read the 25 new records there
                pollUntil(() -> a.assignment().size() == 2 && byA.size() >= 100, a, byA);
                List<Long> takenOver = byA.stream().filter(r -> r.partition() == ownedByB.partition())
                        .map(ConsumerRecord::offset).toList();
                assertThat(takenOver).containsExactlyElementsOf(range(50, 75));
                assertThat(byA).hasSize(100);
                assertThat(values(byA, byB)).hasSize(150);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyGroupReceivesEveryMessage() throws Exception {
        try (Broker broker = startBroker()) {
            createTopic(broker, "multicast", 2);
            produce(broker, "multicast", 0, 40);
            try (KafkaConsumer<String, String> first = consumer(broker, "subscribers-1", "first");
                 KafkaConsumer<String, String> second = consumer(broker, "subscribers-2", "second")) {
                first.subscribe(List.of("multicast"));
                second.subscribe(List.of("multicast"));
                List<ConsumerRecord<String, String>> byFirst = new ArrayList<>();
                List<ConsumerRecord<String, String>> bySecond = new ArrayList<>();
                pollUntil(() -> byFirst.size() >= 40 && bySecond.size() >= 40, first, byFirst, second, bySecond);
                assertThat(values(byFirst)).hasSize(40).isEqualTo(values(bySecond));
                assertThat(byFirst).hasSize(40);
                assertThat(bySecond).hasSize(40);
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void committedOffsetsSurviveABrokerRestart() throws Exception {
        TopicPartition tp = new TopicPartition("durable", 0);
        try (Broker broker = startBroker()) {
            createTopic(broker, "durable", 1);
            produce(broker, "durable", 0, 50);
            try (KafkaConsumer<String, String> consumer = consumer(broker, "restarts", "before")) {
                consumer.subscribe(List.of("durable"));
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                pollUntil(() -> received.size() >= 50, consumer, received);
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(17, "checkpoint")));
            }
        }
        try (Broker broker = startBroker()) {
            try (KafkaConsumer<String, String> consumer = consumer(broker, "restarts", "after")) {
                assertThat(consumer.committed(Set.of(tp), Duration.ofSeconds(20)).get(tp))
                        .isEqualTo(new OffsetAndMetadata(17, "checkpoint"));
                consumer.subscribe(List.of("durable"));
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                pollUntil(() -> received.size() >= 33, consumer, received);
                assertThat(received.stream().map(ConsumerRecord::offset).toList()).containsExactlyElementsOf(range(17, 50));
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void adminDescribesGroupsMembersAndCommittedOffsets() throws Exception {
        try (Broker broker = startBroker()) {
            createTopic(broker, "described", 2);
            produce(broker, "described", 0, 10);
            try (KafkaConsumer<String, String> a = consumer(broker, "watched", "client-a");
                 KafkaConsumer<String, String> b = consumer(broker, "watched", "client-b");
                 Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                a.subscribe(List.of("described"));
                b.subscribe(List.of("described"));
                List<ConsumerRecord<String, String>> byA = new ArrayList<>();
                List<ConsumerRecord<String, String>> byB = new ArrayList<>();
                pollUntil(() -> a.assignment().size() == 1 && b.assignment().size() == 1 && byA.size() + byB.size() >= 10,
                        a, byA, b, byB);

                @SuppressWarnings("deprecation")
                Collection<ConsumerGroupListing> listed = admin.listConsumerGroups().all().get(20, TimeUnit.SECONDS);
                assertThat(listed).extracting(ConsumerGroupListing::groupId).contains("watched");

                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("watched"))
                        .describedGroups().get("watched").get(20, TimeUnit.SECONDS);
                assertThat(description.members()).extracting(MemberDescription::clientId)
                        .containsExactlyInAnyOrder("client-a", "client-b");
                assertThat(description.members()).allSatisfy(member -> {
                    assertThat(member.host()).isEqualTo("/127.0.0.1");
                    assertThat(member.assignment().topicPartitions()).hasSize(1);
                });
                assertThat(description.coordinator().id()).isEqualTo(broker.brokerId());

                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("watched")
                        .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
                Map<TopicPartition, Long> expected = new HashMap<>();
                for (ConsumerRecord<String, String> record : concat(byA, byB)) {
                    expected.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
                }
                Map<TopicPartition, Long> committed = new HashMap<>();
                offsets.forEach((tp, offset) -> committed.put(tp, offset.offset()));
                assertThat(committed).isEqualTo(expected);
            }
        }
    }

    private Broker startBroker() throws Exception {
        BrokerConfig config = new BrokerConfig(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0",
                "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "10",
                "group.initial.rebalance.delay.ms", "0",
                "group.min.session.timeout.ms", "1000"));
        return new Broker(config, Time.SYSTEM).start();
    }

    private static void createTopic(Broker broker, String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Records {@code first..first+count-1}, alternating between the topic's first two partitions when it has them. */
    private static void produce(Broker broker, String topic, int first, int count) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            int partitions = producer.partitionsFor(topic).size();
            for (int i = first; i < first + count; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, "k" + i, "m" + i)).get(20, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(Broker broker, String group, String clientId) {
        Properties c = new Properties();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("group.id", group);
        c.put("client.id", clientId);
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        c.put("session.timeout.ms", "6000");
        c.put("heartbeat.interval.ms", "300");
        return new KafkaConsumer<>(c);
    }

    /**
     * Polls each consumer in turn (consumer, sink, consumer, sink...), committing what each received,
     * until the condition holds.
     */
    @SuppressWarnings("unchecked")
    private static void pollUntil(BooleanSupplier condition, Object... consumersAndSinks) {
        while (!condition.getAsBoolean()) {
            for (int i = 0; i < consumersAndSinks.length; i += 2) {
                KafkaConsumer<String, String> consumer = (KafkaConsumer<String, String>) consumersAndSinks[i];
                List<ConsumerRecord<String, String>> sink = (List<ConsumerRecord<String, String>>) consumersAndSinks[i + 1];
                int before = sink.size();
                consumer.poll(POLL).forEach(sink::add);
                if (sink.size() > before) {
                    consumer.commitSync();
                }
            }
        }
    }

    private static Set<String> values(List<ConsumerRecord<String, String>> first) {
        return values(first, List.of());
    }

    private static Set<String> values(List<ConsumerRecord<String, String>> first, List<ConsumerRecord<String, String>> second) {
        Set<String> values = new TreeSet<>();
        concat(first, second).forEach(r -> values.add(r.value()));
        return values;
    }

    private static List<ConsumerRecord<String, String>> concat(List<ConsumerRecord<String, String>> first,
                                                              List<ConsumerRecord<String, String>> second) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<Long> range(long from, long toExclusive) {
        List<Long> offsets = new ArrayList<>();
        for (long offset = from; offset < toExclusive; offset++) {
            offsets.add(offset);
        }
        return offsets;
    }
}
