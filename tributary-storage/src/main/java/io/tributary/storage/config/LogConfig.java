package io.tributary.storage.config;

import static io.tributary.storage.config.LogConfigKey.Type.DOUBLE;
import static io.tributary.storage.config.LogConfigKey.Type.INT;
import static io.tributary.storage.config.LogConfigKey.Type.LIST;
import static io.tributary.storage.config.LogConfigKey.Type.LONG;
import static io.tributary.storage.config.LogConfigKey.Type.STRING;

import io.tributary.protocol.record.TimestampType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition log's topic-level configuration, parsed and validated once from Kafka's key names. The
 * keys, defaults and docs are data ({@link #KEYS}) so the broker can list and describe them. Immutable.
 */
public final class LogConfig {

    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private static final String MAX = Long.toString(Long.MAX_VALUE);

    /** Every key this log understands, in documentation order. */
    public static final List<LogConfigKey> KEYS = List.of(
            LogConfigKey.atLeast(SEGMENT_BYTES, INT, "1073741824", 14,
                    "Size of one segment file; a new segment is rolled when an append would exceed it."),
            LogConfigKey.atLeast(SEGMENT_MS, LONG, "604800000", 1,
                    "Roll a new segment after this long since the first batch of the active one, even if not full."),
            LogConfigKey.atLeast(RETENTION_MS, LONG, "604800000", -1,
                    "Delete whole segments whose newest record is older than this; -1 keeps them forever."),
            LogConfigKey.atLeast(RETENTION_BYTES, LONG, "-1", -1,
                    "Delete the oldest whole segments while the partition is larger than this; -1 for no limit."),
            LogConfigKey.atLeast(INDEX_INTERVAL_BYTES, INT, "4096", 0,
                    "Bytes appended between two entries of the sparse offset and time indexes."),
            LogConfigKey.atLeast(SEGMENT_INDEX_BYTES, INT, "10485760", 12,
                    "Maximum size of a segment's offset index; a full index rolls the segment."),
            LogConfigKey.atLeast(MAX_MESSAGE_BYTES, INT, "1048588", 0,
                    "Largest record batch this topic accepts, in bytes."),
            LogConfigKey.oneOf(CLEANUP_POLICY, LIST, "delete", List.of("delete", "compact"),
                    "delete: discard old segments by time or size; compact: keep the latest record per key; both."),
            LogConfigKey.atLeast(DELETE_RETENTION_MS, LONG, "86400000", 0,
                    "How long the cleaner keeps tombstones of a compacted topic."),
            LogConfigKey.atLeast(MIN_COMPACTION_LAG_MS, LONG, "0", 0,
                    "Records younger than this are never compacted."),
            new LogConfigKey(MIN_CLEANABLE_DIRTY_RATIO, DOUBLE, "0.5",
                    "Share of a compacted log not yet cleaned above which the cleaner works on it.",
                    "[0,...,1]", List.of(), 0),
            LogConfigKey.oneOf(MESSAGE_TIMESTAMP_TYPE, STRING, "CreateTime", List.of("CreateTime", "LogAppendTime"),
                    "Keep the producer's timestamps (CreateTime) or stamp the broker's clock (LogAppendTime)."),
            LogConfigKey.atLeast(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, LONG, MAX, 0,
                    "CreateTime timestamps may be at most this far in the past."),
            LogConfigKey.atLeast(MESSAGE_TIMESTAMP_AFTER_MAX_MS, LONG, "3600000", 0,
                    "CreateTime timestamps may be at most this far in the future."),
            LogConfigKey.atLeast(FILE_DELETE_DELAY_MS, LONG, "60000", 0,
                    "Delay before a deleted segment's files are removed, so in-flight reads complete."),
            LogConfigKey.atLeast(FLUSH_MESSAGES, LONG, MAX, 1,
                    "Fsync after this many appended records; by default the OS decides and replication protects."),
            LogConfigKey.atLeast(FLUSH_MS, LONG, MAX, 0,
                    "Fsync when this long has passed since the last flush."),
            LogConfigKey.oneOf(COMPRESSION_TYPE, STRING, "producer", List.of("producer"),
                    "Batches are stored exactly as the producer compressed them."),
            LogConfigKey.atLeast(MIN_INSYNC_REPLICAS, INT, "1", 1,
                    "Replicas that must have a record before an acks=all produce succeeds (enforced by the broker)."));

    private static final java.util.Set<String> KEY_NAMES =
            KEYS.stream().map(LogConfigKey::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    public static final LogConfig DEFAULT = fromMap(Map.of());

    private final Map<String, String> values;
    // Typed copies of the parsed values: the append path reads several per batch, so no map lookups there.
    private final int segmentBytes;
    private final long segmentMs;
    private final long retentionMs;
    private final long retentionBytes;
    private final int indexIntervalBytes;
    private final int segmentIndexBytes;
    private final int maxMessageBytes;
    private final boolean compact;
    private final boolean delete;
    private final long deleteRetentionMs;
    private final long minCompactionLagMs;
    private final double minCleanableDirtyRatio;
    private final TimestampType timestampType;
    private final long timestampBeforeMaxMs;
    private final long timestampAfterMaxMs;
    private final long fileDeleteDelayMs;
    private final long flushMessages;
    private final long flushMs;
    private final int minInsyncReplicas;

    @SuppressWarnings("unchecked")
    private LogConfig(Map<String, String> values, Map<String, Object> parsed) {
        this.values = Collections.unmodifiableMap(values);
        this.segmentBytes = (Integer) parsed.get(SEGMENT_BYTES);
        this.segmentMs = (Long) parsed.get(SEGMENT_MS);
        this.retentionMs = (Long) parsed.get(RETENTION_MS);
        this.retentionBytes = (Long) parsed.get(RETENTION_BYTES);
        this.indexIntervalBytes = (Integer) parsed.get(INDEX_INTERVAL_BYTES);
        this.segmentIndexBytes = (Integer) parsed.get(SEGMENT_INDEX_BYTES);
        this.maxMessageBytes = (Integer) parsed.get(MAX_MESSAGE_BYTES);
        List<String> cleanupPolicy = (List<String>) parsed.get(CLEANUP_POLICY);
        this.compact = cleanupPolicy.contains("compact");
        this.delete = cleanupPolicy.contains("delete");
        this.deleteRetentionMs = (Long) parsed.get(DELETE_RETENTION_MS);
        this.minCompactionLagMs = (Long) parsed.get(MIN_COMPACTION_LAG_MS);
        this.minCleanableDirtyRatio = (Double) parsed.get(MIN_CLEANABLE_DIRTY_RATIO);
        this.timestampType = TimestampType.forConfigName((String) parsed.get(MESSAGE_TIMESTAMP_TYPE));
        this.timestampBeforeMaxMs = (Long) parsed.get(MESSAGE_TIMESTAMP_BEFORE_MAX_MS);
        this.timestampAfterMaxMs = (Long) parsed.get(MESSAGE_TIMESTAMP_AFTER_MAX_MS);
        this.fileDeleteDelayMs = (Long) parsed.get(FILE_DELETE_DELAY_MS);
        this.flushMessages = (Long) parsed.get(FLUSH_MESSAGES);
        this.flushMs = (Long) parsed.get(FLUSH_MS);
        this.minInsyncReplicas = (Integer) parsed.get(MIN_INSYNC_REPLICAS);
    }

    /**
     * The entries of a topic's configuration that the log itself uses. A topic also carries settings
     * that belong to others (e.g. {@code unclean.leader.election.enable}, read by the controller); they
     * are left out here so that {@link #fromMap} can keep rejecting unknown keys.
     */
    public static Map<String, String> logSettingsOf(Map<String, String> topicConfig) {
        Map<String, String> settings = new LinkedHashMap<>(topicConfig);
        settings.keySet().retainAll(KEY_NAMES);
        return settings;
    }

    /**
     * Builds a config from topic-level overrides; absent keys take their defaults, unknown keys are rejected.
     *
     * @throws InvalidConfigException naming the first key whose value is not allowed
     */
    public static LogConfig fromMap(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (String name : overrides.keySet()) {
            if (key(name) == null) {
                throw new InvalidConfigException(name, overrides.get(name), "a known topic config");
            }
        }
        for (LogConfigKey key : KEYS) {
            String raw = overrides.getOrDefault(key.name(), key.defaultValue());
            if (raw == null) {
                throw new InvalidConfigException(key.name(), "null", "non-null");
            }
            Object value = key.parse(raw);
            if (key.name().equals(MIN_CLEANABLE_DIRTY_RATIO) && (Double) value > 1.0) {
                throw new InvalidConfigException(key.name(), raw, "double [0,...,1]");
            }
            values.put(key.name(), raw.trim());
            parsed.put(key.name(), value);
        }
        return new LogConfig(values, parsed);
    }

    /** This config with some keys replaced, validated again. */
    public LogConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return fromMap(merged);
    }

    public static LogConfigKey key(String name) {
        for (LogConfigKey key : KEYS) {
            if (key.name().equals(name)) {
                return key;
            }
        }
        return null;
    }

    /** Every key's effective value as a string, in {@link #KEYS} order. */
    public Map<String, String> values() {
        return values;
    }

    public int segmentBytes() {
        return segmentBytes;
    }

    public long segmentMs() {
        return segmentMs;
    }

    public long retentionMs() {
        return retentionMs;
    }

    public long retentionBytes() {
        return retentionBytes;
    }

    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    public int segmentIndexBytes() {
        return segmentIndexBytes;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public boolean compact() {
        return compact;
    }

    public boolean delete() {
        return delete;
    }

    public long deleteRetentionMs() {
        return deleteRetentionMs;
    }

    public long minCompactionLagMs() {
        return minCompactionLagMs;
    }

    public double minCleanableDirtyRatio() {
        return minCleanableDirtyRatio;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    public long timestampBeforeMaxMs() {
        return timestampBeforeMaxMs;
    }

    public long timestampAfterMaxMs() {
        return timestampAfterMaxMs;
    }

    public long fileDeleteDelayMs() {
        return fileDeleteDelayMs;
    }

    public long flushMessages() {
        return flushMessages;
    }

    public long flushMs() {
        return flushMs;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    @Override
    public String toString() {
        return "LogConfig" + values;
    }
}
