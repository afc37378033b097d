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
 * TxnOffsetCommit (key 28): commit consumer offsets as part of a transaction.
 */
public final class TxnOffsetCommitApi {

    private TxnOffsetCommitApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(28, "TxnOffsetCommit", Versions.range(0, 5), 3,
            schema(
                    field("transactional_id", STRING),
                    field("group_id", STRING),
                    field("producer_id", INT64),
                    field("producer_epoch", INT16),
                    field("generation_id", INT32).since(3).defaultValue(-1),
                    field("member_id", STRING).since(3),
                    field("group_instance_id", STRING).since(3).defaultNull(),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("committed_offset", INT64),
                                    field("committed_leader_epoch", INT32).since(2).defaultValue(-1),
                                    field("committed_metadata", STRING).nullable()))),
            schema(
                    field("throttle_time_ms", INT32),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("error_code", INT16)))));
}

