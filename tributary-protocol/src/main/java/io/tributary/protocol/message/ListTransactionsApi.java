package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * ListTransactions (key 66): the transactions a coordinator knows, filtered by state, producer id and age.
 */
public final class ListTransactionsApi {

    private ListTransactionsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(66, "ListTransactions", Versions.range(0, 2), 0,
            schema(
                    arrayOf("state_filters", STRING),
                    arrayOf("producer_id_filters", INT64),
                    field("duration_filter", INT64).since(1).defaultValue(-1L),
                    field("transactional_id_pattern", STRING).since(2).nullable().defaultNull()),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    arrayOf("unknown_state_filters", STRING),
                    array("transaction_states",
                            field("transactional_id", STRING),
                            field("producer_id", INT64),
                            field("transaction_state", STRING))));
}
