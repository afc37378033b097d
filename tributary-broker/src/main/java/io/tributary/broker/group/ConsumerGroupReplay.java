package io.tributary.broker.group;

import com.google.re2j.Pattern;
import io.tributary.protocol.types.Struct;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds consumer-protocol groups from their records while an offsets partition is replayed: the
 * last record per key wins, a tombstone removes its key, and a tombstoned group record removes the
 * group. Not thread-safe; one per load.
 */
final class ConsumerGroupReplay {

    private static final class Replayed {
        Struct metadata;
        Struct targetMetadata;
        final Map<String, Struct> members = new LinkedHashMap<>();
        final Map<String, Struct> targets = new HashMap<>();
        final Map<String, Struct> current = new HashMap<>();
    }

    private final Map<String, Replayed> groups = new LinkedHashMap<>();

    void apply(ConsumerGroupRecords.Decoded record) {
        if (record.type() == ConsumerGroupRecords.GROUP_METADATA && record.value() == null) {
            groups.remove(record.groupId());
            return;
        }
        Replayed group = groups.computeIfAbsent(record.groupId(), id -> new Replayed());
        switch (record.type()) {
            case ConsumerGroupRecords.GROUP_METADATA -> group.metadata = record.value();
            case ConsumerGroupRecords.TARGET_ASSIGNMENT_METADATA -> group.targetMetadata = record.value();
            case ConsumerGroupRecords.MEMBER_METADATA -> put(group.members, record);
            case ConsumerGroupRecords.TARGET_ASSIGNMENT_MEMBER -> put(group.targets, record);
            case ConsumerGroupRecords.CURRENT_MEMBER_ASSIGNMENT -> put(group.current, record);
            default -> {
                // partition metadata: not used
            }
        }
    }

    private static void put(Map<String, Struct> map, ConsumerGroupRecords.Decoded record) {
        if (record.value() == null) {
            map.remove(record.memberId());
        } else {
            map.put(record.memberId(), record.value());
        }
    }

    /** The groups that exist at the end of the log, by id. */
    Map<String, ConsumerGroup> groups() {
        Map<String, ConsumerGroup> built = new LinkedHashMap<>();
        groups.forEach((groupId, replayed) -> {
            if (replayed.metadata == null) {
                return; // records of a group whose group record was never written: nothing to restore
            }
            ConsumerGroup group = new ConsumerGroup(groupId);
            group.groupEpoch(replayed.metadata.getInt("epoch"), replayed.metadata.getLong("metadata_hash"));
            group.assignmentEpoch(replayed.targetMetadata == null ? 0 : replayed.targetMetadata.getInt("assignment_epoch"));
            replayed.members.forEach((memberId, value) -> group.add(member(memberId, value, replayed.current.get(memberId))));
            replayed.targets.forEach((memberId, value) -> {
                if (group.member(memberId) != null) {
                    group.target(memberId, ConsumerGroupRecords.partitions(value.getStructs("topic_partitions")));
                }
            });
            built.put(groupId, group);
        });
        return built;
    }

    private static ConsumerGroupMember member(String memberId, Struct metadata, Struct current) {
        ConsumerGroupMember member = new ConsumerGroupMember(memberId);
        String regex = metadata.getString("subscribed_topic_regex");
        List<String> names = metadata.getList("subscribed_topic_names");
        member.subscribe(names, regex, regex == null ? null : Pattern.compile(regex), metadata.getString("server_assignor"));
        member.rebalanceTimeoutMs(metadata.getInt("rebalance_timeout_ms"));
        member.identity(metadata.getString("instance_id"), metadata.getString("rack_id"), metadata.getString("client_id"),
                metadata.getString("client_host"));
        if (current != null) {
            member.restore(current.getInt("member_epoch"), current.getInt("previous_member_epoch"),
                    ConsumerMemberState.of(current.getByte("state")),
                    ConsumerGroupRecords.partitions(current.getStructs("assigned_partitions")),
                    ConsumerGroupRecords.partitions(current.getStructs("partitions_pending_revocation")));
        }
        return member;
    }
}
