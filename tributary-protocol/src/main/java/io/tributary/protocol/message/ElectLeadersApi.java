package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * ElectLeaders (key 43): trigger preferred or unclean leader election for partitions.
 */
public final class ElectLeadersApi {

    private ElectLeadersApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(43, "ElectLeaders", Versions.range(0, 2), 2,
            schema(
                    field("election_type", INT8).since(1),
                    array("topic_partitions",
                            field("topic", STRING),
                            arrayOf("partitions", INT32)).nullable(),
                    field("timeout_ms", INT32).defaultValue(60000)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16).since(1),
                    array("replica_election_results",
                            field("topic", STRING),
                            array("partition_result",
                                    field("partition_id", INT32),
                                    field("error_code", INT16),
                                    field("error_message", STRING).nullable()))));
}

