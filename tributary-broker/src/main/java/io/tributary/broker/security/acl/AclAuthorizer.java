package io.tributary.broker.security.acl;

import io.tributary.broker.security.KafkaPrincipal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Kafka's ACL semantics (AclAuthorizer of Kafka 2.x): super users may do everything; otherwise the ACLs that
 * apply to a resource are its literal ones, the literal wildcard "*" of its type and every prefixed ACL whose
 * prefix starts its name. A matching DENY wins over any ALLOW; with no ACL at all on the resource the answer is
 * {@code allow.everyone.if.no.acl.found}; else an ALLOW must match the principal (or User:*), the host (or *) and
 * an operation granting the one asked (see {@link AclOperation#grantedBy()}). Thread-safe: reads an immutable
 * snapshot of the ACLs.
 */
public final class AclAuthorizer implements Authorizer {

    /** Class names Kafka users configure, all served by this authorizer. */
    public static final Set<String> CLASS_NAMES = io.tributary.broker.config.SecurityConfigKeys.AUTHORIZER_ALIASES;

    private final Supplier<Collection<AclBinding>> acls;
    private final Set<String> superUsers;
    private final boolean allowIfNoAcl;

    public AclAuthorizer(Supplier<Collection<AclBinding>> acls, Set<String> superUsers, boolean allowIfNoAcl) {
        this.acls = acls;
        this.superUsers = Set.copyOf(superUsers);
        this.allowIfNoAcl = allowIfNoAcl;
    }

    @Override
    public boolean authorize(KafkaPrincipal principal, String host, AclOperation operation, ResourceType type,
                             String name) {
        String who = principal.toString();
        if (superUsers.contains(who)) {
            return true;
        }
        List<AclBinding.Entry> applicable = acls.get().stream()
                .filter(b -> b.pattern().type() == type && applies(b.pattern(), name))
                .map(AclBinding::entry).toList();
        String wildcardPrincipal = principal.type() + ":*";
        for (AclBinding.Entry entry : applicable) {
            if (entry.permission() == AclPermissionType.DENY && matches(entry, who, wildcardPrincipal, host)
                    && (entry.operation() == operation || entry.operation() == AclOperation.ALL)) {
                return false;
            }
        }
        if (applicable.isEmpty()) {
            return allowIfNoAcl;
        }
        Set<AclOperation> granting = operation.grantedBy();
        for (AclBinding.Entry entry : applicable) {
            if (entry.permission() == AclPermissionType.ALLOW && matches(entry, who, wildcardPrincipal, host)
                    && granting.contains(entry.operation())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Some ALLOW of the type grants the operation to the principal, and no DENY covers every resource of the type
     * (a literal "*" or the empty prefix).
     */
    @Override
    public boolean authorizeAny(KafkaPrincipal principal, String host, AclOperation operation, ResourceType type) {
        String who = principal.toString();
        if (superUsers.contains(who)) {
            return true;
        }
        String wildcardPrincipal = principal.type() + ":*";
        Collection<AclBinding> all = acls.get();
        boolean deniedEverywhere = all.stream().anyMatch(b -> b.pattern().type() == type
                && b.entry().permission() == AclPermissionType.DENY
                && matches(b.entry(), who, wildcardPrincipal, host)
                && (b.entry().operation() == operation || b.entry().operation() == AclOperation.ALL)
                && ((b.pattern().patternType() == PatternType.LITERAL && b.pattern().name().equals("*"))
                    || (b.pattern().patternType() == PatternType.PREFIXED && b.pattern().name().isEmpty())));
        if (deniedEverywhere) {
            return false;
        }
        Set<AclOperation> granting = operation.grantedBy();
        return all.stream().anyMatch(b -> b.pattern().type() == type
                && b.entry().permission() == AclPermissionType.ALLOW
                && matches(b.entry(), who, wildcardPrincipal, host) && granting.contains(b.entry().operation()));
    }

    private static boolean applies(AclBinding.ResourcePattern pattern, String name) {
        return switch (pattern.patternType()) {
            case LITERAL -> pattern.name().equals(name) || pattern.name().equals("*");
            case PREFIXED -> name.startsWith(pattern.name());
            default -> false;
        };
    }

    private static boolean matches(AclBinding.Entry entry, String who, String wildcardPrincipal, String host) {
        return (entry.principal().equals(who) || entry.principal().equals(wildcardPrincipal))
                && (entry.host().equals("*") || entry.host().equals(host));
    }
}
