package io.tributary.broker.group;

import io.tributary.common.TopicPartition;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One classic group: state, generation, chosen protocol, leader, members (in join order), members
 * told their id but not yet joined (KIP-394), static-member bindings, committed offsets and the
 * rebalance timer. Pure state with its invariants; rebalancing decisions live in
 * {@link RebalanceDriver}.
 *
 * <p>Threading: every read and write happens while holding this object's monitor
 * ({@code synchronized (group)}); that lock is the group's single owner. Never call out (respond,
 * append, block) while holding it.
 */
final class ClassicGroup {

    private final String groupId;
    private final int offsetsPartition;
    private GroupState state = GroupState.EMPTY;
    private long stateTimestampMs;
    private int generationId;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final LinkedHashMap<String, GroupMember> members = new LinkedHashMap<>();
    private final Set<String> pendingMembers = new HashSet<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    /** Offsets committed in transactions not yet ended, by producer id; applied by the COMMIT marker. */
    private final Map<Long, Map<TopicPartition, CommittedOffset>> pendingTxnOffsets = new HashMap<>();
    /** The producer epoch each pending transaction's offsets were committed with. */
    private final Map<Long, Short> pendingTxnEpochs = new HashMap<>();
    private boolean newMemberAdded;
    private boolean inInitialDelay;
    private Scheduler.Cancellable rebalanceTimer;
    private int rebalanceEpoch;
    private ConsumerGroup consumerGroup;

    ClassicGroup(String groupId, int offsetsPartition, long nowMs) {
        this.groupId = groupId;
        this.offsetsPartition = offsetsPartition;
        this.stateTimestampMs = nowMs;
    }

    /**
     * The group's consumer-protocol (KIP-848) state when it runs that protocol, else null. While it
     * is set this object has no classic members and only keeps the offsets and the lock.
     */
    ConsumerGroup consumerGroup() {
        return consumerGroup;
    }

    void consumerGroup(ConsumerGroup group) {
        this.consumerGroup = group;
    }

    String groupId() {
        return groupId;
    }

    int offsetsPartition() {
        return offsetsPartition;
    }

    GroupState state() {
        return state;
    }

    boolean is(GroupState candidate) {
        return state == candidate;
    }

    long stateTimestampMs() {
        return stateTimestampMs;
    }

    void transitionTo(GroupState next, long nowMs) {
        if (!next.canFollow(state)) {
            throw new IllegalStateException("group " + groupId + " cannot go from " + state + " to " + next);
        }
        state = next;
        stateTimestampMs = nowMs;
    }

    /** Sets the state read back from the offsets log, without transition checks. */
    void restore(GroupState loaded, int generation, String type, String protocol, String leader, long timestampMs) {
        this.state = loaded;
        this.generationId = generation;
        this.protocolType = type;
        this.protocolName = protocol;
        this.leaderId = leader;
        this.stateTimestampMs = timestampMs;
    }

    int generationId() {
        return generationId;
    }

    String protocolType() {
        return protocolType;
    }

