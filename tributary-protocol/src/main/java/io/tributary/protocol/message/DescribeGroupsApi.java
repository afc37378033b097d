package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
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
 * DescribeGroups (key 15): state, protocol and members (client id, host, metadata, assignment) of
 * classic groups; what {@code kafka-consumer-groups --describe} prints.
 */
public final class DescribeGroupsApi {

    private DescribeGroupsApi() {
    }

    /** {@code authorized_operations} when the client did not ask for them. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    public static final ApiSpec SPEC = ApiSpec.of(15, "DescribeGroups", Versions.range(0, 6), 5,
            schema(
                    arrayOf("groups", STRING),
                    field("include_authorized_operations", BOOLEAN).since(3)),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    array("groups",
                            field("error_code", INT16),
                            field("error_message", STRING).since(6).defaultNull(),
                            field("group_id", STRING),
                            field("group_state", STRING),
                            field("protocol_type", STRING),
                            field("protocol_data", STRING),
                            array("members",
                                    field("member_id", STRING),
                                    field("group_instance_id", STRING).since(4).defaultNull(),
                                    field("client_id", STRING),
                                    field("client_host", STRING),
                                    field("member_metadata", BYTES),
                                    field("member_assignment", BYTES)),
                            field("authorized_operations", INT32).since(3).defaultValue(AUTHORIZED_OPERATIONS_OMITTED))));
}
