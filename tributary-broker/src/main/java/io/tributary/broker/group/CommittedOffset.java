package io.tributary.broker.group;

/**
 * A committed position: the next offset the group will read, the leader epoch of the record before it
 * (-1 if unknown), the client's metadata and when the commit was written. Immutable.
 */
record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
}
