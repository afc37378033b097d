package io.tributary.broker.group;

import static io.tributary.broker.group.GroupState.COMPLETING_REBALANCE;
import static io.tributary.broker.group.GroupState.DEAD;
import static io.tributary.broker.group.GroupState.EMPTY;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit and OffsetDelete: validates a commit against the group (simple commits by generation
 * -1 only while the group is Empty; otherwise a current member of the current generation), writes
 * the offsets to {@code __consumer_offsets} and applies them to the group's cache once durable, then
 * answers. Thread-safe; each request locks its group once.
 */
final class OffsetService {

    private final GroupCoordinatorConfig config;
    private final GroupRegistry registry;
    private final RebalanceDriver driver;
    private final GroupStore store;
    private final TopicIds topicIds;
    private final Time time;

    OffsetService(GroupCoordinatorConfig config, GroupRegistry registry, RebalanceDriver driver, GroupStore store,
                  TopicIds topicIds, Time time) {
        this.config = config;
        this.registry = registry;
        this.driver = driver;
        this.store = store;
        this.topicIds = topicIds;
        this.time = time;
    }

    void offsetCommit(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        int generation = request.getInt("generation_id_or_member_epoch");
        String memberId = request.getString("member_id");
        String instanceId = request.getString("group_instance_id");
        boolean byId = context.version() >= 10;
        long now = time.milliseconds();

        Map<TopicPartition, Short> errors = new HashMap<>();
        Map<TopicPartition, CommittedOffset> accepted = new LinkedHashMap<>();
        for (Struct topic : request.getStructs("topics")) {
            String name = byId ? topicIds.name(topic.getUuid("topic_id")) : topic.getString("name");
            for (Struct partition : topic.getStructs("partitions")) {
                TopicPartition tp = new TopicPartition(name == null ? "" : name, partition.getInt("partition_index"));
                String metadata = partition.getString("committed_metadata");
                if (name == null) {
                    errors.put(tp, Errors.UNKNOWN_TOPIC_ID.code());
                } else if (metadata != null && metadata.length() > config.offsetMetadataMaxBytes()) {
                    errors.put(tp, Errors.OFFSET_METADATA_TOO_LARGE.code());
                } else {
                    accepted.put(tp, new CommittedOffset(partition.getLong("committed_offset"),
                            partition.getInt("committed_leader_epoch"), metadata == null ? "" : metadata, now));
                }
            }
        }

        short error = registry.coordinatorError(groupId);
        boolean simple = generation < 0 && memberId.isEmpty() && instanceId == null;
        ClassicGroup group = null;
        if (error == Errors.NONE.code()) {
            group = simple ? registry.getOrCreate(groupId) : registry.group(groupId);
            if (group == null) {
                error = simple ? Errors.NOT_COORDINATOR.code()
                        : context.version() >= 9 ? Errors.GROUP_ID_NOT_FOUND.code() : Errors.ILLEGAL_GENERATION.code();
            }
        }
        if (error != Errors.NONE.code() || accepted.isEmpty()) {
            for (TopicPartition tp : accepted.keySet()) {
                errors.put(tp, error);
            }
            responder.send(commitResponse(request, byId, errors));
            return;
        }

        Outbox out = new Outbox();
        synchronized (group) {
            ConsumerGroup consumer = group.consumerGroup();
            if (consumer != null && ConsumerGroupService.classicActive(group) && consumer.member(memberId) == null) {
                consumer = null; // a classic member of a group being upgraded
            }
            error = consumer != null
                    ? consumer.validateOffsetCommit(memberId, generation, context.version(), accepted.keySet(), topicIds::id)
                    : validateCommit(group, generation, memberId, instanceId);
            if (error != Errors.NONE.code()) {
                for (TopicPartition tp : accepted.keySet()) {
                    errors.put(tp, error);
                }
                out.send(responder, commitResponse(request, byId, errors));
            } else {
                GroupMember member = consumer != null ? null : group.member(memberId);
                if (member != null) {
                    driver.touchSession(group, member);
                }
                ClassicGroup committing = group;
                CompletableFuture<Long> stored = store.storeOffsets(group, accepted);
                out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
                    short result = onCommitStored(committing, accepted, failure);
                    for (TopicPartition tp : accepted.keySet()) {
                        errors.put(tp, result);
                    }
                    responder.send(commitResponse(request, byId, errors));
                }));
            }
        }
        out.flush();
    }

    /** Kafka's rules for classic groups, in Kafka's order. */
    private static short validateCommit(ClassicGroup group, int generation, String memberId, String instanceId) {
        if (group.is(DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE.code();
        }
        if (generation < 0 && group.is(EMPTY)) {
            return Errors.NONE.code(); // a simple (admin or manual-assignment) commit
        }
        if (generation >= 0 || !memberId.isEmpty() || instanceId != null) {
            if (instanceId != null) {
                String bound = group.staticMemberId(instanceId);
                if (bound != null && !bound.equals(memberId)) {
                    return Errors.FENCED_INSTANCE_ID.code();
                }
            }
            if (!group.hasMember(memberId)) {
                return Errors.UNKNOWN_MEMBER_ID.code();
            }
            if (generation != group.generationId()) {
                return Errors.ILLEGAL_GENERATION.code();
            }
        } else {
            return Errors.UNKNOWN_MEMBER_ID.code();
        }
        return group.is(COMPLETING_REBALANCE) ? Errors.REBALANCE_IN_PROGRESS.code() : Errors.NONE.code();
    }

    private short onCommitStored(ClassicGroup group, Map<TopicPartition, CommittedOffset> accepted, Throwable failure) {
        synchronized (group) {
            if (failure != null) {
                driver.dropIfUnused(group);
                return driver.storeError(group);
            }
            if (group.is(DEAD)) {
                return Errors.NOT_COORDINATOR.code();
            }
            group.offsets().putAll(accepted);
            return Errors.NONE.code();
        }
    }

    /** The response in the request's topic order, with one error per partition. */
    private Struct commitResponse(Struct request, boolean byId, Map<TopicPartition, Short> errors) {
        Struct response = MessageCodec.newResponse(ApiKey.OFFSET_COMMIT);
        for (Struct topic : request.getStructs("topics")) {
            UUID id = byId ? topic.getUuid("topic_id") : null;
            String name = byId ? topicIds.name(id) : topic.getString("name");
            Struct topicResponse = response.addChild("topics");
            if (byId) {
                topicResponse.set("topic_id", id);
            } else {
                topicResponse.set("name", name);
            }
            for (Struct partition : topic.getStructs("partitions")) {
                int index = partition.getInt("partition_index");
                topicResponse.addChild("partitions")
                        .set("partition_index", index)
                        .set("error_code", errors.getOrDefault(new TopicPartition(name == null ? "" : name, index), Errors.NONE.code()));
            }
        }
        return response;
    }

    void offsetDelete(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        Struct response = MessageCodec.newResponse(ApiKey.OFFSET_DELETE);
        short error = registry.coordinatorError(groupId);
        ClassicGroup group = error == Errors.NONE.code() ? registry.group(groupId) : null;
        if (group == null) {
            responder.send(response.set("error_code", error != Errors.NONE.code() ? error : Errors.GROUP_ID_NOT_FOUND.code()));
            return;
        }
        Outbox out = new Outbox();
        synchronized (group) {
            if (group.is(DEAD)) {
                out.send(responder, response.set("error_code", Errors.GROUP_ID_NOT_FOUND.code()));
            } else if (!group.is(EMPTY) && !ConsumerSubscription.PROTOCOL_TYPE.equals(group.protocolType())) {
                out.send(responder, response.set("error_code", Errors.NON_EMPTY_GROUP.code()));
            } else {
                deleteUnsubscribed(group, request, response, responder, out);
            }
        }
        out.flush();
    }

    private void deleteUnsubscribed(ClassicGroup group, Struct request, Struct response, Responder responder, Outbox out) {
        Set<String> subscribed = group.is(EMPTY) ? Set.of() : group.subscribedTopics().orElse(Set.of());
        Map<TopicPartition, CommittedOffset> tombstones = new LinkedHashMap<>();
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("name");
            Struct topicResponse = response.addChild("topics").set("name", name);
            for (Struct partition : topic.getStructs("partitions")) {
                int index = partition.getInt("partition_index");
                TopicPartition tp = new TopicPartition(name, index);
                short error = subscribed.contains(name) ? Errors.GROUP_SUBSCRIBED_TO_TOPIC.code() : Errors.NONE.code();
                if (error == Errors.NONE.code() && group.offsets().containsKey(tp)) {
                    tombstones.put(tp, null);
                }
                topicResponse.addChild("partitions").set("partition_index", index).set("error_code", error);
            }
        }
        CompletableFuture<Long> stored = store.storeOffsets(group, tombstones);
        out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
            synchronized (group) {
                if (failure == null) {
                    group.offsets().keySet().removeAll(tombstones.keySet());
                } else {
                    response.set("error_code", driver.storeError(group));
                }
            }
            responder.send(response);
        }));
    }
}
