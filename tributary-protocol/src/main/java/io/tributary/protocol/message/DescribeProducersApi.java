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
 * DescribeProducers (key 61): the active idempotent/transactional producers of partitions.
 */
public final class DescribeProducersApi {

    private DescribeProducersApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(61, "DescribeProducers", Versions.range(0, 0), 0,
            schema(
                    array("topics",
                            field("name", STRING),
                            arrayOf("partition_indexes", INT32))),
            schema(
                    field("throttle_time_ms", INT32),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("error_code", INT16),
                                    field("error_message", STRING).defaultNull(),
                                    array("active_producers",
                                            field("producer_id", INT64),
                                            field("producer_epoch", INT32),
                                            field("last_sequence", INT32).defaultValue(-1),
                                            field("last_timestamp", INT64).defaultValue(-1),
                                            field("coordinator_epoch", INT32),
                                            field("current_txn_start_offset", INT64).defaultValue(-1))))));
}

