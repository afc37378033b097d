package io.tributary.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real kafka-clients 4.2.0 producers, consumers and admin calls, configured for tests against one broker. */
final class Clients {

    private Clients() {
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    static KafkaProducer<String, String> stringProducer(String bootstrap, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    static KafkaProducer<byte[], byte[]> bytesProducer(String bootstrap, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    /** Reads every partition of {@code topic} from the beginning up to its end offset at call time (assign + seek, no group). */
    static List<ConsumerRecord<String, String>> readAllStrings(String bootstrap, String topic, int partitions, Duration timeout) {
        return readAll(bootstrap, Map.of(), topic, partitions, timeout, StringDeserializer.class.getName());
    }

    /** As {@link #readAllStrings(String, String, int, Duration)}, with extra client settings (security). */
    static List<ConsumerRecord<String, String>> readAllStrings(String bootstrap, Map<String, Object> extra, String topic,
                                                               int partitions, Duration timeout) {
        return readAll(bootstrap, extra, topic, partitions, timeout, StringDeserializer.class.getName());
    }

    static List<ConsumerRecord<byte[], byte[]>> readAllBytes(String bootstrap, String topic, int partitions, Duration timeout) {
        return readAll(bootstrap, Map.of(), topic, partitions, timeout, ByteArrayDeserializer.class.getName());
    }

    private static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrap, Map<String, Object> extra, String topic,
                                                              int partitions, Duration timeout, String deserializer) {
        Properties c = new Properties();
        c.putAll(extra);
        c.put("bootstrap.servers", bootstrap);
        c.put("key.deserializer", deserializer);
        c.put("value.deserializer", deserializer);
        c.put("enable.auto.commit", "false");
        c.put("max.partition.fetch.bytes", String.valueOf(2 * 1024 * 1024));
        List<TopicPartition> assigned = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toList());
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            if (!reachedEnd(consumer, end)) {
                throw new AssertionError("did not reach end offsets " + end + " within " + timeout
                        + "; read " + received.size() + " records");
            }
        }
        return received;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
