package io.tributary.broker.group;

import static io.tributary.broker.group.GroupState.DEAD;
import static io.tributary.broker.group.GroupState.EMPTY;
import static io.tributary.broker.group.GroupState.STABLE;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.message.DescribeGroupsApi;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ListGroups, DescribeGroups and DeleteGroups: the administrative view of the groups this broker
 * coordinates. Thread-safe; reads and changes each group under its monitor.
 */
final class GroupAdminService {

    /** Every classic group is of this type (ListGroups v5, KIP-848's vocabulary). */
    static final String GROUP_TYPE = "classic";

    /** The type of a group running KIP-848's consumer protocol. */
    static final String CONSUMER_GROUP_TYPE = "consumer";

    /** READ, DELETE and DESCRIBE, as bits of Kafka's AclOperation codes: the operations on a group. */
    private static final int GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);

    private final GroupRegistry registry;
    private final GroupStore store;
    private final RebalanceDriver driver;
    private final Time time;

    GroupAdminService(GroupRegistry registry, GroupStore store, RebalanceDriver driver, Time time) {
        this.registry = registry;
        this.store = store;
        this.driver = driver;
        this.time = time;
    }

    void listGroups(RequestContext context, Struct request, Responder responder) {
        Set<String> states = lowerCase(request.getList("states_filter"));
        Set<String> types = lowerCase(request.getList("types_filter"));
        Struct response = MessageCodec.newResponse(ApiKey.LIST_GROUPS)
                .set("error_code", registry.anyLoading() ? Errors.COORDINATOR_LOAD_IN_PROGRESS.code() : Errors.NONE.code());
        for (ClassicGroup group : registry.loadedGroups()) {
            synchronized (group) {
                if (group.is(DEAD)) {
                    continue;
                }
                ConsumerGroup consumer = group.consumerGroup();
                String type = consumer != null ? CONSUMER_GROUP_TYPE : GROUP_TYPE;
                String state = consumer != null ? consumer.state().displayName() : group.state().displayName();
                String protocolType = consumer != null ? ConsumerSubscription.PROTOCOL_TYPE
                        : group.protocolType() == null ? "" : group.protocolType();
                if ((states.isEmpty() || states.contains(state.toLowerCase(Locale.ROOT)))
                        && (types.isEmpty() || types.contains(type))) {
                    response.addChild("groups")
                            .set("group_id", group.groupId())
                            .set("protocol_type", protocolType)
                            .set("group_state", state)
                            .set("group_type", type);
                }
            }
        }
        responder.send(response);
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> lower = new HashSet<>();
        for (String name : names) {
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        return lower;
    }

    void describeGroups(RequestContext context, Struct request, Responder responder) {
        boolean withOperations = request.getBoolean("include_authorized_operations");
        Struct response = MessageCodec.newResponse(ApiKey.DESCRIBE_GROUPS);
        for (String groupId : request.<String>getList("groups")) {
            Struct described = response.addChild("groups").set("group_id", groupId);
            described.set("authorized_operations", withOperations ? GROUP_OPERATIONS : DescribeGroupsApi.AUTHORIZED_OPERATIONS_OMITTED);
            short error = registry.coordinatorError(groupId);
            if (error != Errors.NONE.code()) {
                described.set("error_code", error);
                continue;
            }
            ClassicGroup group = registry.group(groupId);
            if (group == null || !describe(group, described)) {
                // Before v6 an unknown group is described as Dead; v6 says so with an error.
                described.set("group_state", DEAD.displayName());
                if (context.version() >= 6) {
                    described.set("error_code", Errors.GROUP_ID_NOT_FOUND.code())
                            .set("error_message", "Group " + groupId + " not found.");
                }
            }
        }
        responder.send(response);
    }

    /** Fills in a live group; false if it is Dead. Metadata and assignments are shown only when Stable. */
    private static boolean describe(ClassicGroup group, Struct described) {
        synchronized (group) {
            if (group.is(DEAD) || group.consumerGroup() != null) {
                return false; // ConsumerGroupDescribe describes a consumer-protocol group
            }
            boolean stable = group.is(STABLE);
            described.set("group_state", group.state().displayName())
                    .set("protocol_type", group.protocolType() == null ? "" : group.protocolType())
                    .set("protocol_data", stable && group.protocolName() != null ? group.protocolName() : "");
            for (GroupMember member : group.members()) {
                described.addChild("members")
                        .set("member_id", member.memberId())
                        .set("group_instance_id", member.groupInstanceId())
                        .set("client_id", member.clientId())
                        .set("client_host", member.clientHost())
                        .set("member_metadata", stable ? ByteBuffer.wrap(member.metadata(group.protocolName())) : NO_BYTES)
                        .set("member_assignment", stable ? ByteBuffer.wrap(member.assignment()) : NO_BYTES);
            }
            return true;
        }
    }

    void deleteGroups(RequestContext context, Struct request, Responder responder) {
        Struct response = MessageCodec.newResponse(ApiKey.DELETE_GROUPS);
        List<CompletableFuture<Void>> deletions = new ArrayList<>();
        Outbox out = new Outbox();
        for (String groupId : request.<String>getList("groups_names")) {
            Struct result = response.addChild("results").set("group_id", groupId);
            short error = registry.coordinatorError(groupId);
            ClassicGroup group = error == Errors.NONE.code() ? registry.group(groupId) : null;
            if (group == null) {
                result.set("error_code", error != Errors.NONE.code() ? error : Errors.GROUP_ID_NOT_FOUND.code());
                continue;
            }
            synchronized (group) {
                if (group.is(DEAD)) {
                    result.set("error_code", Errors.GROUP_ID_NOT_FOUND.code());
                } else if (!group.is(EMPTY) || group.pendingCount() > 0
                        || (group.consumerGroup() != null && !group.consumerGroup().isEmpty())) {
                    result.set("error_code", Errors.NON_EMPTY_GROUP.code());
                } else {
                    deletions.add(delete(group, result, out));
                }
            }
        }
        out.afterUnlock(() -> CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> responder.send(response)));
        out.flush();
    }

    /** Marks the group Dead, forgets it, and writes tombstones for its offsets and metadata. */
    private CompletableFuture<Void> delete(ClassicGroup group, Struct result, Outbox out) {
        if (group.consumerGroup() != null) {
            store.appendRecords(group, ConsumerGroupRecords.groupTombstones(group.groupId()));
            group.consumerGroup(null);
        }
        CompletableFuture<Long> stored = store.delete(group, List.copyOf(group.offsets().keySet()), true);
        group.offsets().clear();
        group.transitionTo(DEAD, time.milliseconds());
        registry.remove(group);
        CompletableFuture<Void> done = new CompletableFuture<>();
        out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
            result.set("error_code", failure == null ? Errors.NONE.code() : driver.storeError(group));
            done.complete(null);
        }));
        return done;
    }
}
