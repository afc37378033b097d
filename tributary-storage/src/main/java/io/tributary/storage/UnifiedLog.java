package io.tributary.storage;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.ControlRecord;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.record.TimestampType;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.epoch.EpochEndOffset;
import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.producer.BatchMetadata;
import io.tributary.storage.producer.CompletedTxn;
import io.tributary.storage.producer.ProducerView;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.segment.CorruptBatchException;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's log: an ordered set of segments, the log start and end offsets, the high watermark, the
 * leader epoch cache, idempotent and transactional producer state, and the last stable offset.
 *
 * <p>Threading: every mutation (appends, rolls, truncation, retention, compaction swaps, flush bookkeeping,
 * close) happens under the single per-partition {@link #lock}, so there is one writer at a time. Reads
 * ({@link #read}, {@link #offsetForTimestamp}, the offset getters) take no lock: the segment map is a
 * concurrent skip list, offsets are volatile and published after the bytes they cover, and removed
 * segments keep their files open for {@code file.delete.delay.ms}. Fsyncs never run under the lock: an append
 * that makes a flush due (flush.messages, flush.ms) leaves it to its caller's {@link #flushIfDue}, called
 * after the caller released its own locks and before it acknowledges the append.
 */
public final class UnifiedLog {

    private static final Logger log = LoggerFactory.getLogger(UnifiedLog.class);

    private final TopicPartition topicPartition;
    private final Time time;
    private final LogDirFailureHandler failureHandler;
    private final SegmentDeleter deleter;
    private final ScheduledExecutorService scheduler;
    final ReentrantLock lock = new ReentrantLock();
    final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final RecoveryStats recoveryStats;
    private final LogAppender appender;
    private volatile Path dir;
    private volatile LogConfig config;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile long highWatermark;
    /** The first offset of an open or unreplicated transaction, or Long.MAX_VALUE; see lastStableOffset(). */
    private volatile long firstUnstableOffset = Long.MAX_VALUE;
    private volatile long recoveryPoint;
    private volatile long cleanerCheckpoint;
    /** The log end a flush made due by flush.messages / flush.ms must cover; see {@link #flushIfDue}. */
    private volatile long flushDueUpTo = -1;
    private volatile boolean closed;
    private long truncations;
    /** Damaged batches already reported, so a consumer retrying the same fetch logs one line, not thousands. */
    private final Set<String> reportedDamage = ConcurrentHashMap.newKeySet();

    private UnifiedLog(Path dir, TopicPartition tp, LogConfig config, Time time, ScheduledExecutorService scheduler,
                       LogDirFailureHandler failureHandler, LogOpenOptions options) throws IOException {
        this.dir = dir;
        this.topicPartition = tp;
        this.config = config;
        this.time = time;
        this.failureHandler = failureHandler;
        this.deleter = new SegmentDeleter(scheduler);
        this.scheduler = scheduler;
        this.epochCache = LeaderEpochCache.load(dir);
        this.producerState = new ProducerStateManager(dir);
        LogLoader.Loaded loaded = LogLoader.load(dir, config, time, options, this::assignEpochQuietly);
        this.segments = loaded.segments();
        this.recoveryStats = loaded.stats();
        this.logEndOffset = segments.lastEntry().getValue().readNextOffset();
        this.logStartOffset = Math.max(segments.firstKey(), Math.min(options.logStartOffset(), logEndOffset));
        this.recoveryPoint = options.hadCleanShutdown() ? logEndOffset : Math.min(options.recoveryPoint(),
                logEndOffset);
        this.highWatermark = Math.max(logStartOffset, Math.min(options.highWatermark(), logEndOffset));
        this.cleanerCheckpoint = logStartOffset;
        epochCache.truncateFromEnd(logEndOffset);
        epochCache.truncateFromStart(logStartOffset);
        this.appender = new LogAppender(this);
        rebuildProducerState(logEndOffset);
    }

    /**
     * Opens (creating if needed) the log in {@code dir} and recovers it as {@code options} require.
     *
     * @param scheduler runs delayed file deletions and background flushes; null deletes immediately
     */
    public static UnifiedLog open(Path dir, TopicPartition tp, LogConfig config, Time time, LogOpenOptions options,
                                  ScheduledExecutorService scheduler, LogDirFailureHandler failureHandler)
            throws IOException {
        java.nio.file.Files.createDirectories(dir);
        return new UnifiedLog(dir, tp, config, time, scheduler, failureHandler, options);
    }

    private void assignEpochQuietly(RecordBatch batch) {
        try {
            epochCache.assign(batch.partitionLeaderEpoch(), batch.baseOffset());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Validates a producer's batch, stamps its offsets, leader epoch and (LogAppendTime topics) timestamp in
     * place, and appends it. A retry of a batch still in producer state is not written again; its original
     * offsets come back with {@link LogAppendInfo#duplicate()} set. Does not fsync: call {@link #flushIfDue}
     * afterwards, outside any lock, before acknowledging.
     *
     * @throws LogException with the error the producer should receive
     */
    public LogAppendInfo appendAsLeader(ByteBuffer records, int leaderEpoch) {
        return appendAsLeader(records, leaderEpoch, true);
    }

    /**
     * Appends a batch a coordinator of this broker wrote itself (transactional offset commits): validated
     * like a producer's, but only its producer epoch is checked (INVALID_PRODUCER_EPOCH when fenced), not
     * its sequence or for duplicates, as with Kafka's coordinator-origin appends.
     */
    public LogAppendInfo appendAsCoordinator(ByteBuffer records, int leaderEpoch) {
        return appendAsLeader(records, leaderEpoch, false);
    }

    private LogAppendInfo appendAsLeader(ByteBuffer records, int leaderEpoch, boolean checkProducer) {
        RecordBatch batch = AppendValidator.validate(records, config, time.milliseconds());
        lock.lock();
        try {
            ensureOpen();
            if (!checkProducer && batch.hasProducerId()) {
                producerState.checkEpoch(batch);
            } else if (batch.hasProducerId()) {
                BatchMetadata duplicate = producerState.checkAppend(batch);
                if (duplicate != null) {
                    return new LogAppendInfo(duplicate.firstOffset(), duplicate.lastOffset(), -1, logStartOffset,
                            batch.recordCount(), true);
                }
            }
            batch.setBaseOffset(logEndOffset);
            batch.setPartitionLeaderEpoch(leaderEpoch);
            long appendTime = -1;
            if (config.timestampType() == TimestampType.LOG_APPEND_TIME) {
                appendTime = time.milliseconds();
                batch.setLogAppendTime(appendTime);
            }
            appender.append(batch);
            return new LogAppendInfo(batch.baseOffset(), batch.lastOffset(), appendTime, logStartOffset,
                    batch.recordCount(), false);
        } catch (IOException e) {
            throw storageFailure("append to", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes a transaction marker (COMMIT or ABORT) for {@code producerId} as the partition leader, ending
     * its open transaction here. Followers copy it like any batch.
     *
     * @throws LogException INVALID_PRODUCER_EPOCH or TRANSACTION_COORDINATOR_FENCED, with nothing written
     */
    public LogAppendInfo appendMarkerAsLeader(long producerId, short producerEpoch, int coordinatorEpoch,
                                              boolean commit, int leaderEpoch) {
        ByteBuffer marker = ControlRecord.markerBatch(producerId, producerEpoch, coordinatorEpoch,
                ControlRecord.Type.of(commit), time.milliseconds());
        RecordBatch batch = RecordBatch.at(marker);
        lock.lock();
        try {
            ensureOpen();
            producerState.checkMarker(producerId, producerEpoch, coordinatorEpoch);
            batch.setBaseOffset(logEndOffset);
            batch.setPartitionLeaderEpoch(leaderEpoch);
            appender.append(batch);
            return new LogAppendInfo(batch.baseOffset(), batch.lastOffset(), -1, logStartOffset, 1, false);
        } catch (IOException e) {
            throw storageFailure("append to", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a leader's batches as they are (offsets and epochs kept), for replication. Whole batches only;
     * a partial trailing batch (fetch responses may end with one) is ignored. Does not fsync: call
     * {@link #flushIfDue} afterwards, outside any lock.
     *
     * @throws LogException CORRUPT_MESSAGE on a bad CRC, INVALID_RECORD when offsets go backwards
     */
    public LogAppendInfo appendAsFollower(ByteBuffer records) {
        List<RecordBatch> batches = RecordBatches.of(records).toList();
        lock.lock();
        try {
            ensureOpen();
            long first = -1;
            long last = -1;
            int count = 0;
            for (RecordBatch batch : batches) {
                if (batch.magic() != RecordBatch.MAGIC || !batch.isValid()) {
                    throw new LogException(StorageError.CORRUPT_MESSAGE, "Replicated batch at offset "
                            + batch.baseOffset() + " is corrupt");
                }
                if (batch.baseOffset() < logEndOffset) {
                    throw new LogException(StorageError.INVALID_RECORD, "Replicated batch at offset "
                            + batch.baseOffset() + " is below the log end offset " + logEndOffset);
                }
                appender.append(batch);
                first = first < 0 ? batch.baseOffset() : first;
                last = batch.lastOffset();
                count += batch.recordCount();
            }
            return new LogAppendInfo(first, last, -1, logStartOffset, count, false);
        } catch (IOException e) {
            throw storageFailure("append to", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whole batches from the one holding {@code fetchOffset}, up to {@code maxBytes} (the first batch whole
     * regardless when {@code minOneMessage}), never including a batch at or past {@code maxOffsetExclusive}
     * (the high watermark for consumers, the log end for followers). Lock-free.
     *
     * @throws LogException OFFSET_OUT_OF_RANGE when fetchOffset is below the log start or above the log end
     */
    public LogSlice read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneMessage) {
        long end = logEndOffset;
        long start = logStartOffset;
        if (fetchOffset < start || fetchOffset > end) {
            throw new LogException(StorageError.OFFSET_OUT_OF_RANGE, "Offset " + fetchOffset + " is outside ["
                    + start + ", " + end + "] of " + topicPartition);
        }
        long limit = Math.min(maxOffsetExclusive, end);
        if (fetchOffset >= limit) {
            return LogSlice.EMPTY;
        }
        try {
            Map.Entry<Long, LogSegment> entry = segments.floorEntry(fetchOffset);
            if (entry == null) {
                entry = segments.firstEntry();
            }
            while (entry != null) {
                LogSegment segment = entry.getValue();
                Long next = segments.higherKey(entry.getKey());
                int maxPosition = next == null || next > limit ? segment.positionBound(limit) : Integer.MAX_VALUE;
                LogSlice slice = segment.read(fetchOffset, maxBytes, maxPosition, minOneMessage);
                if (slice != null) {
                    return slice;
                }
                entry = next == null ? null : segments.ceilingEntry(next);
            }
            return LogSlice.EMPTY;
        } catch (CorruptBatchException e) {
            throw damaged(e);
        } catch (IOException e) {
            throw storageFailure("read from", e);
        }
    }

    /**
     * A read met a batch that fails its CRC: it is never served. Fetchers get CORRUPT_MESSAGE for offsets in
     * and after it (within its segment) rather than a silent skip, and the next open of the log re-validates
     * from its segment and cuts the log there, naming the offsets lost.
     */
    private LogException damaged(CorruptBatchException e) {
        if (reportedDamage.add(e.segmentBaseOffset() + ":" + e.position())) {
            log.error("{}: {}; the next start re-validates from segment {}", topicPartition, e.getMessage(),
                    e.segmentBaseOffset());
            try {
                RecoveryRequest.request(dir, e.segmentBaseOffset());
            } catch (IOException failed) {
                log.error("{}: could not record the recovery request", topicPartition, failed);
            }
        }
        return new LogException(StorageError.CORRUPT_MESSAGE, topicPartition + ": " + e.getMessage());
    }

    /**
     * The aborted transactions a read_committed consumer fetching from {@code fetchOffset} must know of: those
     * whose marker is at or after it and whose first record is below {@code upperBound}. Lock-free.
     */
    public List<AbortedTxn> abortedTransactions(long fetchOffset, long upperBound) {
        List<AbortedTxn> found = new java.util.ArrayList<>();
        Long from = segments.floorKey(fetchOffset);
        for (LogSegment segment : (from == null ? segments : segments.tailMap(from, true)).values()) {
            segment.txnIndex().collect(fetchOffset, upperBound, found);
        }
        return found;
    }

    /**
     * The last stable offset: below it every transaction is decided and its marker replicated, so
     * read_committed consumers read up to here. The high watermark when no transaction is open.
     */
    public long lastStableOffset() {
        return Math.min(highWatermark, firstUnstableOffset);
    }

    /** Called with the lock held after producer state or the high watermark changed. */
    void refreshFirstUnstableOffset() {
        producerState.onHighWatermark(highWatermark);
        firstUnstableOffset = producerState.firstUnstableOffset();
    }

    /** The producers this partition remembers (DescribeProducers); a copy taken under the lock. */
    public List<ProducerView> activeProducers() {
        lock.lock();
        try {
            return producerState.producerViews();
        } finally {
            lock.unlock();
        }
    }

    /**
     * ListOffsets: {@code -2} earliest, {@code -1} latest, {@code -3} the record with the largest timestamp,
     * otherwise the first record whose timestamp is at least {@code timestamp}. Empty when no record
     * qualifies. Lock-free.
     */
    public Optional<io.tributary.storage.segment.TimestampAndOffset> offsetForTimestamp(long timestamp) {
        return new OffsetLookup(this).offsetForTimestamp(timestamp);
    }

    /** Removes the batch holding {@code offset} and everything after it (follower catching up to a leader). */
    public void truncateTo(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (offset >= logEndOffset) {
                return;
            }
            if (offset <= segments.firstKey() || offset < logStartOffset) {
                truncateFullyAndStartAt(offset);
                return;
            }
            for (LogSegment later : List.copyOf(segments.tailMap(offset, false).values())) {
                segments.remove(later.baseOffset());
                deleter.deleteLater(later, config.fileDeleteDelayMs());
            }
            LogSegment active = segments.lastEntry().getValue();
            active.truncateTo(offset);
            afterTruncation(active.readNextOffset());
            rebuildProducerState(logEndOffset);
        } catch (IOException e) {
            throw storageFailure("truncate", e);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes every segment and restarts the log empty at {@code offset}. */
    public void truncateFullyAndStartAt(long offset) {
        lock.lock();
        try {
            ensureOpen();
            for (LogSegment segment : List.copyOf(segments.values())) {
                segments.remove(segment.baseOffset());
                deleter.deleteLater(segment, config.fileDeleteDelayMs());
            }
            segments.put(offset, LogSegment.open(dir, offset, config.indexIntervalBytes(),
                    config.segmentIndexBytes(), time, ""));
            epochCache.clear();
            logStartOffset = offset;
            cleanerCheckpoint = offset;
            afterTruncation(offset);
            producerState.truncateAndReload(offset, -1);
            producerState.advanceTo(offset);
            refreshFirstUnstableOffset();
        } catch (IOException e) {
            throw storageFailure("truncate", e);
        } finally {
            lock.unlock();
        }
    }

    private void afterTruncation(long newEnd) throws IOException {
        logEndOffset = newEnd;
        highWatermark = Math.min(highWatermark, newEnd);
        recoveryPoint = Math.min(recoveryPoint, newEnd);
        cleanerCheckpoint = Math.min(cleanerCheckpoint, newEnd);
        epochCache.truncateFromEnd(newEnd);
        truncations++;
    }

    /** Replays producer fields of the batches after the newest usable snapshot, up to {@code upTo}. */
    void rebuildProducerState(long upTo) throws IOException {
        producerState.truncateAndReload(logStartOffset, upTo);
        long from = producerState.mapEndOffset();
        Long firstKey = segments.floorKey(from);
        for (LogSegment segment : (firstKey == null ? segments : segments.tailMap(firstKey, true)).values()) {
            segment.forEachBatch(from, true, (header, position) -> {
                if (header.nextOffset() > upTo) {
                    return false;
                }
                if (header.lastOffset() >= from) {
                    // a marker's record says COMMIT or ABORT, so control batches are read whole
                    RecordBatch batch = header.isControl()
                            ? new RecordBatch(segment.log().read(position, header.sizeInBytes()), 0) : header;
                    CompletedTxn completed = producerState.update(batch);
                    if (completed != null && completed.aborted()) {
                        segment.txnIndex().append(new AbortedTxn(completed.producerId(), completed.firstOffset(),
                                completed.lastOffset(), producerState.lastStableOffsetAfter(completed)));
                    }
                }
                return true;
            });
        }
        producerState.advanceTo(upTo);
        refreshFirstUnstableOffset();
    }

    /** DeleteRecords: moves the log start to {@code offset} (at most the high watermark); returns the new start. */
    public long deleteRecordsBefore(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (offset > highWatermark || offset < 0) {
                throw new LogException(StorageError.OFFSET_OUT_OF_RANGE, "Cannot delete records before "
                        + offset + ": high watermark is " + highWatermark);
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
                cleanerCheckpoint = Math.max(cleanerCheckpoint, offset);
                epochCache.truncateFromStart(offset);
                new LogRetention(this).deleteSegmentsBelowLogStart();
            }
            return logStartOffset;
        } catch (IOException e) {
            throw storageFailure("delete records of", e);
        } finally {
            lock.unlock();
        }
    }

    /** Applies retention (time, size, log start) to whole non-active segments; returns segments deleted. */
    public int deleteOldSegments() {
        lock.lock();
        try {
            ensureOpen();
            return new LogRetention(this).deleteOldSegments();
        } catch (IOException e) {
            throw storageFailure("apply retention to", e);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held: unlinks {@code segment} and deletes its files after the delay. */
    void removeSegment(LogSegment segment) throws IOException {
        assert lock.isHeldByCurrentThread();
        segments.remove(segment.baseOffset());
        deleter.deleteLater(segment, config.fileDeleteDelayMs());
    }

    /** Called with the lock held after segments at the start were removed. */
    void advanceLogStartOffset(long offset) throws IOException {
        assert lock.isHeldByCurrentThread();
        if (offset > logStartOffset) {
            logStartOffset = offset;
            cleanerCheckpoint = Math.max(cleanerCheckpoint, offset);
            epochCache.truncateFromStart(offset);
        }
        producerState.deleteSnapshotsBefore(segments.firstKey());
    }

    /** Rolls a new active segment starting at the log end offset now, if the active one is not empty. */
    public void roll() {
        lock.lock();
        try {
            ensureOpen();
            appender.roll(logEndOffset);
        } catch (IOException e) {
            throw storageFailure("roll", e);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held when retention is about to remove every segment. */
    void rollForRetention() throws IOException {
        assert lock.isHeldByCurrentThread();
        appender.roll(logEndOffset);
    }

    /** Flushes in the background (after a roll), so the append path never waits for fsync. */
    void scheduleFlush() {
        if (scheduler != null && !scheduler.isShutdown()) {
            scheduler.execute(() -> {
                try {
                    flush();
                } catch (LogException e) {
                    // already reported to the failure handler
                }
            });
        }
    }

    /** Records the high watermark the broker computed; clamped to [log start, log end]. */
    public void updateHighWatermark(long offset) {
        lock.lock();
        try {
            highWatermark = Math.max(logStartOffset, Math.min(offset, logEndOffset));
            refreshFirstUnstableOffset();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that {@code epoch} started at {@code startOffset} (a new leader, before its first append). Under
     * the lock, like every other change of the epoch cache, so it cannot interleave with an append or a
     * truncation.
     */
    public void assignEpochStartOffset(int epoch, long startOffset) {
        lock.lock();
        try {
            epochCache.assign(epoch, startOffset);
        } catch (IOException e) {
            throw storageFailure("write the leader epoch checkpoint of", e);
        } finally {
            lock.unlock();
        }
    }

    /** OffsetForLeaderEpoch: the largest epoch at or below {@code epoch} and where it ended. */
    public EpochEndOffset endOffsetForEpoch(int epoch) {
        return epochCache.endOffsetFor(epoch, logEndOffset);
    }

    public Optional<Integer> latestEpoch() {
        return epochCache.latestEpoch();
    }

    /** Called with the lock held by an append that made a flush due: it must cover {@code upTo}. */
    void markFlushDue(long upTo) {
        assert lock.isHeldByCurrentThread();
        flushDueUpTo = Math.max(flushDueUpTo, upTo);
    }

    /**
     * Runs the flush an earlier append made due (flush.messages, flush.ms), unless a finished flush already
     * covered it. Appends leave it to their caller so that no lock is held during the fsync; the caller runs
     * this after releasing its locks and before acknowledging, so an acknowledged record is as durable as the
     * flush settings promise. Thread-safe: concurrent callers may each sync, none returns before its records
     * are on disk.
     *
     * @return whether it flushed
     * @throws LogException KAFKA_STORAGE_ERROR when the fsync fails
     */
    public boolean flushIfDue() {
        long due = Math.min(flushDueUpTo, logEndOffset);
        if (due <= recoveryPoint) {
            return false;
        }
        flush();
        return true;
    }

    /**
     * Fsyncs everything up to the log end and advances the recovery point. Fsyncs run without the lock, so
     * the caller must not hold it.
     */
    public void flush() {
        assert !lock.isHeldByCurrentThread() : "fsync under the log's lock";
        long upTo;
        long truncationsBefore;
        lock.lock();
        try {
            upTo = logEndOffset;
            truncationsBefore = truncations;
            appender.resetFlushCounters();
        } finally {
            lock.unlock();
        }
        try {
            Long from = segments.floorKey(recoveryPoint);
            for (LogSegment segment : (from == null ? segments : segments.tailMap(from, true)).values()) {
                if (segment.baseOffset() >= upTo && segment.size() == 0) {
                    break;
                }
                segment.flush();
            }
            producerState.syncSnapshotsUpTo(upTo);
        } catch (java.nio.channels.ClosedChannelException e) {
            return; // a segment was removed meanwhile; the next flush covers what remains
        } catch (IOException e) {
            throw storageFailure("flush", e);
        }
        lock.lock();
        try {
            if (truncations == truncationsBefore && upTo > recoveryPoint) {
                recoveryPoint = upTo;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes, snapshots producer state and closes every file. The log cannot be used afterwards. */
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            producerState.takeSnapshot();
            for (LogSegment segment : segments.values()) {
                segment.flush();
                segment.close();
            }
            recoveryPoint = logEndOffset;
            closed = true;
        } catch (IOException e) {
            throw storageFailure("close", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Topic deletion: renames the directory to {@code <topic>-<partition>.<uuid>-delete} at once, and
     * removes it after {@code file.delete.delay.ms} so in-flight reads can finish.
     */
    public void delete() {
        lock.lock();
        try {
            closed = true;
            String uuid = java.util.UUID.randomUUID().toString().replace("-", "");
            Path target = dir.resolveSibling(topicPartition.directoryName() + "." + uuid + "-delete");
            java.nio.file.Files.move(dir, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            dir = target;
            List<LogSegment> all = List.copyOf(segments.values());
            deleter.deleteDirectoryLater(target, () -> {
                for (LogSegment segment : all) {
                    segment.deleteFiles();
                }
            }, config.fileDeleteDelayMs());
        } catch (IOException e) {
            throw storageFailure("delete", e);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogException(StorageError.KAFKA_STORAGE_ERROR, "Log " + topicPartition + " is closed");
        }
    }

    LogException storageFailure(String action, IOException e) {
        Path logDir = dir.getParent();
        failureHandler.onFailure(logDir, e);
        return new LogException(StorageError.KAFKA_STORAGE_ERROR, "Failed to " + action + " " + topicPartition
                + " in " + logDir + ": " + e.getMessage(), e);
    }

    // ---- accessors ----

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /**
     * The topic id this directory's {@code partition.metadata} records, read from disk (empty if never
     * assigned). Under the log's lock, so it does not race a delete's rename of the directory.
     */
    public java.util.Optional<java.util.UUID> topicId() {
        lock.lock();
        try {
            return new io.tributary.storage.checkpoint.PartitionMetadataFile(dir).read();
        } catch (java.io.IOException e) {
            throw new LogException(StorageError.KAFKA_STORAGE_ERROR, "Cannot read the topic id of " + topicPartition, e);
        } finally {
            lock.unlock();
        }
    }

    /** Records the topic id in {@code partition.metadata}, durably, as Kafka does when it first learns it. */
    public void assignTopicId(java.util.UUID topicId) {
        lock.lock();
        try {
            new io.tributary.storage.checkpoint.PartitionMetadataFile(dir).write(topicId);
        } catch (java.io.IOException e) {
            throw new LogException(StorageError.KAFKA_STORAGE_ERROR, "Cannot write the topic id of " + topicPartition, e);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the topic config (a dynamic config change); takes effect for the next append and roll. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    public Time time() {
        return time;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    /** Whether this thread holds the log's lock: for the assertions of the helpers that require it. */
    boolean isLockedByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** Counts truncations, so work done outside the lock (flush, cleaning) can tell the log changed under it. */
    long truncationCount() {
        return truncations;
    }

    void setLogEndOffset(long offset) {
        logEndOffset = offset;
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** The first offset the cleaner has not compacted yet. */
    public long cleanerCheckpoint() {
        return cleanerCheckpoint;
    }

    void setCleanerCheckpoint(long offset) {
        cleanerCheckpoint = offset;
    }

    public RecoveryStats recoveryStats() {
        return recoveryStats;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** Total bytes of all segment files. */
    public long size() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }

    /** The segments in offset order; a snapshot for inspection (tests, the cleaner). */
    public List<LogSegment> segments() {
        return List.copyOf(segments.values());
    }

    LeaderEpochCache epochCache() {
        return epochCache;
    }

    ProducerStateManager producerState() {
        return producerState;
    }

    SegmentDeleter deleter() {
        return deleter;
    }

    @Override
    public String toString() {
        return "UnifiedLog(" + topicPartition + ", start=" + logStartOffset + ", end=" + logEndOffset + ", hw="
                + highWatermark + ")";
    }
}
