package io.tributary.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A segment's sparse offset index ({@code .index}): 8-byte entries {@code int32 relativeOffset, int32
 * position} mapping a batch's last offset to the position where the batch starts, in increasing order.
 * Entries live on the heap (packed in a long[]) and are appended to the file as they are added.
 *
 * <p>Threading: one writer (the partition's append path) calls the mutators; readers call
 * {@link #lookup} without locking. The entry array is replaced, never shrunk in place, and the count is
 * published last through a volatile write, so a reader sees a consistent prefix.
 */
public final class OffsetIndex {

    public static final int ENTRY_SIZE = 8;

    private final long baseOffset;
    private final int maxEntries;
    private final IndexFile file;
    private volatile long[] entries = new long[16];
    private volatile int count;

    private OffsetIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        this.baseOffset = baseOffset;
        this.maxEntries = Math.max(1, maxIndexBytes / ENTRY_SIZE);
        this.file = new IndexFile(path, ENTRY_SIZE);
    }

    /** Opens (or creates empty) the index at {@code path}; an untrustworthy file throws. */
    public static OffsetIndex open(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        OffsetIndex index = new OffsetIndex(path, baseOffset, maxIndexBytes);
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
            throw new CorruptIndexException("Offset index " + file.path() + " has a partial entry");
        }
        int n = bytes.remaining() / ENTRY_SIZE;
        long[] loaded = new long[Math.max(16, n)];
        long previous = -1;
        int previousPosition = -1;
        for (int i = 0; i < n; i++) {
            int relative = bytes.getInt();
            int position = bytes.getInt();
            if (relative < 0 || relative <= previous && i > 0 || position < previousPosition) {
                throw new CorruptIndexException("Offset index " + file.path() + " is out of order at entry " + i);
            }
            previous = relative;
            previousPosition = position;
            loaded[i] = pack(relative, position);
        }
        entries = loaded;
        count = n;
    }

    private static long pack(int relative, int position) {
        return ((long) relative << 32) | (position & 0xffffffffL);
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

    public long baseOffset() {
        return baseOffset;
    }

    /** The last indexed offset, or the base offset when empty. */
    public long lastOffset() {
        int n = count;
        return n == 0 ? baseOffset : baseOffset + (int) (entries[n - 1] >>> 32);
    }

    /** Appends an entry; offsets must increase. */
    public void append(long offset, int position) throws IOException {
        int n = count;
        if (n > 0 && offset <= lastOffset()) {
            throw new IllegalArgumentException("Index offset " + offset + " not above " + lastOffset());
        }
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Offset " + offset + " does not fit segment " + baseOffset);
        }
        file.write(n, ByteBuffer.allocate(ENTRY_SIZE).putInt((int) relative).putInt(position).flip());
        long[] current = entries;
        if (n == current.length) {
            current = Arrays.copyOf(current, n * 2);
            entries = current;
        }
        current[n] = pack((int) relative, position);
        count = n + 1;
    }

    /**
     * The entry with the largest offset at or below {@code target}, or {@code (baseOffset, 0)} when none is:
     * scanning the log forward from its position finds the batch holding {@code target}.
     */
    public IndexEntry lookup(long target) {
        int n = count;
        long[] current = entries;
        long relative = target - baseOffset;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((current[mid] >>> 32) <= relative) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return new IndexEntry(baseOffset, 0);
        }
        return new IndexEntry(baseOffset + (current[found] >>> 32), (int) current[found]);
    }

    /**
     * The largest indexed position at or below {@code position}, or 0 when none is. Positions increase with
     * offsets, so this is a batch start from which a forward scan finds the last batch ending before
     * {@code position}.
     */
    public int floorPosition(int position) {
        int n = count;
        long[] current = entries;
        int lo = 0;
        int hi = n - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int candidate = (int) current[mid];
            if (candidate <= position) {
                found = candidate;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Removes every entry for an offset at or above {@code offset}. */
    public void truncateTo(long offset) throws IOException {
        int n = count;
        while (n > 0 && baseOffset + (entries[n - 1] >>> 32) >= offset) {
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
