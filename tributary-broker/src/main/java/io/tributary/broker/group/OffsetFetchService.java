package io.tributary.broker.group;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * OffsetFetch in both shapes: v1-7 ask about one group (error at the top from v2, on every partition
 * in v1), v8+ about several (an error per group). A partition never committed answers offset -1 with
 * no error; null topics mean every committed partition. Thread-safe; reads each group under its
 * monitor.
 */
final class OffsetFetchService {

    private static final CommittedOffset NONE_COMMITTED = new CommittedOffset(-1L, -1, "", -1L);

    private final GroupRegistry registry;
    private final TopicIds topicIds;

    OffsetFetchService(GroupRegistry registry, TopicIds topicIds) {
        this.registry = registry;
        this.topicIds = topicIds;
    }

    /** A topic asked about: by name, or by id from v10 (name null if the id is unknown). */
    private record Requested(String name, UUID id, List<Integer> partitions) {
    }

    void offsetFetch(RequestContext context, Struct request, Responder responder) {
        short version = context.version();
        boolean requireStable = version >= 7 && request.getBoolean("require_stable");
        Struct response = MessageCodec.newResponse(ApiKey.OFFSET_FETCH);
        if (version < 8) {
            String groupId = request.getString("group_id");
            List<Requested> topics = requested(request.getStructs("topics"), false);
            short error = fetchInto(groupId, topics, response, version < 2, requireStable);
            response.set("error_code", error);
        } else {
            for (Struct group : request.getStructs("groups")) {
                String groupId = group.getString("group_id");
                Struct groupResponse = response.addChild("groups").set("group_id", groupId);
                short memberError = version >= 9 ? validateMember(groupId, group.getString("member_id"), group.getInt("member_epoch"))
                        : Errors.NONE.code();
                if (memberError != Errors.NONE.code()) {
                    groupResponse.set("error_code", memberError);
                    continue;
                }
                groupResponse.set("error_code", fetchInto(groupId, requested(group.getStructs("topics"), version >= 10),
                        groupResponse, false, requireStable));
            }
        }
        responder.send(response);
    }

    /** A consumer-protocol group checks the member and its epoch (KIP-848); other groups accept any. */
    private short validateMember(String groupId, String memberId, int memberEpoch) {
        ClassicGroup group = registry.group(groupId);
        if (group == null) {
            return Errors.NONE.code();
        }
        synchronized (group) {
            ConsumerGroup consumer = group.consumerGroup();
            return consumer == null ? Errors.NONE.code() : consumer.validateOffsetFetch(memberId, memberEpoch);
        }
    }

    private List<Requested> requested(List<Struct> topics, boolean byId) {
        if (topics == null) {
            return null;
        }
        List<Requested> requested = new ArrayList<>();
        for (Struct topic : topics) {
            List<Integer> partitions = topic.getList("partition_indexes");
            if (byId) {
                UUID id = topic.getUuid("topic_id");
                requested.add(new Requested(topicIds.name(id), id, partitions));
            } else {
                requested.add(new Requested(topic.getString("name"), null, partitions));
            }
        }
        return requested;
    }

    /**
     * Adds the group's offsets to {@code parent}'s "topics" and returns the group-level error. With
     * {@code errorOnPartitions} (v1, no group-level error field) an error is also set on each partition.
     * With {@code requireStable} a partition whose offset an open transaction is committing answers
     * UNSTABLE_OFFSET_COMMIT (the consumer retries) instead of the offset before the transaction.
     */
    private short fetchInto(String groupId, List<Requested> topics, Struct parent, boolean errorOnPartitions,
                            boolean requireStable) {
        short error = registry.coordinatorError(groupId);
        if (error != Errors.NONE.code()) {
            if (errorOnPartitions && topics != null) {
                for (Requested topic : topics) {
                    addTopic(parent, topic, Map.of(), error);
                }
            }
            return error;
        }
        Map<TopicPartition, CommittedOffset> offsets = snapshot(groupId);
        java.util.Set<TopicPartition> unstable = requireStable ? pendingTxnPartitions(groupId) : java.util.Set.of();
        if (topics == null) {
            topics = allCommitted(offsets);
        }
        for (Requested topic : topics) {
            addTopic(parent, topic, offsets, topic.name() == null ? Errors.UNKNOWN_TOPIC_ID.code() : Errors.NONE.code());
        }
        if (!unstable.isEmpty()) {
            for (Struct topic : parent.getStructs("topics")) {
                for (Struct partition : topic.getStructs("partitions")) {
                    if (unstable.contains(new TopicPartition(topic.getString("name"), partition.getInt("partition_index")))) {
                        partition.set("error_code", Errors.UNSTABLE_OFFSET_COMMIT.code()).set("committed_offset", -1L);
                    }
                }
            }
        }
        return Errors.NONE.code();
    }

    private java.util.Set<TopicPartition> pendingTxnPartitions(String groupId) {
        ClassicGroup group = registry.group(groupId);
        if (group == null) {
            return java.util.Set.of();
        }
        synchronized (group) {
            java.util.Set<TopicPartition> pending = new java.util.HashSet<>();
            group.pendingTxnOffsets().values().forEach(offsets -> pending.addAll(offsets.keySet()));
            return pending;
        }
    }

    private Map<TopicPartition, CommittedOffset> snapshot(String groupId) {
        ClassicGroup group = registry.group(groupId);
        if (group == null) {
            return Map.of();
        }
        synchronized (group) {
            return group.is(GroupState.DEAD) ? Map.of() : Map.copyOf(group.offsets());
        }
    }

    private List<Requested> allCommitted(Map<TopicPartition, CommittedOffset> offsets) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        for (TopicPartition partition : offsets.keySet()) {
            byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>()).add(partition.partition());
        }
        List<Requested> all = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> {
            partitions.sort(null);
            all.add(new Requested(topic, topicIds.id(topic), partitions));
        });
        return all;
    }

    private static void addTopic(Struct parent, Requested topic, Map<TopicPartition, CommittedOffset> offsets, short error) {
        Struct topicResponse = parent.addChild("topics");
        if (topicResponse.hasField("topic_id") && topic.id() != null) {
            topicResponse.set("topic_id", topic.id());
        }
        topicResponse.set("name", topic.name() == null ? "" : topic.name());
        for (int index : topic.partitions()) {
            CommittedOffset offset = topic.name() == null ? NONE_COMMITTED
                    : offsets.getOrDefault(new TopicPartition(topic.name(), index), NONE_COMMITTED);
            topicResponse.addChild("partitions")
                    .set("partition_index", index)
                    .set("committed_offset", offset.offset())
                    .set("committed_leader_epoch", offset.leaderEpoch())
                    .set("metadata", offset.metadata())
                    .set("error_code", error);
        }
    }
}
