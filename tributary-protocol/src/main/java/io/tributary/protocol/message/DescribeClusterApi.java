package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * DescribeCluster (key 60): brokers, controller and cluster id, for admin clients.
 */
public final class DescribeClusterApi {

    private DescribeClusterApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(60, "DescribeCluster", Versions.range(0, 2), 0,
            schema(
                    field("include_cluster_authorized_operations", BOOLEAN),
                    field("endpoint_type", INT8).since(1).defaultValue(1),
                    field("include_fenced_brokers", BOOLEAN).since(2)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("error_message", STRING).defaultNull(),
                    field("endpoint_type", INT8).since(1).defaultValue(1),
                    field("cluster_id", STRING),
                    field("controller_id", INT32).defaultValue(-1),
                    array("brokers",
                            field("broker_id", INT32),
                            field("host", STRING),
                            field("port", INT32),
                            field("rack", STRING).defaultNull(),
                            field("is_fenced", BOOLEAN).since(2)),
                    field("cluster_authorized_operations", INT32).defaultValue(Integer.MIN_VALUE)));
}

