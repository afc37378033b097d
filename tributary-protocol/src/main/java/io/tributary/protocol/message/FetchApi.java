package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Schema.struct;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.RECORDS;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * Fetch (key 1): read record batches, by consumers and by follower replicas. Topic ids replace names from 13.
 */
public final class FetchApi {

    private FetchApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(1, "Fetch", Versions.range(4, 18), 12,
            schema(
                    field("cluster_id", STRING).since(12).tagged(0).defaultNull(),
                    field("replica_id", INT32).versions(0, 14).defaultValue(-1),
                    struct("replica_state",
                            field("replica_id", INT32).since(15).defaultValue(-1),
                            field("replica_epoch", INT64).since(15).defaultValue(-1)).since(15).tagged(1),
                    field("max_wait_ms", INT32),
                    field("min_bytes", INT32),
                    field("max_bytes", INT32).since(3).defaultValue(Integer.MAX_VALUE),
                    field("isolation_level", INT8).since(4),
                    field("session_id", INT32).since(7),
                    field("session_epoch", INT32).since(7).defaultValue(-1),
                    array("topics",
                            field("topic", STRING).versions(0, 12),
                            field("topic_id", UUID_TYPE).since(13),
                            array("partitions",
                                    field("partition", INT32),
                                    field("current_leader_epoch", INT32).since(9).defaultValue(-1),
                                    field("fetch_offset", INT64),
                                    field("last_fetched_epoch", INT32).since(12).defaultValue(-1),
                                    field("log_start_offset", INT64).since(5).defaultValue(-1),
                                    field("partition_max_bytes", INT32),
                                    field("replica_directory_id", UUID_TYPE).since(17).tagged(0),
                                    field("high_watermark", INT64).since(18).tagged(1).defaultValue(Long.MAX_VALUE))),
                    array("forgotten_topics_data",
                            field("topic", STRING).versions(7, 12),
                            field("topic_id", UUID_TYPE).since(13),
                            arrayOf("partitions", INT32).since(7)).since(7),
                    field("rack_id", STRING).since(11)),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    field("error_code", INT16).since(7),
                    field("session_id", INT32).since(7),
                    array("responses",
                            field("topic", STRING).versions(0, 12),
                            field("topic_id", UUID_TYPE).since(13),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("error_code", INT16),
                                    field("high_watermark", INT64),
                                    field("last_stable_offset", INT64).since(4).defaultValue(-1),
                                    field("log_start_offset", INT64).since(5).defaultValue(-1),
                                    struct("diverging_epoch",
                                            field("epoch", INT32).since(12).defaultValue(-1),
                                            field("end_offset", INT64).since(12).defaultValue(-1)).since(12).tagged(0),
                                    struct("current_leader",
                                            field("leader_id", INT32).since(12).defaultValue(-1),
                                            field("leader_epoch", INT32).since(12).defaultValue(-1)).since(12).tagged(1),
                                    struct("snapshot_id",
                                            field("end_offset", INT64).defaultValue(-1),
                                            field("epoch", INT32).defaultValue(-1)).since(12).tagged(2),
                                    array("aborted_transactions",
                                            field("producer_id", INT64).since(4),
                                            field("first_offset", INT64).since(4)).since(4).nullable(),
                                    field("preferred_read_replica", INT32).since(11).defaultValue(-1),
                                    field("records", RECORDS).nullable())),
                    array("node_endpoints",
                            field("node_id", INT32).since(16),
                            field("host", STRING).since(16),
                            field("port", INT32).since(16),
                            field("rack", STRING).since(16).defaultNull()).since(16).tagged(0)));
}

