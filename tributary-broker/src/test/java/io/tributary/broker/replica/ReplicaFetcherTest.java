package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityProtocol;
import io.tributary.broker.metrics.BrokerMetrics;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetcher's handling of a partition whose leader epoch moves on while the fetcher is working on it.
 *
 * <p>Deterministic without a network: the fetcher asks for its leader's endpoint on its own thread after it
 * has taken its targets and before it truncates them, so the test makes the role change from inside that
 * call. The logs are empty and carry no epoch, so truncation is local (to the high watermark) and no request
 * is ever sent; from the second call on the endpoint is unknown and the fetcher only backs off.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplicaFetcherTest {

    private static final int LOCAL = 1;
    private static final int LEADER = 2;
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final Endpoint ENDPOINT = new Endpoint("plaintext", SecurityProtocol.PLAINTEXT, "127.0.0.1", 9);
    private static final ReplicaFetcher.FetcherConfig CONFIG =
            new ReplicaFetcher.FetcherConfig(100, 1, 1 << 20, 1 << 20, 1_000, InterBrokerSecurity.PLAINTEXT);

    @TempDir
    Path logDir;

    private UnifiedLog log;
    private ReplicaFetcher fetcher;

    @AfterEach
    void tearDown() {
        if (fetcher != null) {
            fetcher.shutdown(2_000);
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

    /**
     * Endpoints whose first lookup runs {@code duringFirstPass} (on the fetcher's thread, between taking its
     * targets and truncating them); later lookups count down {@code laterPass} and find no endpoint.
     */
    private static IntFunction<Endpoint> endpoints(Runnable duringFirstPass, CountDownLatch laterPass) {
        AtomicInteger lookups = new AtomicInteger();
        return id -> {
            if (lookups.incrementAndGet() == 1) {
                duringFirstPass.run();
                return ENDPOINT;
            }
            laterPass.countDown();
            return null;
        };
    }

    /** Waits until the fetcher starts another pass or stops following the partition, whichever comes first. */
    private static void awaitNextPassOrDrop(ReplicaFetcher fetcher, CountDownLatch laterPass)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (laterPass.getCount() > 0 && fetcher.follows(TP) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void aTargetReAddedForANewEpochSurvivesTheStaleTargetsFailedTruncation() throws Exception {
        Partition partition = followerAtEpoch(5);
        AtomicReference<ReplicaFetcher> self = new AtomicReference<>();
        CountDownLatch laterPass = new CountDownLatch(1);
        fetcher = new ReplicaFetcher(LOCAL, LEADER, endpoints(() -> {
            // The metadata thread's order: the partition takes the new epoch, then the manager re-adds it.
            partition.makeFollower(LEADER, 6, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL));
            self.get().add(partition, 6);
        }, laterPass), CONFIG, Time.SYSTEM);
        self.set(fetcher);
        fetcher.add(partition, 5);

        fetcher.start();
        awaitNextPassOrDrop(fetcher, laterPass);

        assertThat(fetcher.follows(TP))
                .as("the epoch-6 target must outlive the epoch-5 target's refused truncation")
                .isTrue();
        assertThat(laterPass.getCount()).as("the fetcher went on to work on the epoch-6 target").isZero();
    }

    @Test
    void aTargetWhoseEpochMovedOnWithoutBeingReAddedIsDropped() throws Exception {
        Partition partition = followerAtEpoch(5);
        CountDownLatch laterPass = new CountDownLatch(1);
        fetcher = new ReplicaFetcher(LOCAL, LEADER, endpoints(
                () -> partition.makeFollower(LEADER, 6, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL)),
                laterPass), CONFIG, Time.SYSTEM);
        fetcher.add(partition, 5);

        fetcher.start();
        awaitNextPassOrDrop(fetcher, laterPass);

        assertThat(fetcher.follows(TP)).isFalse();
        assertThat(fetcher.isEmpty()).isTrue();
    }

    @Test
    void aTargetStillCurrentIsTruncatedAndKept() throws Exception {
        Partition partition = followerAtEpoch(5);
        CountDownLatch laterPass = new CountDownLatch(1);
        fetcher = new ReplicaFetcher(LOCAL, LEADER, endpoints(() -> { }, laterPass), CONFIG, Time.SYSTEM);
        fetcher.add(partition, 5);

        fetcher.start();
        assertThat(laterPass.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(fetcher.follows(TP)).isTrue();
    }
}
