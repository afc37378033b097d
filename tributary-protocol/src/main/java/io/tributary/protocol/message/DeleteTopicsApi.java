package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.STRING;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * DeleteTopics (key 20): delete topics by name (or by id from v6).
 */
public final class DeleteTopicsApi {

    private DeleteTopicsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(20, "DeleteTopics", Versions.range(1, 6), 4,
            schema(
                    array("topics",
                            field("name", STRING).since(6).defaultNull(),
                            field("topic_id", UUID_TYPE).since(6)).since(6),
                    arrayOf("topic_names", STRING).versions(0, 5),
                    field("timeout_ms", INT32)),
            schema(
                    field("throttle_time_ms", INT32).since(1),
                    array("responses",
                            field("name", STRING).nullableSince(6),
                            field("topic_id", UUID_TYPE).since(6),
                            field("error_code", INT16),
                            field("error_message", STRING).since(5).defaultNull())));
}

