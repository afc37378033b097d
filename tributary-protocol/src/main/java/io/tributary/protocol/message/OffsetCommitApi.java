package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * OffsetCommit (key 8): a group stores the next offset to read per partition. v0-1 were removed in
 * Kafka 4.0 and no client in scope sends them; v2-4 carry a retention time that brokers ignore;
 * v6 adds the leader epoch, v7 static membership, v10 topic ids instead of names.
 */
public final class OffsetCommitApi {

    private OffsetCommitApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(8, "OffsetCommit", Versions.range(2, 10), 8,
            schema(
                    field("group_id", STRING),
                    field("generation_id_or_member_epoch", INT32).since(1).defaultValue(-1),
                    field("member_id", STRING).since(1),
                    field("group_instance_id", STRING).since(7).defaultNull(),
                    field("retention_time_ms", INT64).versions(2, 4).defaultValue(-1L),
                    array("topics",
                            field("name", STRING).versions(0, 9),
                            field("topic_id", UUID_TYPE).since(10),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("committed_offset", INT64),
                                    field("committed_leader_epoch", INT32).since(6).defaultValue(-1),
                                    field("committed_metadata", STRING).nullable()))),
            schema(
                    field("throttle_time_ms", INT32).since(3),
                    array("topics",
                            field("name", STRING).versions(0, 9),
                            field("topic_id", UUID_TYPE).since(10),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("error_code", INT16)))));
}
