package io.tributary.storage.segment;

/** Where a batch sits in a segment file: start position, size and offset range. */
public record BatchLocation(int position, int size, long baseOffset, long lastOffset) {
}
