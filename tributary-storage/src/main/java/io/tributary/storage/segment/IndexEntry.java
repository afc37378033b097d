package io.tributary.storage.segment;

/** An offset index hit: a batch's last offset and the file position where that batch starts. */
public record IndexEntry(long offset, int position) {
}
