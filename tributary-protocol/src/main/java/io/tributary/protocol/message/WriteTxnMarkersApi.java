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

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * WriteTxnMarkers (key 27): a transaction coordinator asks partition leaders to write COMMIT or ABORT markers.
 */
public final class WriteTxnMarkersApi {

    private WriteTxnMarkersApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(27, "WriteTxnMarkers", Versions.range(1, 2), 1,
            schema(
                    array("markers",
                            field("producer_id", INT64),
                            field("producer_epoch", INT16),
                            field("transaction_result", BOOLEAN),
                            array("topics",
                                    field("name", STRING),
                                    arrayOf("partition_indexes", INT32)),
                            field("coordinator_epoch", INT32),
                            field("transaction_version", INT8).since(2))),
            schema(
                    array("markers",
                            field("producer_id", INT64),
                            array("topics",
                                    field("name", STRING),
                                    array("partitions",
                                            field("partition_index", INT32),
                                            field("error_code", INT16))))));
}
