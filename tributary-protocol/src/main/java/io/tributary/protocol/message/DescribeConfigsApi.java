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

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * DescribeConfigs (key 32): the configuration of topics and brokers.
 */
public final class DescribeConfigsApi {

    private DescribeConfigsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(32, "DescribeConfigs", Versions.range(1, 4), 4,
            schema(
                    array("resources",
                            field("resource_type", INT8),
                            field("resource_name", STRING),
                            arrayOf("configuration_keys", STRING).nullable()),
                    field("include_synonyms", BOOLEAN).since(1),
                    field("include_documentation", BOOLEAN).since(3)),
            schema(
                    field("throttle_time_ms", INT32),
                    array("results",
                            field("error_code", INT16),
                            field("error_message", STRING).nullable(),
                            field("resource_type", INT8),
                            field("resource_name", STRING),
                            array("configs",
                                    field("name", STRING),
                                    field("value", STRING).nullable(),
                                    field("read_only", BOOLEAN),
                                    field("config_source", INT8).since(1).defaultValue(-1),
                                    field("is_sensitive", BOOLEAN),
                                    array("synonyms",
                                            field("name", STRING).since(1),
                                            field("value", STRING).since(1).nullable(),
                                            field("source", INT8).since(1)).since(1),
                                    field("config_type", INT8).since(3),
                                    field("documentation", STRING).since(3).nullable()))));
}

