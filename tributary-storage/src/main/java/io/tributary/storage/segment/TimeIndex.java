package io.tributary.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A segment's time index ({@code .timeindex}): 12-byte entries {@code int64 timestamp, int32
 * relativeOffset}, timestamps strictly increasing; an entry says "records up to this timestamp end at or
 * before this offset". Entries live on the heap and are appended to the file as they are added.
 *
 * <p>Threading as {@link OffsetIndex}: one writer, lock-free readers over a volatile snapshot.
 */
public final class TimeIndex {

    public static final int ENTRY_SIZE = 12;

    /** Immutable-by-convention arrays swapped as a unit so readers never mix generations. */
    private record Entries(long[] timestamps, int[] offsets) {
    }

    private final long baseOffset;
    private final int maxEntries;
    private final IndexFile file;
    private volatile Entries entries = new Entries(new long[16], new int[16]);
    private volatile int count;

    private TimeIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        this.baseOffset = baseOffset;
        this.maxEntries = Math.max(1, maxIndexBytes / ENTRY_SIZE);
        this.file = new IndexFile(path, ENTRY_SIZE);
    }

    /** Opens (or creates empty) the index at {@code path}; an untrustworthy file throws. */
    public static TimeIndex open(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        TimeIndex index = new TimeIndex(path, baseOffset, maxIndexBytes);
        try {
            index.load();
        } catch (CorruptIndexException e) {
            index.close();
            throw e;
        }
        return index;
    }

    private void load() throws IOException {
        ByteBuffer bytes = file.readAll();
        if (bytes.remaining() % ENTRY_SIZE != 0) {
            throw new CorruptIndexException("Time index " + file.path() + " has a partial entry");
        }
        int n = bytes.remaining() / ENTRY_SIZE;
        long[] timestamps = new long[Math.max(16, n)];
        int[] offsets = new int[Math.max(16, n)];
        for (int i = 0; i < n; i++) {
            timestamps[i] = bytes.getLong();
            offsets[i] = bytes.getInt();
            if (offsets[i] < 0 || i > 0 && (timestamps[i] <= timestamps[i - 1] || offsets[i] < offsets[i - 1])) {
                throw new CorruptIndexException("Time index " + file.path() + " is out of order at entry " + i);
            }
        }
        entries = new Entries(timestamps, offsets);
        count = n;
    }

    public Path path() {
        return file.path();
    }

    public int entries() {
        return count;
    }

    public boolean isFull() {
        return count >= maxEntries;
    }

    /** The newest timestamp indexed, or -1 when empty. */
    public long lastTimestamp() {
        int n = count;
        return n == 0 ? -1L : entries.timestamps()[n - 1];
    }

    /** Appends {@code (timestamp, offset)} unless the timestamp does not move the index forward. */
    public void maybeAppend(long timestamp, long offset) throws IOException {
        int n = count;
        if (timestamp < 0 || (n > 0 && timestamp <= lastTimestamp())) {
            return;
        }
        if (n >= maxEntries) {
            return;
        }
        int relative = (int) Math.max(offset - baseOffset, n == 0 ? 0 : entries.offsets()[n - 1]);
        file.write(n, ByteBuffer.allocate(ENTRY_SIZE).putLong(timestamp).putInt(relative).flip());
        Entries current = entries;
        if (n == current.timestamps().length) {
            current = new Entries(Arrays.copyOf(current.timestamps(), n * 2), Arrays.copyOf(current.offsets(), n * 2));
            entries = current;
        }
        current.timestamps()[n] = timestamp;
        current.offsets()[n] = relative;
        count = n + 1;
    }

    /**
     * The offset to start scanning from to find the first record with a timestamp at or above
     * {@code target}: that of the newest entry whose timestamp is below {@code target}, else the base.
     */
    public long lookup(long target) {
        int n = count;
        Entries current = entries;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (current.timestamps()[mid] < target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? baseOffset : baseOffset + current.offsets()[found];
    }

    /** Removes every entry for an offset at or above {@code offset}. */
    public void truncateTo(long offset) throws IOException {
        int n = count;
        while (n > 0 && baseOffset + entries.offsets()[n - 1] >= offset) {
            n--;
        }
        count = n;
        file.truncateEntries(n);
    }

    public void flush() throws IOException {
        file.flush();
    }

    public void close() throws IOException {
        file.close();
    }

    public void renameTo(Path target) throws IOException {
        file.renameTo(target);
    }

    public void delete() throws IOException {
        file.delete();
    }
}
