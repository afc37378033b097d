package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BYTES;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * SyncGroup (key 14): the leader hands in every member's assignment; every member waits for its own.
 * v3 adds static membership, v5 the protocol type and name (checked against the group's).
 */
public final class SyncGroupApi {

    private SyncGroupApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(14, "SyncGroup", Versions.range(0, 5), 4,
            schema(
                    field("group_id", STRING),
                    field("generation_id", INT32),
                    field("member_id", STRING),
                    field("group_instance_id", STRING).since(3).defaultNull(),
                    field("protocol_type", STRING).since(5).defaultNull(),
                    field("protocol_name", STRING).since(5).defaultNull(),
                    array("assignments",
                            field("member_id", STRING),
                            field("assignment", BYTES))),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    field("error_code", INT16),
                    field("protocol_type", STRING).since(5).defaultNull(),
                    field("protocol_name", STRING).since(5).defaultNull(),
                    field("assignment", BYTES)));
}
