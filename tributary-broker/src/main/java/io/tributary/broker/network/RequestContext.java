package io.tributary.broker.network;

import io.tributary.broker.security.KafkaPrincipal;
import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.security.acl.ResourceType;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import java.net.InetSocketAddress;

/**
 * Who sent a request and how: the parsed header, the API and version, the peer address, the connection it came
 * on and that connection's session (listener and principal). Immutable; the session's principal is set once.
 */
public record RequestContext(RequestHeader header, ApiKey api, InetSocketAddress clientAddress,
                             String connectionId, long receivedNanos, Session session) {

    /** A request outside any listener's connection (tests, in-process calls): PLAINTEXT and anonymous. */
    public RequestContext(RequestHeader header, ApiKey api, InetSocketAddress clientAddress, String connectionId,
                          long receivedNanos) {
        this(header, api, clientAddress, connectionId, receivedNanos, Session.plaintext("PLAINTEXT"));
    }

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

    /** The listener the request came in on; Metadata and FindCoordinator answer with its endpoints. */
    public String listenerName() {
        return session.listenerName();
    }

    public KafkaPrincipal principal() {
        return session.principal();
    }

    /** Whether the requester may do the operation on the resource (always, without an authorizer). */
    public boolean isAuthorized(AclOperation operation, ResourceType type, String name) {
        return session.isAuthorized(clientAddress.getAddress().getHostAddress(), operation, type, name);
    }

    /** Whether the requester may do the operation on at least one resource of the type. */
    public boolean isAuthorizedOnAny(AclOperation operation, ResourceType type) {
        return session.isAuthorizedOnAny(clientAddress.getAddress().getHostAddress(), operation, type);
    }

    /** Shorthand for a topic. */
    public boolean isAuthorizedOnTopic(AclOperation operation, String topic) {
        return isAuthorized(operation, ResourceType.TOPIC, topic);
    }

    /** Shorthand for the cluster resource. */
    public boolean isAuthorizedOnCluster(AclOperation operation) {
        return isAuthorized(operation, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
    }
}
