package io.tributary.broker.group;

import static io.tributary.broker.group.OffsetsRecordSchemas.FIRST_FLEXIBLE_VALUE_VERSION;
import static io.tributary.broker.group.OffsetsRecordSchemas.GROUP_METADATA_KEY;
import static io.tributary.broker.group.OffsetsRecordSchemas.GROUP_METADATA_KEY_SCHEMA;
import static io.tributary.broker.group.OffsetsRecordSchemas.GROUP_METADATA_VALUE_SCHEMA;
import static io.tributary.broker.group.OffsetsRecordSchemas.GROUP_METADATA_VALUE_VERSION;
import static io.tributary.broker.group.OffsetsRecordSchemas.HIGHEST_VALUE_VERSION;
import static io.tributary.broker.group.OffsetsRecordSchemas.OFFSET_COMMIT_KEY;
import static io.tributary.broker.group.OffsetsRecordSchemas.OFFSET_COMMIT_KEY_LEGACY;
import static io.tributary.broker.group.OffsetsRecordSchemas.OFFSET_COMMIT_KEY_SCHEMA;
import static io.tributary.broker.group.OffsetsRecordSchemas.OFFSET_COMMIT_VALUE_SCHEMA;
import static io.tributary.broker.group.OffsetsRecordSchemas.OFFSET_COMMIT_VALUE_VERSION;

import io.tributary.broker.group.OffsetsRecordBatch.KeyValue;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.types.ByteBufferWriter;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Schema;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;

/**
 * Turns committed offsets and group metadata into {@code __consumer_offsets} records and back, with
 * Kafka's schemas ({@link OffsetsRecordSchemas}). Stateless.
 */
final class OffsetsRecords {

    private OffsetsRecords() {
    }

    /** A decoded record: a committed offset, group metadata, or a type this coordinator ignores. */
    sealed interface Decoded permits OffsetRecord, GroupRecord, Ignored {
    }

    /** {@code offset} is null for a tombstone. */
    record OffsetRecord(String groupId, TopicPartition partition, CommittedOffset offset) implements Decoded {
    }

    /** {@code value} (a {@link OffsetsRecordSchemas#GROUP_METADATA_VALUE_SCHEMA} struct) is null for a tombstone. */
    record GroupRecord(String groupId, Struct value) implements Decoded {
    }

    record Ignored(short type) implements Decoded {
    }

    static KeyValue offsetCommit(String groupId, TopicPartition partition, CommittedOffset offset) {
        return new KeyValue(offsetKey(groupId, partition), offset == null ? null : offsetValue(offset));
    }

    static KeyValue groupMetadata(String groupId, Struct value) {
        Struct key = new Struct(GROUP_METADATA_KEY_SCHEMA).set("group", groupId);
        return new KeyValue(encode(GROUP_METADATA_KEY, GROUP_METADATA_KEY_SCHEMA, key, (short) 0, false),
                value == null ? null : encode(GROUP_METADATA_VALUE_VERSION, GROUP_METADATA_VALUE_SCHEMA, value,
                        GROUP_METADATA_VALUE_VERSION, GROUP_METADATA_VALUE_VERSION >= FIRST_FLEXIBLE_VALUE_VERSION));
    }

    /** An empty group metadata value, to fill and pass to {@link #groupMetadata}. */
    static Struct newGroupMetadataValue() {
        return new Struct(GROUP_METADATA_VALUE_SCHEMA);
    }

    static Decoded decode(ByteBuffer key, ByteBuffer value) {
        ProtocolReader keyReader = new ProtocolReader(key.duplicate());
        short type = keyReader.readShort();
        if (type == OFFSET_COMMIT_KEY || type == OFFSET_COMMIT_KEY_LEGACY) {
            Struct k = OFFSET_COMMIT_KEY_SCHEMA.read(keyReader, (short) 0, false);
            TopicPartition partition = new TopicPartition(k.getString("topic"), k.getInt("partition"));
            return new OffsetRecord(k.getString("group"), partition, value == null ? null : decodeOffset(value));
        }
        if (type == GROUP_METADATA_KEY) {
            Struct k = GROUP_METADATA_KEY_SCHEMA.read(keyReader, (short) 0, false);
            return new GroupRecord(k.getString("group"), value == null ? null : decodeValue(GROUP_METADATA_VALUE_SCHEMA, value));
        }
        return new Ignored(type);
    }

    private static CommittedOffset decodeOffset(ByteBuffer value) {
        Struct v = decodeValue(OFFSET_COMMIT_VALUE_SCHEMA, value);
        String metadata = v.getString("metadata");
        return new CommittedOffset(v.getLong("offset"), v.getInt("leader_epoch"), metadata == null ? "" : metadata,
                v.getLong("commit_timestamp"));
    }

    private static Struct decodeValue(Schema schema, ByteBuffer value) {
        ProtocolReader reader = new ProtocolReader(value.duplicate());
        short version = reader.readShort();
        if (version < 0 || version > HIGHEST_VALUE_VERSION) {
            throw new IllegalStateException("unknown __consumer_offsets value version " + version);
        }
        return schema.read(reader, version, version >= FIRST_FLEXIBLE_VALUE_VERSION);
    }

    private static byte[] offsetKey(String groupId, TopicPartition partition) {
        Struct key = new Struct(OFFSET_COMMIT_KEY_SCHEMA)
                .set("group", groupId)
                .set("topic", partition.topic())
                .set("partition", partition.partition());
        return encode(OFFSET_COMMIT_KEY, OFFSET_COMMIT_KEY_SCHEMA, key, (short) 0, false);
    }

    private static byte[] offsetValue(CommittedOffset offset) {
        Struct value = new Struct(OFFSET_COMMIT_VALUE_SCHEMA)
                .set("offset", offset.offset())
                .set("leader_epoch", offset.leaderEpoch())
                .set("metadata", offset.metadata() == null ? "" : offset.metadata())
                .set("commit_timestamp", offset.commitTimestampMs());
        return encode(OFFSET_COMMIT_VALUE_VERSION, OFFSET_COMMIT_VALUE_SCHEMA, value, OFFSET_COMMIT_VALUE_VERSION,
                OFFSET_COMMIT_VALUE_VERSION >= FIRST_FLEXIBLE_VALUE_VERSION);
    }

    /** The int16 prefix, then the struct at {@code schemaVersion}. */
    private static byte[] encode(short prefix, Schema schema, Struct struct, short schemaVersion, boolean flexible) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + schema.sizeOf(struct, schemaVersion, flexible));
        buffer.putShort(prefix);
        schema.write(new ByteBufferWriter(buffer), struct, schemaVersion, flexible);
        return buffer.array();
    }
}
