package io.tributary.broker.replica;

/**
 * What a leader knows of one follower: its log end offset (from its last fetch) and when it was
 * last caught up with the leader. Guarded by the partition's lock.
 */
final class ReplicaState {

    final int brokerId;
    long logEndOffset = -1;
    long lastCaughtUpTimeMs;
    long lastFetchTimeMs;

    ReplicaState(int brokerId, long nowMs) {
        this.brokerId = brokerId;
        this.lastCaughtUpTimeMs = nowMs;
    }
}
