package io.tributary.protocol.message;

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
 * GetTelemetrySubscriptions (key 71, KIP-714): a client learns its instance id (assigned by the broker
 * when it sends the zero id) and which of its metrics to push, how often and how compressed.
 */
public final class GetTelemetrySubscriptionsApi {

    private GetTelemetrySubscriptionsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(71, "GetTelemetrySubscriptions", Versions.range(0, 0), 0,
            schema(
                    field("client_instance_id", UUID_TYPE)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16),
                    field("client_instance_id", UUID_TYPE),
                    field("subscription_id", INT32),
                    arrayOf("accepted_compression_types", INT8),
                    field("push_interval_ms", INT32),
                    field("telemetry_max_bytes", INT32),
                    field("delta_temporality", BOOLEAN),
                    arrayOf("requested_metrics", STRING)));
}
