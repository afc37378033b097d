package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * AlterConfigs (key 33): replace the whole configuration of a resource (the legacy, non-incremental form).
 */
public final class AlterConfigsApi {

    private AlterConfigsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(33, "AlterConfigs", Versions.range(0, 2), 2,
            schema(
                    array("resources",
                            field("resource_type", INT8),
                            field("resource_name", STRING),
                            array("configs",
                                    field("name", STRING),
                                    field("value", STRING).nullable())),
                    field("validate_only", BOOLEAN)),
            schema(
                    field("throttle_time_ms", INT32),
                    array("responses",
                            field("error_code", INT16),
                            field("error_message", STRING).nullable(),
                            field("resource_type", INT8),
                            field("resource_name", STRING))));
}

