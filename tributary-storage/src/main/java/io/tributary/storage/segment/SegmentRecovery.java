package io.tributary.storage.segment;

/**
 * What recovering one segment found: the batches that validated, the bytes they cover, and how many bytes
 * past them were cut off (a torn write, garbage, or a batch whose CRC failed).
 */
public record SegmentRecovery(int validBatches, int validBytes, int truncatedBytes) {
}
