package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Struct;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.storage.LogDirFailureHandler;
import io.tributary.storage.LogOpenOptions;
import io.tributary.storage.UnifiedLog;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.nio.file.Path;
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
        Partition partition = new Partition(TP, log, LOCAL, Time.SYSTEM);
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
}
