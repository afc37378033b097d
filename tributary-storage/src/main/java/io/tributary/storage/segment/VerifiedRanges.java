package io.tributary.storage.segment;

import io.tributary.protocol.record.RecordBatch;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The byte ranges of one segment file known to hold whole batches whose CRCs match, and the check that grows
 * them, so the fetch path can send bytes zero-copy and still never serve a damaged batch. Bytes this process appended (validated before they
 * were written) or recovered are known good by construction; bytes found on disk at start-up are checked the
 * first time a read covers them, and then never again. Ranges start and end on batch boundaries and are kept
 * merged, so a log read front to back keeps a single range.
 *
 * <p>Thread-safe (one monitor): fetch threads check and add concurrently, at worst checking the same bytes
 * twice; the segment's writer adds appended ranges and truncates.
 */
final class VerifiedRanges {

    private final FileRecords log;
    private final String fileName;
    private final long baseOffset;
    /** The range reaching furthest into the file, which appends extend: kept unboxed, so they allocate nothing. */
    private int tailStart = -1;
    private int tailEnd = -1;
    /** Ranges before the tail, start to end (exclusive), disjoint and not touching it or each other. */
    private final TreeMap<Integer, Integer> islands = new TreeMap<>();

    VerifiedRanges(FileRecords log, String fileName, long baseOffset) {
        this.log = log;
        this.fileName = fileName;
        this.baseOffset = baseOffset;
    }

    /**
     * Checks the CRC of every batch in {@code [from, to)} not checked before ({@code from} on a batch
     * boundary) and returns the end of the good run from {@code from}: {@code to} or more when all is well,
     * the position of the first damaged batch otherwise. Costs nothing for bytes this process wrote or
     * recovered; other bytes are read once more and checksummed, once per broker run. Not under the monitor:
     * concurrent readers may check the same bytes, which is harmless.
     */
    int verify(int from, int to) throws IOException {
        int position = from;
        int end = log.size();
        while (position < to) {
            int verifiedEnd = verifiedEndFrom(position);
            if (verifiedEnd > position) {
                position = verifiedEnd;
                continue;
            }
            RecordBatch header = log.readHeader(position, end);
            if (header == null || header.sizeInBytes() < RecordBatch.HEADER_SIZE
                    || header.sizeInBytes() > end - position) {
                return position;
            }
            if (!new RecordBatch(log.read(position, header.sizeInBytes()), 0).isValid()) {
                return position;
            }
            add(position, position + header.sizeInBytes());
            position += header.sizeInBytes();
        }
        return position;
    }

    /** The exception a read at {@code wanted} gets when {@link #verify} stopped at {@code position}. */
    CorruptBatchException corruptAt(int position, long wanted) throws IOException {
        RecordBatch header = log.readHeader(position, log.size());
        String claimed = header == null ? "" : " (its header claims offsets " + header.baseOffset() + ".."
                + header.lastOffset() + ")";
        return new CorruptBatchException(baseOffset, position, "The batch at position " + position + " of segment "
                + fileName + claimed + " fails its CRC; offset " + wanted
                + " cannot be served until recovery cuts the log there");
    }

    /** The end of the verified range holding {@code position}, or {@code position} itself when none does. */
    synchronized int verifiedEndFrom(int position) {
        if (tailStart <= position && position < tailEnd) {
            return tailEnd;
        }
        Map.Entry<Integer, Integer> floor = islands.floorEntry(position);
        return floor != null && floor.getValue() > position ? floor.getValue() : position;
    }

    /** Records {@code [start, end)} as verified, merging it with the ranges it touches. */
    synchronized void add(int start, int end) {
        if (end <= start) {
            return;
        }
        if (tailEnd < 0) {
            tailStart = start;
            tailEnd = end;
        } else if (start <= tailEnd && end >= tailStart) {
            // Appends land here: they extend the tail, with no allocation.
            tailStart = Math.min(tailStart, start);
            tailEnd = Math.max(tailEnd, end);
        } else if (start > tailEnd) {
            islands.put(tailStart, tailEnd);
            tailStart = start;
            tailEnd = end;
        } else {
            addIsland(start, end);
            return;
        }
        // The tail may have grown over islands before it (there are none while a log is read front to back).
        Map.Entry<Integer, Integer> before;
        while (!islands.isEmpty() && (before = islands.lastEntry()).getValue() >= tailStart) {
            islands.remove(before.getKey());
            tailStart = Math.min(tailStart, before.getKey());
            tailEnd = Math.max(tailEnd, before.getValue());
        }
    }

    private void addIsland(int start, int end) {
        int from = start;
        int to = end;
        Map.Entry<Integer, Integer> floor = islands.floorEntry(start);
        if (floor != null && floor.getValue() >= start) {
            from = floor.getKey();
            to = Math.max(to, floor.getValue());
        }
        Map.Entry<Integer, Integer> next;
        while ((next = islands.ceilingEntry(from)) != null && next.getKey() <= to) {
            to = Math.max(to, next.getValue());
            islands.remove(next.getKey());
        }
        if (to >= tailStart) {
            tailStart = Math.min(tailStart, from);
            tailEnd = Math.max(tailEnd, to);
        } else {
            islands.put(from, to);
        }
    }

    /** Forgets everything at or past {@code size} (the file was cut there). */
    synchronized void truncateTo(int size) {
        islands.tailMap(size, true).clear();
        if (tailEnd > size) {
            if (tailStart < size) {
                tailEnd = size;
            } else {
                Map.Entry<Integer, Integer> last = islands.pollLastEntry();
                tailStart = last == null ? -1 : last.getKey();
                tailEnd = last == null ? -1 : Math.min(size, last.getValue());
            }
        }
    }

    synchronized void clear() {
        islands.clear();
        tailStart = -1;
        tailEnd = -1;
    }
}
