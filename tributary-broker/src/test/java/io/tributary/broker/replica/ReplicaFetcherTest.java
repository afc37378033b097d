package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metrics.BrokerMetrics;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.types.Struct;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.storage.LogDirFailureHandler;
import io.tributary.storage.LogOpenOptions;
import io.tributary.storage.UnifiedLog;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetcher's handling of a partition whose leader epoch moves on while the fetcher is working on it.
 *
 * <p>Deterministic and without a thread: the test calls {@code doWork} itself. The fetcher connects to its
 * leader after it has taken its targets and before it truncates them, so the test makes the role change
 * from inside that call. The logs are empty and carry no epoch, so truncation is local (to the high
 * watermark) and no request is ever sent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplicaFetcherTest {

    private static final int LOCAL = 1;
    private static final int LEADER = 2;
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final ReplicaFetcher.FetcherConfig CONFIG =
            new ReplicaFetcher.FetcherConfig(100, 1, 1 << 20, 1 << 20, 1_000);

    @TempDir
    Path logDir;

    private UnifiedLog log;
    private ReplicaFetcher fetcher;
    private final AtomicInteger connects = new AtomicInteger();

    @AfterEach
    void tearDown() {
        if (fetcher != null) {
            fetcher.onStop();
        }
        if (log != null) {
            log.close();
        }
    }

    private Partition followerAtEpoch(int epoch) throws IOException {
        log = UnifiedLog.open(logDir.resolve(TP.directoryName()), TP, LogConfig.fromMap(Map.of()), Time.SYSTEM,
                LogOpenOptions.CLEAN, null, LogDirFailureHandler.NONE);
        Partition partition = new Partition(TP, log, LOCAL, Time.SYSTEM, new BrokerMetrics(false).topicStats().topic(TP.topic()));
        partition.makeFollower(LEADER, epoch, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL));
        return partition;
    }

    /** A transport whose first connect runs {@code duringConnect}; no request is expected on it. */
    private ReplicaTransport transport(Runnable duringConnect) {
        return brokerId -> {
            if (connects.incrementAndGet() == 1) {
                duringConnect.run();
            }
            return new ReplicaTransport.Channel() {
                @Override
                public Struct call(ApiKey api, short version, Struct request) throws IOException {
                    throw new IOException("no request expected, got " + api);
                }

                @Override
                public void close() {
                }
            };
        };
    }

    @Test
    void aTargetReAddedForANewEpochSurvivesTheStaleTargetsFailedTruncation() throws Exception {
        Partition partition = followerAtEpoch(5);
        ReplicaFetcher[] self = new ReplicaFetcher[1];
        fetcher = new ReplicaFetcher(LOCAL, LEADER, transport(() -> {
            // The metadata thread's order: the partition takes the new epoch, then the manager re-adds it.
            partition.makeFollower(LEADER, 6, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL));
            self[0].add(partition, 6);
        }), CONFIG, Time.SYSTEM);
        self[0] = fetcher;
        fetcher.add(partition, 5);

        fetcher.doWork(Time.SYSTEM.hiResMilliseconds());

        assertThat(fetcher.follows(TP))
                .as("the epoch-6 target must outlive the epoch-5 target's refused truncation")
                .isTrue();
        fetcher.doWork(Time.SYSTEM.hiResMilliseconds());
        assertThat(fetcher.follows(TP)).as("the epoch-6 target truncates and stays").isTrue();
    }

    @Test
    void aTargetWhoseEpochMovedOnWithoutBeingReAddedIsDropped() throws Exception {
        Partition partition = followerAtEpoch(5);
        fetcher = new ReplicaFetcher(LOCAL, LEADER, transport(
                () -> partition.makeFollower(LEADER, 6, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL))),
                CONFIG, Time.SYSTEM);
        fetcher.add(partition, 5);

        fetcher.doWork(Time.SYSTEM.hiResMilliseconds());

        assertThat(fetcher.follows(TP)).isFalse();
        assertThat(fetcher.isEmpty()).isTrue();
    }

    @Test
    void aTargetStillCurrentIsTruncatedAndKept() throws Exception {
        Partition partition = followerAtEpoch(5);
        fetcher = new ReplicaFetcher(LOCAL, LEADER, transport(() -> { }), CONFIG, Time.SYSTEM);
        fetcher.add(partition, 5);

        fetcher.doWork(Time.SYSTEM.hiResMilliseconds());
        fetcher.doWork(Time.SYSTEM.hiResMilliseconds());

        assertThat(fetcher.follows(TP)).isTrue();
        assertThat(connects.get()).isEqualTo(1);
    }

    private static ByteBuffer batch(long baseOffset, int epoch, int count) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE).baseOffset(baseOffset)
                .partitionLeaderEpoch(epoch);
        for (int i = 0; i < count; i++) {
            builder.append(1L, null, ("e" + epoch + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /**
     * Seed 1193 of the replication simulation: our log holds epoch 0 (offsets 0..2) and epoch 3 (3..9); the
     * new leader has no epoch 3 and answers "epoch 2 ends at 6". We have no epoch 2, so 6 says nothing about
     * our offsets 3..5: we must cut back to where our epoch 0 ends (3) and ask again for epoch 0.
     */
    @Test
    void aLeaderAnsweringWithAnEpochWeDoNotHaveMakesUsCutBackToOurEarlierEpochAndAskAgain() throws Exception {
        Partition partition = followerAtEpoch(3);
        partition.makeFollower(3, 3, List.of(3, LOCAL), List.of(3, LOCAL));
        assertThat(partition.appendAsFollowerOf(3, 3, batch(0, 0, 3), 0)).isTrue();
        assertThat(partition.appendAsFollowerOf(3, 3, batch(3, 3, 7), 0)).isTrue();
        partition.makeFollower(LEADER, 4, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL));
        List<Integer> askedEpochs = new ArrayList<>();
        ReplicaTransport leaderWithoutEpoch3 = brokerId -> new ReplicaTransport.Channel() {
            @Override
            public Struct call(ApiKey api, short version, Struct request) throws IOException {
                if (api != ApiKey.OFFSET_FOR_LEADER_EPOCH) {
                    throw new IOException("only the epoch question is answered here");
                }
                int asked = request.getStructs("topics").get(0).getStructs("partitions").get(0).getInt("leader_epoch");
                askedEpochs.add(asked);
                Struct response = MessageCodec.newResponse(ApiKey.OFFSET_FOR_LEADER_EPOCH);
                response.addChild("topics").set("topic", TP.topic()).addChild("partitions")
                        .set("partition", TP.partition()).set("error_code", (short) 0)
                        .set("leader_epoch", asked >= 2 ? 2 : 0).set("end_offset", asked >= 2 ? 6L : 3L);
                return response;
            }

            @Override
            public void close() {
            }
        };
        fetcher = new ReplicaFetcher(LOCAL, LEADER, leaderWithoutEpoch3, CONFIG, Time.SYSTEM);
        fetcher.add(partition, 4);

        fetcher.doWork(Time.SYSTEM.hiResMilliseconds());
        assertThat(partition.logEndOffset()).as("cut back to the end of our epoch 0, not to the leader's 6").isEqualTo(3);
        fetcher.doWork(Time.SYSTEM.hiResMilliseconds() + 1_000);

        assertThat(askedEpochs).containsExactly(3, 0);
        assertThat(partition.logEndOffset()).isEqualTo(3);
    }
}
