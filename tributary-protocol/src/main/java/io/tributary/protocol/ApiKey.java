package io.tributary.protocol;

import io.tributary.protocol.message.ApiVersionsApi;

/**
 * Every API the codec knows, by key. The declaration of each lives in
 * {@code io.tributary.protocol.message.<Name>Api}.
 */
public enum ApiKey {
    API_VERSIONS(ApiVersionsApi.SPEC);

    private static final ApiKey[] BY_ID = new ApiKey[128];

    static {
        for (ApiKey key : values()) {
            BY_ID[key.id()] = key;
        }
    }

    private final ApiSpec spec;

    ApiKey(ApiSpec spec) {
        this.spec = spec;
    }

    public short id() {
        return spec.key();
    }

    public ApiSpec spec() {
        return spec;
    }

    /** The API with this key, or null if the codec does not know it. */
    public static ApiKey forId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
