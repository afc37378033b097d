package io.tributary.broker.group;

import io.tributary.broker.group.OffsetsRecordBatch.KeyValue;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes group state to {@code __consumer_offsets}: offsets, group metadata and their tombstones, one
 * batch per call. Callers hold the group's monitor, so a group's records reach the log in the order
 * its state changed; the futures are waited on only after the monitor is released
 * ({@link Outbox#afterUnlock}). Thread-safe (stateless apart from its collaborators).
 */
final class GroupStore {

    private final OffsetsTopic topic;
    private final Time time;

    GroupStore(OffsetsTopic topic, Time time) {
        this.topic = topic;
        this.time = time;
    }

    /** Commits offsets; a null value deletes the partition's offset. */
    CompletableFuture<Long> storeOffsets(ClassicGroup group, Map<TopicPartition, CommittedOffset> offsets) {
        List<KeyValue> records = new ArrayList<>(offsets.size());
        offsets.forEach((partition, offset) -> records.add(OffsetsRecords.offsetCommit(group.groupId(), partition, offset)));
        return append(group, records);
    }

    /** Offsets committed in the transaction of {@code producerId}: a transactional batch the markers end. */
    CompletableFuture<Long> storeTxnOffsets(ClassicGroup group, long producerId, short producerEpoch,
                                            Map<TopicPartition, CommittedOffset> offsets) {
        List<KeyValue> records = new ArrayList<>(offsets.size());
        offsets.forEach((partition, offset) -> records.add(OffsetsRecords.offsetCommit(group.groupId(), partition, offset)));
        try {
            return topic.appendTransactional(group.offsetsPartition(),
                    OffsetsRecordBatch.buildTransactional(time.milliseconds(), producerId, producerEpoch, records));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The group's membership for the current generation, with these assignments (member id to bytes;
     * members missing from the map get none). Called with the group's monitor held.
     */
    CompletableFuture<Long> storeGroup(ClassicGroup group, Map<String, byte[]> assignments) {
        return append(group, List.of(OffsetsRecords.groupMetadata(group.groupId(), metadataValue(group, assignments))));
    }

    /** Tombstones for these offsets and, if {@code deleteGroup}, for the group itself. */
    CompletableFuture<Long> delete(ClassicGroup group, Collection<TopicPartition> partitions, boolean deleteGroup) {
        List<KeyValue> records = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            records.add(OffsetsRecords.offsetCommit(group.groupId(), partition, null));
        }
        if (deleteGroup) {
            records.add(OffsetsRecords.groupMetadata(group.groupId(), null));
        }
        return append(group, records);
    }

    /** Any records of the group (such as a consumer-protocol group's), in one batch. */
    CompletableFuture<Long> appendRecords(ClassicGroup group, List<KeyValue> records) {
        return append(group, records);
    }

    private CompletableFuture<Long> append(ClassicGroup group, List<KeyValue> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(-1L);
        }
        ByteBuffer batch = OffsetsRecordBatch.build(time.milliseconds(), records);
        try {
            return topic.append(group.offsetsPartition(), batch);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Struct metadataValue(ClassicGroup group, Map<String, byte[]> assignments) {
        Struct value = OffsetsRecords.newGroupMetadataValue()
                .set("protocol_type", group.protocolType() == null ? "" : group.protocolType())
                .set("generation", group.generationId())
                .set("protocol", group.protocolName())
                .set("leader", group.leaderId())
                .set("current_state_timestamp", group.stateTimestampMs());
        for (GroupMember member : group.members()) {
            byte[] assignment = assignments.get(member.memberId());
            value.addChild("members")
                    .set("member_id", member.memberId())
                    .set("group_instance_id", member.groupInstanceId())
                    .set("client_id", member.clientId())
                    .set("client_host", member.clientHost())
                    .set("rebalance_timeout", member.rebalanceTimeoutMs())
                    .set("session_timeout", member.sessionTimeoutMs())
                    .set("subscription", ByteBuffer.wrap(member.metadata(group.protocolName())))
                    .set("assignment", ByteBuffer.wrap(assignment == null ? new byte[0] : assignment));
        }
        return value;
    }
}
