package io.tributary.broker.group;

import static io.tributary.broker.group.GroupState.COMPLETING_REBALANCE;
import static io.tributary.broker.group.GroupState.DEAD;
import static io.tributary.broker.group.GroupState.EMPTY;
import static io.tributary.broker.group.GroupState.PREPARING_REBALANCE;
import static io.tributary.broker.group.GroupState.STABLE;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
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
    private final ConsumerGroupService consumerGroups;

    MembershipService(GroupCoordinatorConfig config, GroupRegistry registry, RebalanceDriver driver,
                      ConsumerGroupService consumerGroups) {
        this.config = config;
        this.registry = registry;
        this.driver = driver;
        this.consumerGroups = consumerGroups;
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
        if (error != Errors.NONE.code()) {
            responder.send(GroupResponses.joinError(error, join.memberId()));
            return;
        }
        Outbox out = new Outbox();
        boolean newMember = join.memberId().isEmpty();
        while (true) {
            ClassicGroup group = newMember ? registry.getOrCreate(join.groupId()) : registry.group(join.groupId());
            if (group == null) {
                short reason = newMember ? Errors.NOT_COORDINATOR.code() : Errors.UNKNOWN_MEMBER_ID.code();
                responder.send(GroupResponses.joinError(reason, join.memberId()));
                return;
            }
            synchronized (group) {
                if (group.is(DEAD)) {
                    if (newMember) {
                        registry.remove(group);
                        continue; // deleted or expired a moment ago: start a fresh group
                    }
                    out.send(responder, GroupResponses.joinError(Errors.UNKNOWN_MEMBER_ID.code(), join.memberId()));
                } else {
                    short admission = consumerGroups.admitClassicJoin(group, out);
                    if (admission != Errors.NONE.code()) {
                        out.send(responder, GroupResponses.joinError(admission, join.memberId())); // the consumer protocol runs it
                    } else if (newMember) {
                        joinNewMember(group, join, responder, out);
                    } else {
                        joinKnownMember(group, join, responder, out);
                    }
                }
                driver.dropIfUnused(group);
            }
            break;
        }
        out.flush();
    }

    private short validateJoin(Join join) {
        if (join.groupId() == null || join.groupId().isEmpty()) {
            return Errors.INVALID_GROUP_ID.code();
        }
        short coordinator = registry.coordinatorError(join.groupId());
        if (coordinator != Errors.NONE.code()) {
            return coordinator;
        }
        if (join.sessionTimeoutMs() < config.minSessionTimeoutMs() || join.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return Errors.INVALID_SESSION_TIMEOUT.code();
        }
        return Errors.NONE.code();
    }

    private void joinNewMember(ClassicGroup group, Join join, Responder responder, Outbox out) {
        if (!group.supportsProtocols(join.protocolType(), join.protocols())) {
            out.send(responder, GroupResponses.joinError(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), ""));
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
                out.send(responder, GroupResponses.joinError(Errors.GROUP_MAX_SIZE_REACHED.code(), ""));
                return;
            }
            driver.addMemberAndRebalance(group, join.newMember(newId), responder, out);
            return;
        }
        if (group.size() >= config.maxGroupSize()) {
            out.send(responder, GroupResponses.joinError(Errors.GROUP_MAX_SIZE_REACHED.code(), ""));
            return;
        }
        String newId = join.clientId() + "-" + UUID.randomUUID();
        if (join.version() >= 4) {
            driver.addPendingMember(group, newId, join.sessionTimeoutMs());
            out.send(responder, GroupResponses.joinError(Errors.MEMBER_ID_REQUIRED.code(), newId));
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
        driver.retire(old, Errors.FENCED_INSTANCE_ID.code(), out);
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
                out.send(responder, GroupResponses.joinError(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), memberId));
            } else if (group.size() >= config.maxGroupSize()) {
                group.removePending(memberId);
                out.send(responder, GroupResponses.joinError(Errors.GROUP_MAX_SIZE_REACHED.code(), memberId));
            } else {
                driver.addMemberAndRebalance(group, join.newMember(memberId), responder, out);
            }
            return;
        }
        short error = validateMember(group, memberId, join.instanceId());
        if (error == Errors.NONE.code() && !group.supportsProtocols(join.protocolType(), join.protocols())) {
            error = Errors.INCONSISTENT_GROUP_PROTOCOL.code();
        }
        if (error == Errors.NONE.code() && (group.is(EMPTY) || group.is(DEAD))) {
            error = Errors.UNKNOWN_MEMBER_ID.code();
        }
        if (error != Errors.NONE.code()) {
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
                return Errors.UNKNOWN_MEMBER_ID.code();
            }
            if (!bound.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID.code();
            }
        }
        return group.hasMember(memberId) ? Errors.NONE.code() : Errors.UNKNOWN_MEMBER_ID.code();
    }

    void syncGroup(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        short coordinator = registry.coordinatorError(groupId);
        ClassicGroup group = coordinator == Errors.NONE.code() ? registry.group(groupId) : null;
        if (group == null) {
            responder.send(GroupResponses.syncError(coordinator != Errors.NONE.code() ? coordinator : Errors.UNKNOWN_MEMBER_ID.code()));
            return;
        }
        String memberId = request.getString("member_id");
        Outbox out = new Outbox();
        synchronized (group) {
            short error = group.is(DEAD) ? Errors.COORDINATOR_NOT_AVAILABLE.code()
                    : validateMember(group, memberId, request.getString("group_instance_id"));
            if (error == Errors.NONE.code() && request.getInt("generation_id") != group.generationId()) {
                error = Errors.ILLEGAL_GENERATION.code();
            }
            if (error == Errors.NONE.code() && !protocolMatches(request, group)) {
                error = Errors.INCONSISTENT_GROUP_PROTOCOL.code();
            }
            if (error == Errors.NONE.code() && group.is(EMPTY)) {
                error = Errors.UNKNOWN_MEMBER_ID.code();
            }
            if (error == Errors.NONE.code() && group.is(PREPARING_REBALANCE)) {
                error = Errors.REBALANCE_IN_PROGRESS.code();
            }
            if (error != Errors.NONE.code()) {
                out.send(responder, GroupResponses.syncError(error));
            } else {
                GroupMember member = group.member(memberId);
                driver.touchSession(group, member);
                if (group.is(STABLE)) {
                    out.send(responder, GroupResponses.sync(Errors.NONE.code(), group, member.assignment()));
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
        ClassicGroup group = coordinator == Errors.NONE.code() ? registry.group(groupId) : null;
        if (group == null) {
            responder.send(GroupResponses.heartbeat(coordinator != Errors.NONE.code() ? coordinator : Errors.UNKNOWN_MEMBER_ID.code()));
            return;
        }
        String memberId = request.getString("member_id");
        short error;
        synchronized (group) {
            if (group.is(DEAD)) {
                error = Errors.COORDINATOR_NOT_AVAILABLE.code();
            } else if (group.is(EMPTY)) {
                error = Errors.UNKNOWN_MEMBER_ID.code();
            } else {
                error = validateMember(group, memberId, request.getString("group_instance_id"));
                if (error == Errors.NONE.code() && request.getInt("generation_id") != group.generationId()) {
                    error = Errors.ILLEGAL_GENERATION.code();
                }
                if (error == Errors.NONE.code()) {
                    driver.touchSession(group, group.member(memberId));
                    if (group.is(PREPARING_REBALANCE)) {
                        error = Errors.REBALANCE_IN_PROGRESS.code();
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
        ClassicGroup group = coordinator == Errors.NONE.code() ? registry.group(groupId) : null;
        if (group == null) {
            responder.send(response.set("error_code", coordinator != Errors.NONE.code() ? coordinator : Errors.UNKNOWN_MEMBER_ID.code()));
            return;
        }
        Outbox out = new Outbox();
        synchronized (group) {
            if (group.is(DEAD)) {
                response.set("error_code", Errors.COORDINATOR_NOT_AVAILABLE.code());
            } else {
                boolean removed = false;
                short firstError = Errors.NONE.code();
                for (Leaving member : leaving) {
                    short error = leave(group, member.memberId(), member.instanceId(), out);
                    removed |= error == Errors.NONE.code();
                    firstError = firstError == Errors.NONE.code() ? error : firstError;
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
                return Errors.UNKNOWN_MEMBER_ID.code();
            }
            if (!memberId.isEmpty() && !bound.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID.code();
            }
            memberId = bound;
        } else if (group.removePending(memberId)) {
            return Errors.NONE.code();
        }
        GroupMember member = group.member(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID.code();
        }
        driver.removeMember(group, member, out);
        return Errors.NONE.code();
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
