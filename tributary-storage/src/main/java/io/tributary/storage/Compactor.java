package io.tributary.storage;

import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.TimestampType;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One compaction pass over one log. Outside the log's lock it reads the cleanable segments (those wholly
 * below the active segment and the last stable offset, so every transaction in them is decided, and older
 * than min.compaction.lag.ms), maps every key to its latest committed offset, and rewrites groups of
 * consecutive segments into {@code .cleaned} segments that keep only each key's latest record (tombstones
 * only until delete.retention.ms has passed), with their original offsets and producer fields. Records of
 * aborted transactions are dropped and never count as a key's latest; transaction markers are kept, with
 * their aborted-transaction index entries, so read_committed readers of the cleaned log stay correct. Under the lock it then checks the log was not truncated and the
 * segments are still there, and swaps: {@code .cleaned} → {@code .swap} (the commit point a restart
 * completes) → old segments renamed {@code .deleted} → the new segment takes the group's base name.
 *
 * <p>Not thread-safe; {@link LogCleaner} runs one pass at a time.
 */
final class Compactor {

    private final UnifiedLog log;
    private final long now;
    private int segmentsRead;
    private int segmentsWritten;
    private long bytesRead;
    private long bytesWritten;
    private long recordsRead;
    private long recordsRetained;
    private long tombstonesDropped;
    /** Aborted transactions overlapping the segments being cleaned (from their .txnindex entries). */
    private List<AbortedTxn> aborted = List.of();

    Compactor(UnifiedLog log, long now) {
        this.log = log;
        this.now = now;
    }

