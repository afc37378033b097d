package io.tributary.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment's aborted-transaction index ({@code .txnindex}), Kafka's format: 34-byte entries {@code int16
 * version (0), int64 producerId, int64 firstOffset, int64 lastOffset, int64 lastStableOffset}, one per
 * transaction whose ABORT marker is in the segment, in marker order. read_committed fetches use it to tell
 * consumers which producers' records to drop. Entries are kept on the heap too.
 *
 * <p>Threading: one writer (the partition's append path, recovery, truncation) mutates; readers call
 * {@link #collect} without locking and see the list published by the last completed mutation.
 */
public final class TransactionIndex {

    public static final int ENTRY_SIZE = 34;
    private static final short VERSION = 0;

    private final IndexFile file;
    private volatile List<AbortedTxn> entries = List.of();

    private TransactionIndex(Path path) throws IOException {
        this.file = new IndexFile(path, ENTRY_SIZE);
    }

    /** Opens (or creates empty) the index; a torn trailing entry or an unknown version is dropped. */
    public static TransactionIndex open(Path path) throws IOException {
        TransactionIndex index = new TransactionIndex(path);
        ByteBuffer bytes = index.file.readAll();
        List<AbortedTxn> loaded = new ArrayList<>();
        long previousLast = Long.MIN_VALUE;
        while (bytes.remaining() >= ENTRY_SIZE) {
            short version = bytes.getShort();
            AbortedTxn txn = new AbortedTxn(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
            if (version != VERSION || txn.lastOffset() <= previousLast) {
                break;
            }
            loaded.add(txn);
            previousLast = txn.lastOffset();
        }
        if ((long) loaded.size() * ENTRY_SIZE != bytes.limit()) {
            index.file.truncateEntries(loaded.size());
        }
        index.entries = List.copyOf(loaded);
        return index;
    }

    public Path path() {
        return file.path();
    }

    public List<AbortedTxn> entries() {
        return entries;
    }

    /** The marker offset of the newest entry, or -1 when empty. */
    public long lastOffset() {
        List<AbortedTxn> current = entries;
        return current.isEmpty() ? -1 : current.get(current.size() - 1).lastOffset();
    }

    /** Appends an entry; one whose marker is not after the newest entry's is already indexed and ignored. */
    public void append(AbortedTxn txn) throws IOException {
        List<AbortedTxn> current = entries;
        if (txn.lastOffset() <= lastOffset()) {
            return;
        }
        ByteBuffer entry = ByteBuffer.allocate(ENTRY_SIZE).putShort(VERSION).putLong(txn.producerId())
                .putLong(txn.firstOffset()).putLong(txn.lastOffset()).putLong(txn.lastStableOffset()).flip();
        file.write(current.size(), entry);
        List<AbortedTxn> next = new ArrayList<>(current.size() + 1);
        next.addAll(current);
        next.add(txn);
        entries = List.copyOf(next);
    }

    /** Removes every entry whose marker is at or after {@code offset}. */
    public void truncateTo(long offset) throws IOException {
        List<AbortedTxn> current = entries;
        int keep = 0;
        while (keep < current.size() && current.get(keep).lastOffset() < offset) {
            keep++;
        }
        if (keep < current.size()) {
            file.truncateEntries(keep);
            entries = List.copyOf(current.subList(0, keep));
        }
    }

    /**
     * Adds to {@code out} every aborted transaction that overlaps [{@code fetchOffset}, {@code upperBound}):
     * its marker at or after the fetch offset and its first record before the bound.
     */
    public void collect(long fetchOffset, long upperBound, List<AbortedTxn> out) {
        for (AbortedTxn txn : entries) {
            if (txn.lastOffset() >= fetchOffset && txn.firstOffset() < upperBound) {
                out.add(txn);
            }
        }
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
