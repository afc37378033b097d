package io.tributary.broker.security.acl;

/**
 * A DescribeAcls/DeleteAcls filter: ANY (or null) matches every value of a field; pattern type MATCH matches the
 * literal name, the literal wildcard and every prefix of the name, as Kafka does. Immutable.
 */
public record AclBindingFilter(ResourceType type, String name, PatternType patternType, String principal,
                               String host, AclOperation operation, AclPermissionType permission) {

    public boolean matches(AclBinding binding) {
        AclBinding.ResourcePattern p = binding.pattern();
        AclBinding.Entry e = binding.entry();
        return (type == ResourceType.ANY || type == p.type())
                && matchesPattern(p)
                && (principal == null || principal.equals(e.principal()))
                && (host == null || host.equals(e.host()))
                && (operation == AclOperation.ANY || operation == e.operation())
                && (permission == AclPermissionType.ANY || permission == e.permission());
    }

    private boolean matchesPattern(AclBinding.ResourcePattern p) {
        return switch (patternType) {
            case ANY -> name == null || name.equals(p.name());
            case MATCH -> name == null || switch (p.patternType()) {
                case LITERAL -> p.name().equals(name) || p.name().equals("*");
                case PREFIXED -> name.startsWith(p.name());
                default -> false;
            };
            default -> patternType == p.patternType() && (name == null || name.equals(p.name()));
        };
    }

    /** Why this filter can never be valid (UNKNOWN values), or null. */
    public String problem() {
        if (type == ResourceType.UNKNOWN || patternType == PatternType.UNKNOWN || operation == AclOperation.UNKNOWN
                || permission == AclPermissionType.UNKNOWN) {
            return "Filter contains UNKNOWN elements";
        }
        return null;
    }
}
