package io.tributary.storage.segment;

/**
 * One aborted transaction as the {@code .txnindex} records it: the producer, the offset of its first record
 * in this partition, the offset of its ABORT marker, and the last stable offset once it was aborted.
 */
public record AbortedTxn(long producerId, long firstOffset, long lastOffset, long lastStableOffset) {
}
