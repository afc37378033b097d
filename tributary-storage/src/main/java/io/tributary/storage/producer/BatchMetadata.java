package io.tributary.storage.producer;

/** What is remembered of one idempotent batch: its sequence range and the offsets it was given. */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset) {
}
