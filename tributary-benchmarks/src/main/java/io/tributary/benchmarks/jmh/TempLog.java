package io.tributary.benchmarks.jmh;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.storage.LogDirFailureHandler;
import io.tributary.storage.LogOpenOptions;
import io.tributary.storage.UnifiedLog;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A partition log in a fresh temporary directory, opened the way the broker opens one (real segment, index and
 * checkpoint files, system clock), and deleted with its directory on {@link #close()}. Deletions happen
 * immediately (no scheduler), so truncating between iterations keeps the disk footprint bounded.
 */
final class TempLog implements AutoCloseable {

    private final Path root;
    private final UnifiedLog log;

    private TempLog(Path root, UnifiedLog log) {
        this.root = root;
        this.log = log;
    }

    static TempLog open(Map<String, String> overrides) {
        try {
            Path root = Files.createTempDirectory("tributary-jmh-");
            TopicPartition tp = new TopicPartition("bench", 0);
            UnifiedLog log = UnifiedLog.open(root.resolve(tp.directoryName()), tp, LogConfig.fromMap(overrides),
                    Time.SYSTEM, LogOpenOptions.CLEAN, null, LogDirFailureHandler.NONE);
            return new TempLog(root, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    UnifiedLog log() {
        return log;
    }

    @Override
    public void close() {
        log.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
