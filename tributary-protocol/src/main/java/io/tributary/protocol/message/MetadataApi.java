package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * Metadata (key 3): brokers, controller and partition leadership. In v0 an empty topic list means all topics.
 */
public final class MetadataApi {

    private MetadataApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(3, "Metadata", Versions.range(0, 13), 9,
            schema(
                    array("topics",
                            field("topic_id", UUID_TYPE).since(10),
                            field("name", STRING).nullableSince(10)).nullableSince(1),
                    field("allow_auto_topic_creation", BOOLEAN).since(4).defaultValue(true),
                    field("include_cluster_authorized_operations", BOOLEAN).versions(8, 10),
                    field("include_topic_authorized_operations", BOOLEAN).since(8)),
            schema(
                    field("throttle_time_ms", INT32).since(3),
                    array("brokers",
                            field("node_id", INT32),
                            field("host", STRING),
                            field("port", INT32),
                            field("rack", STRING).since(1).defaultNull()),
                    field("cluster_id", STRING).since(2).defaultNull(),
                    field("controller_id", INT32).since(1).defaultValue(-1),
                    array("topics",
                            field("error_code", INT16),
                            field("name", STRING).nullableSince(12),
                            field("topic_id", UUID_TYPE).since(10),
                            field("is_internal", BOOLEAN).since(1),
                            array("partitions",
                                    field("error_code", INT16),
                                    field("partition_index", INT32),
                                    field("leader_id", INT32),
                                    field("leader_epoch", INT32).since(7).defaultValue(-1),
                                    arrayOf("replica_nodes", INT32),
                                    arrayOf("isr_nodes", INT32),
                                    arrayOf("offline_replicas", INT32).since(5)),
                            field("topic_authorized_operations", INT32).since(8).defaultValue(Integer.MIN_VALUE)),
                    field("cluster_authorized_operations", INT32).versions(8, 10).defaultValue(Integer.MIN_VALUE),
                    field("error_code", INT16).since(13)));
}

