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
 * UpdateMetadata (key 6): controller to every broker, the cluster metadata brokers answer Metadata from
 * (ZooKeeper-era inter-broker API; the layout is that of Kafka 3.9).
 */
public final class UpdateMetadataApi {

    private UpdateMetadataApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(6, "UpdateMetadata", Versions.range(0, 8), 6,
            schema(
                    field("controller_id", INT32),
                    field("is_kraft_controller", BOOLEAN).since(8),
                    field("type", INT8).since(8).tagged(0),
                    field("controller_epoch", INT32),
                    field("broker_epoch", INT64).since(5).defaultValue(-1),
                    array("ungrouped_partition_states",
                            field("topic_name", STRING).versions(0, 4),
                            field("partition_index", INT32),
                            field("controller_epoch", INT32),
                            field("leader", INT32),
                            field("leader_epoch", INT32),
                            arrayOf("isr", INT32),
                            field("zk_version", INT32),
                            arrayOf("replicas", INT32),
                            arrayOf("offline_replicas", INT32).since(4)).versions(0, 4),
                    array("topic_states",
                            field("topic_name", STRING).since(5),
                            field("topic_id", UUID_TYPE).since(7),
                            array("partition_states",
                                    field("topic_name", STRING).versions(0, 4),
                                    field("partition_index", INT32),
                                    field("controller_epoch", INT32),
                                    field("leader", INT32),
                                    field("leader_epoch", INT32),
                                    arrayOf("isr", INT32),
                                    field("zk_version", INT32),
                                    arrayOf("replicas", INT32),
                                    arrayOf("offline_replicas", INT32).since(4)).since(5)).since(5),
                    array("live_brokers",
                            field("id", INT32),
                            field("v0_host", STRING).versions(0, 0),
                            field("v0_port", INT32).versions(0, 0),
                            array("endpoints",
                                    field("port", INT32).since(1),
                                    field("host", STRING).since(1),
                                    field("listener", STRING).since(3),
                                    field("security_protocol", INT16).since(1)).since(1),
                            field("rack", STRING).since(2).nullable())),
            schema(
                    field("error_code", INT16)));
}

