package io.tributary.storage;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every partition log under {@code log.dirs}: loads them at start (recovering after an unclean
 * shutdown), places new partitions on the dir holding the fewest, runs retention, checkpointing and the
 * cleaner in the background, and on shutdown flushes, checkpoints and writes each dir's clean-shutdown
 * marker. An I/O failure takes only the affected dir offline: its logs are dropped from service and the
 * {@link LogDirFailureHandler} is told; other dirs carry on.
 *
 * <p>Threading: thread-safe. Log creation and deletion are serialized on this object; lookups use a
 * concurrent map. Background work runs on one scheduler thread plus the cleaner's own thread.
 */
public final class LogManager {

    private static final Logger log = LoggerFactory.getLogger(LogManager.class);

    private final LogManagerConfig config;
    private final Function<String, LogConfig> topicConfigs;
    private final Time time;
    private final LogDirFailureHandler failureListener;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<TopicPartition, UnifiedLog> logs = new ConcurrentHashMap<>();
    private final Map<Path, LogDirCheckpoints> dirs = new HashMap<>();
    private final Set<Path> offlineDirs = ConcurrentHashMap.newKeySet();
    private final LogCleaner cleaner;
    private volatile boolean started;

    /**
     * @param topicConfigs the effective config of a topic (defaults merged with its overrides), used when
     *                     existing logs are loaded
     * @param failureListener told once per dir that fails
     */
    public LogManager(LogManagerConfig config, Function<String, LogConfig> topicConfigs, Time time,
                      LogDirFailureHandler failureListener) {
        this.config = config;
        this.topicConfigs = topicConfigs;
        this.time = time;
        this.failureListener = failureListener;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "log-manager-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler.setRemoveOnCancelPolicy(true);
        for (Path dir : config.logDirs()) {
            dirs.put(dir.toAbsolutePath(), new LogDirCheckpoints(dir.toAbsolutePath()));
        }
        this.cleaner = new LogCleaner(this::allLogs, time, config.cleanerBackoffMs());
    }

