package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * DescribeLogDirs (key 35): the log directories of a broker and the partitions each holds.
 */
public final class DescribeLogDirsApi {

    private DescribeLogDirsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(35, "DescribeLogDirs", Versions.range(1, 4), 2,
            schema(
                    array("topics",
                            field("topic", STRING),
                            arrayOf("partitions", INT32)).nullable()),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16).since(3),
                    array("results",
                            field("error_code", INT16),
                            field("log_dir", STRING),
                            array("topics",
                                    field("name", STRING),
                                    array("partitions",
                                            field("partition_index", INT32),
                                            field("partition_size", INT64),
                                            field("offset_lag", INT64),
                                            field("is_future_key", BOOLEAN))),
                            field("total_bytes", INT64).since(4).defaultValue(-1),
                            field("usable_bytes", INT64).since(4).defaultValue(-1))));
}

