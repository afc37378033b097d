package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * CreatePartitions (key 37): add partitions to existing topics.
 */
public final class CreatePartitionsApi {

    private CreatePartitionsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(37, "CreatePartitions", Versions.range(0, 3), 2,
            schema(
                    array("topics",
                            field("name", STRING),
                            field("count", INT32),
                            array("assignments",
                                    arrayOf("broker_ids", INT32)).nullable()),
                    field("timeout_ms", INT32),
                    field("validate_only", BOOLEAN)),
            schema(
                    field("throttle_time_ms", INT32),
                    array("results",
                            field("name", STRING),
                            field("error_code", INT16),
                            field("error_message", STRING).defaultNull())));
}

