package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * LeaderAndIsr (key 4): controller to broker, the leader, ISR and replicas of the partitions it hosts
 * (ZooKeeper-era inter-broker API; the layout is that of Kafka 3.9).
 */
public final class LeaderAndIsrApi {

    private LeaderAndIsrApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(4, "LeaderAndIsr", Versions.range(0, 7), 4,
            schema(
                    field("controller_id", INT32),
                    field("is_kraft_controller", BOOLEAN).since(7),
                    field("controller_epoch", INT32),
                    field("broker_epoch", INT64).since(2).defaultValue(-1),
                    field("type", INT8).since(5),
                    array("ungrouped_partition_states",
                            field("topic_name", STRING).versions(0, 1),
                            field("partition_index", INT32),
                            field("controller_epoch", INT32),
                            field("leader", INT32),
                            field("leader_epoch", INT32),
                            arrayOf("isr", INT32),
                            field("partition_epoch", INT32),
                            arrayOf("replicas", INT32),
                            arrayOf("adding_replicas", INT32).since(3),
                            arrayOf("removing_replicas", INT32).since(3),
                            field("is_new", BOOLEAN).since(1),
                            field("leader_recovery_state", INT8).since(6)).versions(0, 1),
                    array("topic_states",
                            field("topic_name", STRING).since(2),
                            field("topic_id", UUID_TYPE).since(5),
                            array("partition_states",
                                    field("topic_name", STRING).versions(0, 1),
                                    field("partition_index", INT32),
                                    field("controller_epoch", INT32),
                                    field("leader", INT32),
                                    field("leader_epoch", INT32),
                                    arrayOf("isr", INT32),
                                    field("partition_epoch", INT32),
                                    arrayOf("replicas", INT32),
                                    arrayOf("adding_replicas", INT32).since(3),
                                    arrayOf("removing_replicas", INT32).since(3),
                                    field("is_new", BOOLEAN).since(1),
                                    field("leader_recovery_state", INT8).since(6)).since(2)).since(2),
                    array("live_leaders",
                            field("broker_id", INT32),
                            field("host_name", STRING),
                            field("port", INT32))),
            schema(
                    field("error_code", INT16),
                    array("partition_errors",
                            field("topic_name", STRING).versions(0, 4),
                            field("partition_index", INT32),
                            field("error_code", INT16)).versions(0, 4),
                    array("topics",
                            field("topic_id", UUID_TYPE).since(5),
                            array("partition_errors",
                                    field("topic_name", STRING).versions(0, 4),
                                    field("partition_index", INT32),
                                    field("error_code", INT16)).since(5)).since(5)));
}

