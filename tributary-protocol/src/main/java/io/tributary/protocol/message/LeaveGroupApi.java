package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/** LeaveGroup (key 13): v0-2 one member leaves; v3+ a batch of members, each answered separately. */
public final class LeaveGroupApi {

    private LeaveGroupApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(13, "LeaveGroup", Versions.range(0, 5), 4,
            schema(
                    field("group_id", STRING),
                    field("member_id", STRING).versions(0, 2),
                    array("members",
                            field("member_id", STRING),
                            field("group_instance_id", STRING).defaultNull(),
                            field("reason", STRING).since(5).defaultNull()).since(3)),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    field("error_code", INT16),
                    array("members",
                            field("member_id", STRING),
                            field("group_instance_id", STRING).nullable(),
                            field("error_code", INT16)).since(3)));
}
