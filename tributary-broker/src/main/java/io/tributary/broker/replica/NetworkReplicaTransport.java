package io.tributary.broker.replica;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Struct;
import java.io.IOException;
import java.util.function.IntFunction;

/**
 * The production {@link ReplicaTransport}: a {@link BlockingChannel} to the leader's endpoint on
 * the inter-broker listener, as the cluster image names it. Thread-safe to connect; each channel
 * belongs to one fetcher.
 */
public final class NetworkReplicaTransport implements ReplicaTransport {

    private final int localBrokerId;
    private final IntFunction<Endpoint> endpoints;
    private final int socketTimeoutMs;
    private final InterBrokerSecurity security;

    /**
     * @param endpoints the inter-broker listener endpoint of a live broker id, or null if it is not registered
     * @param security  that listener's TLS and SASL settings
     */
    public NetworkReplicaTransport(int localBrokerId, IntFunction<Endpoint> endpoints, int socketTimeoutMs,
                                   InterBrokerSecurity security) {
        this.localBrokerId = localBrokerId;
        this.endpoints = endpoints;
        this.socketTimeoutMs = socketTimeoutMs;
        this.security = security;
    }

    @Override
    public Channel connect(int brokerId) throws IOException {
        Endpoint endpoint = endpoints.apply(brokerId);
        if (endpoint == null) {
            throw new IOException("Broker " + brokerId + " is not registered");
        }
        BlockingChannel channel = new BlockingChannel(endpoint.host(), endpoint.port(), socketTimeoutMs,
                "replica-fetcher-" + localBrokerId, security);
        return new Channel() {
            @Override
            public Struct call(ApiKey api, short version, Struct request) throws IOException {
                return channel.call(api, version, request);
            }

            @Override
            public boolean isStale() {
                Endpoint now = endpoints.apply(brokerId);
                return now == null || !now.host().equals(channel.host()) || now.port() != channel.port();
            }

            @Override
            public void close() {
                channel.close();
            }
        };
    }
}
