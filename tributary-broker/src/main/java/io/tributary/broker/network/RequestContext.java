package io.tributary.broker.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import java.net.InetSocketAddress;

/**
 * Who sent a request and how: the parsed header, the API and version, the peer address and the
 * connection it came on. Immutable.
 */
public record RequestContext(RequestHeader header, ApiKey api, InetSocketAddress clientAddress,
                             String connectionId, long receivedNanos) {

    public short version() {
        return header.apiVersion();
    }

    public String clientId() {
        return header.clientId();
    }

    /** The host as Kafka's tools print it: "/127.0.0.1". */
    public String clientHost() {
        return "/" + clientAddress.getAddress().getHostAddress();
    }
}
