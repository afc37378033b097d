package io.tributary.broker.group;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BYTES;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.types.Schema;

/**
 * Kafka's key and value schemas for the records of {@code __consumer_offsets}, declared as data. A
 * record's key starts with an int16 that says what the record is (0 or 1: a committed offset, 2:
 * group metadata; later types belong to protocols we do not run), its value with an int16 schema
 * version (flexible from 4). A null value is a tombstone.
 */
final class OffsetsRecordSchemas {

    private OffsetsRecordSchemas() {
    }

    static final short OFFSET_COMMIT_KEY_LEGACY = 0;
    static final short OFFSET_COMMIT_KEY = 1;
    static final short GROUP_METADATA_KEY = 2;

    /** Versions we write, as Kafka 4.x does for classic groups. */
    static final short OFFSET_COMMIT_VALUE_VERSION = 3;
    static final short GROUP_METADATA_VALUE_VERSION = 3;
    static final short FIRST_FLEXIBLE_VALUE_VERSION = 4;
    static final short HIGHEST_VALUE_VERSION = 4;

    static final Schema OFFSET_COMMIT_KEY_SCHEMA = schema(
            field("group", STRING),
            field("topic", STRING),
            field("partition", INT32));

    static final Schema OFFSET_COMMIT_VALUE_SCHEMA = schema(
            field("offset", INT64),
            field("leader_epoch", INT32).since(3).defaultValue(-1),
            field("metadata", STRING),
            field("commit_timestamp", INT64),
            field("expire_timestamp", INT64).versions(1, 1).defaultValue(-1L),
            field("topic_id", UUID_TYPE).since(4).tagged(0));

    static final Schema GROUP_METADATA_KEY_SCHEMA = schema(
            field("group", STRING));

    static final Schema GROUP_METADATA_VALUE_SCHEMA = schema(
            field("protocol_type", STRING),
            field("generation", INT32),
            field("protocol", STRING).nullable(),
            field("leader", STRING).nullable(),
            field("current_state_timestamp", INT64).since(2).defaultValue(-1L),
            array("members",
                    field("member_id", STRING),
                    field("group_instance_id", STRING).since(3).defaultNull(),
                    field("client_id", STRING),
                    field("client_host", STRING),
                    field("rebalance_timeout", INT32).since(1).defaultValue(-1),
                    field("session_timeout", INT32),
                    field("subscription", BYTES),
                    field("assignment", BYTES)));
}
