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
 * DescribeAcls (key 29): the ACL bindings matching a filter, grouped by resource.
 */
public final class DescribeAclsApi {

    private DescribeAclsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(29, "DescribeAcls", Versions.range(0, 3), 2,
            schema(
                    field("resource_type_filter", INT8),
                    field("resource_name_filter", STRING).nullable(),
                    field("pattern_type_filter", INT8).since(1).defaultValue((byte) 3),
                    field("principal_filter", STRING).nullable(),
                    field("host_filter", STRING).nullable(),
                    field("operation", INT8),
                    field("permission_type", INT8)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("error_message", STRING).nullable(),
                    array("resources",
                            field("resource_type", INT8),
                            field("resource_name", STRING),
                            field("pattern_type", INT8).since(1).defaultValue((byte) 3),
                            array("acls",
                                    field("principal", STRING),
                                    field("host", STRING),
                                    field("operation", INT8),
                                    field("permission_type", INT8)))));
}
