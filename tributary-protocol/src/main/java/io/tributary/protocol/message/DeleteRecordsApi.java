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
 * DeleteRecords (key 21): advance partitions' log start offsets.
 */
public final class DeleteRecordsApi {

    private DeleteRecordsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(21, "DeleteRecords", Versions.range(0, 2), 2,
            schema(
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("offset", INT64))),
                    field("timeout_ms", INT32)),
            schema(
                    field("throttle_time_ms", INT32),
                    array("topics",
                            field("name", STRING),
                            array("partitions",
                                    field("partition_index", INT32),
                                    field("low_watermark", INT64),
                                    field("error_code", INT16)))));
}

