package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Schema.struct;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.RECORDS;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * Produce (key 0): append record batches to partition logs. Versions 0-2 are declared so the broker can
 * decode and refuse them (they may carry only magic 0/1 message sets); clients in scope send 3 and above.
 */
public final class ProduceApi {

    private ProduceApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(0, "Produce", Versions.range(0, 13), 9,
            schema(
                    field("transactional_id", STRING).since(3).defaultNull(),
                    field("acks", INT16),
                    field("timeout_ms", INT32),
                    array("topic_data",
                            field("name", STRING).versions(0, 12),
                            field("topic_id", UUID_TYPE).since(13),
                            array("partition_data",
                                    field("index", INT32),
                                    field("records", RECORDS).nullable()))),
            schema(
                    array("responses",
                            field("name", STRING).versions(0, 12),
                            field("topic_id", UUID_TYPE).since(13),
                            array("partition_responses",
                                    field("index", INT32),
                                    field("error_code", INT16),
                                    field("base_offset", INT64),
                                    field("log_append_time_ms", INT64).since(2).defaultValue(-1),
                                    field("log_start_offset", INT64).since(5).defaultValue(-1),
                                    array("record_errors",
                                            field("batch_index", INT32).since(8),
                                            field("batch_index_error_message", STRING).since(8).defaultNull()).since(8),
                                    field("error_message", STRING).since(8).defaultNull(),
                                    struct("current_leader",
                                            field("leader_id", INT32).since(10).defaultValue(-1),
                                            field("leader_epoch", INT32).since(10).defaultValue(-1)).since(10).tagged(0))),
                    field("throttle_time_ms", INT32).since(1),
                    array("node_endpoints",
                            field("node_id", INT32).since(10),
                            field("host", STRING).since(10),
                            field("port", INT32).since(10),
                            field("rack", STRING).since(10).defaultNull()).since(10).tagged(0)));
}

