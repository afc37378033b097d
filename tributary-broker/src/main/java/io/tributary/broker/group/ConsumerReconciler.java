package io.tributary.broker.group;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Moves one member from what it owns towards its target assignment, KIP-848's incremental way:
 * partitions it must give up are revoked first, at its current epoch, and it waits until it says it
 * released them; only then does it move to the target epoch, and it gets a partition only once no
 * other member owns or is revoking it. Stateless; called with the group's monitor held.
 */
final class ConsumerReconciler {

    private ConsumerReconciler() {
    }

    /**
     * Reconciles {@code member} of {@code group}. {@code owned} is what the member reported owning in
     * this heartbeat, or null if it did not say. Returns whether the member's state changed.
     */
    static boolean reconcile(ConsumerGroup group, ConsumerGroupMember member, ConsumerAssignment owned) {
        int targetEpoch = group.assignmentEpoch();
        switch (member.state()) {
            case STABLE -> {
                if (member.memberEpoch() == targetEpoch) {
                    return false;
                }
            }
            case UNREVOKED_PARTITIONS -> {
                if (owned == null || owned.overlaps(member.pendingRevocation())) {
                    return false; // still waiting for the member to release its revoked partitions
                }
            }
            case UNRELEASED_PARTITIONS -> {
                // recompute below: partitions may have been released since
            }
            default -> throw new IllegalStateException("unknown state " + member.state());
        }
        return next(group, member, owned, targetEpoch);
    }

    private static boolean next(ConsumerGroup group, ConsumerGroupMember member, ConsumerAssignment owned, int targetEpoch) {
        ConsumerAssignment target = group.target(member.memberId());
        ConsumerAssignment current = member.assigned();
        Map<UUID, Set<Integer>> kept = new HashMap<>();
        Map<UUID, Set<Integer>> revoking = new HashMap<>();
        Map<UUID, Set<Integer>> gained = new HashMap<>();
        boolean unreleased = false;
        for (UUID topic : current.topicsWith(target)) {
            Set<Integer> keep = new TreeSet<>(current.partitions(topic));
            keep.retainAll(target.partitions(topic));
            Set<Integer> revoke = new TreeSet<>(current.partitions(topic));
            revoke.removeAll(keep);
            Set<Integer> gain = new TreeSet<>(target.partitions(topic));
            gain.removeAll(keep);
            int before = gain.size();
            gain.removeIf(partition -> group.ownedByOther(topic, partition, member.memberId()));
            unreleased |= gain.size() != before;
            put(kept, topic, keep);
            put(revoking, topic, revoke);
            put(gained, topic, gain);
        }
        ConsumerAssignment revocation = ConsumerAssignment.of(revoking);
        ConsumerMemberState before = member.state();
        int epochBefore = member.memberEpoch();
        ConsumerAssignment assignedBefore = member.assigned();
        ConsumerAssignment pendingBefore = member.pendingRevocation();
        if (!revocation.isEmpty() && (owned == null || owned.overlaps(revocation))) {
            group.reconcile(member, member.memberEpoch(), ConsumerMemberState.UNREVOKED_PARTITIONS,
                    ConsumerAssignment.of(kept), revocation);
        } else {
            gained.forEach((topic, partitions) -> kept.computeIfAbsent(topic, t -> new TreeSet<>()).addAll(partitions));
            group.reconcile(member, targetEpoch,
                    unreleased ? ConsumerMemberState.UNRELEASED_PARTITIONS : ConsumerMemberState.STABLE,
                    ConsumerAssignment.of(kept), ConsumerAssignment.EMPTY);
        }
        return member.state() != before || member.memberEpoch() != epochBefore
                || !member.assigned().equals(assignedBefore) || !member.pendingRevocation().equals(pendingBefore);
    }

    private static void put(Map<UUID, Set<Integer>> map, UUID topic, Set<Integer> partitions) {
        if (!partitions.isEmpty()) {
            map.put(topic, partitions);
        }
    }
}
