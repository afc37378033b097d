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
 * StopReplica (key 5): controller to broker, stop replicating partitions and optionally delete them
 * (ZooKeeper-era inter-broker API; the layout is that of Kafka 3.9).
 */
public final class StopReplicaApi {

    private StopReplicaApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(5, "StopReplica", Versions.range(0, 4), 2,
            schema(
                    field("controller_id", INT32),
                    field("is_kraft_controller", BOOLEAN).since(4),
                    field("controller_epoch", INT32),
                    field("broker_epoch", INT64).since(1).defaultValue(-1),
                    field("delete_partitions", BOOLEAN).versions(0, 2),
                    array("ungrouped_partitions",
                            field("topic_name", STRING).versions(0, 0),
                            field("partition_index", INT32).versions(0, 0)).versions(0, 0),
                    array("topics",
                            field("name", STRING).versions(1, 2),
                            arrayOf("partition_indexes", INT32).versions(1, 2)).versions(1, 2),
                    array("topic_states",
                            field("topic_name", STRING).since(3),
                            array("partition_states",
                                    field("partition_index", INT32).since(3),
                                    field("leader_epoch", INT32).since(3).defaultValue(-1),
                                    field("delete_partition", BOOLEAN).since(3)).since(3)).since(3)),
            schema(
                    field("error_code", INT16),
                    array("partition_errors",
                            field("topic_name", STRING),
                            field("partition_index", INT32),
                            field("error_code", INT16))));
}

