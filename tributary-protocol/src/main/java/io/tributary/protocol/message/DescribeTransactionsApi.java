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
 * DescribeTransactions (key 65): the coordinator's state of transactional ids.
 */
public final class DescribeTransactionsApi {

    private DescribeTransactionsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(65, "DescribeTransactions", Versions.range(0, 0), 0,
            schema(
                    arrayOf("transactional_ids", STRING)),
            schema(
                    field("throttle_time_ms", INT32),
                    array("transaction_states",
                            field("error_code", INT16),
                            field("transactional_id", STRING),
                            field("transaction_state", STRING),
                            field("transaction_timeout_ms", INT32),
                            field("transaction_start_time_ms", INT64),
                            field("producer_id", INT64),
                            field("producer_epoch", INT16),
                            array("topics",
                                    field("topic", STRING),
                                    arrayOf("partitions", INT32)))));
}
