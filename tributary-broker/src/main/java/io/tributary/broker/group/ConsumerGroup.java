package io.tributary.broker.group;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The KIP-848 state of a group that runs the consumer protocol: the group epoch (bumped whenever
 * membership, subscriptions or the subscribed topics change), the target assignment and the epoch it
 * was computed for, the members, and which member owns (or is still revoking) each partition, so no
 * partition is ever given to a member before its previous owner released it.
 *
 * <p>Attached to the {@link ClassicGroup} of the same id, which keeps the group's committed offsets
 * and whose monitor guards this object too: every read and write happens under
 * {@code synchronized (holder)}. Pure state with its invariants; decisions live in
 * {@link ConsumerGroupService}.
 */
final class ConsumerGroup {

    /** The group's state as ListGroups and ConsumerGroupDescribe name it. */
    enum State {
        EMPTY("Empty"), ASSIGNING("Assigning"), RECONCILING("Reconciling"), STABLE("Stable");

        private final String displayName;

        State(String displayName) {
            this.displayName = displayName;
        }

        String displayName() {
            return displayName;
        }
    }

    private record Owned(UUID topic, int partition) {
    }

    private final String groupId;
    private int groupEpoch;
    private int assignmentEpoch;
    private long metadataHash;
    private String assignorName;
    private final Map<String, ConsumerGroupMember> members = new LinkedHashMap<>();
    private final Map<String, ConsumerAssignment> targetAssignment = new HashMap<>();
    private final Map<Owned, String> owners = new HashMap<>();

    ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    String groupId() {
        return groupId;
    }

    int groupEpoch() {
        return groupEpoch;
    }

    void groupEpoch(int epoch, long hash) {
        this.groupEpoch = epoch;
        this.metadataHash = hash;
    }

    long metadataHash() {
        return metadataHash;
    }

    int assignmentEpoch() {
        return assignmentEpoch;
    }

    void assignmentEpoch(int epoch) {
        this.assignmentEpoch = epoch;
    }

    String assignorName() {
        return assignorName;
    }

    void assignorName(String name) {
        this.assignorName = name;
    }

    State state() {
        if (members.isEmpty()) {
            return State.EMPTY;
        }
        if (groupEpoch != assignmentEpoch) {
            return State.ASSIGNING;
        }
        for (ConsumerGroupMember member : members.values()) {
            if (member.state() != ConsumerMemberState.STABLE || member.memberEpoch() != assignmentEpoch) {
                return State.RECONCILING;
            }
        }
        return State.STABLE;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    int size() {
        return members.size();
    }

    ConsumerGroupMember member(String memberId) {
        return members.get(memberId);
    }

    Collection<ConsumerGroupMember> members() {
        return members.values();
    }

    void add(ConsumerGroupMember member) {
        members.put(member.memberId(), member);
        own(member);
    }

    /** Removes the member, its target and its ownership of partitions. */
    void remove(ConsumerGroupMember member) {
        members.remove(member.memberId());
        targetAssignment.remove(member.memberId());
        disown(member);
        member.cancelTimers();
    }

    ConsumerAssignment target(String memberId) {
        return targetAssignment.getOrDefault(memberId, ConsumerAssignment.EMPTY);
    }

    void target(String memberId, ConsumerAssignment assignment) {
        targetAssignment.put(memberId, assignment);
    }

    /** The member's reconciled state, keeping partition ownership in step. */
    void reconcile(ConsumerGroupMember member, int epoch, ConsumerMemberState state, ConsumerAssignment assigned,
                   ConsumerAssignment pendingRevocation) {
        disown(member);
        member.reconciled(epoch, state, assigned, pendingRevocation);
        own(member);
    }

    /** Whether another member than {@code memberId} owns or is still revoking the partition. */
    boolean ownedByOther(UUID topic, int partition, String memberId) {
        String owner = owners.get(new Owned(topic, partition));
        return owner != null && !owner.equals(memberId);
    }

    private void own(ConsumerGroupMember member) {
        forEach(member.assigned(), (topic, partition) -> owners.put(new Owned(topic, partition), member.memberId()));
        forEach(member.pendingRevocation(), (topic, partition) -> owners.put(new Owned(topic, partition), member.memberId()));
    }

    private void disown(ConsumerGroupMember member) {
        forEach(member.assigned(), (topic, partition) -> owners.remove(new Owned(topic, partition), member.memberId()));
        forEach(member.pendingRevocation(), (topic, partition) -> owners.remove(new Owned(topic, partition), member.memberId()));
    }

    private interface PartitionVisitor {
        void visit(UUID topic, int partition);
    }

    private static void forEach(ConsumerAssignment assignment, PartitionVisitor visitor) {
        assignment.partitions().forEach((topic, partitions) -> partitions.forEach(p -> visitor.visit(topic, p)));
    }

    /**
     * Kafka's check of an OffsetCommit against this group: NONE, or why it is refused. Besides the
     * current epoch, the member's previous epoch is accepted for partitions it still owns (as Kafka
     * 4.3's KIP-1251 does): its commit merely crossed the heartbeat that moved it to the new epoch.
     */
    short validateOffsetCommit(String memberId, int memberEpoch, short apiVersion, Collection<TopicPartition> partitions,
                               Function<String, UUID> topicIds) {
        if (memberEpoch < 0 && members.isEmpty()) {
            return Errors.NONE.code(); // an admin or manually assigned consumer committing for an empty group
        }
        ConsumerGroupMember member = members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID.code();
        }
        if (apiVersion < 9) {
            return Errors.UNSUPPORTED_VERSION.code(); // member epochs need OffsetCommit v9
        }
        if (memberEpoch == member.memberEpoch()) {
            return Errors.NONE.code();
        }
        if (memberEpoch != member.previousMemberEpoch() || memberEpoch > member.memberEpoch()) {
            return Errors.STALE_MEMBER_EPOCH.code();
        }
        for (TopicPartition partition : partitions) {
            UUID topic = topicIds.apply(partition.topic());
            if (topic == null || !(member.assigned().contains(topic, partition.partition())
                    || member.pendingRevocation().contains(topic, partition.partition()))) {
                return Errors.STALE_MEMBER_EPOCH.code();
            }
        }
        return Errors.NONE.code();
    }

    /** Kafka's check of an OffsetFetch naming a member (epoch -1: an admin, always allowed). */
    short validateOffsetFetch(String memberId, int memberEpoch) {
        if (memberEpoch == -1) {
            return Errors.NONE.code();
        }
        ConsumerGroupMember member = members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID.code();
        }
        return memberEpoch == member.memberEpoch() ? Errors.NONE.code() : Errors.STALE_MEMBER_EPOCH.code();
    }

    @Override
    public String toString() {
        return "consumer group " + groupId + " (epoch " + groupEpoch + ", " + state().displayName() + ")";
    }
}
