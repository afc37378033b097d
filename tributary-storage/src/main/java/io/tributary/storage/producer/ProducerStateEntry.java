package io.tributary.storage.producer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One producer id's state in one partition: its current epoch, its last
 * {@value #NUM_BATCHES_TO_RETAIN} batches, oldest first, and where its open transaction (if any) began. Not thread-safe; owned by
 * {@link ProducerStateManager}.
 */
public final class ProducerStateEntry {

    /** A producer keeps at most five requests in flight, so five batches cover every retry. */
    public static final int NUM_BATCHES_TO_RETAIN = 5;

    private final long producerId;
    private short epoch;
    private long lastTimestamp;
    private long currentTxnFirstOffset = -1;
    private int coordinatorEpoch = -1;
    private final Deque<BatchMetadata> batches = new ArrayDeque<>(NUM_BATCHES_TO_RETAIN);

    public ProducerStateEntry(long producerId, short epoch, long lastTimestamp) {
        this.producerId = producerId;
        this.epoch = epoch;
        this.lastTimestamp = lastTimestamp;
    }

    public long producerId() {
        return producerId;
    }

    public short epoch() {
        return epoch;
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** The offset of the first record of the producer's open transaction here, or -1 when none is open. */
    public long currentTxnFirstOffset() {
        return currentTxnFirstOffset;
    }

    /** The coordinator epoch of the last transaction marker written for this producer, or -1. */
    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    void setCurrentTxnFirstOffset(long offset) {
        currentTxnFirstOffset = offset;
    }

    /** A marker ends the open transaction; a newer epoch in it (a fenced producer) forgets older batches. */
    void onMarker(short markerEpoch, int markerCoordinatorEpoch, long timestamp) {
        if (markerEpoch > epoch) {
            batches.clear();
            epoch = markerEpoch;
        }
        coordinatorEpoch = markerCoordinatorEpoch;
        currentTxnFirstOffset = -1;
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    void restoreTxn(long txnFirstOffset, int restoredCoordinatorEpoch) {
        currentTxnFirstOffset = txnFirstOffset;
        coordinatorEpoch = restoredCoordinatorEpoch;
    }

    public List<BatchMetadata> batches() {
        return List.copyOf(batches);
    }

    /** The last sequence written, or -1 when no batch is known in this epoch. */
    public int lastSeq() {
        return batches.isEmpty() ? -1 : batches.getLast().lastSeq();
    }

    /** The retained batch with exactly this sequence range, if any. */
    public BatchMetadata findDuplicate(int firstSeq, int lastSeq) {
        for (BatchMetadata batch : batches) {
            if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
                return batch;
            }
        }
        return null;
    }

    /** Records a batch written in {@code newEpoch}; a newer epoch forgets the older epoch's batches. */
    public void add(short newEpoch, BatchMetadata batch, long timestamp) {
        if (newEpoch != epoch) {
            batches.clear();
            epoch = newEpoch;
        }
        batches.addLast(batch);
        while (batches.size() > NUM_BATCHES_TO_RETAIN) {
            batches.removeFirst();
        }
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    void restore(BatchMetadata batch) {
        batches.addLast(batch);
    }
}
