package io.tributary.broker.group;

import java.util.List;
import java.util.Map;

/**
 * The group coordinator's settings, under Kafka's key names and defaults, validated once when built.
 * Immutable.
 *
 * @param offsetsTopicPartitions      {@code offsets.topic.num.partitions}: partitions of {@code __consumer_offsets}
 * @param offsetsTopicReplicationFactor {@code offsets.topic.replication.factor}
 * @param offsetsTopicSegmentBytes    {@code offsets.topic.segment.bytes}: segment size of {@code __consumer_offsets};
 *                                    the cleaner compacts only rolled segments, so this bounds what it leaves dirty
 * @param initialRebalanceDelayMs     {@code group.initial.rebalance.delay.ms}: how long a new group waits for more members
 * @param minSessionTimeoutMs         {@code group.min.session.timeout.ms}
 * @param maxSessionTimeoutMs         {@code group.max.session.timeout.ms}
 * @param maxGroupSize                {@code group.max.size}
 * @param offsetsRetentionMs          {@code offsets.retention.minutes}, in ms: how long an empty group keeps its offsets
 * @param offsetsRetentionCheckIntervalMs {@code offsets.retention.check.interval.ms}
 * @param offsetMetadataMaxBytes      {@code offset.metadata.max.bytes}
 */
