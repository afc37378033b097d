package io.tributary.broker.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Versions;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which APIs this broker serves, the version range it advertises for each, and the handler. Only
 * registered APIs are advertised: clients act on the presence of an API in ApiVersions. Filled at
 * start-up, read-only afterwards.
 */
public final class ApiRegistry {

    /** An API served: advertised versions (may start below the implemented floor, see CLIENT-QUIRKS) and handler. */
    public record Registration(ApiKey api, Versions advertised, Versions implemented, RequestHandler handler) {
    }

    private final Map<ApiKey, Registration> registrations = new EnumMap<>(ApiKey.class);

    public ApiRegistry register(ApiKey api, Versions advertised, RequestHandler handler) {
        return register(api, advertised, advertised, handler);
    }

    /**
     * Registers an API whose advertised range reaches below what is implemented (Produce advertises
     * min 0 so librdkafka enables compression, but only v3+ carries record batches).
     */
    public ApiRegistry register(ApiKey api, Versions advertised, Versions implemented, RequestHandler handler) {
        if (!api.spec().validVersions().contains(implemented.lowest())
                || !api.spec().validVersions().contains(implemented.highest())) {
            throw new IllegalArgumentException(api + " implemented " + implemented + " outside " + api.spec().validVersions());
        }
        registrations.put(api, new Registration(api, advertised, implemented, handler));
        return this;
    }

    public Registration get(ApiKey api) {
        return api == null ? null : registrations.get(api);
    }

    public Map<ApiKey, Registration> all() {
        return Collections.unmodifiableMap(registrations);
    }
}
