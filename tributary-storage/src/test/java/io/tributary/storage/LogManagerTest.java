package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.storage.config.InvalidConfigException;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogManagerTest {

    @TempDir
    Path root;

    private final MockTime time = new MockTime();
    private final List<Path> failedDirs = new CopyOnWriteArrayList<>();

    private LogManager manager(List<Path> dirs) {
        LogManager manager = new LogManager(new LogManagerConfig(dirs, 300_000, 60_000, 5_000, 15_000, false, 2),
                topic -> LogConfig.fromMap(Map.of(LogConfig.SEGMENT_BYTES, "2048")), time,
                (dir, cause) -> failedDirs.add(dir));
        manager.startup();
        return manager;
    }

    @Test
    void shouldSpreadPartitionsAndRestoreThemAfterACleanShutdown() throws IOException {
        List<Path> dirs = List.of(root.resolve("d1"), root.resolve("d2"));
        LogManager manager = manager(dirs);
        LogConfig config = LogConfig.fromMap(Map.of(LogConfig.SEGMENT_BYTES, "2048"));
        for (int p = 0; p < 4; p++) {
            UnifiedLog log = manager.getOrCreateLog(new TopicPartition("t", p), config);
            for (int i = 0; i < 10 + p; i++) {
                log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "m"), 5);
            }
            log.updateHighWatermark(log.logEndOffset() - 2);
        }
        assertThat(Files.list(dirs.get(0)).filter(Files::isDirectory).count()).isEqualTo(2);
        assertThat(Files.list(dirs.get(1)).filter(Files::isDirectory).count()).isEqualTo(2);
        manager.shutdown();

        for (Path dir : dirs) {
            assertThat(dir.resolve(LogDirCheckpoints.CLEAN_SHUTDOWN_MARKER)).exists();
            List<String> hw = Files.readAllLines(dir.resolve("replication-offset-checkpoint"));
            assertThat(hw.get(0)).isEqualTo("0");
            assertThat(hw.get(1)).isEqualTo("2");
            assertThat(hw.subList(2, 4)).allMatch(line -> line.matches("t \\d \\d+"));
            assertThat(dir.resolve("recovery-point-offset-checkpoint")).exists();
            assertThat(dir.resolve("log-start-offset-checkpoint")).exists();
        }

        LogManager reopened = manager(dirs);
        for (Path dir : dirs) {
            assertThat(dir.resolve(LogDirCheckpoints.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
        }
        assertThat(reopened.allLogs()).hasSize(4);
        for (int p = 0; p < 4; p++) {
            UnifiedLog log = reopened.getLog(new TopicPartition("t", p)).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(2L * (10 + p));
            assertThat(log.highWatermark()).isEqualTo(2L * (10 + p) - 2);
            assertThat(log.recoveryStats().segmentsRecovered()).isZero();
            assertThat(log.latestEpoch()).contains(5);
        }
        reopened.shutdown();
    }

    @Test
    void shouldRecoverEveryUnflushedSegmentWithoutTheMarker() throws IOException {
        Path dir = root.resolve("data");
        LogManager manager = manager(List.of(dir));
        UnifiedLog log = manager.getOrCreateLog(new TopicPartition("crash", 0), LogConfig.DEFAULT);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(Batches.kafka(1, time.milliseconds(), "c"), 0);
        }
        LogSegment active = log.segments().get(log.numberOfSegments() - 1);
        try (FileChannel channel = FileChannel.open(active.logPath(), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 99, 1, 2, 3}));
        }
        // No shutdown: the marker stays absent, as after kill -9.
        LogManager restarted = manager(List.of(dir));
        UnifiedLog recovered = restarted.getLog(new TopicPartition("crash", 0)).orElseThrow();
        assertThat(recovered.logEndOffset()).isEqualTo(20);
        assertThat(recovered.recoveryStats().bytesTruncated()).isEqualTo(15);
        assertThat(recovered.recoveryStats().batchesValidated()).isEqualTo(20);
        restarted.shutdown();
    }

    @Test
    void shouldRenameADeletedPartitionAndRemoveItLater() throws IOException {
        Path dir = root.resolve("data");
        LogManager manager = manager(List.of(dir));
        TopicPartition tp = new TopicPartition("gone", 3);
        UnifiedLog log = manager.getOrCreateLog(tp, LogConfig.DEFAULT);
        log.appendAsLeader(Batches.kafka(1, time.milliseconds(), "x"), 0);
        log.updateHighWatermark(1);
        LogSlice inFlight = log.read(0, 1000, 1, true);
        manager.deleteLog(tp);
        assertThat(manager.getLog(tp)).isEmpty();
        assertThat(dir.resolve("gone-3")).doesNotExist();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.matches("gone-3\\.[0-9a-f]{32}-delete"));
        assertThat(inFlight.readFully().remaining()).isEqualTo(inFlight.size());
        manager.shutdown();
        manager(List.of(dir)).shutdown(); // startup removes leftovers of deleted partitions
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith("-delete"));
    }

    @Test
    void shouldTakeOnlyTheFailingDirOffline() throws IOException {
        Path good = root.resolve("good");
        Path bad = root.resolve("bad");
        LogManager manager = manager(List.of(good, bad));
        UnifiedLog a = manager.getOrCreateLog(new TopicPartition("a", 0), LogConfig.DEFAULT);
        UnifiedLog b = manager.getOrCreateLog(new TopicPartition("b", 0), LogConfig.DEFAULT);
        Path badDir = a.dir().getParent().endsWith("bad") ? a.dir().getParent() : b.dir().getParent();
        // A directory where the checkpoint's temp file must go makes every checkpoint write in that dir fail.
        Files.createDirectories(badDir.resolve("replication-offset-checkpoint.tmp").resolve("blocker"));
        manager.checkpointHighWatermarks();

        assertThat(failedDirs).containsExactly(badDir.toAbsolutePath());
        assertThat(manager.offlineDirs()).containsExactly(badDir.toAbsolutePath());
        assertThat(manager.allLogs()).hasSize(1);
        UnifiedLog survivor = manager.allLogs().iterator().next();
        assertThat(survivor.dir().getParent().toAbsolutePath()).isEqualTo(good.toAbsolutePath());
        survivor.appendAsLeader(Batches.kafka(1, time.milliseconds(), "ok"), 0);
        UnifiedLog next = manager.getOrCreateLog(new TopicPartition("c", 0), LogConfig.DEFAULT);
        assertThat(next.dir().getParent().toAbsolutePath()).isEqualTo(good.toAbsolutePath());
        manager.shutdown();
    }

    @Test
    void shouldNameTheKeyOfABadConfigValue() {
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of(LogConfig.RETENTION_MS, "soon")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("retention.ms")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "shred")))
                .hasMessageContaining("cleanup.policy");
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "1.5")))
                .hasMessageContaining("min.cleanable.dirty.ratio");
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of("segment.byte", "1")))
                .hasMessageContaining("segment.byte");
        LogConfig both = LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "compact,delete"));
        assertThat(both.compact()).isTrue();
        assertThat(both.delete()).isTrue();
        assertThat(LogConfig.DEFAULT.segmentBytes()).isEqualTo(1 << 30);
        assertThat(LogConfig.DEFAULT.retentionMs()).isEqualTo(604_800_000L);
        assertThat(LogConfig.DEFAULT.maxMessageBytes()).isEqualTo(1_048_588);
        List<String> names = new ArrayList<>();
        LogConfig.KEYS.forEach(k -> names.add(k.name()));
        assertThat(names).contains("segment.bytes", "retention.bytes", "flush.ms", "message.timestamp.type");
        assertThat(LogConfig.KEYS).allMatch(k -> !k.doc().isBlank());
    }
}
