package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.BOOLEAN;
import static io.tributary.protocol.types.Types.BYTES;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.UUID_TYPE;

import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.types.Versions;

/**
 * PushTelemetry (key 72, KIP-714): a client pushes its metrics (OpenTelemetry MetricsData protobuf,
 * possibly compressed) for the subscription it was given; {@code terminating} on its way out.
 */
public final class PushTelemetryApi {

    private PushTelemetryApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(72, "PushTelemetry", Versions.range(0, 0), 0,
            schema(
                    field("client_instance_id", UUID_TYPE),
                    field("subscription_id", INT32),
                    field("terminating", BOOLEAN),
                    field("compression_type", INT8),
                    field("metrics", BYTES)),
            schema(
                    field("throttle_time_ms", INT32),
                    field("error_code", INT16)));
}
