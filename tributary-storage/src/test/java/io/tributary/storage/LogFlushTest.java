package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * flush.messages and flush.ms: an append that makes a flush due does not fsync under the log's lock; the
 * caller's {@link UnifiedLog#flushIfDue} does, and the recovery point shows what is on disk.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogFlushTest {

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

    private UnifiedLog open(Map<String, String> config) throws IOException {
        log = UnifiedLog.open(logDir.resolve(TP.directoryName()), TP, LogConfig.fromMap(config), time,
                LogOpenOptions.afterCrash(0), null, LogDirFailureHandler.NONE);
        return log;
    }

    @Test
    void anAppendThatMakesAFlushDueLeavesTheFsyncToFlushIfDue() throws IOException {
        UnifiedLog log = open(Map.of("flush.messages", "1"));

        log.appendAsLeader(Batches.kafka(3, time.milliseconds(), "v"), 0);

        assertThat(log.recoveryPoint()).as("nothing synced inside the append").isZero();
        assertThat(log.flushIfDue()).isTrue();
        assertThat(log.recoveryPoint()).isEqualTo(3);
        assertThat(log.flushIfDue()).as("already covered").isFalse();
    }

    @Test
    void flushMessagesCountsRecordsAcrossAppends() throws IOException {
        UnifiedLog log = open(Map.of("flush.messages", "5"));

        log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "a"), 0);
        log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "b"), 0);
        assertThat(log.flushIfDue()).isFalse();
        assertThat(log.recoveryPoint()).isZero();

        log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "c"), 0);

        assertThat(log.flushIfDue()).isTrue();
        assertThat(log.recoveryPoint()).isEqualTo(6);
    }

    @Test
    void flushMsMakesAFlushDueOnceTheIntervalHasPassed() throws IOException {
        UnifiedLog log = open(Map.of("flush.ms", "1000"));
        log.appendAsLeader(Batches.kafka(1, time.milliseconds(), "a"), 0);
        assertThat(log.flushIfDue()).isFalse();

        time.sleep(1_000);
        log.appendAsLeader(Batches.kafka(1, time.milliseconds(), "b"), 0);

        assertThat(log.flushIfDue()).isTrue();
        assertThat(log.recoveryPoint()).isEqualTo(2);
    }

    @Test
    void withTheDefaultsNoAppendMakesAFlushDue() throws IOException {
        UnifiedLog log = open(Map.of());
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(Batches.kafka(10, time.milliseconds(), "v" + i), 0);
        }

        assertThat(log.flushIfDue()).isFalse();
        assertThat(log.recoveryPoint()).isZero();
    }

    @Test
    void aFollowerAppendMakesAFlushDueToo() throws IOException {
        UnifiedLog leader = open(Map.of());
        leader.appendAsLeader(Batches.kafka(4, time.milliseconds(), "v"), 2);
        leader.updateHighWatermark(4);
        LogSlice replicated = leader.read(0, 1 << 20, 4, true);
        UnifiedLog follower = UnifiedLog.open(logDir.resolve("follower").resolve(TP.directoryName()), TP,
                LogConfig.fromMap(Map.of("flush.messages", "1")), time, LogOpenOptions.afterCrash(0), null,
                LogDirFailureHandler.NONE);
        try {
            follower.appendAsFollower(replicated.readFully());

            assertThat(follower.recoveryPoint()).isZero();
            assertThat(follower.flushIfDue()).isTrue();
            assertThat(follower.recoveryPoint()).isEqualTo(4);
        } finally {
            follower.close();
        }
    }

    @Test
    void flushingWhileHoldingTheLogsLockIsRefused() throws IOException {
        UnifiedLog log = open(Map.of());
        log.lock.lock();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(log::flush).isInstanceOf(AssertionError.class);
        } finally {
            log.lock.unlock();
        }
    }
}
