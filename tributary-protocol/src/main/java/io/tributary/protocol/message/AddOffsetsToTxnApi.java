package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * AddOffsetsToTxn (key 25): add a consumer group's offsets partition to an ongoing transaction.
 */
public final class AddOffsetsToTxnApi {

    private AddOffsetsToTxnApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(25, "AddOffsetsToTxn", Versions.range(0, 4), 3,
            schema(
                    field("transactional_id", STRING),
                    field("producer_id", INT64),
                    field("producer_epoch", INT16),
                    field("group_id", STRING)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16)));
}

