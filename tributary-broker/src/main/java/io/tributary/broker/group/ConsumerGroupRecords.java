package io.tributary.broker.group;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.nullableStruct;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BYTES;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.broker.group.OffsetsRecordBatch.KeyValue;
import io.tributary.protocol.types.ByteBufferWriter;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Schema;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The records of a consumer-protocol group in {@code __consumer_offsets}, in Kafka's format (its
 * group-coordinator's {@code ConsumerGroup*Key/Value} schemas): the group epoch (type 3), each
 * member's subscription (5), the target assignment's epoch (6) and per-member partitions (7), and
 * each member's reconciled assignment (8). Keys carry their type as the int16 prefix and are not
 * flexible; values are version 0, flexible. A null value is a tombstone. Stateless.
 *
 * <p>Kafka 4.1+ no longer writes the per-topic subscription metadata (type 4) but a hash of it in the
 * group record; so does this coordinator, and it skips type 4 when reading.
 */
final class ConsumerGroupRecords {

    private ConsumerGroupRecords() {
    }

    static final short GROUP_METADATA = 3;
    static final short PARTITION_METADATA = 4;
    static final short MEMBER_METADATA = 5;
    static final short TARGET_ASSIGNMENT_METADATA = 6;
    static final short TARGET_ASSIGNMENT_MEMBER = 7;
    static final short CURRENT_MEMBER_ASSIGNMENT = 8;

    private static final Schema GROUP_KEY = schema(field("group_id", STRING));
    private static final Schema MEMBER_KEY = schema(field("group_id", STRING), field("member_id", STRING));

    static final Schema GROUP_METADATA_VALUE = schema(
            field("epoch", INT32),
            field("metadata_hash", INT64).tagged(0).defaultValue(0L),
            field("creation_time_ms", INT64).tagged(1).defaultValue(-1L));

    static final Schema MEMBER_METADATA_VALUE = schema(
            field("instance_id", STRING).nullable(),
            field("rack_id", STRING).nullable(),
            field("client_id", STRING),
            field("client_host", STRING),
            arrayOf("subscribed_topic_names", STRING),
            field("subscribed_topic_regex", STRING).nullable(),
            field("rebalance_timeout_ms", INT32).defaultValue(-1),
            field("server_assignor", STRING).nullable(),
            nullableStruct("classic_member_metadata",
                    field("session_timeout_ms", INT32),
                    array("supported_protocols", field("name", STRING), field("metadata", BYTES))).tagged(0));

    static final Schema TARGET_ASSIGNMENT_METADATA_VALUE = schema(
            field("assignment_epoch", INT32),
            field("assignment_timestamp", INT64).tagged(0).defaultValue(0L));

    static final Schema TARGET_ASSIGNMENT_MEMBER_VALUE = schema(
            array("topic_partitions", field("topic_id", UUID_TYPE), arrayOf("partitions", INT32)));

    static final Schema CURRENT_MEMBER_ASSIGNMENT_VALUE = schema(
            field("member_epoch", INT32),
            field("previous_member_epoch", INT32),
            field("state", INT8),
            array("assigned_partitions", field("topic_id", UUID_TYPE), arrayOf("partitions", INT32),
                    arrayOf("assignment_epochs", INT32).tagged(0).defaultNull()),
            array("partitions_pending_revocation", field("topic_id", UUID_TYPE), arrayOf("partitions", INT32),
                    arrayOf("assignment_epochs", INT32).tagged(0).defaultNull()));

    /** A decoded consumer-group record; {@code value} is null for a tombstone. */
    record Decoded(short type, String groupId, String memberId, Struct value) {
    }

    static boolean isConsumerGroupRecord(short type) {
        return type >= GROUP_METADATA && type <= CURRENT_MEMBER_ASSIGNMENT;
    }

    static KeyValue groupEpoch(String groupId, int epoch, long metadataHash) {
        return groupRecord(GROUP_METADATA, groupId, new Struct(GROUP_METADATA_VALUE)
                .set("epoch", epoch).set("metadata_hash", metadataHash));
    }

    static KeyValue member(String groupId, ConsumerGroupMember member) {
        Struct value = new Struct(MEMBER_METADATA_VALUE)
                .set("instance_id", member.instanceId())
                .set("rack_id", member.rackId())
                .set("client_id", member.clientId() == null ? "" : member.clientId())
                .set("client_host", member.clientHost() == null ? "" : member.clientHost())
                .set("subscribed_topic_names", new ArrayList<>(member.subscribedTopicNames()))
                .set("subscribed_topic_regex", member.subscribedTopicRegex())
                .set("rebalance_timeout_ms", member.rebalanceTimeoutMs())
                .set("server_assignor", member.serverAssignor());
        return memberRecord(MEMBER_METADATA, groupId, member.memberId(), value);
    }

    static KeyValue targetEpoch(String groupId, int epoch, long nowMs) {
        return groupRecord(TARGET_ASSIGNMENT_METADATA, groupId, new Struct(TARGET_ASSIGNMENT_METADATA_VALUE)
                .set("assignment_epoch", epoch).set("assignment_timestamp", nowMs));
    }

