package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * ListPartitionReassignments (key 46): the partition reassignments in progress.
 */
public final class ListPartitionReassignmentsApi {

    private ListPartitionReassignmentsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(46, "ListPartitionReassignments", Versions.range(0, 0), 0,
            schema(
                    field("timeout_ms", INT32).defaultValue(60000),
                    array("topics",
                            field("name", STRING),
                            arrayOf("partition_indexes", INT32)).defaultNull()),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("error_message", STRING).nullable(),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    arrayOf("replicas", INT32),
                                    arrayOf("adding_replicas", INT32),
                                    arrayOf("removing_replicas", INT32)))));
}

