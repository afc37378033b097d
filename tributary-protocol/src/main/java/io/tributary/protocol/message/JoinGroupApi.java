package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.BYTES;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * JoinGroup (key 11): a member (re)joins a classic group and waits for the rebalance to complete.
 * v1 adds the rebalance timeout, v4 the member-id-required first join (KIP-394), v5 static
 * membership, v7 the protocol type in the response, v8 a reason, v9 skip_assignment.
 */
public final class JoinGroupApi {

    private JoinGroupApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(11, "JoinGroup", Versions.range(0, 9), 6,
            schema(
                    field("group_id", STRING),
                    field("session_timeout_ms", INT32),
                    field("rebalance_timeout_ms", INT32).since(1).defaultValue(-1),
                    field("member_id", STRING),
                    field("group_instance_id", STRING).since(5).defaultNull(),
                    field("protocol_type", STRING),
                    array("protocols",
                            field("name", STRING),
                            field("metadata", BYTES)),
                    field("reason", STRING).since(8).defaultNull()),
            schema(
                    field("throttle_time_ms", INT32).since(2),
                    field("error_code", INT16),
                    field("generation_id", INT32).defaultValue(-1),
                    field("protocol_type", STRING).since(7).defaultNull(),
                    field("protocol_name", STRING).nullableSince(7),
                    field("leader", STRING),
                    field("skip_assignment", BOOLEAN).since(9),
                    field("member_id", STRING),
                    array("members",
                            field("member_id", STRING),
                            field("group_instance_id", STRING).since(5).defaultNull(),
                            field("metadata", BYTES))));
}
