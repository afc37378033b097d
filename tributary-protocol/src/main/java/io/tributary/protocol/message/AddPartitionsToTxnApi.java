package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
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
 * AddPartitionsToTxn (key 24): add partitions to an ongoing transaction; from v4 also the broker-to-coordinator batched form.
 */
public final class AddPartitionsToTxnApi {

    private AddPartitionsToTxnApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(24, "AddPartitionsToTxn", Versions.range(0, 5), 3,
            schema(
                    array("transactions",
                            field("transactional_id", STRING).since(4),
                            field("producer_id", INT64).since(4),
                            field("producer_epoch", INT16).since(4),
                            field("verify_only", BOOLEAN).since(4).defaultValue(true),
                            array("topics",
                                    field("name", STRING),
                                    arrayOf("partitions", INT32)).since(4)).since(4),
                    field("v3_and_below_transactional_id", STRING).versions(0, 3),
                    field("v3_and_below_producer_id", INT64).versions(0, 3),
                    field("v3_and_below_producer_epoch", INT16).versions(0, 3),
                    array("v3_and_below_topics",
                            field("name", STRING),
                            arrayOf("partitions", INT32)).versions(0, 3)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16).since(4),
                    array("results_by_transaction",
                            field("transactional_id", STRING).since(4),
                            array("topic_results",
                                    field("name", STRING),
                                    array("results_by_partition",
                                            field("partition_index", INT32),
                                            field("partition_error_code", INT16))).since(4)).since(4),
                    array("results_by_topic_v3_and_below",
                            field("name", STRING),
                            array("results_by_partition",
                                    field("partition_index", INT32),
                                    field("partition_error_code", INT16))).versions(0, 3)));
}

