package io.tributary.broker.group;

import io.tributary.broker.network.Responder;
import java.util.Arrays;
import java.util.List;

/**
 * One member of a classic group: who it is, the protocols it offered on its last join, its current
 * assignment, its session deadline and the requests of it the coordinator has parked. Guarded by the
 * owning {@link ClassicGroup}'s monitor.
 */
final class GroupMember {

    /** A protocol the member supports, in its order of preference, with its opaque metadata. */
    record Protocol(String name, byte[] metadata) {
    }

    private static final byte[] NO_BYTES = new byte[0];

    private final String memberId;
    private final String groupInstanceId;
    private String clientId;
    private String clientHost;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private String protocolType;
    private List<Protocol> protocols;
    private byte[] assignment = NO_BYTES;
    private Responder awaitingJoin;
    private Responder awaitingSync;
    private long sessionDeadlineMs;
    private Scheduler.Cancellable sessionTimer;

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
                int sessionTimeoutMs, String protocolType, List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        update(clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs, protocols);
        this.protocolType = protocolType;
    }

    void update(String clientId, String clientHost, int rebalanceTimeoutMs, int sessionTimeoutMs, List<Protocol> protocols) {
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    String memberId() {
        return memberId;
    }

    String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    String protocolType() {
        return protocolType;
    }

    List<Protocol> protocols() {
        return protocols;
    }

    /** The member's metadata for the given protocol, or empty bytes if it does not offer it. */
    byte[] metadata(String protocolName) {
        for (Protocol protocol : protocols) {
            if (protocol.name().equals(protocolName)) {
                return protocol.metadata();
            }
        }
        return NO_BYTES;
    }

    /** Whether the offered protocols are the same names and metadata, in the same order. */
    boolean sameProtocols(List<Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            Protocol a = protocols.get(i);
            Protocol b = other.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.metadata(), b.metadata())) {
                return false;
            }
        }
        return true;
    }

    byte[] assignment() {
        return assignment;
    }

    void assignment(byte[] assignment) {
        this.assignment = assignment == null ? NO_BYTES : assignment;
    }

    Responder awaitingJoin() {
        return awaitingJoin;
    }

    void awaitingJoin(Responder responder) {
        this.awaitingJoin = responder;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    Responder awaitingSync() {
        return awaitingSync;
    }

    void awaitingSync(Responder responder) {
        this.awaitingSync = responder;
    }

    long sessionDeadlineMs() {
        return sessionDeadlineMs;
    }

    void sessionDeadlineMs(long deadline) {
        this.sessionDeadlineMs = deadline;
    }

    Scheduler.Cancellable sessionTimer() {
        return sessionTimer;
    }

    void sessionTimer(Scheduler.Cancellable timer) {
        this.sessionTimer = timer;
    }
}
