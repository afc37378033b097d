package io.tributary.storage.segment;

/** A record's timestamp and offset, the answer to a ListOffsets-by-time lookup. */
public record TimestampAndOffset(long timestamp, long offset) {
}
