package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * ListOffsets (key 2): the offset for a timestamp, or the earliest/latest/max-timestamp offset.
 */
public final class ListOffsetsApi {

    private ListOffsetsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(2, "ListOffsets", Versions.range(1, 11), 6,
            schema(
                    field("replica_id", INT32),
                    field("isolation_level", INT8).since(2),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("current_leader_epoch", INT32).since(4).defaultValue(-1),
                                    field("timestamp", INT64))),
                    field("timeout_ms", INT32).since(10)),
            schema(
                    field("throttle_time_ms", INT32).since(2),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("error_code", INT16),
                                    field("timestamp", INT64).since(1).defaultValue(-1),
                                    field("offset", INT64).since(1).defaultValue(-1),
                                    field("leader_epoch", INT32).since(4).defaultValue(-1)))));
}

