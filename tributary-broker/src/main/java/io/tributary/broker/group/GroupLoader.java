package io.tributary.broker.group;

import io.tributary.broker.group.OffsetsRecords.Decoded;
import io.tributary.broker.group.OffsetsRecords.GroupRecord;
import io.tributary.broker.group.OffsetsRecords.Ignored;
import io.tributary.broker.group.OffsetsRecords.OffsetRecord;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.ControlRecord;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.nio.ByteBuffer;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the groups of one offsets partition by replaying it: the last record per key wins, a
 * tombstone removes its key; offsets committed in a transaction count once its COMMIT marker is read,
 * stay pending while it is open and vanish with an ABORT. A group with members comes back Stable (its members must heartbeat
 * within their session timeout), one without comes back Empty; a consumer-protocol group comes back
 * attached to its holder ({@link ConsumerGroupReplay}). Stateless; runs off the request path.
 */
final class GroupLoader {

    private GroupLoader() {
    }

    static List<ClassicGroup> load(OffsetsTopic topic, int partition, long nowMs) {
        Map<String, Struct> metadata = new LinkedHashMap<>();
        Map<String, Map<TopicPartition, CommittedOffset>> offsets = new LinkedHashMap<>();
        ConsumerGroupReplay consumerGroups = new ConsumerGroupReplay();
        // offsets of transactions not yet ended: producer id -> group -> partition -> offset
        Map<Long, Map<String, Map<TopicPartition, CommittedOffset>>> pending = new HashMap<>();
        Map<Long, Short> pendingEpochs = new HashMap<>();
        topic.readAll(partition, buffer -> {
            for (RecordBatch batch : RecordBatches.of(buffer.duplicate())) {
                if (batch.isControl()) {
                    pendingEpochs.remove(batch.producerId());
                    Map<String, Map<TopicPartition, CommittedOffset>> ended = pending.remove(batch.producerId());
                    if (ended != null && ControlRecord.typeOf(batch) == ControlRecord.Type.COMMIT) {
                        ended.forEach((groupId, committed) ->
                                offsets.computeIfAbsent(groupId, id -> new HashMap<>()).putAll(committed));
                    }
                    continue;
                }
                if (batch.isTransactional()) {
                    Short epoch = pendingEpochs.put(batch.producerId(), batch.producerEpoch());
                    if (epoch != null && epoch < batch.producerEpoch()) {
                        pending.remove(batch.producerId()); // a fenced epoch's offsets never commit
                    }
                }
                Map<String, Map<TopicPartition, CommittedOffset>> target = batch.isTransactional()
                        ? pending.computeIfAbsent(batch.producerId(), id -> new HashMap<>()) : offsets;
                OffsetsRecordBatch.forEachRecord(batch.slice(), (key, value) -> apply(key, value, target, metadata, consumerGroups));
            }
        });

        Map<String, ConsumerGroup> consumers = consumerGroups.groups();
        Set<String> groupIds = new LinkedHashSet<>(metadata.keySet());
        groupIds.addAll(consumers.keySet());
        offsets.forEach((groupId, groupOffsets) -> {
            if (!groupOffsets.isEmpty()) {
                groupIds.add(groupId);
            }
        });
        pending.values().forEach(byGroup -> groupIds.addAll(byGroup.keySet()));
        List<ClassicGroup> groups = new ArrayList<>();
        for (String groupId : groupIds) {
            ClassicGroup group = new ClassicGroup(groupId, partition, nowMs);
            Struct value = metadata.get(groupId);
            if (value != null) {
                restore(group, value);
            } else {
                group.restore(GroupState.EMPTY, 0, null, null, null, -1L);
            }
            group.offsets().putAll(offsets.getOrDefault(groupId, Map.of()));
            pending.forEach((producerId, byGroup) -> {
                Map<TopicPartition, CommittedOffset> open = byGroup.get(groupId);
                if (open != null) {
                    group.addPendingTxnOffsets(producerId, pendingEpochs.get(producerId), open);
                }
            });
            group.consumerGroup(consumers.get(groupId));
            groups.add(group);
        }
        return groups;
    }

    private static void apply(ByteBuffer key, ByteBuffer value, Map<String, Map<TopicPartition, CommittedOffset>> offsets,
                              Map<String, Struct> metadata, ConsumerGroupReplay consumerGroups) {
        Decoded record = OffsetsRecords.decode(key, value);
        if (record instanceof OffsetRecord offset) {
            Map<TopicPartition, CommittedOffset> groupOffsets = offsets.computeIfAbsent(offset.groupId(), id -> new HashMap<>());
            if (offset.offset() == null) {
                groupOffsets.remove(offset.partition());
            } else {
                groupOffsets.put(offset.partition(), offset.offset());
            }
        } else if (record instanceof Ignored ignored && ConsumerGroupRecords.isConsumerGroupRecord(ignored.type())) {
            consumerGroups.apply(ConsumerGroupRecords.decode(key, value));
        } else if (record instanceof GroupRecord group) {
            if (group.value() == null) {
                metadata.remove(group.groupId());
            } else {
                metadata.put(group.groupId(), group.value());
            }
        }
    }

    private static void restore(ClassicGroup group, Struct value) {
        String protocolType = value.getString("protocol_type");
        String protocol = value.getString("protocol");
        for (Struct stored : value.getStructs("members")) {
            int session = stored.getInt("session_timeout");
            int rebalance = stored.getInt("rebalance_timeout");
            GroupMember member = new GroupMember(stored.getString("member_id"), stored.getString("group_instance_id"),
                    stored.getString("client_id"), stored.getString("client_host"), rebalance < 0 ? session : rebalance,
                    session, protocolType, List.of(new GroupMember.Protocol(protocol, MembershipService.copy(stored.getBytes("subscription")))));
            member.assignment(MembershipService.copy(stored.getBytes("assignment")));
            group.add(member);
        }
        GroupState state = group.size() == 0 ? GroupState.EMPTY : GroupState.STABLE;
        group.restore(state, value.getInt("generation"), protocolType, protocol, value.getString("leader"),
                value.getLong("current_state_timestamp"));
    }
}
