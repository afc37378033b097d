package io.tributary.broker.group;

import static io.tributary.broker.group.GroupState.COMPLETING_REBALANCE;
import static io.tributary.broker.group.GroupState.DEAD;
import static io.tributary.broker.group.GroupState.EMPTY;
import static io.tributary.broker.group.GroupState.PREPARING_REBALANCE;
import static io.tributary.broker.group.GroupState.STABLE;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JoinGroup, SyncGroup, Heartbeat and LeaveGroup: validates each request against the group and hands
 * the state changes to the {@link RebalanceDriver}. Each request locks its group's monitor once and
 * answers (or parks its responder) after releasing it. Thread-safe.
 */
final class MembershipService {

    private final GroupCoordinatorConfig config;
    private final GroupRegistry registry;
    private final RebalanceDriver driver;

    MembershipService(GroupCoordinatorConfig config, GroupRegistry registry, RebalanceDriver driver) {
        this.config = config;
        this.registry = registry;
        this.driver = driver;
    }

    /** The arguments of a JoinGroup, read once. */
    private record Join(String groupId, String memberId, String instanceId, int sessionTimeoutMs, int rebalanceTimeoutMs,
                        String protocolType, List<GroupMember.Protocol> protocols, String clientId, String clientHost,
                        short version) {

        static Join read(RequestContext context, Struct request) {
            int session = request.getInt("session_timeout_ms");
            int rebalance = context.version() >= 1 ? request.getInt("rebalance_timeout_ms") : session;
            List<GroupMember.Protocol> protocols = new ArrayList<>();
            for (Struct protocol : request.getStructs("protocols")) {
                protocols.add(new GroupMember.Protocol(protocol.getString("name"), copy(protocol.getBytes("metadata"))));
            }
            return new Join(request.getString("group_id"), request.getString("member_id"),
                    request.getString("group_instance_id"), session, rebalance, request.getString("protocol_type"),
                    protocols, context.clientId(), context.clientHost(), context.version());
        }

        GroupMember newMember(String id) {
            return new GroupMember(id, instanceId, clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs,
                    protocolType, protocols);
        }
    }

    void joinGroup(RequestContext context, Struct request, Responder responder) {
        Join join = Join.read(context, request);
        short error = validateJoin(join);
        if (error != GroupErrors.NONE) {
            responder.send(GroupResponses.joinError(error, join.memberId()));
            return;
        }
        Outbox out = new Outbox();
        boolean newMember = join.memberId().isEmpty();
        while (true) {
            ClassicGroup group = newMember ? registry.getOrCreate(join.groupId()) : registry.group(join.groupId());
            if (group == null) {
                short reason = newMember ? GroupErrors.NOT_COORDINATOR : GroupErrors.UNKNOWN_MEMBER_ID;
                responder.send(GroupResponses.joinError(reason, join.memberId()));
                return;
            }
            synchronized (group) {
                if (group.is(DEAD)) {
                    if (newMember) {
                        registry.remove(group);
                        continue; // deleted or expired a moment ago: start a fresh group
                    }
                    out.send(responder, GroupResponses.joinError(GroupErrors.UNKNOWN_MEMBER_ID, join.memberId()));
                } else if (newMember) {
                    joinNewMember(group, join, responder, out);
                } else {
                    joinKnownMember(group, join, responder, out);
                }
                driver.dropIfUnused(group);
            }
            break;
        }
        out.flush();
    }

    private short validateJoin(Join join) {
        if (join.groupId() == null || join.groupId().isEmpty()) {
            return GroupErrors.INVALID_GROUP_ID;
        }
        short coordinator = registry.coordinatorError(join.groupId());
        if (coordinator != GroupErrors.NONE) {
            return coordinator;
        }
        if (join.sessionTimeoutMs() < config.minSessionTimeoutMs() || join.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return GroupErrors.INVALID_SESSION_TIMEOUT;
        }
        return GroupErrors.NONE;
    }

    private void joinNewMember(ClassicGroup group, Join join, Responder responder, Outbox out) {
        if (!group.supportsProtocols(join.protocolType(), join.protocols())) {
            out.send(responder, GroupResponses.joinError(GroupErrors.INCONSISTENT_GROUP_PROTOCOL, ""));
            return;
        }
        if (join.instanceId() != null) {
            String newId = join.instanceId() + "-" + UUID.randomUUID();
            String existing = group.staticMemberId(join.instanceId());
            if (existing != null) {
                rejoinStaticMember(group, group.member(existing), join.newMember(newId), responder, out);
                return;
            }
            if (group.size() >= config.maxGroupSize()) {
                out.send(responder, GroupResponses.joinError(GroupErrors.GROUP_MAX_SIZE_REACHED, ""));
                return;
            }
            driver.addMemberAndRebalance(group, join.newMember(newId), responder, out);
            return;
        }
        if (group.size() >= config.maxGroupSize()) {
            out.send(responder, GroupResponses.joinError(GroupErrors.GROUP_MAX_SIZE_REACHED, ""));
            return;
        }
        String newId = join.clientId() + "-" + UUID.randomUUID();
        if (join.version() >= 4) {
            driver.addPendingMember(group, newId, join.sessionTimeoutMs());
            out.send(responder, GroupResponses.joinError(GroupErrors.MEMBER_ID_REQUIRED, newId));
        } else {
            driver.addMemberAndRebalance(group, join.newMember(newId), responder, out);
        }
    }

