package io.tributary.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * Broker-level settings of the {@link LogManager}, named after Kafka's keys.
 *
 * @param logDirs                      {@code log.dirs}
 * @param retentionCheckIntervalMs     {@code log.retention.check.interval.ms} (300000)
 * @param flushOffsetCheckpointIntervalMs {@code log.flush.offset.checkpoint.interval.ms} (60000): recovery
 *                                     points and log start offsets
 * @param highWatermarkCheckpointIntervalMs {@code replica.high.watermark.checkpoint.interval.ms} (5000)
 * @param cleanerBackoffMs             {@code log.cleaner.backoff.ms} (15000): cleaner sleep when idle
 * @param cleanerEnable                {@code log.cleaner.enable} (true)
 * @param recoveryThreads              {@code num.recovery.threads.per.data.dir} times the dirs, at least 1
 */
public record LogManagerConfig(List<Path> logDirs, long retentionCheckIntervalMs, long flushOffsetCheckpointIntervalMs,
                               long highWatermarkCheckpointIntervalMs, long cleanerBackoffMs, boolean cleanerEnable,
                               int recoveryThreads) {

    public LogManagerConfig {
        logDirs = List.copyOf(logDirs);
        if (logDirs.isEmpty()) {
            throw new IllegalArgumentException("log.dirs must name at least one directory");
        }
    }

    /** Kafka's defaults for everything but the dirs. */
    public static LogManagerConfig defaults(List<Path> logDirs) {
        return new LogManagerConfig(logDirs, 300_000, 60_000, 5_000, 15_000, true, Math.max(1, logDirs.size()));
    }
}
