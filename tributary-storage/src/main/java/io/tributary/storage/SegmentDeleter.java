package io.tributary.storage;

import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes segments and partition directories the way Kafka does: rename first ({@code .deleted},
 * {@code .<uuid>-delete}) so a restart never mistakes them for live data, then delete after
 * {@code file.delete.delay.ms} so reads already holding the file channel can finish their sends.
 * Thread-safe; deletions run on the shared scheduler.
 */
final class SegmentDeleter {

    private static final Logger log = LoggerFactory.getLogger(SegmentDeleter.class);

    private final ScheduledExecutorService scheduler;

    SegmentDeleter(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Renames the segment's files to {@code .deleted} now and removes them after {@code delayMs}. */
    void deleteLater(LogSegment segment, long delayMs) throws IOException {
        segment.renameTo(LogLoader.DELETED_SUFFIX);
        schedule(() -> segment.deleteFiles(), delayMs, segment.logPath());
    }

    /** Removes {@code dir} recursively after {@code delayMs}, running {@code beforeDelete} first. */
    void deleteDirectoryLater(Path dir, IoAction beforeDelete, long delayMs) {
        schedule(() -> {
            beforeDelete.run();
            deleteRecursively(dir);
        }, delayMs, dir);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void schedule(IoAction action, long delayMs, Path what) {
        Runnable task = () -> {
            try {
                action.run();
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", what, e.toString());
            }
        };
        if (scheduler == null || scheduler.isShutdown()) {
            task.run();
        } else {
            scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** A file-system step that may fail. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }
}
