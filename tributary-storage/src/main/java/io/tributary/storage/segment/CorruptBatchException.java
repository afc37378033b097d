package io.tributary.storage.segment;

import java.io.IOException;

/**
 * A read reached a batch whose bytes fail their CRC (or whose framing is broken): it is not served. Carries
 * where the damage starts, so the log can name the offsets it makes unreadable and have recovery cut there.
 */
public class CorruptBatchException extends IOException {

    private final long segmentBaseOffset;
    private final int position;

    public CorruptBatchException(long segmentBaseOffset, int position, String message) {
        super(message);
        this.segmentBaseOffset = segmentBaseOffset;
        this.position = position;
    }

    public long segmentBaseOffset() {
        return segmentBaseOffset;
    }

    /** The file position of the first damaged byte run. */
    public int position() {
        return position;
    }
}
