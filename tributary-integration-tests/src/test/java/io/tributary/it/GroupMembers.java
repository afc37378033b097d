package io.tributary.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Group consumers (kafka-clients 4.2.0, classic protocol) tuned for tests: short session and heartbeat, manual
 * commits, earliest reset; plus producing numbered values to chosen partitions and reading a group's committed
 * offsets back through the Admin API. Not thread-safe, like the consumers it makes.
 */
final class GroupMembers {

    /** The broker's smallest allowed session timeout (group.min.session.timeout.ms default). */
    static final int SESSION_TIMEOUT_MS = 6_000;

    private GroupMembers() {
    }

    static KafkaConsumer<String, String> member(String bootstrap, String group, String clientId, Map<String, Object> extra) {
        Properties c = new Properties();
        c.putAll(memberConfig(bootstrap, group, clientId));
        c.putAll(extra);
        return new KafkaConsumer<>(c);
    }

    /** The settings of {@link #member}, as strings, so a child JVM can be given the same ones. */
    static Map<String, String> memberConfig(String bootstrap, String group, String clientId) {
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", group);
        c.put("client.id", clientId);
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        c.put("session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS));
        c.put("heartbeat.interval.ms", "300");
        return c;
    }

    /** Sends values {@code prefix + i} for i in [first, first+count) to {@code partition}, acks=all, and waits. */
    static void produce(String bootstrap, String topic, int partition, String prefix, int first, int count) throws Exception {
        try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, Map.of("acks", "all"))) {
            for (int i = first; i < first + count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, null, prefix + i));
            }
            producer.flush();
        }
    }

    /** The group's committed offsets as the coordinator answers OffsetFetch now. */
    static Map<TopicPartition, Long> committed(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    static Set<Integer> partitionsOf(KafkaConsumer<?, ?> consumer) {
        return consumer.assignment().stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }

    /** Re-checks {@code condition} every 100 ms until it holds; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
