package io.tributary.broker.replica;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Struct;
import java.io.IOException;

/**
 * How a follower reaches a leader broker for OffsetForLeaderEpoch and Fetch. In production
 * ({@link NetworkReplicaTransport}) a blocking socket to the leader's listener; in tests an
 * in-memory router that can drop, delay and partition traffic.
 *
 * <p>Threading: {@link #connect} and each channel are used by one fetcher at a time.
 */
public interface ReplicaTransport {

    /** A connection to one broker; requests on it are answered in order. */
    interface Channel extends AutoCloseable {

        /** Sends a request and returns its response; an IOException means the channel is unusable. */
        Struct call(ApiKey api, short version, Struct request) throws IOException;

        /** Whether the broker moved (a new endpoint), so the caller should connect again. */
        default boolean isStale() {
            return false;
        }

        @Override
        void close();
    }

    /** Connects to {@code brokerId}; an IOException when it is not registered or not reachable. */
    Channel connect(int brokerId) throws IOException;
}
