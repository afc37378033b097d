package io.tributary.broker.api;

import io.tributary.broker.replica.Partition;
import io.tributary.protocol.Errors;

/**
 * The checks every leader-only request makes of a partition: it exists here, its log directory has not
 * failed (KAFKA_STORAGE_ERROR), this broker leads it,
 * and the client's view of the leader epoch (-1 = no check) is neither older (fenced) nor newer
 * (this broker has not caught up) than the partition's.
 */
public final class LeaderChecks {

    private LeaderChecks() {
    }

    public static Errors check(Partition partition, int currentLeaderEpoch) {
        if (partition == null) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (partition.isOffline()) {
            return Errors.KAFKA_STORAGE_ERROR;
        }
        if (!partition.isLeader()) {
            return Errors.NOT_LEADER_OR_FOLLOWER;
        }
        if (currentLeaderEpoch >= 0 && currentLeaderEpoch < partition.leaderEpoch()) {
            return Errors.FENCED_LEADER_EPOCH;
        }
        if (currentLeaderEpoch > partition.leaderEpoch()) {
            return Errors.UNKNOWN_LEADER_EPOCH;
        }
        return Errors.NONE;
    }
}
