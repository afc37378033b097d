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

/** ApiVersions (key 18): version negotiation, KIP-35 and KIP-511. */
public final class ApiVersionsApi {

    private ApiVersionsApi() {
    }

    public static final ApiSpec SPEC = ApiSpec.of(18, "ApiVersions", Versions.range(0, 4), 3,
            schema(
                    field("client_software_name", STRING).since(3),
                    field("client_software_version", STRING).since(3)),
            schema(
                    field("error_code", INT16),
                    array("api_keys",
                            field("api_key", INT16),
                            field("min_version", INT16),
                            field("max_version", INT16)),
                    field("throttle_time_ms", INT32).since(1),
                    array("supported_features",
                            field("name", STRING),
                            field("min_version", INT16),
                            field("max_version", INT16)).since(3).tagged(0),
                    field("finalized_features_epoch", INT64).since(3).tagged(1).defaultValue(-1L),
                    array("finalized_features",
                            field("name", STRING),
                            field("max_version_level", INT16),
                            field("min_version_level", INT16)).since(3).tagged(2),
                    field("zk_migration_ready", io.tributary.protocol.types.Types.BOOLEAN).since(3).tagged(3)));
}
