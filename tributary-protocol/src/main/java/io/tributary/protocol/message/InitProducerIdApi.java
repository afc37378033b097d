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
 * InitProducerId (key 22): allocate or bump a producer id and epoch for idempotent and transactional producers.
 */
public final class InitProducerIdApi {

    private InitProducerIdApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(22, "InitProducerId", Versions.range(0, 6), 2,
            schema(
                    field("transactional_id", STRING).nullable(),
                    field("transaction_timeout_ms", INT32),
                    field("producer_id", INT64).since(3).defaultValue(-1),
                    field("producer_epoch", INT16).since(3).defaultValue(-1),
                    field("enable2_pc", BOOLEAN).since(6),
                    field("keep_prepared_txn", BOOLEAN).since(6)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("producer_id", INT64).defaultValue(-1),
                    field("producer_epoch", INT16),
                    field("ongoing_txn_producer_id", INT64).since(6).defaultValue(-1),
                    field("ongoing_txn_producer_epoch", INT16).since(6).defaultValue(-1)));
}

