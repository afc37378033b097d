package io.tributary.broker.security.acl;

/**
 * One ACL: on a resource pattern, a principal from a host may (ALLOW) or may not (DENY) do an operation.
 * Immutable.
 */
public record AclBinding(ResourcePattern pattern, Entry entry) {

    /** The resource side: type, name (or "*") and pattern type (LITERAL or PREFIXED). */
    public record ResourcePattern(ResourceType type, String name, PatternType patternType) {
    }

    /** The access side: principal ("User:alice" or "User:*"), host (or "*"), operation and permission. */
    public record Entry(String principal, String host, AclOperation operation, AclPermissionType permission) {
    }
}