    String protocolName() {
        return protocolName;
    }

    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    Collection<GroupMember> members() {
        return members.values();
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    int size() {
        return members.size();
    }

    void add(GroupMember member) {
        if (members.isEmpty()) {
            protocolType = member.protocolType();
        }
        members.put(member.memberId(), member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        pendingMembers.remove(member.memberId());
        if (leaderId == null) {
            leaderId = member.memberId();
        }
    }

    /** Removes a member; if it led, the next member in join order leads. */
    GroupMember remove(String memberId) {
        GroupMember removed = members.remove(memberId);
        if (removed == null) {
            return null;
        }
        if (removed.isStatic()) {
            staticMembers.remove(removed.groupInstanceId(), memberId);
        }
        if (isLeader(memberId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        return removed;
    }

    /** The member id bound to a static instance id, or null. */
    String staticMemberId(String groupInstanceId) {
        return groupInstanceId == null ? null : staticMembers.get(groupInstanceId);
    }

    void addPending(String memberId) {
        pendingMembers.add(memberId);
    }

    boolean isPending(String memberId) {
        return pendingMembers.contains(memberId);
    }

    boolean removePending(String memberId) {
        return pendingMembers.remove(memberId);
    }

    int pendingCount() {
        return pendingMembers.size();
    }

    boolean allMembersJoined() {
        return pendingMembers.isEmpty() && members.values().stream().allMatch(GroupMember::isAwaitingJoin);
    }

    /** The longest rebalance timeout among members: how long a rebalance waits for rejoins. */
    int rebalanceTimeoutMs() {
        return members.values().stream().mapToInt(GroupMember::rebalanceTimeoutMs).max().orElse(0);
    }

    /**
     * Whether a member with these protocols may join: an empty group takes any non-empty type and
     * protocol list; otherwise the type must match and at least one protocol be supported by all.
     */
    boolean supportsProtocols(String type, List<GroupMember.Protocol> offered) {
        if (members.isEmpty()) {
            return type != null && !type.isEmpty() && !offered.isEmpty();
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        Set<String> common = candidateProtocols();
        return offered.stream().anyMatch(p -> common.contains(p.name()));
    }

    /** Protocols every member supports. */
    private Set<String> candidateProtocols() {
        Set<String> common = null;
        for (GroupMember member : members.values()) {
            Set<String> names = member.protocols().stream().map(GroupMember.Protocol::name).collect(Collectors.toSet());
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        return common == null ? Set.of() : common;
    }

    /** Each member votes for its most preferred candidate; most votes wins, ties to the first voted. */
    String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupMember member : members.values()) {
            member.protocols().stream().map(GroupMember.Protocol::name).filter(candidates::contains).findFirst()
                    .ifPresent(vote -> votes.merge(vote, 1, Integer::sum));
        }
        String winner = null;
        for (Map.Entry<String, Integer> entry : votes.entrySet()) {
            if (winner == null || entry.getValue() > votes.get(winner)) {
                winner = entry.getKey();
            }
        }
        return winner;
    }

    /** Starts the next generation with the current members (the caller has checked they all joined). */
    void initNextGeneration(long nowMs) {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            leaderId = null;
            transitionTo(GroupState.EMPTY, nowMs);
        } else {
            protocolName = selectProtocol();
            transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
        }
    }

    /** Topics the members subscribe to, if the group runs the consumer protocol and all are readable. */
    Optional<Set<String>> subscribedTopics() {
        if (!ConsumerSubscription.PROTOCOL_TYPE.equals(protocolType) || protocolName == null) {
            return Optional.empty();
        }
        Set<String> topics = new HashSet<>();
        for (GroupMember member : members.values()) {
            Optional<Set<String>> memberTopics = ConsumerSubscription.topics(member.metadata(protocolName));
            if (memberTopics.isEmpty()) {
                return Optional.empty();
            }
            topics.addAll(memberTopics.get());
        }
        return Optional.of(topics);
    }

    Map<TopicPartition, CommittedOffset> offsets() {
        return offsets;
    }

    Map<Long, Map<TopicPartition, CommittedOffset>> pendingTxnOffsets() {
        return pendingTxnOffsets;
    }

    /**
     * Adds offsets committed in the open transaction of {@code producerId} at {@code epoch}; offsets left
     * pending by an older epoch of the same producer (a fenced zombie) are dropped first, so they can never
     * be committed by the new epoch's marker.
     */
    void addPendingTxnOffsets(long producerId, short epoch, Map<TopicPartition, CommittedOffset> offsets) {
        Short previous = pendingTxnEpochs.get(producerId);
        if (previous != null && previous < epoch) {
            pendingTxnOffsets.remove(producerId);
        }
        if (previous == null || previous <= epoch) {
            pendingTxnEpochs.put(producerId, epoch);
            pendingTxnOffsets.computeIfAbsent(producerId, id -> new java.util.LinkedHashMap<>()).putAll(offsets);
        }
    }

    /** A transaction of {@code producerId} ended: its offsets become committed (commit) or vanish (abort). */
    void completeTxn(long producerId, boolean commit) {
        pendingTxnEpochs.remove(producerId);
        Map<TopicPartition, CommittedOffset> pending = pendingTxnOffsets.remove(producerId);
        if (pending != null && commit) {
            offsets.putAll(pending);
        }
    }

    /**
     * Puts a static member's new incarnation in place of the old one, keeping its leadership and
     * assignment; the old member id is fenced from now on.
     */
    void replaceStaticMember(GroupMember old, GroupMember replacement) {
        members.remove(old.memberId());
        members.put(replacement.memberId(), replacement);
        staticMembers.put(replacement.groupInstanceId(), replacement.memberId());
        replacement.assignment(old.assignment());
        if (isLeader(old.memberId())) {
            leaderId = replacement.memberId();
        }
    }

    /** True while a new group's first rebalance waits {@code group.initial.rebalance.delay.ms}. */
    boolean inInitialDelay() {
        return inInitialDelay;
    }

    void inInitialDelay(boolean waiting) {
        this.inInitialDelay = waiting;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void newMemberAdded(boolean added) {
        this.newMemberAdded = added;
    }

    /**
     * Cancels any rebalance timer and returns the epoch a new timer must carry: a timer that fires
     * with an older epoch was superseded and does nothing.
     */
    int nextRebalanceEpoch() {
        cancelRebalanceTimer();
        return rebalanceEpoch;
    }

    void rebalanceTimer(Scheduler.Cancellable timer) {
        this.rebalanceTimer = timer;
    }

    void cancelRebalanceTimer() {
        if (rebalanceTimer != null) {
            rebalanceTimer.cancel();
            rebalanceTimer = null;
        }
        rebalanceEpoch++;
    }

    boolean isCurrentRebalanceEpoch(int epoch) {
        return epoch == rebalanceEpoch;
    }

    @Override
    public String toString() {
        return "group " + groupId + " (" + state.displayName() + ", generation " + generationId + ")";
    }
}
