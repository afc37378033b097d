package io.tributary.storage;

/**
 * The outcome of a successful append. For a duplicate idempotent batch nothing was written and the
 * offsets are those the original append assigned, which the produce response must carry.
 *
 * @param logAppendTime the broker time stamped on LogAppendTime topics, else -1
 */
public record LogAppendInfo(long firstOffset, long lastOffset, long logAppendTime, long logStartOffset,
                            int recordCount, boolean duplicate) {
}
