package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * AlterPartition (key 56, formerly AlterIsr): partition leader to controller, propose a new ISR.
 * Versions 0-1 (topic names) come from the ZooKeeper era; 2-3 (topic ids) are what Kafka 4 still knows.
 */
public final class AlterPartitionApi {

    private AlterPartitionApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(56, "AlterPartition", Versions.range(0, 3), 0,
            schema(
                    field("broker_id", INT32),
                    field("broker_epoch", INT64).defaultValue(-1),
                    array("topics",
                            field("topic_name", STRING).versions(0, 1),
                            field("topic_id", UUID_TYPE).since(2),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("leader_epoch", INT32),
                                    arrayOf("new_isr", INT32).versions(0, 2),
                                    array("new_isr_with_epochs",
                                            field("broker_id", INT32).since(3),
                                            field("broker_epoch", INT64).since(3).defaultValue(-1)).since(3),
                                    field("leader_recovery_state", INT8).since(1),
                                    field("partition_epoch", INT32)))),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    array("topics",
                            field("topic_name", STRING).versions(0, 1),
                            field("topic_id", UUID_TYPE).since(2),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("error_code", INT16),
                                    field("leader_id", INT32),
                                    field("leader_epoch", INT32),
                                    arrayOf("isr", INT32),
                                    field("leader_recovery_state", INT8).since(1),
                                    field("partition_epoch", INT32)))));
}

