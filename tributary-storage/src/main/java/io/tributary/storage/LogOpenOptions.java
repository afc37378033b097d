package io.tributary.storage;

/**
 * What the log dir's checkpoints say about a partition when it is opened.
 *
 * @param hadCleanShutdown the dir's clean-shutdown marker was present: nothing needs re-validating
 * @param recoveryPoint    offset below which data is known flushed; recovery re-reads from here
 * @param logStartOffset   checkpointed log start offset (DeleteRecords may have moved it past segment 0)
 * @param highWatermark    checkpointed high watermark, capped at the log end on load
 */
public record LogOpenOptions(boolean hadCleanShutdown, long recoveryPoint, long logStartOffset, long highWatermark) {

    /** A log last closed cleanly, with no checkpointed offsets. */
    public static final LogOpenOptions CLEAN = new LogOpenOptions(true, 0, 0, 0);

    /** A log whose broker crashed: every segment at or after {@code recoveryPoint} is re-validated. */
    public static LogOpenOptions afterCrash(long recoveryPoint) {
        return new LogOpenOptions(false, recoveryPoint, 0, 0);
    }
}
