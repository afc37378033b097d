package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BYTES;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * AlterUserScramCredentials (key 51): add or replace (salted password, computed by the client) and delete
 * SCRAM credentials.
 */
public final class AlterUserScramCredentialsApi {

    private AlterUserScramCredentialsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(51, "AlterUserScramCredentials", Versions.range(0, 0), 0,
            schema(
                    array("deletions",
                            field("name", STRING),
                            field("mechanism", INT8)),
                    array("upsertions",
                            field("name", STRING),
                            field("mechanism", INT8),
                            field("iterations", INT32),
                            field("salt", BYTES),
                            field("salted_password", BYTES))),
            schema(
                    field("throttle_time_ms", INT32),
                    array("results",
                            field("user", STRING),
                            field("error_code", INT16),
                            field("error_message", STRING).nullable())));
}
