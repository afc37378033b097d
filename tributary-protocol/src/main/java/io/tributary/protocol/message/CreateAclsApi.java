package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * CreateAcls (key 30): add ACL bindings; each gets its own result.
 */
public final class CreateAclsApi {

    private CreateAclsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(30, "CreateAcls", Versions.range(0, 3), 2,
            schema(
                    array("creations",
                            field("resource_type", INT8),
                            field("resource_name", STRING),
                            field("resource_pattern_type", INT8).since(1).defaultValue((byte) 3),
                            field("principal", STRING),
                            field("host", STRING),
                            field("operation", INT8),
                            field("permission_type", INT8))),
            schema(
                    field("throttle_time_ms", INT32),
                    array("results",
                            field("error_code", INT16),
                            field("error_message", STRING).nullable())));
}
