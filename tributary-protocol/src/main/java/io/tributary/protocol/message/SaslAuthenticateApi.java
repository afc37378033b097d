package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BYTES;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * SaslAuthenticate (key 36): one SASL token each way, after SaslHandshake v1.
 */
public final class SaslAuthenticateApi {

    private SaslAuthenticateApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(36, "SaslAuthenticate", Versions.range(0, 2), 2,
            schema(
                    field("auth_bytes", BYTES)),
            schema(
                    field("error_code", INT16),
                    field("error_message", STRING), // nullable; Kafka's default is ""
                    field("auth_bytes", BYTES),
                    field("session_lifetime_ms", INT64).since(1)));
}
