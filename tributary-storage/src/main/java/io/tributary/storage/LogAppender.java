package io.tributary.storage;

import io.tributary.protocol.record.RecordBatch;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.producer.CompletedTxn;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.Optional;

/**
 * The write path of a {@link UnifiedLog}: rolls the active segment when the next batch would not fit (size,
 * age, full index, 32-bit relative offset), writes the batch, then publishes its effects in order: leader
 * epoch, producer state (an ABORT marker also goes to the segment's transaction index), and last the log end offset that makes it visible to readers.
 *
 * <p>Not thread-safe: every method is called with the log's lock held.
 */
final class LogAppender {

    private final UnifiedLog log;
    private long unflushedRecords;
    private long lastFlushMs;

    LogAppender(UnifiedLog log) {
        this.log = log;
        this.lastFlushMs = log.time().milliseconds();
    }

    /** Appends one validated, already stamped batch. */
    void append(RecordBatch batch) throws IOException {
        assert log.isLockedByCurrentThread();
        LogSegment active = maybeRoll(batch);
        active.append(batch.slice());
        Optional<Integer> latest = log.epochCache().latestEpoch();
        int epoch = batch.partitionLeaderEpoch();
        if (epoch >= 0 && (latest.isEmpty() || epoch > latest.get())) {
            log.epochCache().assign(epoch, batch.baseOffset());
        }
        CompletedTxn completed = log.producerState().update(batch);
        if (completed != null && completed.aborted()) {
            active.txnIndex().append(new AbortedTxn(completed.producerId(), completed.firstOffset(),
                    completed.lastOffset(), log.producerState().lastStableOffsetAfter(completed)));
        }
        log.setLogEndOffset(batch.nextOffset());
        log.refreshFirstUnstableOffset();
        unflushedRecords += batch.recordCount();
        maybeFlush();
    }

    private LogSegment maybeRoll(RecordBatch batch) throws IOException {
        LogSegment active = log.segments.lastEntry().getValue();
        LogConfig config = log.config();
        boolean offsetOverflow = batch.lastOffset() - active.baseOffset() > Integer.MAX_VALUE;
        if (active.size() == 0) {
            return offsetOverflow ? roll(batch.baseOffset()) : active;
        }
        boolean full = (long) active.size() + batch.sizeInBytes() > config.segmentBytes();
        boolean old = batch.maxTimestamp() - active.rollingBasedTimestamp() > config.segmentMs();
        if (full || old || active.indexesFull() || offsetOverflow) {
            return roll(Math.max(log.logEndOffset(), batch.baseOffset()));
        }
        return active;
    }

    /**
     * Makes a new, empty active segment at {@code newBase}. The previous segment gets its final time index
     * entry, producer state is snapshotted at the roll point (written now, fsynced with the flush), and
     * the old segment is flushed in the background (advancing the recovery point).
     */
    LogSegment roll(long newBase) throws IOException {
        assert log.isLockedByCurrentThread();
        LogSegment active = log.segments.lastEntry().getValue();
        if (active.size() == 0) {
            if (active.baseOffset() == newBase) {
                return active;
            }
            log.removeSegment(active);
        } else {
            active.onBecomeInactive();
        }
        log.producerState().advanceTo(newBase);
        log.producerState().takeSnapshotUnsynced(); // fsynced by the background flush scheduled below
        LogConfig config = log.config();
        LogSegment segment = LogSegment.open(log.dir(), newBase, config.indexIntervalBytes(),
                config.segmentIndexBytes(), log.time(), "");
        if (segment.size() > 0) {
            segment.truncateTo(newBase); // a stale file from before a truncation
        }
        log.segments.put(newBase, segment);
        log.scheduleFlush();
        return segment;
    }

    /**
     * When flush.messages or flush.ms say the log must be synced, marks that flush due instead of running it:
     * the fsync would otherwise hold the log's lock (and the caller's), stalling every other append and
     * follower update of the partition. The append's caller runs it with {@link UnifiedLog#flushIfDue}.
     */
    private void maybeFlush() {
        LogConfig config = log.config();
        long now = log.time().milliseconds();
        if (unflushedRecords >= config.flushMessages() || now - lastFlushMs >= config.flushMs()) {
            resetFlushCounters();
            log.markFlushDue(log.logEndOffset());
        }
    }

    void resetFlushCounters() {
        assert log.isLockedByCurrentThread();
        unflushedRecords = 0;
        lastFlushMs = log.time().milliseconds();
    }
}
