package io.tributary.broker.security.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.security.KafkaPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AclAuthorizerTest {

    private static final KafkaPrincipal ALICE = KafkaPrincipal.user("alice");
    private static final KafkaPrincipal BOB = KafkaPrincipal.user("bob");
    private final List<AclBinding> acls = new ArrayList<>();
    private final AclAuthorizer authorizer = new AclAuthorizer(() -> acls, Set.of("User:admin"), false);

    private void acl(ResourceType type, String name, PatternType pattern, String principal, String host,
                     AclOperation op, AclPermissionType permission) {
        acls.add(new AclBinding(new AclBinding.ResourcePattern(type, name, pattern),
                new AclBinding.Entry(principal, host, op, permission)));
    }

    private boolean may(KafkaPrincipal who, AclOperation op, String topic) {
        return authorizer.authorize(who, "10.0.0.1", op, ResourceType.TOPIC, topic);
    }

    @Test
    void noAclDeniesUnlessSuperUserOrAllowEveryone() {
        assertThat(may(ALICE, AclOperation.READ, "t")).isFalse();
        assertThat(may(KafkaPrincipal.user("admin"), AclOperation.ALTER, "t")).isTrue();
        AclAuthorizer open = new AclAuthorizer(() -> acls, Set.of(), true);
        assertThat(open.authorize(ALICE, "h", AclOperation.READ, ResourceType.TOPIC, "t")).isTrue();
    }

    @Test
    void readWriteDeleteAlterImplyDescribeAndAlterConfigsImpliesDescribeConfigs() {
        acl(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW);
        acl(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:alice", "*", AclOperation.ALTER_CONFIGS, AclPermissionType.ALLOW);
        assertThat(may(ALICE, AclOperation.DESCRIBE, "t")).isTrue();
        assertThat(may(ALICE, AclOperation.DESCRIBE_CONFIGS, "t")).isTrue();
        assertThat(may(ALICE, AclOperation.READ, "t")).isFalse();
        assertThat(may(BOB, AclOperation.DESCRIBE, "t")).isFalse();
    }

    @Test
    void prefixedAndWildcardPatternsApplyAndDenyWins() {
        acl(ResourceType.TOPIC, "orders-", PatternType.PREFIXED, "User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW);
        acl(ResourceType.TOPIC, "*", PatternType.LITERAL, "User:*", "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW);
        acl(ResourceType.TOPIC, "orders-secret", PatternType.LITERAL, "User:alice", "*", AclOperation.ALL, AclPermissionType.DENY);
        assertThat(may(ALICE, AclOperation.READ, "orders-eu")).isTrue();
        assertThat(may(ALICE, AclOperation.READ, "payments")).isFalse();
        assertThat(may(BOB, AclOperation.DESCRIBE, "payments")).isTrue();
        assertThat(may(ALICE, AclOperation.READ, "orders-secret")).isFalse();
        assertThat(may(ALICE, AclOperation.DESCRIBE, "orders-secret")).isFalse();
    }

    @Test
    void hostMustMatchUnlessWildcard() {
        acl(ResourceType.TOPIC, "t", PatternType.LITERAL, "User:alice", "10.0.0.2", AclOperation.READ, AclPermissionType.ALLOW);
        assertThat(may(ALICE, AclOperation.READ, "t")).isFalse();
        assertThat(authorizer.authorize(ALICE, "10.0.0.2", AclOperation.READ, ResourceType.TOPIC, "t")).isTrue();
    }

    @Test
    void filtersMatchLikeKafka() {
        AclBinding prefixed = new AclBinding(new AclBinding.ResourcePattern(ResourceType.TOPIC, "orders-", PatternType.PREFIXED),
                new AclBinding.Entry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
        AclBindingFilter match = new AclBindingFilter(ResourceType.TOPIC, "orders-eu", PatternType.MATCH, null, null,
                AclOperation.ANY, AclPermissionType.ANY);
        AclBindingFilter literal = new AclBindingFilter(ResourceType.TOPIC, "orders-", PatternType.LITERAL, null, null,
                AclOperation.ANY, AclPermissionType.ANY);
        AclBindingFilter any = new AclBindingFilter(ResourceType.ANY, null, PatternType.ANY, "User:alice", null,
                AclOperation.READ, AclPermissionType.ALLOW);
        assertThat(match.matches(prefixed)).isTrue();
        assertThat(literal.matches(prefixed)).isFalse();
        assertThat(any.matches(prefixed)).isTrue();
    }
}
