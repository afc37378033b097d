package io.tributary.broker.security.acl;

import io.tributary.broker.security.KafkaPrincipal;

/** Decides whether a principal, from a host, may do an operation on a resource. Implementations are thread-safe. */
public interface Authorizer {

    /** Without {@code authorizer.class.name} every request is allowed, as in Kafka. */
    Authorizer ALLOW_ALL = (principal, host, operation, type, name) -> true;

    boolean authorize(KafkaPrincipal principal, String host, AclOperation operation, ResourceType type, String name);

    /**
     * Whether the principal may do the operation on at least one resource of the type (Kafka's
     * authorizeByResourceType, used for "WRITE on any topic" by idempotent producers).
     */
    default boolean authorizeAny(KafkaPrincipal principal, String host, AclOperation operation, ResourceType type) {
        return true;
    }

    /** Whether ACLs are enforced (false for {@link #ALLOW_ALL}). */
    default boolean enforcing() {
        return this != ALLOW_ALL;
    }
}
