package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Schema.struct;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Field;
import io.tributary.protocol.types.Versions;

/**
 * ConsumerGroupDescribe (key 69, KIP-848): epochs, assignor and members of consumer-protocol groups,
 * each member with its current and target assignment; what the admin client's describe uses for them.
 */
public final class ConsumerGroupDescribeApi {

    private ConsumerGroupDescribeApi() {
    }

    /** {@code authorized_operations} when the client did not ask for them. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    private static Field assignment(String name) {
        return struct(name,
                array("topic_partitions",
                        field("topic_id", UUID_TYPE),
                        field("topic_name", STRING),
                        arrayOf("partitions", INT32)));
    }

    public static final ApiSpec SPEC = ApiSpec.of(69, "ConsumerGroupDescribe", Versions.range(0, 1), 0,
            schema(
                    arrayOf("group_ids", STRING),
                    field("include_authorized_operations", BOOLEAN)),
            schema(
                    field("throttle_time_ms", INT32),
                    array("groups",
                            field("error_code", INT16),
                            field("error_message", STRING).defaultNull(),
                            field("group_id", STRING),
                            field("group_state", STRING),
                            field("group_epoch", INT32),
                            field("assignment_epoch", INT32),
                            field("assignor_name", STRING),
                            array("members",
                                    field("member_id", STRING),
                                    field("instance_id", STRING).defaultNull(),
                                    field("rack_id", STRING).defaultNull(),
                                    field("member_epoch", INT32),
                                    field("client_id", STRING),
                                    field("client_host", STRING),
                                    arrayOf("subscribed_topic_names", STRING),
                                    field("subscribed_topic_regex", STRING).defaultNull(),
                                    assignment("assignment"),
                                    assignment("target_assignment"),
                                    field("member_type", INT8).since(1).defaultValue(-1)),
                            field("authorized_operations", INT32).defaultValue(AUTHORIZED_OPERATIONS_OMITTED))));
}