    /** The segments a pass may rewrite, oldest first. */
    static List<LogSegment> cleanableSegments(UnifiedLog log, long now) throws IOException {
        List<LogSegment> all = log.segments();
        long limit = Math.min(all.get(all.size() - 1).baseOffset(), log.lastStableOffset());
        long lag = log.config().minCompactionLagMs();
        List<LogSegment> cleanable = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i++) {
            LogSegment segment = all.get(i);
            if (all.get(i + 1).baseOffset() > limit || lag > 0 && segment.largestTimestamp() > now - lag) {
                break;
            }
            cleanable.add(segment);
        }
        return cleanable;
    }

    CleanerStats clean() throws IOException {
        long truncationsBefore;
        List<LogSegment> cleanable;
        log.lock.lock();
        try {
            truncationsBefore = log.truncationCount();
            cleanable = cleanableSegments(log, now);
        } finally {
            log.lock.unlock();
        }
        if (cleanable.isEmpty()) {
            return CleanerStats.NOTHING;
        }
        long endOffset = log.segments.higherKey(cleanable.get(cleanable.size() - 1).baseOffset());
        aborted = log.abortedTransactions(cleanable.get(0).baseOffset(), endOffset);
        Map<ByteBuffer, Long> latest = buildOffsetMap(cleanable);
        for (List<LogSegment> group : groups(cleanable, log.config())) {
            LogSegment cleaned = rewrite(group, latest);
            if (!swap(group, cleaned, truncationsBefore)) {
                cleaned.deleteFiles();
                break;
            }
        }
        log.setCleanerCheckpoint(Math.max(log.cleanerCheckpoint(), endOffset));
        return new CleanerStats(segmentsRead, segmentsWritten, bytesRead, bytesWritten, recordsRead,
                recordsRetained, tombstonesDropped);
    }

    private Map<ByteBuffer, Long> buildOffsetMap(List<LogSegment> segments) throws IOException {
        Map<ByteBuffer, Long> latest = new HashMap<>();
        for (LogSegment segment : segments) {
            segment.forEachBatch(segment.baseOffset(), false, (batch, position) -> {
                if (!batch.isControl() && !isAborted(batch)) {
                    for (Record record : batch.records()) {
                        if (record.hasKey()) {
                            latest.put(copy(record.key()), record.offset());
                        }
                    }
                }
                return true;
            });
        }
        return latest;
    }

    /** Consecutive segments whose combined size fits one segment and whose offsets fit 32-bit deltas. */
    private static List<List<LogSegment>> groups(List<LogSegment> segments, LogConfig config) {
        List<List<LogSegment>> groups = new ArrayList<>();
        List<LogSegment> current = new ArrayList<>();
        long size = 0;
        for (LogSegment segment : segments) {
            boolean fits = size + segment.size() <= config.segmentBytes()
                    && (current.isEmpty() || segment.baseOffset() - current.get(0).baseOffset() < Integer.MAX_VALUE / 2);
            if (!current.isEmpty() && !fits) {
                groups.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(segment);
            size += segment.size();
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private LogSegment rewrite(List<LogSegment> group, Map<ByteBuffer, Long> latest) throws IOException {
        long base = group.get(0).baseOffset();
        LogConfig config = log.config();
        for (String ext : List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX,
                LogSegment.TXN_INDEX_SUFFIX)) {
            Files.deleteIfExists(log.dir().resolve(LogSegment.fileName(base, ext + LogLoader.CLEANED_SUFFIX)));
        }
        LogSegment cleaned = LogSegment.open(log.dir(), base, config.indexIntervalBytes(), config.segmentIndexBytes(),
                log.time(), LogLoader.CLEANED_SUFFIX);
        long tombstoneHorizon = now - config.deleteRetentionMs();
        for (LogSegment segment : group) {
            segmentsRead++;
            bytesRead += segment.size();
            for (AbortedTxn txn : segment.txnIndex().entries()) {
                cleaned.txnIndex().append(txn); // markers are always kept, so their index entries stay true
            }
            segment.forEachBatch(segment.baseOffset(), false, (batch, position) -> {
                ByteBuffer retained = filter(batch, latest, tombstoneHorizon);
                if (retained != null) {
                    cleaned.append(retained);
                }
                return true;
            });
        }
        cleaned.onBecomeInactive();
        cleaned.flush();
        segmentsWritten++;
        bytesWritten += cleaned.size();
        return cleaned;
    }

    /** The batch to keep: itself when every record survives, a rebuilt one when some do, else null. */
    private ByteBuffer filter(RecordBatch batch, Map<ByteBuffer, Long> latest, long tombstoneHorizon) {
        if (batch.isControl()) {
            return batch.slice();
        }
        if (isAborted(batch)) {
            recordsRead += batch.recordCount();
            return null;
        }
        List<Record> records = batch.records();
        recordsRead += records.size();
        List<Record> kept = new ArrayList<>(records.size());
        for (Record record : records) {
            Long newest = record.hasKey() ? latest.get(record.key()) : null;
            if (newest == null || newest != record.offset()) {
                continue;
            }
            if (!record.hasValue() && batch.maxTimestamp() < tombstoneHorizon) {
                tombstonesDropped++;
                continue;
            }
            kept.add(record);
        }
        recordsRetained += kept.size();
        if (kept.size() == records.size()) {
            return batch.slice();
        }
        if (kept.isEmpty()) {
            return null;
        }
        RecordBatchBuilder builder = new RecordBatchBuilder(batch.compressionType())
                .baseOffset(batch.baseOffset())
                .producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence())
                .partitionLeaderEpoch(batch.partitionLeaderEpoch())
                .transactional(batch.isTransactional());
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime(batch.maxTimestamp());
        }
        for (Record record : kept) {
            builder.appendWithOffset(record.offset(), record.timestamp(), record.key(), record.value(),
                    record.headers());
        }
        return builder.build();
    }

    private boolean swap(List<LogSegment> group, LogSegment cleaned, long truncationsBefore) throws IOException {
        log.lock.lock();
        try {
            if (log.truncationCount() != truncationsBefore) {
                return false;
            }
            for (LogSegment segment : group) {
                if (log.segments.get(segment.baseOffset()) != segment) {
                    return false;
                }
            }
            cleaned.renameTo(LogLoader.SWAP_SUFFIX);
            // Replace the group's first segment in one map operation, so readers never see a gap.
            log.segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment segment : group) {
                if (segment.baseOffset() != cleaned.baseOffset()) {
                    log.segments.remove(segment.baseOffset());
                }
                log.deleter().deleteLater(segment, log.config().fileDeleteDelayMs());
            }
            cleaned.renameTo("");
            return true;
        } finally {
            log.lock.unlock();
        }
    }

    /** A transactional batch of a transaction that was aborted: its records never happened. */
    private boolean isAborted(RecordBatch batch) {
        if (!batch.isTransactional()) {
            return false;
        }
        for (AbortedTxn txn : aborted) {
            if (txn.producerId() == batch.producerId() && txn.firstOffset() <= batch.baseOffset()
                    && batch.baseOffset() <= txn.lastOffset()) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuffer copy(ByteBuffer key) {
        ByteBuffer copy = ByteBuffer.allocate(key.remaining());
        copy.put(key.duplicate()).flip();
        return copy;
    }
}
