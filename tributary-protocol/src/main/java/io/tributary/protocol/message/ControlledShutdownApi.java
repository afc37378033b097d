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
 * ControlledShutdown (key 7): broker to controller, move leadership away before shutting down
 * (ZooKeeper-era inter-broker API; the layout is that of Kafka 3.9). Version 0 used a request header without
 * a client id; brokers of this project use version 1 or later.
 */
public final class ControlledShutdownApi {

    private ControlledShutdownApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(7, "ControlledShutdown", Versions.range(0, 3), 3,
            schema(
                    field("broker_id", INT32),
                    field("broker_epoch", INT64).since(2).defaultValue(-1)),
            schema(
                    field("error_code", INT16),
                    array("remaining_partitions",
                            field("topic_name", STRING),
                            field("partition_index", INT32))));
}

