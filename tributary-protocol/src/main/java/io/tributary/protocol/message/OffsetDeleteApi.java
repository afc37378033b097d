package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/** OffsetDelete (key 47): drops committed offsets of partitions a group no longer consumes. */
public final class OffsetDeleteApi {

    private OffsetDeleteApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(47, "OffsetDelete", Versions.range(0, 0), ApiSpec.NEVER_FLEXIBLE,
            schema(
                    field("group_id", STRING),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32)))),
            schema(
                    field("error_code", INT16),
                    field("throttle_time_ms", INT32),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("error_code", INT16)))));
}