    /**
     * A static member came back under a new member id: it takes the old one's place. A follower of a
     * stable group with unchanged protocols resumes its assignment without a rebalance.
     */
    private void rejoinStaticMember(ClassicGroup group, GroupMember old, GroupMember replacement, Responder responder, Outbox out) {
        boolean wasLeader = group.isLeader(old.memberId());
        boolean sameProtocols = old.sameProtocols(replacement.protocols());
        driver.retire(old, GroupErrors.FENCED_INSTANCE_ID, out);
        group.replaceStaticMember(old, replacement);
        if (group.is(STABLE) && sameProtocols && !wasLeader) {
            driver.touchSession(group, replacement);
            out.send(responder, GroupResponses.joinSuccess(group, replacement.memberId(), false));
            return;
        }
        driver.updateMemberAndRebalance(group, replacement, responder, out);
    }

    private void joinKnownMember(ClassicGroup group, Join join, Responder responder, Outbox out) {
        String memberId = join.memberId();
        if (group.isPending(memberId)) {
            if (!group.supportsProtocols(join.protocolType(), join.protocols())) {
                out.send(responder, GroupResponses.joinError(GroupErrors.INCONSISTENT_GROUP_PROTOCOL, memberId));
            } else if (group.size() >= config.maxGroupSize()) {
                group.removePending(memberId);
                out.send(responder, GroupResponses.joinError(GroupErrors.GROUP_MAX_SIZE_REACHED, memberId));
            } else {
                driver.addMemberAndRebalance(group, join.newMember(memberId), responder, out);
            }
            return;
        }
        short error = validateMember(group, memberId, join.instanceId());
        if (error == GroupErrors.NONE && !group.supportsProtocols(join.protocolType(), join.protocols())) {
            error = GroupErrors.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (error == GroupErrors.NONE && (group.is(EMPTY) || group.is(DEAD))) {
            error = GroupErrors.UNKNOWN_MEMBER_ID;
        }
        if (error != GroupErrors.NONE) {
            out.send(responder, GroupResponses.joinError(error, memberId));
            return;
        }
        GroupMember member = group.member(memberId);
        boolean sameProtocols = member.sameProtocols(join.protocols());
        member.update(join.clientId(), join.clientHost(), join.rebalanceTimeoutMs(), join.sessionTimeoutMs(), join.protocols());
        boolean unchanged = sameProtocols && (group.is(COMPLETING_REBALANCE) || !group.isLeader(memberId));
        if (!group.is(PREPARING_REBALANCE) && unchanged) {
            // A retried join of the current generation: answer it again without a new rebalance.
            driver.touchSession(group, member);
            out.send(responder, GroupResponses.joinSuccess(group, memberId, group.isLeader(memberId)
                    && group.is(COMPLETING_REBALANCE)));
            return;
        }
        driver.updateMemberAndRebalance(group, member, responder, out);
    }

    /** UNKNOWN_MEMBER_ID or FENCED_INSTANCE_ID unless the member (and its static identity) is current. */
    private static short validateMember(ClassicGroup group, String memberId, String instanceId) {
        if (instanceId != null) {
            String bound = group.staticMemberId(instanceId);
            if (bound == null) {
                return GroupErrors.UNKNOWN_MEMBER_ID;
            }
            if (!bound.equals(memberId)) {
                return GroupErrors.FENCED_INSTANCE_ID;
            }
        }
        return group.hasMember(memberId) ? GroupErrors.NONE : GroupErrors.UNKNOWN_MEMBER_ID;
    }

    void syncGroup(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        short coordinator = registry.coordinatorError(groupId);
        ClassicGroup group = coordinator == GroupErrors.NONE ? registry.group(groupId) : null;
        if (group == null) {
            responder.send(GroupResponses.syncError(coordinator != GroupErrors.NONE ? coordinator : GroupErrors.UNKNOWN_MEMBER_ID));
            return;
        }
        String memberId = request.getString("member_id");
        Outbox out = new Outbox();
        synchronized (group) {
            short error = group.is(DEAD) ? GroupErrors.COORDINATOR_NOT_AVAILABLE
                    : validateMember(group, memberId, request.getString("group_instance_id"));
            if (error == GroupErrors.NONE && request.getInt("generation_id") != group.generationId()) {
                error = GroupErrors.ILLEGAL_GENERATION;
            }
            if (error == GroupErrors.NONE && !protocolMatches(request, group)) {
                error = GroupErrors.INCONSISTENT_GROUP_PROTOCOL;
            }
            if (error == GroupErrors.NONE && group.is(EMPTY)) {
                error = GroupErrors.UNKNOWN_MEMBER_ID;
            }
            if (error == GroupErrors.NONE && group.is(PREPARING_REBALANCE)) {
                error = GroupErrors.REBALANCE_IN_PROGRESS;
            }
            if (error != GroupErrors.NONE) {
                out.send(responder, GroupResponses.syncError(error));
            } else {
                GroupMember member = group.member(memberId);
                driver.touchSession(group, member);
                if (group.is(STABLE)) {
                    out.send(responder, GroupResponses.sync(GroupErrors.NONE, group, member.assignment()));
                } else {
                    member.awaitingSync(responder);
                    if (group.isLeader(memberId)) {
                        driver.storeAssignments(group, assignments(request), out);
                    }
                }
            }
        }
        out.flush();
    }

    /** SyncGroup v5+ names the protocol it believes in; it must be the group's. */
    private static boolean protocolMatches(Struct request, ClassicGroup group) {
        String type = request.getString("protocol_type");
        String name = request.getString("protocol_name");
        return (type == null || type.equals(group.protocolType())) && (name == null || name.equals(group.protocolName()));
    }

    private static Map<String, byte[]> assignments(Struct request) {
        Map<String, byte[]> assignments = new HashMap<>();
        for (Struct assignment : request.getStructs("assignments")) {
            assignments.put(assignment.getString("member_id"), copy(assignment.getBytes("assignment")));
        }
        return assignments;
    }

    void heartbeat(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        short coordinator = registry.coordinatorError(groupId);
        ClassicGroup group = coordinator == GroupErrors.NONE ? registry.group(groupId) : null;
        if (group == null) {
            responder.send(GroupResponses.heartbeat(coordinator != GroupErrors.NONE ? coordinator : GroupErrors.UNKNOWN_MEMBER_ID));
            return;
        }
        String memberId = request.getString("member_id");
        short error;
        synchronized (group) {
            if (group.is(DEAD)) {
                error = GroupErrors.COORDINATOR_NOT_AVAILABLE;
            } else if (group.is(EMPTY)) {
                error = GroupErrors.UNKNOWN_MEMBER_ID;
            } else {
                error = validateMember(group, memberId, request.getString("group_instance_id"));
                if (error == GroupErrors.NONE && request.getInt("generation_id") != group.generationId()) {
                    error = GroupErrors.ILLEGAL_GENERATION;
                }
                if (error == GroupErrors.NONE) {
                    driver.touchSession(group, group.member(memberId));
                    if (group.is(PREPARING_REBALANCE)) {
                        error = GroupErrors.REBALANCE_IN_PROGRESS;
                    }
                }
            }
        }
        responder.send(GroupResponses.heartbeat(error));
    }

    /** One member named in a LeaveGroup. */
    private record Leaving(String memberId, String instanceId) {
    }

    void leaveGroup(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        List<Leaving> leaving = new ArrayList<>();
        if (context.version() < 3) {
            leaving.add(new Leaving(request.getString("member_id"), null));
        } else {
            for (Struct member : request.getStructs("members")) {
                leaving.add(new Leaving(member.getString("member_id"), member.getString("group_instance_id")));
            }
        }
        Struct response = MessageCodec.newResponse(ApiKey.LEAVE_GROUP);
        short coordinator = registry.coordinatorError(groupId);
        ClassicGroup group = coordinator == GroupErrors.NONE ? registry.group(groupId) : null;
        if (group == null) {
            responder.send(response.set("error_code", coordinator != GroupErrors.NONE ? coordinator : GroupErrors.UNKNOWN_MEMBER_ID));
            return;
        }
        Outbox out = new Outbox();
        synchronized (group) {
            if (group.is(DEAD)) {
                response.set("error_code", GroupErrors.COORDINATOR_NOT_AVAILABLE);
            } else {
                boolean removed = false;
                short firstError = GroupErrors.NONE;
                for (Leaving member : leaving) {
                    short error = leave(group, member.memberId(), member.instanceId(), out);
                    removed |= error == GroupErrors.NONE;
                    firstError = firstError == GroupErrors.NONE ? error : firstError;
                    response.addChild("members")
                            .set("member_id", member.memberId())
                            .set("group_instance_id", member.instanceId())
                            .set("error_code", error);
                }
                if (removed) {
                    driver.onMembersRemoved(group, out);
                }
                if (context.version() < 3) {
                    response.set("error_code", firstError); // v0-2 name one member and have no per-member errors
                }
            }
        }
        out.send(responder, response);
        out.flush();
    }

    private short leave(ClassicGroup group, String memberId, String instanceId, Outbox out) {
        if (instanceId != null) {
            String bound = group.staticMemberId(instanceId);
            if (bound == null) {
                return GroupErrors.UNKNOWN_MEMBER_ID;
            }
            if (!memberId.isEmpty() && !bound.equals(memberId)) {
                return GroupErrors.FENCED_INSTANCE_ID;
            }
            memberId = bound;
        } else if (group.removePending(memberId)) {
            return GroupErrors.NONE;
        }
        GroupMember member = group.member(memberId);
        if (member == null) {
            return GroupErrors.UNKNOWN_MEMBER_ID;
        }
        driver.removeMember(group, member, out);
        return GroupErrors.NONE;
    }

    static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
