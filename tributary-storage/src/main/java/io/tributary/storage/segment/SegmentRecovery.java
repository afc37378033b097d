package io.tributary.storage.segment;

/**
 * What recovering one segment found: the batches that validated, the bytes they cover, how many bytes past
 * them were cut off (a torn write, garbage, or a batch whose CRC failed) and the offset after the last valid
 * batch, which is where the log now ends if anything was cut.
 */
public record SegmentRecovery(int validBatches, int validBytes, int truncatedBytes, long nextOffset) {
}
