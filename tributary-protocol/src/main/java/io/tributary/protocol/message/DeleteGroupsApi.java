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

/** DeleteGroups (key 42): removes empty groups and their committed offsets. */
public final class DeleteGroupsApi {

    private DeleteGroupsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(42, "DeleteGroups", Versions.range(0, 2), 2,
            schema(
                    arrayOf("groups_names", STRING)),
            schema(
                    field("throttle_time_ms", INT32),
                    array("results",
                            field("group_id", STRING),
                            field("error_code", INT16))));
}
