package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/** ListGroups (key 16): the groups this coordinator owns; v4 filters by state, v5 by group type. */
public final class ListGroupsApi {

    private ListGroupsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(16, "ListGroups", Versions.range(0, 5), 3,
            schema(
                    arrayOf("states_filter", STRING).since(4),
                    arrayOf("types_filter", STRING).since(5)),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    field("error_code", INT16),
                    array("groups",
                            field("group_id", STRING),
                            field("protocol_type", STRING),
                            field("group_state", STRING).since(4),
                            field("group_type", STRING).since(5))));
}
