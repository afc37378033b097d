package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.nullableStruct;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * DescribeTopicPartitions (key 75, KIP-966): topics and their partitions a page at a time, for admin
 * clients (describeTopics prefers it to Metadata). A page holds at most {@code response_partition_limit}
 * partitions; {@code next_cursor} names where the next page starts.
 */
public final class DescribeTopicPartitionsApi {

    private DescribeTopicPartitionsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(75, "DescribeTopicPartitions", Versions.range(0, 0), 0,
            schema(
                    array("topics",
                            field("name", STRING)),
                    field("response_partition_limit", INT32).defaultValue(2000),
                    nullableStruct("cursor",
                            field("topic_name", STRING),
                            field("partition_index", INT32))),
            schema(
                    field("throttle_time_ms", INT32),
                    array("topics",
                            field("error_code", INT16),
                            field("name", STRING).nullable(),
                            field("topic_id", UUID_TYPE),
                            field("is_internal", BOOLEAN),
                            array("partitions",
                                    field("error_code", INT16),
                                    field("partition_index", INT32),
                                    field("leader_id", INT32),
                                    field("leader_epoch", INT32).defaultValue(-1),
                                    arrayOf("replica_nodes", INT32),
                                    arrayOf("isr_nodes", INT32),
                                    arrayOf("eligible_leader_replicas", INT32).defaultNull(),
                                    arrayOf("last_known_elr", INT32).defaultNull(),
                                    arrayOf("offline_replicas", INT32)),
                            field("topic_authorized_operations", INT32).defaultValue(Integer.MIN_VALUE)),
                    nullableStruct("next_cursor",
                            field("topic_name", STRING),
                            field("partition_index", INT32))));
}
