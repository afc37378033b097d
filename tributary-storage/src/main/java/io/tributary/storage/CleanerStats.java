package io.tributary.storage;

/** What one compaction pass did to a log. */
public record CleanerStats(int segmentsRead, int segmentsWritten, long bytesRead, long bytesWritten,
                           long recordsRead, long recordsRetained, long tombstonesDropped) {

    public static final CleanerStats NOTHING = new CleanerStats(0, 0, 0, 0, 0, 0, 0);
}
