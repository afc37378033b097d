package io.tributary.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A KIP-848 consumer group's life with whatever kafka-clients is on the class path: members with
 * {@code group.protocol=consumer} join, share partitions when a second one joins, take the partitions
 * added to the topic, take over when one leaves, commit, and a new member resumes exactly at the
 * committed offsets. Uses only the clients' public API, so it also runs in a child JVM against
 * another kafka-clients version ({@link #main}). Throws (or exits non-zero) on the first broken
 * expectation. Not thread-safe; one run per instance.
 */
public final class ConsumerProtocolScenario {

    private static final Duration STEP = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String topic;
    private final String group;
    private final List<String> received = new ArrayList<>();

    ConsumerProtocolScenario(String bootstrap, String topic, String group) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group;
    }

    /** Args: bootstrap servers, topic, group. Prints a summary line and exits 0 when every step held. */
    public static void main(String[] args) {
        try {
            String summary = new ConsumerProtocolScenario(args[0], args[1], args[2]).run();
            System.out.println("OK " + summary);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    /** Runs every step; returns what was seen, for the report. */
    String run() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produce(0, 4, 0, 10);
            long start = System.nanoTime();
            try (KafkaConsumer<String, String> first = member("first")) {
                first.subscribe(List.of(topic));
                pollUntil("the first member owns all four partitions", List.of(first), () -> partitions(first).size() == 4);
                long joinedMs = (System.nanoTime() - start) / 1_000_000;

                try (KafkaConsumer<String, String> second = member("second")) {
                    second.subscribe(List.of(topic));
                    pollUntil("two members own two partitions each", List.of(first, second),
                            () -> partitions(first).size() == 2 && partitions(second).size() == 2
                                    && union(first, second).size() == 4);
                    ConsumerGroupDescription description = describeWhenStable(admin);
                    check(description.type() == GroupType.CONSUMER, "described as a consumer group: " + description);
                    check(description.members().size() == 2, "two members described: " + description);

                    admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(6))).all().get(30, TimeUnit.SECONDS);
                    produce(4, 6, 0, 5);
                    pollUntil("the members own the two added partitions too", List.of(first, second),
                            () -> partitions(first).size() == 3 && partitions(second).size() == 3
                                    && union(first, second).size() == 6);
                }
                pollUntil("the remaining member owns all six partitions after the other left", List.of(first),
                        () -> partitions(first).size() == 6);
                pollUntil("all 50 records were read", List.of(first), () -> received.size() >= 50);
                first.commitSync();
                check(received.size() == 50 && new HashSet<>(received).size() == 50,
                        "each of the 50 records read once, got " + received.size());
                check(description(admin).groupState() == GroupState.STABLE, "the group is stable");
                String summary = "joined in " + joinedMs + " ms";

                first.unsubscribe();
                received.clear();
                produce(0, 6, 100, 1);
                try (KafkaConsumer<String, String> resumed = member("resumed")) {
                    resumed.subscribe(List.of(topic));
                    pollUntil("a new member reads the six new records", List.of(resumed), () -> received.size() >= 6);
                    Set<String> expected = new HashSet<>();
                    for (int p = 0; p < 6; p++) {
                        expected.add("p" + p + "-100");
                    }
                    Thread.sleep(500);
                    resumed.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                    check(new HashSet<>(received).equals(expected) && received.size() == 6,
                            "the new member resumed at the committed offsets, read " + received);
                }
                return summary;
            }
        }
    }

    private KafkaConsumer<String, String> member(String clientId) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", group);
        c.put("group.protocol", "consumer");
        c.put("client.id", clientId);
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(c);
    }

    /** Polls every member in turn, committing what each read, until the condition holds. */
    private void pollUntil(String what, List<KafkaConsumer<String, String>> members, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (true) {
            for (KafkaConsumer<String, String> member : members) {
                for (ConsumerRecord<String, String> record : member.poll(Duration.ofMillis(100))) {
                    received.add(record.value());
                }
                member.commitSync(Duration.ofSeconds(10));
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + STEP + " waiting until " + what + "; assignments "
                        + members.stream().map(m -> partitions(m).toString()).collect(Collectors.joining(" ")));
            }
        }
    }

    private ConsumerGroupDescription describeWhenStable(Admin admin) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        ConsumerGroupDescription description = description(admin);
        while (description.groupState() != GroupState.STABLE && System.nanoTime() < deadline) {
            Thread.sleep(100);
            description = description(admin);
        }
        return description;
    }

    private ConsumerGroupDescription description(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(30, TimeUnit.SECONDS);
    }

    private void produce(int fromPartition, int toPartition, int first, int count) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int partition = fromPartition; partition < toPartition; partition++) {
                for (int i = first; i < first + count; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, null, "p" + partition + "-" + i));
                }
            }
            producer.flush();
        }
    }

    private static Set<Integer> partitions(KafkaConsumer<?, ?> consumer) {
        return consumer.assignment().stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static Set<Integer> union(KafkaConsumer<?, ?> a, KafkaConsumer<?, ?> b) {
        Set<Integer> all = new HashSet<>(partitions(a));
        all.addAll(partitions(b));
        return all;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected: " + what);
        }
    }
}
