package io.tributary.storage.epoch;

/**
 * The answer to OffsetForLeaderEpoch: the largest epoch at or below the one asked for, and the offset
 * where it ended (the next epoch's start, or the log end for the current epoch). {@code (-1, -1)} when
 * unknown.
 */
public record EpochEndOffset(int leaderEpoch, long endOffset) {

    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(-1, -1L);
}
