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
 * DeleteAcls (key 31): remove every ACL binding matching each filter, reporting what was removed.
 */
public final class DeleteAclsApi {

    private DeleteAclsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(31, "DeleteAcls", Versions.range(0, 3), 2,
            schema(
                    array("filters",
                            field("resource_type_filter", INT8),
                            field("resource_name_filter", STRING).nullable(),
                            field("pattern_type_filter", INT8).since(1).defaultValue((byte) 3),
                            field("principal_filter", STRING).nullable(),
                            field("host_filter", STRING).nullable(),
                            field("operation", INT8),
                            field("permission_type", INT8))),
            schema(
                    field("throttle_time_ms", INT32),
                    array("filter_results",
                            field("error_code", INT16),
                            field("error_message", STRING).nullable(),
                            array("matching_acls",
                                    field("error_code", INT16),
                                    field("error_message", STRING).nullable(),
                                    field("resource_type", INT8),
                                    field("resource_name", STRING),
                                    field("pattern_type", INT8).since(1).defaultValue((byte) 3),
                                    field("principal", STRING),
                                    field("host", STRING),
                                    field("operation", INT8),
                                    field("permission_type", INT8)))));
}