public record GroupCoordinatorConfig(int offsetsTopicPartitions, short offsetsTopicReplicationFactor,
                                     int offsetsTopicSegmentBytes,
                                     int initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                                     int maxGroupSize, long offsetsRetentionMs, long offsetsRetentionCheckIntervalMs,
                                     int offsetMetadataMaxBytes) {

    /** One setting: its key, default and meaning; the source of the generated configuration docs. */
    public record Key(String name, String defaultValue, String doc) {
    }

    public static final Key OFFSETS_TOPIC_PARTITIONS = new Key("offsets.topic.num.partitions", "50",
            "Partitions of __consumer_offsets; fixed once the topic exists, since it decides which broker coordinates a group.");
    public static final Key OFFSETS_TOPIC_REPLICATION_FACTOR = new Key("offsets.topic.replication.factor", "3",
            "Replication factor of __consumer_offsets; creating the topic waits until this many brokers are alive.");
    public static final Key OFFSETS_TOPIC_SEGMENT_BYTES = new Key("offsets.topic.segment.bytes", "104857600",
            "Segment size of __consumer_offsets when this broker creates it; smaller segments get compacted sooner.");
    public static final Key INITIAL_REBALANCE_DELAY_MS = new Key("group.initial.rebalance.delay.ms", "3000",
            "How long the first rebalance of an empty group waits for more members, extended while they keep arriving.");
    public static final Key MIN_SESSION_TIMEOUT_MS = new Key("group.min.session.timeout.ms", "6000",
            "Smallest session timeout a member may ask for.");
    public static final Key MAX_SESSION_TIMEOUT_MS = new Key("group.max.session.timeout.ms", "1800000",
            "Largest session timeout a member may ask for.");
    public static final Key MAX_GROUP_SIZE = new Key("group.max.size", String.valueOf(Integer.MAX_VALUE),
            "Most members a group may have.");
    public static final Key OFFSETS_RETENTION_MINUTES = new Key("offsets.retention.minutes", "10080",
            "How long the committed offsets of a group stay after it became empty.");
    public static final Key OFFSETS_RETENTION_CHECK_INTERVAL_MS = new Key("offsets.retention.check.interval.ms", "600000",
            "How often expired offsets are looked for.");
    public static final Key OFFSET_METADATA_MAX_BYTES = new Key("offset.metadata.max.bytes", "4096",
            "Largest metadata string a commit may carry per partition.");

    public static final List<Key> KEYS = List.of(OFFSETS_TOPIC_PARTITIONS, OFFSETS_TOPIC_REPLICATION_FACTOR,
            OFFSETS_TOPIC_SEGMENT_BYTES,
            INITIAL_REBALANCE_DELAY_MS, MIN_SESSION_TIMEOUT_MS, MAX_SESSION_TIMEOUT_MS, MAX_GROUP_SIZE,
            OFFSETS_RETENTION_MINUTES, OFFSETS_RETENTION_CHECK_INTERVAL_MS, OFFSET_METADATA_MAX_BYTES);

    public GroupCoordinatorConfig {
        requireAtLeast(OFFSETS_TOPIC_PARTITIONS, offsetsTopicPartitions, 1);
        requireAtLeast(OFFSETS_TOPIC_REPLICATION_FACTOR, offsetsTopicReplicationFactor, 1);
        requireAtLeast(OFFSETS_TOPIC_SEGMENT_BYTES, offsetsTopicSegmentBytes, 14);
        requireAtLeast(INITIAL_REBALANCE_DELAY_MS, initialRebalanceDelayMs, 0);
        requireAtLeast(MIN_SESSION_TIMEOUT_MS, minSessionTimeoutMs, 0);
        requireAtLeast(MAX_SESSION_TIMEOUT_MS, maxSessionTimeoutMs, minSessionTimeoutMs);
        requireAtLeast(MAX_GROUP_SIZE, maxGroupSize, 1);
        requireAtLeast(OFFSETS_RETENTION_MINUTES, offsetsRetentionMs / 60_000, 1);
        requireAtLeast(OFFSETS_RETENTION_CHECK_INTERVAL_MS, offsetsRetentionCheckIntervalMs, 1);
        requireAtLeast(OFFSET_METADATA_MAX_BYTES, offsetMetadataMaxBytes, 0);
    }

    /** Every setting at Kafka's default. */
    public static GroupCoordinatorConfig defaults() {
        return from(Map.of());
    }

    /**
     * Reads the coordinator's keys from a broker's configuration; other keys are ignored, absent ones
     * take their default. A value that is not a number or out of range fails naming the key.
     */
    public static GroupCoordinatorConfig from(Map<String, String> props) {
        return new GroupCoordinatorConfig(
                intValue(props, OFFSETS_TOPIC_PARTITIONS),
                (short) intValue(props, OFFSETS_TOPIC_REPLICATION_FACTOR),
                intValue(props, OFFSETS_TOPIC_SEGMENT_BYTES),
                intValue(props, INITIAL_REBALANCE_DELAY_MS),
                intValue(props, MIN_SESSION_TIMEOUT_MS),
                intValue(props, MAX_SESSION_TIMEOUT_MS),
                intValue(props, MAX_GROUP_SIZE),
                Math.multiplyExact(longValue(props, OFFSETS_RETENTION_MINUTES), 60_000L),
                longValue(props, OFFSETS_RETENTION_CHECK_INTERVAL_MS),
                intValue(props, OFFSET_METADATA_MAX_BYTES));
    }

    private static int intValue(Map<String, String> props, Key key) {
        long value = longValue(props, key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(key, String.valueOf(value), "a 32-bit integer");
        }
        if (key == OFFSETS_TOPIC_REPLICATION_FACTOR && value > Short.MAX_VALUE) {
            throw invalid(key, String.valueOf(value), "at most " + Short.MAX_VALUE);
        }
        return (int) value;
    }

    private static long longValue(Map<String, String> props, Key key) {
        String text = props.getOrDefault(key.name(), key.defaultValue()).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(key, text, "an integer");
        }
    }

    private static void requireAtLeast(Key key, long value, long minimum) {
        if (value < minimum) {
            throw invalid(key, String.valueOf(value), "at least " + minimum);
        }
    }

    private static IllegalArgumentException invalid(Key key, String value, String allowed) {
        return new IllegalArgumentException("Invalid value " + value + " for configuration " + key.name()
                + ": must be " + allowed);
    }
}
