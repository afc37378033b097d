package io.tributary.storage.segment;

import io.tributary.common.Time;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.LogSlice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One segment of a partition log: the {@code .log} file of batches plus its sparse {@code .index} and
 * {@code .timeindex} and its aborted-transaction {@code .txnindex}, all named by the 20-digit base offset. Every offset in the segment is at least the
 * base offset and less than base + 2^31 so it fits the indexes' 32-bit relative offsets.
 *
 * <p>Threading: the partition's single writer appends, truncates, recovers, renames and deletes; readers
 * call {@link #read}, {@link #translateOffset} and {@link #findOffsetByTimestamp} concurrently, seeing
 * the file size and index entries published by the last completed append.
 */
public final class LogSegment {

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String TXN_INDEX_SUFFIX = ".txnindex";

    private final Path dir;
    private final long baseOffset;
    private final FileRecords log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final TransactionIndex txnIndex;
    private final int indexIntervalBytes;
    private final long createdMs;
    private int bytesSinceLastIndexEntry;
    private volatile long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private volatile long offsetOfMaxTimestamp = -1;
    private long rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
    private final VerifiedRanges verified;

    private LogSegment(Path dir, long baseOffset, FileRecords log, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       TransactionIndex txnIndex, int indexIntervalBytes, long createdMs) {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.log = log;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.txnIndex = txnIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = createdMs;
        this.maxTimestampSoFar = timeIndex.lastTimestamp();
        this.verified = new VerifiedRanges(log, fileName(baseOffset, LOG_SUFFIX), baseOffset);
    }

    /** {@code 00000000000000001234} + suffix: Kafka's segment file naming. */
    public static String fileName(long offset, String suffix) {
        return String.format("%020d", offset) + suffix;
    }

    /**
     * Opens the segment at {@code baseOffset} in {@code dir}, creating empty files when absent. Missing or
     * corrupt indexes are replaced by empty ones and {@link #needsIndexRebuild} reports it; the caller then
     * runs {@link #recover}.
     *
     * @param suffix appended to every file name ("" normally, ".cleaned" while the cleaner writes one)
     */
    public static LogSegment open(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexBytes,
                                  Time time, String suffix) throws IOException {
        Path logPath = dir.resolve(fileName(baseOffset, LOG_SUFFIX + suffix));
        Path indexPath = dir.resolve(fileName(baseOffset, INDEX_SUFFIX + suffix));
        Path timeIndexPath = dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX + suffix));
        boolean indexesMissing = Files.exists(logPath) && Files.size(logPath) > 0
                && (!Files.exists(indexPath) || !Files.exists(timeIndexPath));
        FileRecords log = new FileRecords(logPath);
        OffsetIndex offsetIndex;
        TimeIndex timeIndex;
        boolean corrupt = indexesMissing;
        try {
            offsetIndex = OffsetIndex.open(indexPath, baseOffset, maxIndexBytes);
            timeIndex = TimeIndex.open(timeIndexPath, baseOffset, maxIndexBytes);
            IndexEntry last = offsetIndex.lookup(Long.MAX_VALUE);
            if (last.position() > log.size()) {
                corrupt = true;
            }
        } catch (CorruptIndexException e) {
            corrupt = true;
            Files.deleteIfExists(indexPath);
            Files.deleteIfExists(timeIndexPath);
            offsetIndex = OffsetIndex.open(indexPath, baseOffset, maxIndexBytes);
            timeIndex = TimeIndex.open(timeIndexPath, baseOffset, maxIndexBytes);
        }
        TransactionIndex txnIndex = TransactionIndex.open(dir.resolve(fileName(baseOffset, TXN_INDEX_SUFFIX + suffix)));
        LogSegment segment = new LogSegment(dir, baseOffset, log, offsetIndex, timeIndex, txnIndex,
                indexIntervalBytes, time.milliseconds());
        segment.needsIndexRebuild = corrupt || !segment.indexCoversLog();
        return segment;
    }

    private boolean needsIndexRebuild;

    /**
     * Whether the offset index holds every entry appends would have made: its last entry names the batch at
     * its position, and no batch after it starts more than index.interval.bytes past it. Reads only the
     * headers after the last entry (about one interval) and stops at the first sign of a gap. As a side
     * effect, appends continue the index interval where the file left off.
     */
    private boolean indexCoversLog() throws IOException {
        IndexEntry last = offsetIndex.lookup(Long.MAX_VALUE);
        int end = log.size();
        int position = last.position();
        RecordBatch header = log.readHeader(position, end);
        if (position > 0 && (header == null || header.lastOffset() != last.offset())) {
            return false;
        }
        int since = 0;
        for (; header != null; header = log.readHeader(position, end)) {
            if (since > indexIntervalBytes || header.sizeInBytes() < RecordBatch.HEADER_SIZE) {
                return false;
            }
            since += header.sizeInBytes();
            position += header.sizeInBytes();
        }
        bytesSinceLastIndexEntry = since;
        return true;
    }

    /** True when an index was missing, failed its sanity check or did not cover the log at open. */
    public boolean needsIndexRebuild() {
        return needsIndexRebuild;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int size() {
        return log.size();
    }

    public Path logPath() {
        return log.path();
    }

    public FileRecords log() {
        return log;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    /** The aborted transactions whose ABORT marker is in this segment. */
    public TransactionIndex txnIndex() {
        return txnIndex;
    }

    /** The newest record timestamp, or the file's modification time when no record had one. */
    public long largestTimestamp() throws IOException {
        long max = maxTimestampSoFar;
        return max >= 0 ? max : Files.getLastModifiedTime(log.path()).toMillis();
    }

    /** The timestamp segment.ms counts from: the first batch's max timestamp, or creation time if empty. */
    public long rollingBasedTimestamp() throws IOException {
        if (rollingBasedTimestamp < 0 && log.size() > 0) {
            RecordBatch first = log.readHeader(0, log.size());
            rollingBasedTimestamp = first == null ? RecordBatch.NO_TIMESTAMP : first.maxTimestamp();
        }
        return rollingBasedTimestamp >= 0 ? rollingBasedTimestamp : createdMs;
    }

    public boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /**
     * Appends whole batches (already validated and stamped) and indexes them: an offset index entry, and a
     * time index entry when the max timestamp moved, for each batch that starts more than
     * index.interval.bytes after the last entry.
     */
    public void append(ByteBuffer records) throws IOException {
        int start = log.append(records);
        int position = start;
        for (RecordBatch batch : RecordBatches.of(records.duplicate())) {
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                offsetOfMaxTimestamp = batch.lastOffset();
            }
            if (rollingBasedTimestamp < 0 && position == 0) {
                rollingBasedTimestamp = batch.maxTimestamp();
            }
            if (bytesSinceLastIndexEntry > indexIntervalBytes) {
                offsetIndex.append(batch.lastOffset(), position);
                timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
                bytesSinceLastIndexEntry = 0;
            }
            position += batch.sizeInBytes();
            bytesSinceLastIndexEntry += batch.sizeInBytes();
        }
        verified.add(start, position); // validated by the caller before it was written
    }

    /**
     * Re-reads every batch, keeps the prefix whose CRCs and offsets are valid, cuts the file after it and
     * rebuilds both indexes. {@code onBatch} sees each valid batch (producer state, epoch cache).
     */
    public SegmentRecovery recover(Consumer<RecordBatch> onBatch) throws IOException {
        verified.clear();
        offsetIndex.truncateTo(baseOffset);
        timeIndex.truncateTo(baseOffset);
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestamp = -1;
        rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        bytesSinceLastIndexEntry = 0;
        int end = log.size();
        int position = 0;
        int batches = 0;
        long previousLastOffset = baseOffset - 1;
        while (position < end) {
            RecordBatch header = log.readHeader(position, end);
            if (header == null || header.sizeInBytes() < RecordBatch.HEADER_SIZE
                    || header.sizeInBytes() > end - position) {
                break;
            }
            ByteBuffer bytes = log.read(position, header.sizeInBytes());
            RecordBatch batch = new RecordBatch(bytes, 0);
            if (!batch.isValid() || batch.baseOffset() <= previousLastOffset || batch.lastOffsetDelta() < 0
                    || batch.lastOffset() - baseOffset > Integer.MAX_VALUE) {
                break;
            }
            indexRecovered(batch, position);
            onBatch.accept(batch);
            previousLastOffset = batch.lastOffset();
            position += batch.sizeInBytes();
            batches++;
        }
        log.truncateTo(position);
        verified.add(0, position);
        txnIndex.truncateTo(previousLastOffset + 1); // entries of the valid prefix stay; replay re-adds the rest
        needsIndexRebuild = false;
        return new SegmentRecovery(batches, position, end - position, previousLastOffset + 1);
    }

    private void indexRecovered(RecordBatch batch, int position) throws IOException {
        if (batch.maxTimestamp() > maxTimestampSoFar) {
            maxTimestampSoFar = batch.maxTimestamp();
            offsetOfMaxTimestamp = batch.lastOffset();
        }
        if (rollingBasedTimestamp < 0) {
            rollingBasedTimestamp = batch.maxTimestamp();
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            offsetIndex.append(batch.lastOffset(), position);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    /** The first batch at or after {@code startingPosition} whose last offset is at least {@code offset}. */
    public BatchLocation translateOffset(long offset, int startingPosition) throws IOException {
        return scanFrom(offset, Math.max(offsetIndex.lookup(offset).position(), startingPosition));
    }

    /** The first batch at or after file position {@code position} whose last offset is at least {@code offset}. */
    private BatchLocation scanFrom(long offset, int position) throws IOException {
        int end = log.size();
        RecordBatch header;
        while ((header = log.readHeader(position, end)) != null) {
            int size = header.sizeInBytes();
            if (header.lastOffset() >= offset) {
                return new BatchLocation(position, size, header.baseOffset(), header.lastOffset());
            }
            position += size;
        }
        return null;
    }

    /** Receives batches in file order; may stop the walk by returning false. */
    @FunctionalInterface
    public interface BatchVisitor {
        boolean visit(RecordBatch batch, int position) throws IOException;
    }

    /**
     * Walks the batches from the one holding {@code fromOffset} to the end of the file as it was when the
     * walk started. With {@code headersOnly} each view holds just the 61-byte header (enough for offsets,
     * producer fields and timestamps); otherwise the whole batch is read.
     */
    public void forEachBatch(long fromOffset, boolean headersOnly, BatchVisitor visitor) throws IOException {
        int end = log.size();
        BatchLocation first = translateOffset(fromOffset, 0);
        if (first == null) {
            return;
        }
        int position = first.position();
        RecordBatch header;
        while ((header = log.readHeader(position, end)) != null && header.sizeInBytes() <= end - position) {
            RecordBatch batch = headersOnly ? header : new RecordBatch(log.read(position, header.sizeInBytes()), 0);
            if (!visitor.visit(batch, position)) {
                return;
            }
            position += header.sizeInBytes();
        }
    }

    /**
     * The file position before which every batch ends below {@code offset}: the start of the batch holding
     * {@code offset}, or the file size seen when no batch holds it. Used to stop reads at the high watermark.
     */
    public int positionBound(long offset) throws IOException {
        int end = log.size();
        int position = offsetIndex.lookup(offset).position();
        RecordBatch header;
        while ((header = log.readHeader(position, end)) != null) {
            if (header.lastOffset() >= offset) {
                return position;
            }
            position += header.sizeInBytes();
        }
        return Math.min(position, end);
    }

    /** The offset after the last batch, or the base offset when empty. */
    public long readNextOffset() throws IOException {
        int end = log.size();
        int position = offsetIndex.lookup(Long.MAX_VALUE).position();
        long next = baseOffset;
        RecordBatch header;
        while ((header = log.readHeader(position, end)) != null) {
            next = header.nextOffset();
            position += header.sizeInBytes();
        }
        return next;
    }

    /**
     * Whole batches from the one holding {@code startOffset}, at most {@code maxSize} bytes and none at or
     * past {@code maxPosition}; the first batch is returned whole even if larger when {@code minOneMessage}.
     * The end is found without reading every header: the offset index gives the last indexed batch start
     * at or below the byte limit, and only the few batches after it (one index interval) are scanned.
     *
     * @return null when no batch in this segment holds an offset at or above {@code startOffset}
     */
    public LogSlice read(long startOffset, int maxSize, int maxPosition, boolean minOneMessage) throws IOException {
        int scanStart = offsetIndex.lookup(startOffset).position();
        BatchLocation first = scanFrom(startOffset, scanStart);
        if (first == null) {
            int checked = verified.verify(scanStart, log.size());
            if (checked < log.size()) {
                throw verified.corruptAt(checked, startOffset);
            }
            return null;
        }
        int limit = Math.min(maxPosition, log.size());
        int start = first.position();
        if (first.size() > limit - start || (first.size() > maxSize && !minOneMessage)) {
            return new LogSlice(log.channel(), start, 0, -1);
        }
        int cap = (int) Math.min(limit, (long) start + Math.max(maxSize, first.size()));
        int position = Math.max(start + first.size(), offsetIndex.floorPosition(cap));
        RecordBatch header;
        while ((header = log.readHeader(position, cap)) != null && header.sizeInBytes() <= cap - position
                && header.sizeInBytes() >= RecordBatch.HEADER_SIZE) {
            position += header.sizeInBytes();
        }
        // The batches scanned to find the start count too: a damaged length there could land the scan on a
        // later batch and skip offsets without a trace.
        int checked = verified.verify(Math.min(scanStart, start), position);
        if (checked < position) {
            if (checked < start + first.size()) {
                throw verified.corruptAt(checked, startOffset);
            }
            position = checked; // serve the good batches before the damage; the next read reports it
        }
        return new LogSlice(log.channel(), start, position - start, first.baseOffset());
    }

    /** The first record at or after {@code startingOffset} whose timestamp is at least {@code target}. */
    public Optional<TimestampAndOffset> findOffsetByTimestamp(long target, long startingOffset) throws IOException {
        BatchLocation location = translateOffset(Math.max(timeIndex.lookup(target), startingOffset), 0);
        if (location == null) {
            return Optional.empty();
        }
        int end = log.size();
        int position = location.position();
        RecordBatch header;
        while ((header = log.readHeader(position, end)) != null) {
            if (header.maxTimestamp() >= target && header.lastOffset() >= startingOffset) {
                RecordBatch batch = new RecordBatch(log.read(position, header.sizeInBytes()), 0);
                for (Record record : batch.records()) {
                    if (record.timestamp() >= target && record.offset() >= startingOffset) {
                        return Optional.of(new TimestampAndOffset(record.timestamp(), record.offset()));
                    }
                }
            }
            position += header.sizeInBytes();
        }
        return Optional.empty();
    }

    /** The newest timestamp and the offset holding it, or empty if no record is timestamped. */
    public Optional<TimestampAndOffset> maxTimestampAndOffset() {
        long max = maxTimestampSoFar;
        return max < 0 ? Optional.empty() : Optional.of(new TimestampAndOffset(max, offsetOfMaxTimestamp));
    }

    /** Removes the batch holding {@code offset} and everything after it; returns the bytes removed. */
    public int truncateTo(long offset) throws IOException {
        BatchLocation location = translateOffset(offset, 0);
        if (location == null) {
            return 0;
        }
        int before = log.size();
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        txnIndex.truncateTo(offset);
        log.truncateTo(location.position());
        verified.truncateTo(location.position());
        maxTimestampSoFar = timeIndex.lastTimestamp();
        bytesSinceLastIndexEntry = 0;
        if (log.size() == 0) {
            rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        }
        return before - log.size();
    }

    /** Called when a newer segment becomes active: the time index records the final max timestamp. */
    public void onBecomeInactive() throws IOException {
        if (offsetOfMaxTimestamp >= 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
        }
    }

    public void flush() throws IOException {
        log.flush();
        offsetIndex.flush();
        timeIndex.flush();
        txnIndex.flush();
    }

    public void close() throws IOException {
        onBecomeInactive();
        log.close();
        offsetIndex.close();
        timeIndex.close();
        txnIndex.close();
    }

    /** Renames all three files to {@code <base><ext><suffix>}; open channels keep working. */
    public void renameTo(String suffix) throws IOException {
        log.renameTo(dir.resolve(fileName(baseOffset, LOG_SUFFIX + suffix)));
        offsetIndex.renameTo(dir.resolve(fileName(baseOffset, INDEX_SUFFIX + suffix)));
        timeIndex.renameTo(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX + suffix)));
        txnIndex.renameTo(dir.resolve(fileName(baseOffset, TXN_INDEX_SUFFIX + suffix)));
    }

    /** Closes the files and removes them from disk. */
    public void deleteFiles() throws IOException {
        log.delete();
        offsetIndex.delete();
        timeIndex.delete();
        txnIndex.delete();
    }

    @Override
    public String toString() {
        return "LogSegment(" + log.path() + ", size=" + log.size() + ")";
    }
}
