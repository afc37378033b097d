package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * FindCoordinator (key 10): which broker coordinates a group (key_type 0) or a transactional id (1).
 * v0-3 ask for one key; v4+ batch them in {@code coordinator_keys} and answer one entry per key.
 */
public final class FindCoordinatorApi {

    private FindCoordinatorApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(10, "FindCoordinator", Versions.range(0, 6), 3,
            schema(
                    field("key", STRING).versions(0, 3),
                    field("key_type", INT8).since(1),
                    arrayOf("coordinator_keys", STRING).since(4)),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    field("error_code", INT16).versions(0, 3),
                    field("error_message", STRING).versions(1, 3).nullable(),
                    field("node_id", INT32).versions(0, 3),
                    field("host", STRING).versions(0, 3),
                    field("port", INT32).versions(0, 3),
                    array("coordinators",
                            field("key", STRING),
                            field("node_id", INT32),
                            field("host", STRING),
                            field("port", INT32),
                            field("error_code", INT16),
                            field("error_message", STRING).nullable()).since(4)));
}
