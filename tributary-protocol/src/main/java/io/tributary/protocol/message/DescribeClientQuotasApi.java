package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.FLOAT64;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * DescribeClientQuotas (key 48): the quotas of users and client ids matching a filter.
 */
public final class DescribeClientQuotasApi {

    private DescribeClientQuotasApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(48, "DescribeClientQuotas", Versions.range(0, 1), 1,
            schema(
                    array("components",
                            field("entity_type", STRING),
                            field("match_type", INT8),
                            field("match", STRING).nullable()),
                    field("strict", BOOLEAN)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("error_message", STRING).nullable(),
                    array("entries",
                            array("entity",
                                    field("entity_type", STRING),
                                    field("entity_name", STRING).nullable()),
                            array("values",
                                    field("key", STRING),
                                    field("value", FLOAT64))).nullable()));
}
