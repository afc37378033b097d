package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * __consumer_offsets must not grow without bound: the same group/partition is committed over and over (200,000
 * times by default; {@code -Dcompaction.commits=1000000} or {@code -Pcompaction-1m} for a million) while the
 * partition's directory is measured every 50 ms. With 1 MB segments and a cleaner that backs off 100 ms, its size
 * must stay within a few segments whatever the number of commits, and the last commit must be what is fetched.
 */
class OffsetsTopicCompactionTest {

    private static final int SEGMENT_BYTES = 1024 * 1024;
    private static final long BOUND_BYTES = 8L * SEGMENT_BYTES;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void repeatedCommitsOfOnePartitionKeepTheOffsetsTopicBoundedOnDisk() throws Exception {
        int commits = Integer.getInteger("compaction.commits", 200_000);
        try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of(
                "offsets.topic.num.partitions", "1",
                "offsets.topic.segment.bytes", String.valueOf(SEGMENT_BYTES),
                "log.index.size.max.bytes", "65536",
                "log.cleaner.backoff.ms", "100",
                "group.initial.rebalance.delay.ms", "0"))) {
            String bootstrap = broker.bootstrapServers();
            Clients.createTopic(bootstrap, "committed", 1);
            String group = "compaction-group";
            awaitCoordinator(bootstrap, group);
            Path partitionDir = broker.dir().resolve("logs").resolve("__consumer_offsets-0");
            assertThat(partitionDir).isDirectory();

            AtomicLong maxBytes = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxBytes.accumulateAndGet(bytesIn(partitionDir), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "offsets-dir-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long started = System.nanoTime();
            String[] hostPort = bootstrap.split(":");
            new OffsetCommitFlood(hostPort[0], Integer.parseInt(hostPort[1]), group, "committed").commit(commits);
            long floodMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            GroupMembers.await("the cleaner compacted the last full segments", Duration.ofSeconds(30),
                    () -> bytesIn(partitionDir) <= 3L * SEGMENT_BYTES);
            sampler.interrupt();
            sampler.join(5_000);
            long finalBytes = bytesIn(partitionDir);
            maxBytes.accumulateAndGet(finalBytes, Math::max);
            long uncompacted = broker.broker().logManager().getLog(new io.tributary.common.TopicPartition("__consumer_offsets", 0))
                    .orElseThrow().logEndOffset();
            System.out.printf("offsets compaction: %d commits in %d ms (%.0f/s); __consumer_offsets-0 on disk: "
                            + "max %d bytes, final %d bytes, log end offset %d%n", commits, floodMs,
                    commits * 1000.0 / Math.max(1, floodMs), maxBytes.get(), finalBytes, uncompacted);

            assertThat(uncompacted).as("every commit was appended").isGreaterThanOrEqualTo(commits);
            assertThat(maxBytes.get()).as("largest size of __consumer_offsets-0 during %d commits", commits)
                    .isLessThanOrEqualTo(BOUND_BYTES);
            assertThat(GroupMembers.committed(bootstrap, group))
                    .containsEntry(new TopicPartition("committed", 0), (long) commits);
        }
    }

    /** A throw-away member finds the coordinator, which creates and loads __consumer_offsets. */
    private static void awaitCoordinator(String bootstrap, String group) {
        try (KafkaConsumer<String, String> consumer = GroupMembers.member(bootstrap, group, "probe", Map.of())) {
            consumer.committed(java.util.Set.of(new TopicPartition("committed", 0)), Duration.ofSeconds(30));
        }
    }

    private static long bytesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> {
                try {
                    return Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
