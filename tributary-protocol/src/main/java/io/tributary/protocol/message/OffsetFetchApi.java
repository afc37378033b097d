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
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * OffsetFetch (key 9): a group's committed offsets. v1-7 ask about one group (null topics = all from
 * v2); v8+ ask about several groups at once in {@code groups}; v10 names topics by id.
 */
public final class OffsetFetchApi {

    private OffsetFetchApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(9, "OffsetFetch", Versions.range(1, 10), 6,
            schema(
                    field("group_id", STRING).versions(0, 7),
                    array("topics",
                            field("name", STRING),
                            arrayOf("partition_indexes", INT32)).versions(0, 7).nullableVersions(Versions.range(2, 7)),
                    array("groups",
                            field("group_id", STRING),
                            field("member_id", STRING).since(9).defaultNull(),
                            field("member_epoch", INT32).since(9).defaultValue(-1),
                            array("topics",
                                    field("name", STRING).versions(8, 9),
                                    field("topic_id", UUID_TYPE).since(10),
                                    arrayOf("partition_indexes", INT32)).nullable()).since(8),
                    field("require_stable", BOOLEAN).since(7)),
            schema(
                    field("throttle_time_ms", INT32).since(3),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("committed_offset", INT64),
                                    field("committed_leader_epoch", INT32).versions(5, 7).defaultValue(-1),
                                    field("metadata", STRING).nullable(),
                                    field("error_code", INT16))).versions(0, 7),
                    field("error_code", INT16).versions(2, 7),
                    array("groups",
                            field("group_id", STRING),
                            array("topics",
                                    field("name", STRING).versions(8, 9),
                                    field("topic_id", UUID_TYPE).since(10),
                                    array("partitions",
                                            field("partition_index", INT32),
                                            field("committed_offset", INT64),
                                            field("committed_leader_epoch", INT32).defaultValue(-1),
                                            field("metadata", STRING).nullable(),
                                            field("error_code", INT16))),
                            field("error_code", INT16)).since(8)));
}
