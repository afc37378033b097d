package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.epoch.EpochEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's threading contract as the code checks it: the epoch cache changes only under the log's lock,
 * and the helpers documented as "called with the lock held" refuse to run without it (assertions are on
 * in tests).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogLockContractTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime();
    private UnifiedLog log;

    @AfterEach
    void tearDown() {
        if (log != null) {
            log.close();
        }
    }

    private UnifiedLog open() throws IOException {
        log = UnifiedLog.open(logDir.resolve(TP.directoryName()), TP, LogConfig.fromMap(Map.of()), time,
                LogOpenOptions.CLEAN, null, LogDirFailureHandler.NONE);
        return log;
    }

    @Test
    void assigningANewLeaderEpochWaitsForTheLogsLock() throws Exception {
        UnifiedLog log = open();
        log.appendAsLeader(Batches.kafka(3, time.milliseconds(), "v"), 1);
        Thread newLeader = new Thread(() -> log.assignEpochStartOffset(2, 3), "new-leader");

        log.lock.lock();
        try {
            newLeader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!log.lock.hasQueuedThread(newLeader) && newLeader.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(log.lock.hasQueuedThread(newLeader)).as("the epoch assignment queued for the lock").isTrue();
            assertThat(log.epochCache().entries()).containsExactly(new EpochEntry(1, 0));
        } finally {
            log.lock.unlock();
        }
        newLeader.join(10_000);

        assertThat(log.epochCache().entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 3));
    }

    @Test
    void assertionsAreEnabledInTests() {
        boolean enabled = false;
        assert enabled = true;
        assertThat(enabled).as("surefire runs with -ea").isTrue();
    }

    @Test
    void removingASegmentWithoutTheLockIsRefused() throws IOException {
        UnifiedLog log = open();

        assertThatThrownBy(() -> log.removeSegment(log.segments().get(0))).isInstanceOf(AssertionError.class);
        assertThat(log.numberOfSegments()).isEqualTo(1);
    }

    @Test
    void advancingTheLogStartWithoutTheLockIsRefused() throws IOException {
        UnifiedLog log = open();

        assertThatThrownBy(() -> log.advanceLogStartOffset(5)).isInstanceOf(AssertionError.class);
        assertThat(log.logStartOffset()).isZero();
    }

    @Test
    void rollingForRetentionWithoutTheLockIsRefused() throws IOException {
        UnifiedLog log = open();
        log.appendAsLeader(Batches.kafka(1, time.milliseconds(), "v"), 0);

        assertThatThrownBy(log::rollForRetention).isInstanceOf(AssertionError.class);
        assertThat(log.numberOfSegments()).isEqualTo(1);
    }

    @Test
    void theLockedPathsStillWork() throws IOException {
        UnifiedLog log = open();
        log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "a"), 0);
        log.roll();
        log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "b"), 0);
        log.updateHighWatermark(4);

        assertThat(log.deleteRecordsBefore(2)).isEqualTo(2);
        assertThat(log.numberOfSegments()).isEqualTo(1);
        assertThat(log.logStartOffset()).isEqualTo(2);
    }
}
