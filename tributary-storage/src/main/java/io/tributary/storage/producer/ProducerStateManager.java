package io.tributary.storage.producer;

import io.tributary.protocol.record.ControlRecord;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.storage.LogException;
import io.tributary.storage.StorageError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent-producer state of one partition: per producer id the epoch and last five batches, enough to
 * spot a retried batch (answered with its original offsets), a gap (OUT_OF_ORDER_SEQUENCE_NUMBER) or a
 * fenced producer (INVALID_PRODUCER_EPOCH). {@link #mapEndOffset()} is the log offset up to which the
 * state is complete. Survives restarts through {@code <offset>.snapshot} files plus replay of the batches
 * after the newest snapshot.
 *
 * <p>Transactions: a transactional batch opens its producer's transaction at its base offset (unless one is
 * open); a COMMIT or ABORT marker closes it. Open transactions, and closed ones whose marker the high
 * watermark has not passed yet, are the unstable part of the log: {@link #firstUnstableOffset()} bounds
 * the last stable offset that read_committed consumers may read up to. Open transactions survive restarts
 * in the snapshots.
 *
 * <p>Not thread-safe: used only under the partition log's lock, except {@link #syncSnapshotsUpTo}, which the
 * background flush calls without it (the set of snapshots awaiting fsync is concurrent for that reason).
 */
public final class ProducerStateManager {

    private static final Logger log = LoggerFactory.getLogger(ProducerStateManager.class);

    private final Path dir;
    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
    private long mapEndOffset;
    /** First offset of every open transaction, to its producer id. */
    private final TreeMap<Long, Long> ongoing = new TreeMap<>();
    /** Transactions whose marker is written but not yet below the high watermark, by first offset. */
    private final TreeMap<Long, CompletedTxn> unreplicated = new TreeMap<>();
    /** Offsets of snapshots written but not yet fsynced. */
    private final NavigableSet<Long> unsynced = new ConcurrentSkipListSet<>();

    public ProducerStateManager(Path dir) {
        this.dir = dir;
    }

    public long mapEndOffset() {
        return mapEndOffset;
    }

    public ProducerStateEntry producer(long producerId) {
        return producers.get(producerId);
    }

    public int producerCount() {
        return producers.size();
    }

    /**
     * Checks a leader append against the producer's state before it is written.
     *
     * @return the original batch when this one is a retry of a batch still remembered, else null
     * @throws LogException INVALID_PRODUCER_EPOCH or OUT_OF_ORDER_SEQUENCE_NUMBER
     */
    public BatchMetadata checkAppend(RecordBatch batch) {
        ProducerStateEntry entry = producers.get(batch.producerId());
        if (entry == null) {
            return null; // unknown (or expired) producer: accept whatever sequence it starts from
        }
        short epoch = batch.producerEpoch();
        int firstSeq = batch.baseSequence();
        if (epoch < entry.epoch()) {
            throw new LogException(StorageError.INVALID_PRODUCER_EPOCH, "Producer " + batch.producerId()
                    + " epoch " + epoch + " is older than the current epoch " + entry.epoch());
        }
        if (epoch == entry.epoch()) {
            BatchMetadata duplicate = entry.findDuplicate(firstSeq, batch.lastSequence());
            if (duplicate != null) {
                return duplicate;
            }
            int lastSeq = entry.lastSeq();
            boolean inSequence = lastSeq < 0 ? firstSeq == 0 : firstSeq == RecordBatch.incrementSequence(lastSeq, 1);
            if (!inSequence) {
                throw outOfOrder(batch, "expected " + (lastSeq < 0 ? 0 : RecordBatch.incrementSequence(lastSeq, 1)));
            }
        } else if (firstSeq != 0) {
            throw outOfOrder(batch, "a new epoch must start at sequence 0");
        }
        return null;
    }

    /**
     * Checks only the epoch of a batch a coordinator of this broker writes for a producer (transactional
     * offsets), whose sequence is not the producer's: a fenced producer's batch must not get in.
     *
     * @throws LogException INVALID_PRODUCER_EPOCH for an epoch older than the producer's
     */
    public void checkEpoch(RecordBatch batch) {
        ProducerStateEntry entry = producers.get(batch.producerId());
        if (entry != null && batch.producerEpoch() < entry.epoch()) {
            throw new LogException(StorageError.INVALID_PRODUCER_EPOCH, "Producer " + batch.producerId()
                    + " epoch " + batch.producerEpoch() + " is older than the current epoch " + entry.epoch());
        }
    }

    /**
     * Checks a transaction marker the leader is about to write.
     *
     * @throws LogException INVALID_PRODUCER_EPOCH for an epoch older than the producer's, or
     *                      TRANSACTION_COORDINATOR_FENCED for an older coordinator epoch
     */
    public void checkMarker(long producerId, short epoch, int coordinatorEpoch) {
        ProducerStateEntry entry = producers.get(producerId);
        if (entry == null) {
            return;
        }
        if (epoch < entry.epoch()) {
            throw new LogException(StorageError.INVALID_PRODUCER_EPOCH, "Marker for producer " + producerId
                    + " has epoch " + epoch + ", older than the current epoch " + entry.epoch());
        }
        if (coordinatorEpoch < entry.coordinatorEpoch()) {
            throw new LogException(StorageError.TRANSACTION_COORDINATOR_FENCED, "Marker for producer " + producerId
                    + " comes from coordinator epoch " + coordinatorEpoch + ", older than "
                    + entry.coordinatorEpoch());
        }
    }

    private static LogException outOfOrder(RecordBatch batch, String expected) {
        return new LogException(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER, "Producer " + batch.producerId()
                + " sent sequence " + batch.baseSequence() + ", " + expected);
    }

    /**
     * Records a batch now in the log (leader append, follower append or replay). A control batch must be
     * given whole (its record says COMMIT or ABORT); a data batch may be a header view.
     *
     * @return the transaction a marker ended, else null
     */
    public CompletedTxn update(RecordBatch batch) {
        CompletedTxn completed = null;
        if (batch.hasProducerId()) {
            ProducerStateEntry entry = producers.computeIfAbsent(batch.producerId(),
                    id -> new ProducerStateEntry(id, batch.producerEpoch(), batch.maxTimestamp()));
            if (batch.isControl()) {
                completed = endTxn(entry, batch);
            } else {
                entry.add(batch.producerEpoch(), new BatchMetadata(batch.baseSequence(), batch.lastSequence(),
                        batch.baseOffset(), batch.lastOffset()), batch.maxTimestamp());
                if (batch.isTransactional() && entry.currentTxnFirstOffset() < 0) {
                    entry.setCurrentTxnFirstOffset(batch.baseOffset());
                    ongoing.put(batch.baseOffset(), batch.producerId());
                }
            }
        }
        mapEndOffset = Math.max(mapEndOffset, batch.nextOffset());
        return completed;
    }

    private CompletedTxn endTxn(ProducerStateEntry entry, RecordBatch marker) {
        ControlRecord.Type type = ControlRecord.typeOf(marker);
        if (type == null) {
            return null; // a control batch of another kind: no transaction ends
        }
        long firstOffset = entry.currentTxnFirstOffset();
        if (firstOffset >= 0) {
            ongoing.remove(firstOffset);
        } else {
            firstOffset = marker.baseOffset(); // a marker without data here (Kafka does the same)
        }
        entry.onMarker(marker.producerEpoch(), ControlRecord.coordinatorEpochOf(marker), marker.maxTimestamp());
        CompletedTxn completed = new CompletedTxn(entry.producerId(), firstOffset, marker.baseOffset(),
                type == ControlRecord.Type.ABORT);
        unreplicated.put(firstOffset, completed);
        return completed;
    }

    /** The last stable offset an aborted transaction leaves: the first still open, or just past its marker. */
    public long lastStableOffsetAfter(CompletedTxn completed) {
        return ongoing.isEmpty() ? completed.lastOffset() + 1 : Math.min(ongoing.firstKey(), completed.lastOffset() + 1);
    }

    /** Forgets completed transactions whose markers are now below the high watermark. */
    public void onHighWatermark(long highWatermark) {
        unreplicated.values().removeIf(txn -> txn.lastOffset() < highWatermark);
    }

    /** The first offset of an open or not yet replicated transaction, or {@link Long#MAX_VALUE} when none. */
    public long firstUnstableOffset() {
        long first = Long.MAX_VALUE;
        if (!ongoing.isEmpty()) {
            first = ongoing.firstKey();
        }
        if (!unreplicated.isEmpty()) {
            first = Math.min(first, unreplicated.firstKey());
        }
        return first;
    }

    /** Producer ids of the transactions open here, by first offset (oldest first). */
    public Map<Long, Long> ongoingTransactions() {
        return new TreeMap<>(ongoing);
    }

    /** Every producer remembered, as an immutable view. */
    public List<ProducerView> producerViews() {
        List<ProducerView> views = new ArrayList<>(producers.size());
        for (ProducerStateEntry entry : producers.values()) {
            views.add(new ProducerView(entry.producerId(), entry.epoch(), entry.lastSeq(), entry.lastTimestamp(),
                    entry.coordinatorEpoch(), entry.currentTxnFirstOffset()));
        }
        return views;
    }

    /** Marks the state complete up to {@code offset} without a batch (an empty log starting there). */
    public void advanceTo(long offset) {
        mapEndOffset = Math.max(mapEndOffset, offset);
    }

    /** Writes {@code <mapEndOffset>.snapshot} and fsyncs it before returning (used at close). */
    public void takeSnapshot() throws IOException {
        ProducerSnapshotFile.write(ProducerSnapshotFile.path(dir, mapEndOffset), producers.values(), true);
        unsynced.remove(mapEndOffset);
    }

    /**
     * Writes {@code <mapEndOffset>.snapshot} without waiting for the disk (a segment roll, on the append
     * path); {@link #syncSnapshotsUpTo} makes it durable later. Until then a crash may leave the file torn or
     * empty: its CRC then fails, recovery deletes it and replays from the previous snapshot, which is why
     * the recovery point never passes an unsynced snapshot.
     */
    public void takeSnapshotUnsynced() throws IOException {
        ProducerSnapshotFile.write(ProducerSnapshotFile.path(dir, mapEndOffset), producers.values(), false);
        unsynced.add(mapEndOffset);
    }

    /** Fsyncs every snapshot written unsynced at or below {@code offset}; one deleted meanwhile is skipped. */
    public void syncSnapshotsUpTo(long offset) throws IOException {
        for (Long pending : unsynced.headSet(offset, true)) {
            ProducerSnapshotFile.sync(ProducerSnapshotFile.path(dir, pending));
            unsynced.remove(pending);
        }
    }

    /**
     * Forgets everything, deletes snapshots above {@code maxOffset}, and loads the newest readable snapshot
     * at or below it (skipping and deleting corrupt ones). The caller replays batches from
     * {@link #mapEndOffset()} on.
     *
     * @param logStartOffset where replay starts when no snapshot is usable
     */
    public void truncateAndReload(long logStartOffset, long maxOffset) throws IOException {
        producers.clear();
        ongoing.clear();
        unreplicated.clear();
        mapEndOffset = logStartOffset;
        List<Long> offsets = ProducerSnapshotFile.list(dir);
        for (int i = offsets.size() - 1; i >= 0; i--) {
            long offset = offsets.get(i);
            Path file = ProducerSnapshotFile.path(dir, offset);
            if (offset > maxOffset) {
                Files.deleteIfExists(file);
                continue;
            }
            if (offset < logStartOffset) {
                break;
            }
            try {
                for (ProducerStateEntry entry : ProducerSnapshotFile.read(file)) {
                    producers.put(entry.producerId(), entry);
                    if (entry.currentTxnFirstOffset() >= 0) {
                        ongoing.put(entry.currentTxnFirstOffset(), entry.producerId());
                    }
                }
                mapEndOffset = offset;
                return;
            } catch (IOException e) {
                log.warn("Deleting unreadable producer snapshot {}: {}", file, e.getMessage());
                producers.clear();
                ongoing.clear();
                Files.deleteIfExists(file);
            }
        }
    }

    /** Deletes snapshots below {@code offset} (their segments are gone), keeping the newest one. */
    public void deleteSnapshotsBefore(long offset) throws IOException {
        List<Long> offsets = ProducerSnapshotFile.list(dir);
        for (int i = 0; i < offsets.size() - 1; i++) {
            if (offsets.get(i) < offset) {
                Files.deleteIfExists(ProducerSnapshotFile.path(dir, offsets.get(i)));
            }
        }
    }

    public List<Long> snapshotOffsets() throws IOException {
        return ProducerSnapshotFile.list(dir);
    }
}
