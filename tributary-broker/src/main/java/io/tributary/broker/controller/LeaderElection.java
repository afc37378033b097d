package io.tributary.broker.controller;

import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses partition leaders. Clean election takes the first replica, in assignment order, that is
 * alive and in the ISR, so nothing acknowledged is lost; unclean election (only when enabled) may
 * take any live replica. Stateless.
 */
public final class LeaderElection {

    private LeaderElection() {
    }

    /** The new state after the current leader became unavailable, or null if nothing changes. */
    public static PartitionState electIfNeeded(PartitionState current, List<Integer> replicas, ClusterImage image,
                                               boolean uncleanAllowed, int controllerEpoch) {
        if (current.leader() != PartitionState.NO_LEADER && image.isAlive(current.leader())) {
            List<Integer> liveIsr = live(current.isr(), image);
            if (liveIsr.size() != current.isr().size()) {
                return new PartitionState(current.leader(), current.leaderEpoch(), liveIsr, controllerEpoch, current.zkVersion());
            }
            return null;
        }
        List<Integer> liveIsr = live(current.isr(), image);
        for (int replica : replicas) {
            if (liveIsr.contains(replica)) {
                return current.withLeader(replica, liveIsr, controllerEpoch);
            }
        }
        if (uncleanAllowed) {
            for (int replica : replicas) {
                if (image.isAlive(replica)) {
                    return current.withLeader(replica, List.of(replica), controllerEpoch);
                }
            }
        }
        if (current.leader() == PartitionState.NO_LEADER) {
            return null;
        }
        // No eligible replica: the partition goes offline but keeps its last ISR, so the replica that
        // has every acknowledged record can lead again when it returns.
        List<Integer> keptIsr = liveIsr.isEmpty() ? current.isr() : liveIsr;
        return current.withLeader(PartitionState.NO_LEADER, keptIsr, controllerEpoch);
    }

    /** Leader and ISR of a new partition: the first live replica leads, every live replica is in sync. */
    public static PartitionState initial(List<Integer> replicas, ClusterImage image, int controllerEpoch) {
        List<Integer> live = live(replicas, image);
        if (live.isEmpty()) {
            return null;
        }
        return new PartitionState(live.get(0), 0, live, controllerEpoch, 0);
    }

    /** Preferred-replica election: hand leadership back to the first assigned replica if it is in sync. */
    public static PartitionState preferred(PartitionState current, List<Integer> replicas, ClusterImage image,
                                           int controllerEpoch) {
        int preferred = replicas.get(0);
        if (current.leader() == preferred || !image.isAlive(preferred) || !current.isr().contains(preferred)) {
            return null;
        }
        return current.withLeader(preferred, current.isr(), controllerEpoch);
    }

    /**
     * Controlled shutdown of {@code leaving}: if it leads, hand leadership to the first other live ISR
     * member in assignment order; either way take it out of the ISR so it is neither waited for by
     * acks=all nor elected again. Null if nothing changes or no other ISR member can lead (the
     * partition then stays where it is and the broker reports it as remaining).
     */
    public static PartitionState withoutLeavingBroker(PartitionState current, List<Integer> replicas, ClusterImage image,
                                                      int leaving, int controllerEpoch) {
        List<Integer> isr = new ArrayList<>(live(current.isr(), image));
        isr.remove(Integer.valueOf(leaving));
        if (current.leader() != leaving) {
            if (!current.isr().contains(leaving) || isr.isEmpty()) {
                return null;
            }
            return new PartitionState(current.leader(), current.leaderEpoch(), isr, controllerEpoch, current.zkVersion());
        }
        for (int replica : replicas) {
            if (isr.contains(replica)) {
                return current.withLeader(replica, isr, controllerEpoch);
            }
        }
        return null;
    }

    /**
     * A replica's log directory failed on {@code failed}: take it out of the ISR and, if it leads, hand leadership
     * to the first other live ISR member in assignment order; with none, the partition has no leader and keeps
     * its ISR (so the member with every acknowledged record leads again when it returns). Null if nothing changes.
     */
    public static PartitionState withoutFailedReplica(PartitionState current, List<Integer> replicas, ClusterImage image,
                                                      int failed, int controllerEpoch) {
        PartitionState moved = withoutLeavingBroker(current, replicas, image, failed, controllerEpoch);
        if (moved != null || current.leader() != failed) {
            return moved;
        }
        return current.withLeader(PartitionState.NO_LEADER, current.isr(), controllerEpoch);
    }

    private static List<Integer> live(List<Integer> brokers, ClusterImage image) {
        List<Integer> live = new ArrayList<>();
        for (int broker : brokers) {
            if (image.isAlive(broker)) {
                live.add(broker);
            }
        }
        return live;
    }
}
