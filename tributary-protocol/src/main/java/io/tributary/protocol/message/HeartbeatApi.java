package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/** Heartbeat (key 12): a member of a classic group proves it is alive and learns of rebalances. */
public final class HeartbeatApi {

    private HeartbeatApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(12, "Heartbeat", Versions.range(0, 4), 4,
            schema(
                    field("group_id", STRING),
                    field("generation_id", INT32),
                    field("member_id", STRING),
                    field("group_instance_id", STRING).since(3).defaultNull()),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    field("error_code", INT16)));
}
