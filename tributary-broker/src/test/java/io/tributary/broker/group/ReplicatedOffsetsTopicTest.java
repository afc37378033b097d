package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogManagerConfig;
import io.tributary.storage.config.LogConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The offsets topic over a real local log: acks=all completion, ordering, leadership loss, reading back. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplicatedOffsetsTopicTest {

    private static final TopicPartition OFFSETS_0 = new TopicPartition("__consumer_offsets", 0);

    @TempDir
    Path dir;

    private LogManager logManager;
    private ReplicaManager replicas;
    private ExecutorScheduler scheduler;
    private ReplicatedOffsetsTopic topic;

    private void start(List<Integer> isr) {
        logManager = new LogManager(new LogManagerConfig(List.of(dir), 600_000, 60_000, 5_000, 15_000, true, 2),
                name -> LogConfig.fromMap(Map.of()), Time.SYSTEM, (d, cause) -> { });
        logManager.startup();
        replicas = new ReplicaManager(0, logManager, image -> Map.of(), Time.SYSTEM);
        replicas.onImage(ClusterImage.EMPTY, image(0, 1, isr));
        scheduler = new ExecutorScheduler("test-scheduler");
        topic = new ReplicatedOffsetsTopic(replicas, 1, 10_000, scheduler, Time.SYSTEM);
    }

    @AfterEach
    void stop() {
        topic.close();
        scheduler.close();
        logManager.shutdown();
    }

    @Test
    void appendCompletesOnlyOnceEveryIsrMemberHasTheBatchAndInAppendOrder() throws Exception {
        start(List.of(0, 1));
        Partition partition = replicas.partition(OFFSETS_0);
        List<Long> completionOrder = new ArrayList<>();
        CompletableFuture<Long> first = topic.append(0, batch("a"));
        CompletableFuture<Long> second = topic.append(0, batch("b"));
        first.thenAccept(completionOrder::add);
        second.thenAccept(completionOrder::add);
        Thread.sleep(100);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        partition.recordFollowerFetch(1, 2); // the follower now has both records: the high watermark moves to 2
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(0L);
        assertThat(completionOrder).containsExactly(0L, 1L);
    }

    @Test
    void appendFailsWhenLeadershipMovesBeforeReplication() {
        start(List.of(0, 1));
        CompletableFuture<Long> pending = topic.append(0, batch("a"));
        replicas.onImage(ClusterImage.EMPTY, image(1, 2, List.of(1)));
        assertThat(pending).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER));
    }

    @Test
    void readAllHandsBackEveryCommittedRecord() throws Exception {
        start(List.of(0));
        for (int i = 0; i < 5; i++) {
            topic.append(0, batch("k" + i)).get(5, TimeUnit.SECONDS);
        }
        List<String> keys = new ArrayList<>();
        topic.readAll(0, buffer -> OffsetsRecordBatch.forEachRecord(buffer,
                (key, value) -> keys.add(StandardCharsets.UTF_8.decode(key).toString())));
        assertThat(keys).containsExactly("k0", "k1", "k2", "k3", "k4");
    }

    private static ByteBuffer batch(String key) {
        return OffsetsRecordBatch.build(1_000L, List.of(new OffsetsRecordBatch.KeyValue(
                key.getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8))));
    }

    /** Brokers 0 and 1 alive; __consumer_offsets-0 on both, led by {@code leader}. */
    private static ClusterImage image(int leader, int epoch, List<Integer> isr) {
        TreeMap<Integer, BrokerInfo> brokers = new TreeMap<>();
        brokers.put(0, new BrokerInfo(0, List.of(), null, 1));
        brokers.put(1, new BrokerInfo(1, List.of(), null, 2));
        TreeMap<String, TopicInfo> topics = new TreeMap<>();
        topics.put(OFFSETS_0.topic(), new TopicInfo(OFFSETS_0.topic(), UUID.randomUUID(), Map.of(0, List.of(0, 1))));
        return new ClusterImage("cluster", 0, brokers, topics,
                Map.of(OFFSETS_0, new PartitionState(leader, epoch, isr, 1, 0)), Map.of(), Set.of(), Map.of());
    }
}
