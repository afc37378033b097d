package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * CreateTopics (key 19): create topics with a partition count and replication factor or an explicit assignment.
 */
public final class CreateTopicsApi {

    private CreateTopicsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(19, "CreateTopics", Versions.range(2, 7), 5,
            schema(
                    array("topics",
                            field("name", STRING),
                            field("num_partitions", INT32),
                            field("replication_factor", INT16),
                            array("assignments",
                                    field("partition_index", INT32),
                                    arrayOf("broker_ids", INT32)),
                            array("configs",
                                    field("name", STRING),
                                    field("value", STRING).nullable())),
                    field("timeout_ms", INT32).defaultValue(60000),
                    field("validate_only", BOOLEAN).since(1)),
            schema(
                    field("throttle_time_ms", INT32).since(2),
                    array("topics",
                            field("name", STRING),
                            field("topic_id", UUID_TYPE).since(7),
                            field("error_code", INT16),
                            field("error_message", STRING).since(1).nullable(),
                            field("topic_config_error_code", INT16).since(5).tagged(0),
                            field("num_partitions", INT32).since(5).defaultValue(-1),
                            field("replication_factor", INT16).since(5).defaultValue(-1),
                            array("configs",
                                    field("name", STRING).since(5),
                                    field("value", STRING).since(5).nullable(),
                                    field("read_only", BOOLEAN).since(5),
                                    field("config_source", INT8).since(5).defaultValue(-1),
                                    field("is_sensitive", BOOLEAN).since(5)).since(5).nullable())));
}

