package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * OffsetForLeaderEpoch (key 23): the end offset of a leader epoch, for log truncation and consumer position validation.
 */
public final class OffsetForLeaderEpochApi {

    private OffsetForLeaderEpochApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(23, "OffsetForLeaderEpoch", Versions.range(2, 4), 4,
            schema(
                    field("replica_id", INT32).since(3).defaultValue(-2),
                    array("topics",
                            field("topic", STRING),
                            array("partitions",
                                    field("partition", INT32),
                                    field("current_leader_epoch", INT32).since(2).defaultValue(-1),
                                    field("leader_epoch", INT32)))),
            schema(
                    field("throttle_time_ms", INT32).since(2),
                    array("topics",
                            field("topic", STRING),
                            array("partitions",
                                    field("error_code", INT16),
                                    field("partition", INT32),
                                    field("leader_epoch", INT32).since(1).defaultValue(-1),
                                    field("end_offset", INT64).defaultValue(-1)))));
}

