package io.tributary.storage.producer;

/**
 * A transaction a marker just ended in this partition: its producer, first record, marker offset and
 * outcome. Until the high watermark passes the marker it still holds the last stable offset back.
 */
public record CompletedTxn(long producerId, long firstOffset, long lastOffset, boolean aborted) {
}