    /** Loads every partition of every dir (in parallel), then starts the background tasks. */
    public synchronized void startup() {
        ExecutorService loaders = Executors.newFixedThreadPool(config.recoveryThreads());
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (LogDirCheckpoints dir : dirs.values()) {
                try {
                    pending.addAll(loadDir(dir, loaders));
                } catch (IOException e) {
                    handleDirFailure(dir.dir(), e);
                }
            }
            for (Future<?> future : pending) {
                future.get();
            }
            for (LogDirCheckpoints dir : dirs.values()) {
                if (!offlineDirs.contains(dir.dir())) {
                    try {
                        dir.deleteCleanShutdownMarker();
                    } catch (IOException e) {
                        handleDirFailure(dir.dir(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading logs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Loading logs failed", e.getCause());
        } finally {
            loaders.shutdownNow();
        }
        scheduleBackgroundTasks();
        if (config.cleanerEnable()) {
            cleaner.start();
        }
        started = true;
        log.info("Loaded {} partition logs from {} dirs ({} offline)", logs.size(), dirs.size(), offlineDirs.size());
    }

    private List<Future<?>> loadDir(LogDirCheckpoints dir, ExecutorService loaders) throws IOException {
        Files.createDirectories(dir.dir());
        boolean clean = dir.hadCleanShutdown();
        LogDirCheckpoints.Snapshot checkpoints = dir.read();
        List<Future<?>> pending = new ArrayList<>();
        try (var children = Files.list(dir.dir())) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (!Files.isDirectory(child)) {
                    continue;
                }
                if (name.endsWith("-delete")) {
                    SegmentDeleter.deleteRecursively(child);
                    continue;
                }
                TopicPartition tp = parseDirectoryName(name);
                if (tp == null) {
                    continue;
                }
                pending.add(loaders.submit(() -> loadLog(dir, child, tp, checkpoints, clean)));
            }
        }
        if (!clean) {
            log.info("No clean-shutdown marker in {}: recovering {} partitions", dir.dir(), pending.size());
        }
        return pending;
    }

    private void loadLog(LogDirCheckpoints dir, Path path, TopicPartition tp, LogDirCheckpoints.Snapshot checkpoints,
                         boolean clean) {
        try {
            UnifiedLog loaded = UnifiedLog.open(path, tp, topicConfigs.apply(tp.topic()), time,
                    checkpoints.optionsFor(tp, clean), scheduler, this::handleDirFailure);
            Long cleanerOffset = checkpoints.cleanerOffsets().get(tp);
            if (cleanerOffset != null) {
                loaded.setCleanerCheckpoint(Math.max(loaded.logStartOffset(), Math.min(cleanerOffset,
                        loaded.logEndOffset())));
            }
            logs.put(tp, loaded);
        } catch (IOException e) {
            handleDirFailure(dir.dir(), e);
        } catch (java.io.UncheckedIOException e) {
            handleDirFailure(dir.dir(), e.getCause());
        }
    }

    /** {@code orders-3} → (orders, 3); null for anything else ({@code -future}, stray dirs). */
    static TopicPartition parseDirectoryName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return null;
        }
        try {
            int partition = Integer.parseInt(name.substring(dash + 1));
            return partition < 0 ? null : new TopicPartition(name.substring(0, dash), partition);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void scheduleBackgroundTasks() {
        scheduler.scheduleWithFixedDelay(this::applyRetention, config.retentionCheckIntervalMs(),
                config.retentionCheckIntervalMs(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::checkpointRecoveryPoints, config.flushOffsetCheckpointIntervalMs(),
                config.flushOffsetCheckpointIntervalMs(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::checkpointHighWatermarks, config.highWatermarkCheckpointIntervalMs(),
                config.highWatermarkCheckpointIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /** Runs retention on every log now; returns the segments deleted. Also the scheduled task. */
    public int applyRetention() {
        int deleted = 0;
        for (UnifiedLog partitionLog : logs.values()) {
            try {
                deleted += partitionLog.deleteOldSegments();
            } catch (LogException e) {
                log.warn("Retention of {} failed: {}", partitionLog.topicPartition(), e.getMessage());
            }
        }
        return deleted;
    }

    /** Writes recovery points, log start offsets and cleaner offsets of every online dir. */
    public void checkpointRecoveryPoints() {
        forEachOnlineDir((dir, dirLogs) -> dir.writeRecoveryPointsAndLogStarts(dirLogs));
    }

    /** Writes every online dir's {@code replication-offset-checkpoint}. */
    public void checkpointHighWatermarks() {
        forEachOnlineDir((dir, dirLogs) -> dir.writeHighWatermarks(dirLogs));
    }

    private interface DirAction {
        void run(LogDirCheckpoints dir, Collection<UnifiedLog> logs) throws IOException;
    }

    private void forEachOnlineDir(DirAction action) {
        Map<Path, List<UnifiedLog>> byDir = logsByDir();
        for (LogDirCheckpoints dir : dirs.values()) {
            if (offlineDirs.contains(dir.dir())) {
                continue;
            }
            try {
                action.run(dir, byDir.getOrDefault(dir.dir(), List.of()));
            } catch (IOException e) {
                handleDirFailure(dir.dir(), e);
            }
        }
    }

    private Map<Path, List<UnifiedLog>> logsByDir() {
        Map<Path, List<UnifiedLog>> byDir = new HashMap<>();
        for (UnifiedLog partitionLog : logs.values()) {
            byDir.computeIfAbsent(partitionLog.dir().getParent().toAbsolutePath(), d -> new ArrayList<>())
                    .add(partitionLog);
        }
        return byDir;
    }

    /** The partition's log, creating it empty on the online dir with the fewest partitions if absent. */
    public synchronized UnifiedLog getOrCreateLog(TopicPartition tp, LogConfig logConfig) {
        UnifiedLog existing = logs.get(tp);
        if (existing != null) {
            return existing;
        }
        Map<Path, List<UnifiedLog>> byDir = logsByDir();
        Path target = dirs.keySet().stream().filter(d -> !offlineDirs.contains(d))
                .min((a, b) -> Integer.compare(byDir.getOrDefault(a, List.of()).size(),
                        byDir.getOrDefault(b, List.of()).size()))
                .orElseThrow(() -> new LogException(StorageError.KAFKA_STORAGE_ERROR, "Every log dir is offline"));
        try {
            UnifiedLog created = UnifiedLog.open(target.resolve(tp.directoryName()), tp, logConfig, time,
                    LogOpenOptions.CLEAN, scheduler, this::handleDirFailure);
            logs.put(tp, created);
            return created;
        } catch (IOException e) {
            handleDirFailure(target, e);
            throw new LogException(StorageError.KAFKA_STORAGE_ERROR, "Cannot create log " + tp + " in " + target, e);
        }
    }

    public Optional<UnifiedLog> getLog(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    public Collection<UnifiedLog> allLogs() {
        return List.copyOf(logs.values());
    }

    /** Topic deletion: unlinks the log and removes its directory in the background. */
    public synchronized void deleteLog(TopicPartition tp) {
        UnifiedLog removed = logs.remove(tp);
        if (removed != null) {
            removed.delete();
        }
    }

    public Set<Path> offlineDirs() {
        return Set.copyOf(offlineDirs);
    }

    public LogCleaner cleaner() {
        return cleaner;
    }

    /** Marks {@code dir} offline (once), drops its logs from service and tells the listener. */
    void handleDirFailure(Path dir, IOException cause) {
        Path absolute = dir.toAbsolutePath();
        if (!offlineDirs.add(absolute)) {
            return;
        }
        log.error("Log dir {} failed and is now offline: {}", absolute, cause.toString());
        logs.values().removeIf(l -> l.dir().getParent().toAbsolutePath().equals(absolute));
        failureListener.onFailure(absolute, cause);
    }

    /** Stops background work, closes every log (flush, producer snapshot), checkpoints and marks dirs clean. */
    public synchronized void shutdown() {
        cleaner.shutdown();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<Path, List<UnifiedLog>> byDir = logsByDir();
        for (LogDirCheckpoints dir : dirs.values()) {
            if (offlineDirs.contains(dir.dir())) {
                continue;
            }
            List<UnifiedLog> dirLogs = byDir.getOrDefault(dir.dir(), List.of());
            try {
                for (UnifiedLog partitionLog : dirLogs) {
                    partitionLog.close();
                }
                dir.writeRecoveryPointsAndLogStarts(dirLogs);
                dir.writeHighWatermarks(dirLogs);
                dir.writeCleanShutdownMarker();
            } catch (IOException e) {
                handleDirFailure(dir.dir(), e);
            } catch (LogException e) {
                log.error("Could not close logs of {} cleanly: {}", dir.dir(), e.getMessage());
            }
        }
        logs.clear();
        started = false;
    }

    public boolean isStarted() {
        return started;
    }
}
