package io.tributary.storage;

import io.tributary.common.TopicPartition;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The per-log-dir files: the four offset checkpoints and the clean-shutdown marker. Thread-safe (each
 * checkpoint file serializes its own writes).
 */
final class LogDirCheckpoints {

    static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";
    static final String RECOVERY_POINT = "recovery-point-offset-checkpoint";
    static final String HIGH_WATERMARK = "replication-offset-checkpoint";
    static final String LOG_START = "log-start-offset-checkpoint";
    static final String CLEANER = "cleaner-offset-checkpoint";

    private final Path dir;
    private final OffsetCheckpointFile recoveryPoints;
    private final OffsetCheckpointFile highWatermarks;
    private final OffsetCheckpointFile logStartOffsets;
    private final OffsetCheckpointFile cleanerOffsets;

    LogDirCheckpoints(Path dir) {
        this.dir = dir;
        this.recoveryPoints = new OffsetCheckpointFile(dir.resolve(RECOVERY_POINT));
        this.highWatermarks = new OffsetCheckpointFile(dir.resolve(HIGH_WATERMARK));
        this.logStartOffsets = new OffsetCheckpointFile(dir.resolve(LOG_START));
        this.cleanerOffsets = new OffsetCheckpointFile(dir.resolve(CLEANER));
    }

    Path dir() {
        return dir;
    }

    boolean hadCleanShutdown() {
        return Files.exists(dir.resolve(CLEAN_SHUTDOWN_MARKER));
    }

    void deleteCleanShutdownMarker() throws IOException {
        Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN_MARKER));
    }

    void writeCleanShutdownMarker() throws IOException {
        Path marker = dir.resolve(CLEAN_SHUTDOWN_MARKER);
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
    }

    /** What was checkpointed for every partition of the dir, keyed by partition. */
    record Snapshot(Map<TopicPartition, Long> recoveryPoints, Map<TopicPartition, Long> highWatermarks,
                    Map<TopicPartition, Long> logStartOffsets, Map<TopicPartition, Long> cleanerOffsets) {

        LogOpenOptions optionsFor(TopicPartition tp, boolean clean) {
            return new LogOpenOptions(clean, recoveryPoints.getOrDefault(tp, 0L),
                    logStartOffsets.getOrDefault(tp, 0L), highWatermarks.getOrDefault(tp, 0L));
        }
    }

    Snapshot read() throws IOException {
        return new Snapshot(recoveryPoints.read(), highWatermarks.read(), logStartOffsets.read(),
                cleanerOffsets.read());
    }

    void writeRecoveryPointsAndLogStarts(Collection<UnifiedLog> logs) throws IOException {
        recoveryPoints.write(collect(logs, UnifiedLog::recoveryPoint));
        logStartOffsets.write(collect(logs, UnifiedLog::logStartOffset));
        cleanerOffsets.write(collect(logs, UnifiedLog::cleanerCheckpoint));
    }

    void writeHighWatermarks(Collection<UnifiedLog> logs) throws IOException {
        highWatermarks.write(collect(logs, UnifiedLog::highWatermark));
    }

    private static Map<TopicPartition, Long> collect(Collection<UnifiedLog> logs, ToLongFunction<UnifiedLog> f) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (UnifiedLog log : logs) {
            offsets.put(log.topicPartition(), f.applyAsLong(log));
        }
        return offsets;
    }
}
