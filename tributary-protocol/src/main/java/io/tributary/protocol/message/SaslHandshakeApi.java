package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * SaslHandshake (key 17): choose a SASL mechanism before authenticating.
 */
public final class SaslHandshakeApi {

    private SaslHandshakeApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(17, "SaslHandshake", Versions.range(0, 1), ApiSpec.NEVER_FLEXIBLE,
            schema(
                    field("mechanism", STRING)),
            schema(
                    field("error_code", INT16),
                    arrayOf("mechanisms", STRING)));
}

