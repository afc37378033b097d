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
 * IncrementalAlterConfigs (key 44): set, delete, append to or subtract from individual config entries.
 */
public final class IncrementalAlterConfigsApi {

    private IncrementalAlterConfigsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(44, "IncrementalAlterConfigs", Versions.range(0, 1), 1,
            schema(
                    array("resources",
                            field("resource_type", INT8),
                            field("resource_name", STRING),
                            array("configs",
                                    field("name", STRING),
                                    field("config_operation", INT8),
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