    static KeyValue targetMember(String groupId, String memberId, ConsumerAssignment target) {
        Struct value = new Struct(TARGET_ASSIGNMENT_MEMBER_VALUE);
        addPartitions(value, "topic_partitions", target);
        return memberRecord(TARGET_ASSIGNMENT_MEMBER, groupId, memberId, value);
    }

    static KeyValue currentAssignment(String groupId, ConsumerGroupMember member) {
        Struct value = new Struct(CURRENT_MEMBER_ASSIGNMENT_VALUE)
                .set("member_epoch", member.memberEpoch())
                .set("previous_member_epoch", member.previousMemberEpoch())
                .set("state", member.state().value());
        addPartitions(value, "assigned_partitions", member.assigned());
        addPartitions(value, "partitions_pending_revocation", member.pendingRevocation());
        return memberRecord(CURRENT_MEMBER_ASSIGNMENT, groupId, member.memberId(), value);
    }

    /** Tombstones for every record of a member, current assignment first as Kafka orders them. */
    static List<KeyValue> memberTombstones(String groupId, String memberId) {
        return List.of(memberRecord(CURRENT_MEMBER_ASSIGNMENT, groupId, memberId, null),
                memberRecord(TARGET_ASSIGNMENT_MEMBER, groupId, memberId, null),
                memberRecord(MEMBER_METADATA, groupId, memberId, null));
    }

    /** Tombstones for the records of an empty group; the group record last. */
    static List<KeyValue> groupTombstones(String groupId) {
        return List.of(groupRecord(TARGET_ASSIGNMENT_METADATA, groupId, null), groupRecord(GROUP_METADATA, groupId, null));
    }

    /** Decodes a record whose key type {@link #isConsumerGroupRecord} says is ours. */
    static Decoded decode(ByteBuffer key, ByteBuffer value) {
        ProtocolReader keyReader = new ProtocolReader(key.duplicate());
        short type = keyReader.readShort();
        boolean perMember = type == MEMBER_METADATA || type == TARGET_ASSIGNMENT_MEMBER || type == CURRENT_MEMBER_ASSIGNMENT;
        Struct k = (perMember ? MEMBER_KEY : GROUP_KEY).read(keyReader, type, false);
        Schema valueSchema = switch (type) {
            case GROUP_METADATA -> GROUP_METADATA_VALUE;
            case MEMBER_METADATA -> MEMBER_METADATA_VALUE;
            case TARGET_ASSIGNMENT_METADATA -> TARGET_ASSIGNMENT_METADATA_VALUE;
            case TARGET_ASSIGNMENT_MEMBER -> TARGET_ASSIGNMENT_MEMBER_VALUE;
            case CURRENT_MEMBER_ASSIGNMENT -> CURRENT_MEMBER_ASSIGNMENT_VALUE;
            default -> null; // partition metadata: superseded by the group record's hash
        };
        Struct v = null;
        if (value != null && valueSchema != null) {
            ProtocolReader reader = new ProtocolReader(value.duplicate());
            short version = reader.readShort();
            if (version != 0) {
                throw new IllegalStateException("unknown consumer group record value version " + version + " of type " + type);
            }
            v = valueSchema.read(reader, version, true);
        }
        return new Decoded(type, k.getString("group_id"), perMember ? k.getString("member_id") : null, v);
    }

    /** The (topic id, partitions) pairs of an assignment array of a record or request. */
    static ConsumerAssignment partitions(List<Struct> topicPartitions) {
        Map<UUID, List<Integer>> pairs = new LinkedHashMap<>();
        for (Struct topic : topicPartitions) {
            pairs.computeIfAbsent(topic.getUuid("topic_id"), t -> new ArrayList<>()).addAll(topic.getList("partitions"));
        }
        return ConsumerAssignment.fromPairs(pairs);
    }

    private static void addPartitions(Struct parent, String arrayField, ConsumerAssignment assignment) {
        assignment.partitions().forEach((topic, partitions) -> parent.addChild(arrayField)
                .set("topic_id", topic)
                .set("partitions", new ArrayList<>(partitions)));
    }

    private static KeyValue groupRecord(short type, String groupId, Struct value) {
        return new KeyValue(encodeKey(type, new Struct(GROUP_KEY).set("group_id", groupId)), encodeValue(value));
    }

    private static KeyValue memberRecord(short type, String groupId, String memberId, Struct value) {
        return new KeyValue(encodeKey(type, new Struct(MEMBER_KEY).set("group_id", groupId).set("member_id", memberId)),
                encodeValue(value));
    }

    private static byte[] encodeKey(short type, Struct key) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + key.schema().sizeOf(key, type, false));
        buffer.putShort(type);
        key.schema().write(new ByteBufferWriter(buffer), key, type, false);
        return buffer.array();
    }

    private static byte[] encodeValue(Struct value) {
        if (value == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(2 + value.schema().sizeOf(value, (short) 0, true));
        buffer.putShort((short) 0);
        value.schema().write(new ByteBufferWriter(buffer), value, (short) 0, true);
        return buffer.array();
    }
}
