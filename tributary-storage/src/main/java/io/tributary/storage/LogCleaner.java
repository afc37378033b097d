package io.tributary.storage;

import io.tributary.common.Time;
import java.io.IOException;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background compaction for {@code cleanup.policy=compact} logs: every {@code log.cleaner.backoff.ms} it
 * picks the log whose cleanable part has the highest dirty ratio (bytes not yet compacted over all
 * cleanable bytes), if that ratio reaches the topic's {@code min.cleanable.dirty.ratio}, and compacts it.
 *
 * <p>Threading: one cleaner thread; {@link #clean} is synchronized so a test or admin call never runs
 * concurrently with the thread. The logs protect themselves (see {@link Compactor}).
 */
public final class LogCleaner {

    private static final Logger log = LoggerFactory.getLogger(LogCleaner.class);

    private final Supplier<Collection<UnifiedLog>> logs;
    private final Time time;
    private final long backoffMs;
    private final Object wakeup = new Object();
    private volatile boolean running;
    private Thread thread;

    public LogCleaner(Supplier<Collection<UnifiedLog>> logs, Time time, long backoffMs) {
        this.logs = logs;
        this.time = time;
        this.backoffMs = backoffMs;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "log-cleaner");
        thread.setDaemon(true);
        thread.start();
    }

    public void shutdown() {
        Thread toJoin;
        synchronized (this) {
            running = false;
            toJoin = thread;
            thread = null;
        }
        if (toJoin != null) {
            synchronized (wakeup) {
                wakeup.notifyAll();
            }
            try {
                toJoin.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            boolean cleaned = false;
            try {
                cleaned = cleanDirtiest();
            } catch (RuntimeException e) {
                log.error("Log cleaner pass failed", e);
            }
            if (!cleaned) {
                synchronized (wakeup) {
                    try {
                        wakeup.wait(backoffMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Cleans the dirtiest eligible log, if any; returns whether one was cleaned. */
    public boolean cleanDirtiest() {
        UnifiedLog best = null;
        double bestRatio = 0;
        for (UnifiedLog candidate : logs.get()) {
            if (!candidate.config().compact()) {
                continue;
            }
            double ratio = dirtyRatio(candidate);
            if (ratio >= candidate.config().minCleanableDirtyRatio() && ratio > 0 && ratio > bestRatio) {
                best = candidate;
                bestRatio = ratio;
            }
        }
        if (best == null) {
            return false;
        }
        CleanerStats stats = clean(best);
        return stats.segmentsRead() > 0;
    }

    /** Share of the cleanable bytes at or above the cleaner checkpoint; 0 when nothing is cleanable. */
    public double dirtyRatio(UnifiedLog target) {
        try {
            long total = 0;
            long dirty = 0;
            var cleanable = Compactor.cleanableSegments(target, time.milliseconds());
            for (int i = 0; i < cleanable.size(); i++) {
                var segment = cleanable.get(i);
                long next = i + 1 < cleanable.size() ? cleanable.get(i + 1).baseOffset() : Long.MAX_VALUE;
                total += segment.size();
                if (next > target.cleanerCheckpoint()) {
                    dirty += segment.size();
                }
            }
            return total == 0 ? 0 : (double) dirty / total;
        } catch (IOException e) {
            throw target.storageFailure("inspect for cleaning", e);
        }
    }

    /** Compacts {@code target} now, whatever its dirty ratio. */
    public synchronized CleanerStats clean(UnifiedLog target) {
        try {
            CleanerStats stats = new Compactor(target, time.milliseconds()).clean();
            if (stats.segmentsRead() > 0) {
                log.info("Cleaned {}: {} segments ({} bytes) into {} ({} bytes), {} of {} records kept, {} "
                        + "tombstones dropped", target.topicPartition(), stats.segmentsRead(), stats.bytesRead(),
                        stats.segmentsWritten(), stats.bytesWritten(), stats.recordsRetained(), stats.recordsRead(),
                        stats.tombstonesDropped());
            }
            return stats;
        } catch (IOException e) {
            throw target.storageFailure("clean", e);
        }
    }
}
