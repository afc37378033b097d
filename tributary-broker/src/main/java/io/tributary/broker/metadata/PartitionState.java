package io.tributary.broker.metadata;

import java.util.List;

/**
 * Leader, leader epoch and ISR of a partition as stored in its state znode, with the znode version
 * that conditional updates must match. Immutable.
 */
public record PartitionState(int leader, int leaderEpoch, List<Integer> isr, int controllerEpoch, int zkVersion) {

    public static final int NO_LEADER = -1;

    public PartitionState {
        isr = List.copyOf(isr);
    }

    public PartitionState withLeader(int newLeader, List<Integer> newIsr, int newControllerEpoch) {
        return new PartitionState(newLeader, leaderEpoch + 1, newIsr, newControllerEpoch, zkVersion);
    }

    public PartitionState withIsr(List<Integer> newIsr) {
        return new PartitionState(leader, leaderEpoch, newIsr, controllerEpoch, zkVersion);
    }
}
