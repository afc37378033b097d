package io.tributary.storage.segment;

import java.util.Map;
import java.util.TreeMap;

/**
 * The byte ranges of one segment file known to hold whole batches whose CRCs match, so the fetch path can send
 * bytes zero-copy and still never serve a damaged batch. Bytes this process appended (validated before they
 * were written) or recovered are known good by construction; bytes found on disk at start-up are checked the
 * first time a read covers them, and then never again. Ranges start and end on batch boundaries and are kept
 * merged, so a log read front to back keeps a single range.
 *
 * <p>Thread-safe (one monitor): fetch threads check and add concurrently, at worst checking the same bytes
 * twice; the segment's writer adds appended ranges and truncates.
 */
final class VerifiedRanges {

    /** start to end (exclusive), disjoint and never adjacent. */
    private final TreeMap<Integer, Integer> ranges = new TreeMap<>();

    /** The end of the verified range holding {@code position}, or {@code position} itself when none does. */
    synchronized int verifiedEndFrom(int position) {
        Map.Entry<Integer, Integer> floor = ranges.floorEntry(position);
        return floor != null && floor.getValue() > position ? floor.getValue() : position;
    }

    /** Records {@code [start, end)} as verified, merging it with the ranges it touches. */
    synchronized void add(int start, int end) {
        if (end <= start) {
            return;
        }
        int from = start;
        int to = end;
        Map.Entry<Integer, Integer> floor = ranges.floorEntry(start);
        if (floor != null && floor.getValue() >= start) {
            from = floor.getKey();
            to = Math.max(to, floor.getValue());
        }
        Map.Entry<Integer, Integer> next;
        while ((next = ranges.ceilingEntry(from)) != null && next.getKey() <= to) {
            to = Math.max(to, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(from, to);
    }

    /** Forgets everything at or past {@code size} (the file was cut there). */
    synchronized void truncateTo(int size) {
        ranges.tailMap(size, true).clear();
        Map.Entry<Integer, Integer> last = ranges.lastEntry();
        if (last != null && last.getValue() > size) {
            ranges.put(last.getKey(), size);
        }
    }

    synchronized void clear() {
        ranges.clear();
    }
}
