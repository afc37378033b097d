package io.tributary.protocol;

import io.tributary.protocol.message.ApiVersionsApi;
import io.tributary.protocol.message.DeleteGroupsApi;
import io.tributary.protocol.message.DescribeGroupsApi;
import io.tributary.protocol.message.FindCoordinatorApi;
import io.tributary.protocol.message.HeartbeatApi;
import io.tributary.protocol.message.JoinGroupApi;
import io.tributary.protocol.message.LeaveGroupApi;
import io.tributary.protocol.message.ListGroupsApi;
import io.tributary.protocol.message.OffsetCommitApi;
import io.tributary.protocol.message.OffsetDeleteApi;
import io.tributary.protocol.message.OffsetFetchApi;
import io.tributary.protocol.message.SyncGroupApi;

/**
 * Every API the codec knows, by key. The declaration of each lives in
 * {@code io.tributary.protocol.message.<Name>Api}.
 */
public enum ApiKey {
    OFFSET_COMMIT(OffsetCommitApi.SPEC),
    OFFSET_FETCH(OffsetFetchApi.SPEC),
    FIND_COORDINATOR(FindCoordinatorApi.SPEC),
    JOIN_GROUP(JoinGroupApi.SPEC),
    HEARTBEAT(HeartbeatApi.SPEC),
    LEAVE_GROUP(LeaveGroupApi.SPEC),
    SYNC_GROUP(SyncGroupApi.SPEC),
    DESCRIBE_GROUPS(DescribeGroupsApi.SPEC),
    LIST_GROUPS(ListGroupsApi.SPEC),
    API_VERSIONS(ApiVersionsApi.SPEC),
    DELETE_GROUPS(DeleteGroupsApi.SPEC),
    OFFSET_DELETE(OffsetDeleteApi.SPEC);

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
