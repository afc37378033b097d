package io.tributary.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of KIP-848 consumer-protocol groups ({@code group.consumer.*}), under Kafka's key
 * names and defaults, validated once when built. Immutable.
 *
 * @param sessionTimeoutMs     {@code group.consumer.session.timeout.ms}
 * @param heartbeatIntervalMs  {@code group.consumer.heartbeat.interval.ms}
 * @param maxSize              {@code group.consumer.max.size}
 * @param assignors            {@code group.consumer.assignors}: names, the first is the default
 * @param migrationPolicy      {@code group.consumer.migration.policy}
 */
public record ConsumerGroupConfig(int sessionTimeoutMs, int heartbeatIntervalMs, int maxSize, List<String> assignors,
                                  MigrationPolicy migrationPolicy) {

    /** Whether a group that still has members may move between the classic and the consumer protocol. */
    public enum MigrationPolicy {
        BIDIRECTIONAL, UPGRADE, DOWNGRADE, DISABLED;

        boolean allowsUpgrade() {
            return this == BIDIRECTIONAL || this == UPGRADE;
        }

        boolean allowsDowngrade() {
            return this == BIDIRECTIONAL || this == DOWNGRADE;
        }
    }

    public static final GroupCoordinatorConfig.Key SESSION_TIMEOUT_MS = new GroupCoordinatorConfig.Key(
            "group.consumer.session.timeout.ms", "45000",
            "How long a consumer-protocol member may go without a heartbeat before it is removed from its group.");
    public static final GroupCoordinatorConfig.Key HEARTBEAT_INTERVAL_MS = new GroupCoordinatorConfig.Key(
            "group.consumer.heartbeat.interval.ms", "5000",
            "How often consumer-protocol members are told to heartbeat; also how soon they learn of a new assignment.");
    public static final GroupCoordinatorConfig.Key MAX_SIZE = new GroupCoordinatorConfig.Key(
            "group.consumer.max.size", String.valueOf(Integer.MAX_VALUE),
            "Most members a consumer-protocol group may have; a join beyond it gets GROUP_MAX_SIZE_REACHED.");
    public static final GroupCoordinatorConfig.Key ASSIGNORS = new GroupCoordinatorConfig.Key(
            "group.consumer.assignors", "uniform,range",
            "Server-side assignors members may choose with group.remote.assignor (of uniform, range); the first is the default.");

    public static final GroupCoordinatorConfig.Key MIGRATION_POLICY = new GroupCoordinatorConfig.Key(
            "group.consumer.migration.policy", "bidirectional",
            "Rolling changes of a live group's protocol: upgrade (classic members replaced by consumer-protocol ones, who "
                    + "take over when the last classic member left), downgrade (the reverse: classic members wait to join "
                    + "until the last consumer-protocol member left), bidirectional, or disabled. Empty groups always may.");

    public static final List<GroupCoordinatorConfig.Key> KEYS = List.of(SESSION_TIMEOUT_MS, HEARTBEAT_INTERVAL_MS,
            MAX_SIZE, ASSIGNORS, MIGRATION_POLICY);

    private static final List<String> KNOWN_ASSIGNORS = List.of(UniformAssignor.NAME, RangeAssignor.NAME);

    public ConsumerGroupConfig {
        requireAtLeast(SESSION_TIMEOUT_MS, sessionTimeoutMs, 1);
        requireAtLeast(HEARTBEAT_INTERVAL_MS, heartbeatIntervalMs, 1);
        requireAtLeast(MAX_SIZE, maxSize, 1);
        if (heartbeatIntervalMs >= sessionTimeoutMs) {
            throw invalid(HEARTBEAT_INTERVAL_MS, String.valueOf(heartbeatIntervalMs),
                    "less than " + SESSION_TIMEOUT_MS.name() + " (" + sessionTimeoutMs + ")");
        }
        if (assignors.isEmpty()) {
            throw invalid(ASSIGNORS, "", "at least one of " + KNOWN_ASSIGNORS);
        }
        for (String assignor : assignors) {
            if (!KNOWN_ASSIGNORS.contains(assignor)) {
                throw invalid(ASSIGNORS, String.join(",", assignors), "names from " + KNOWN_ASSIGNORS);
            }
        }
        assignors = List.copyOf(assignors);
    }

    /** The default assignor: the first one listed. */
    public String defaultAssignor() {
        return assignors.get(0);
    }

    public static ConsumerGroupConfig defaults() {
        return from(Map.of());
    }

    /** Reads the keys from a broker's configuration; absent ones take their default. Fails naming a bad key. */
    public static ConsumerGroupConfig from(Map<String, String> props) {
        List<String> assignors = new ArrayList<>();
        for (String name : text(props, ASSIGNORS).split(",")) {
            if (!name.isBlank()) {
                assignors.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        String policy = text(props, MIGRATION_POLICY);
        MigrationPolicy migration;
        try {
            migration = MigrationPolicy.valueOf(policy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(MIGRATION_POLICY, policy, "one of bidirectional, upgrade, downgrade, disabled");
        }
        return new ConsumerGroupConfig(intValue(props, SESSION_TIMEOUT_MS), intValue(props, HEARTBEAT_INTERVAL_MS),
                intValue(props, MAX_SIZE), assignors, migration);
    }

    private static String text(Map<String, String> props, GroupCoordinatorConfig.Key key) {
        return props.getOrDefault(key.name(), key.defaultValue()).trim();
    }

    private static int intValue(Map<String, String> props, GroupCoordinatorConfig.Key key) {
        String text = text(props, key);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(key, text, "a 32-bit integer");
        }
    }

    private static void requireAtLeast(GroupCoordinatorConfig.Key key, long value, long minimum) {
        if (value < minimum) {
            throw invalid(key, String.valueOf(value), "at least " + minimum);
        }
    }

    private static IllegalArgumentException invalid(GroupCoordinatorConfig.Key key, String value, String allowed) {
        return new IllegalArgumentException("Invalid value " + value + " for configuration " + key.name()
                + ": must be " + allowed);
    }
}
