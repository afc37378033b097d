package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessBroker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker in its own JVM holds topics of many small segments; while it is down one byte is flipped inside a
 * batch of the first, a middle or the last segment, after a clean stop and after SIGKILL. On restart a
 * consumer (which does not check CRCs itself, so only the broker can refuse the batch) reads from offset 0:
 * every offset before the damaged batch must come back in order with its value, and at the damaged batch the
 * broker either refuses the fetch (CORRUPT_MESSAGE, logged with the segment) or has already cut the log
 * there, logging the offsets lost. A damage found by a read is cut at the next start, with the same log line.
 * No offset may disappear silently.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DamagedSegmentRestartTest {

    private static final int RECORDS = 240;

    @Test
    void aFlippedByteInAnySegmentNeverMakesOffsetsDisappearSilently() throws Exception {
        try (ChildProcessBroker broker = ChildProcessBroker.start(Map.of())) {
            Map<String, Long> cleanRound = writeTopics(broker, "clean");
            broker.stop();
            Map<String, Long> damagedClean = damageAll(broker, cleanRound);
            broker.restart();
            List<String> foundByReads = new ArrayList<>();
            for (Map.Entry<String, Long> topic : damagedClean.entrySet()) {
                if (checkNothingVanished(broker, topic.getKey(), topic.getValue())) {
                    foundByReads.add(topic.getKey());
                }
            }
            assertThat(foundByReads).as("after a clean stop nothing is re-validated up front; reads find it")
                    .hasSize(3);

            Map<String, Long> killRound = writeTopics(broker, "killed");
            broker.kill();
            Map<String, Long> damagedKilled = damageAll(broker, killRound);
            broker.restart();
            for (Map.Entry<String, Long> topic : damagedKilled.entrySet()) {
                checkNothingVanished(broker, topic.getKey(), topic.getValue());
            }
            for (String topic : foundByReads) {
                long damagedAt = damagedClean.get(topic);
                assertThat(endOffset(broker, topic)).as("%s cut where a read found the damage", topic)
                        .isEqualTo(damagedAt);
                assertThat(broker.output()).contains("Cut log " + topic + "-0 at offset " + damagedAt);
                assertThat(checkNothingVanished(broker, topic, damagedAt)).isFalse();
            }
        }
    }

    /** Three topics of many 4 KiB segments, one record per batch, values naming their offsets. */
    private static Map<String, Long> writeTopics(ChildProcessBroker broker, String round) throws Exception {
        Map<String, Long> topics = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<NewTopic> created = new ArrayList<>();
            for (String where : List.of("first", "middle", "last")) {
                String topic = round + "-" + where;
                created.add(new NewTopic(topic, 1, (short) 1).configs(Map.of("segment.bytes", "4096")));
                topics.put(topic, -1L);
            }
            admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(),
                Map.of("acks", "1", "linger.ms", 0))) {
            for (String topic : topics.keySet()) {
                for (int i = 0; i < RECORDS; i++) {
                    long offset = producer.send(new ProducerRecord<>(topic, "k", "v-" + i)).get(20, TimeUnit.SECONDS)
                            .offset();
                    assertThat(offset).isEqualTo(i);
                }
            }
        }
        return topics;
    }

    /** Flips a byte in the middle batch of each topic's first, middle or last segment; returns its offset. */
    private static Map<String, Long> damageAll(ChildProcessBroker broker, Map<String, Long> topics) throws IOException {
        Map<String, Long> damaged = new LinkedHashMap<>();
        for (String topic : topics.keySet()) {
            Path dir = broker.dir().resolve("logs").resolve(topic + "-0");
            List<Path> segments;
            try (Stream<Path> files = Files.list(dir)) {
                segments = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
            }
            assertThat(segments).as(topic).hasSizeGreaterThanOrEqualTo(4);
            Path segment = topic.endsWith("first") ? segments.get(0)
                    : topic.endsWith("middle") ? segments.get(segments.size() / 2) : segments.get(segments.size() - 1);
            damaged.put(topic, flipAByteInTheMiddleBatch(segment));
        }
        return damaged;
    }

    private static long flipAByteInTheMiddleBatch(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<int[]> batches = new ArrayList<>(); // {position, size}
        for (int position = 0; position + 61 <= bytes.limit(); position += 12 + bytes.getInt(position + 8)) {
            batches.add(new int[] {position, 12 + bytes.getInt(position + 8)});
        }
        int[] victim = batches.get(batches.size() / 2);
        long baseOffset = bytes.getLong(victim[0]);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = victim[0] + 61 + 5L;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, at);
        }
        return baseOffset;
    }

    /**
     * Reads {@code topic} from 0 and checks every offset before {@code damagedAt} arrives in order with its
     * value; returns true when the broker refused the damaged batch, false when the log ends at it.
     */
    private static boolean checkNothingVanished(ChildProcessBroker broker, String topic, long damagedAt) {
        TopicPartition tp = new TopicPartition(topic, 0);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false"); // only the broker may refuse the damaged batch
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "2048");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, 0);
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(20)).get(tp);
            long next = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (next < end && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        assertThat(record.offset()).as("%s: no offset skipped", topic).isEqualTo(next);
                        assertThat(record.value()).as("%s at %d", topic, next).isEqualTo("v-" + next);
                        next++;
                    }
                } catch (KafkaException refused) {
                    assertThat(next).as("%s refused exactly at the damaged batch", topic).isEqualTo(damagedAt);
                    assertThat(refused.getMessage()).contains("corrupt message").contains(String.valueOf(damagedAt));
                    assertThat(broker.output()).contains("fails its CRC");
                    return true;
                }
            }
            assertThat(next).as("%s read to its end", topic).isEqualTo(end);
            assertThat(end).as("%s ends at the damaged batch", topic).isEqualTo(damagedAt);
            assertThat(broker.output()).contains("Cut log " + topic + "-0 at offset " + damagedAt);
            return false;
        }
    }

    private static long endOffset(ChildProcessBroker broker, String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp)
                    .get(20, TimeUnit.SECONDS).offset();
        }
    }
}
