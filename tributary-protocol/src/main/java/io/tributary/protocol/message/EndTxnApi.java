package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * EndTxn (key 26): commit or abort a transaction.
 */
public final class EndTxnApi {

    private EndTxnApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(26, "EndTxn", Versions.range(0, 5), 3,
            schema(
                    field("transactional_id", STRING),
                    field("producer_id", INT64),
                    field("producer_epoch", INT16),
                    field("committed", BOOLEAN)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("producer_id", INT64).since(5).defaultValue(-1),
                    field("producer_epoch", INT16).since(5).defaultValue(-1)));
}

