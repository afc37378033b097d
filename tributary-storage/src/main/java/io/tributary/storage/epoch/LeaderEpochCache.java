package io.tributary.storage.epoch;

import io.tributary.storage.checkpoint.CheckpointFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partition's {@code leader-epoch-checkpoint}: which epoch started at which offset, epochs and start
 * offsets both strictly increasing. Every change is written through to the file.
 *
 * <p>Threading: mutated only under the partition log's lock; readers (OffsetForLeaderEpoch, fetch
 * validation) take this object's monitor, which every method holds.
 */
public final class LeaderEpochCache {

    private final CheckpointFile file;
    private final List<EpochEntry> entries = new ArrayList<>();

    private LeaderEpochCache(Path path) {
        this.file = new CheckpointFile(path);
    }

    /** Loads the checkpoint in {@code partitionDir} (empty when absent). */
    public static LeaderEpochCache load(Path partitionDir) throws IOException {
        LeaderEpochCache cache = new LeaderEpochCache(partitionDir.resolve("leader-epoch-checkpoint"));
        for (String line : cache.file.read()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IOException("Malformed line in " + cache.file.path() + ": " + line);
            }
            cache.entries.add(new EpochEntry(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
        }
        return cache;
    }

    public synchronized List<EpochEntry> entries() {
        return List.copyOf(entries);
    }

    /** The newest epoch, if any. */
    public synchronized Optional<Integer> latestEpoch() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).epoch());
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}. A repeat of the latest epoch is ignored; an
     * epoch or offset not above what is known first removes the entries it conflicts with.
     */
    public synchronized void assign(int epoch, long startOffset) throws IOException {
        if (epoch < 0) {
            return;
        }
        if (!entries.isEmpty()) {
            EpochEntry last = entries.get(entries.size() - 1);
            if (last.epoch() == epoch && last.startOffset() <= startOffset) {
                return;
            }
        }
        entries.removeIf(e -> e.epoch() >= epoch || e.startOffset() >= startOffset);
        entries.add(new EpochEntry(epoch, startOffset));
        flush();
    }

    /** See {@link EpochEndOffset}; {@code logEndOffset} ends the latest epoch. */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch < 0 || entries.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        EpochEntry last = entries.get(entries.size() - 1);
        if (requestedEpoch == last.epoch()) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        EpochEntry floor = null;
        for (EpochEntry entry : entries) {
            if (entry.epoch() > requestedEpoch) {
                return floor == null
                        ? new EpochEndOffset(requestedEpoch, entry.startOffset())
                        : new EpochEndOffset(floor.epoch(), entry.startOffset());
            }
            floor = entry;
        }
        return EpochEndOffset.UNDEFINED;
    }

    /** Forgets epochs that start at or after {@code endOffset} (the log was truncated there). */
    public synchronized void truncateFromEnd(long endOffset) throws IOException {
        if (entries.removeIf(e -> e.startOffset() >= endOffset)) {
            flush();
        }
    }

    /** Forgets epochs wholly below {@code startOffset}; the epoch spanning it now starts there. */
    public synchronized void truncateFromStart(long startOffset) throws IOException {
        int spanning = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).startOffset() <= startOffset) {
                spanning = i;
            }
        }
        if (spanning < 0 || entries.get(spanning).startOffset() == startOffset && spanning == 0) {
            return;
        }
        EpochEntry kept = new EpochEntry(entries.get(spanning).epoch(), startOffset);
        entries.subList(0, spanning + 1).clear();
        entries.add(0, kept);
        flush();
    }

    public synchronized void clear() throws IOException {
        entries.clear();
        flush();
    }

    private void flush() throws IOException {
        List<String> lines = new ArrayList<>(entries.size());
        for (EpochEntry entry : entries) {
            lines.add(entry.epoch() + " " + entry.startOffset());
        }
        file.write(lines);
    }
}
