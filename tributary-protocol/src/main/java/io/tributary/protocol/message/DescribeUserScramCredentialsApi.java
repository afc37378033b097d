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
 * DescribeUserScramCredentials (key 50): which SCRAM mechanisms and iterations each user has, never the keys.
 */
public final class DescribeUserScramCredentialsApi {

    private DescribeUserScramCredentialsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(50, "DescribeUserScramCredentials", Versions.range(0, 0), 0,
            schema(
                    array("users",
                            field("name", STRING)).nullable()),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("error_message", STRING).nullable(),
                    array("results",
                            field("user", STRING),
                            field("error_code", INT16),
                            field("error_message", STRING).nullable(),
                            array("credential_infos",
                                    field("mechanism", INT8),
                                    field("iterations", INT32)))));
}
