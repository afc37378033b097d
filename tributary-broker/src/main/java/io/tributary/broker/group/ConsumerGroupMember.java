package io.tributary.broker.group;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Objects;

/**
 * One member of a consumer-protocol group: what it subscribes to (topic names and/or an RE2/J
 * regular expression, as Kafka matches them), its epochs, reconciliation state and the partitions it
 * owns or is revoking, plus its timers. Guarded by the group's monitor, like the group.
 */
final class ConsumerGroupMember {

    private final String memberId;
    private String instanceId;
    private String rackId;
    private String clientId;
    private String clientHost;
    private List<String> subscribedTopicNames = List.of();
    private String subscribedTopicRegex;
    private Pattern compiledRegex;
    private int rebalanceTimeoutMs;
    private String serverAssignor;

    private int memberEpoch;
    private int previousMemberEpoch;
    private ConsumerMemberState state = ConsumerMemberState.STABLE;
    private ConsumerAssignment assigned = ConsumerAssignment.EMPTY;
    private ConsumerAssignment pendingRevocation = ConsumerAssignment.EMPTY;

    private Scheduler.Cancellable sessionTimer;
    private Scheduler.Cancellable revocationTimer;

    ConsumerGroupMember(String memberId) {
        this.memberId = memberId;
    }

    String memberId() {
        return memberId;
    }

    String instanceId() {
        return instanceId;
    }

    String rackId() {
        return rackId;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    List<String> subscribedTopicNames() {
        return subscribedTopicNames;
    }

    String subscribedTopicRegex() {
        return subscribedTopicRegex;
    }

    /** The compiled regular expression, or null without one. */
    Pattern regex() {
        return compiledRegex;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    String serverAssignor() {
        return serverAssignor;
    }

    int memberEpoch() {
        return memberEpoch;
    }

    int previousMemberEpoch() {
        return previousMemberEpoch;
    }

    ConsumerMemberState state() {
        return state;
    }

    ConsumerAssignment assigned() {
        return assigned;
    }

    ConsumerAssignment pendingRevocation() {
        return pendingRevocation;
    }

    /** Who the member is, for describing the group; none of it decides the assignment. */
    void identity(String instanceId, String rackId, String clientId, String clientHost) {
        this.instanceId = instanceId;
        this.rackId = rackId;
        this.clientId = clientId;
        this.clientHost = clientHost;
    }

    /** Returns whether anything that decides the assignment changed. */
    boolean subscribe(List<String> topicNames, String regex, Pattern compiled, String assignor) {
        boolean changed = !topicNames.equals(subscribedTopicNames) || !Objects.equals(regex, subscribedTopicRegex)
                || !Objects.equals(assignor, serverAssignor);
        this.subscribedTopicNames = List.copyOf(topicNames);
        this.subscribedTopicRegex = regex;
        this.compiledRegex = compiled;
        this.serverAssignor = assignor;
        return changed;
    }

    void rebalanceTimeoutMs(int timeoutMs) {
        this.rebalanceTimeoutMs = timeoutMs;
    }

    /** The reconciled state; the previous epoch is remembered for a member that missed the bump. */
    void reconciled(int epoch, ConsumerMemberState newState, ConsumerAssignment newAssigned,
                    ConsumerAssignment newPendingRevocation) {
        if (epoch != memberEpoch) {
            previousMemberEpoch = memberEpoch;
        }
        this.memberEpoch = epoch;
        this.state = newState;
        this.assigned = newAssigned;
        this.pendingRevocation = newPendingRevocation;
    }

    /** The state read back from the offsets log. */
    void restore(int epoch, int previousEpoch, ConsumerMemberState restoredState, ConsumerAssignment restoredAssigned,
                 ConsumerAssignment restoredPending) {
        this.memberEpoch = epoch;
        this.previousMemberEpoch = previousEpoch;
        this.state = restoredState;
        this.assigned = restoredAssigned;
        this.pendingRevocation = restoredPending;
    }

    void sessionTimer(Scheduler.Cancellable timer) {
        cancel(sessionTimer);
        sessionTimer = timer;
    }

    void revocationTimer(Scheduler.Cancellable timer) {
        cancel(revocationTimer);
        revocationTimer = timer;
    }

    Scheduler.Cancellable revocationTimer() {
        return revocationTimer;
    }

    void cancelTimers() {
        sessionTimer(null);
        revocationTimer(null);
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    public String toString() {
        return memberId + "@" + memberEpoch + "/" + state;
    }
}
