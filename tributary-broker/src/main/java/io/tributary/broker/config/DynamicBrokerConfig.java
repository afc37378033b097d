package io.tributary.broker.config;

import io.tributary.storage.config.LogConfig;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broker settings that may change while the broker runs, and how they layer: built-in defaults,
 * then server.properties, then the cluster-wide dynamic defaults ({@code /config/brokers/<default>}),
 * then this broker's own dynamic overrides ({@code /config/brokers/<id>}). Topic overrides go on top
 * of the result, elsewhere.
 *
 * <p>Only Kafka's cluster-wide log settings are dynamic here: each becomes the default of a
 * topic-level key, so changing it reaches every log that has no override of its own.
 *
 * <p>Thread-safe: the static config is immutable and the last computed layering is kept in one
 * volatile field, so the produce path can ask for it on every request at the cost of two map
 * comparisons.
 */
public final class DynamicBrokerConfig {

    /** The entity name under /config/brokers holding the cluster-wide defaults. */
    public static final String DEFAULT_ENTITY = "<default>";

    /** Each dynamic broker key and the topic-level key whose default it sets, most specific unit first. */
    public static final Map<String, String> TOPIC_SYNONYMS = topicSynonyms();

    private final BrokerConfig staticConfig;
    private volatile Layered last;

    private record Layered(Map<String, String> clusterDefaults, Map<String, String> perBroker, BrokerConfig effective,
                           Map<String, String> topicDefaults) {
    }

    public DynamicBrokerConfig(BrokerConfig staticConfig) {
        this.staticConfig = staticConfig;
        this.last = new Layered(Map.of(), Map.of(), staticConfig, Map.copyOf(staticConfig.defaultTopicConfig()));
    }

    public BrokerConfig staticConfig() {
        return staticConfig;
    }

    public static boolean isDynamic(String key) {
        return TOPIC_SYNONYMS.containsKey(key);
    }

    /** The broker config in effect under these dynamic layers. */
    public BrokerConfig effective(Map<String, String> clusterDefaults, Map<String, String> perBroker) {
        return layered(clusterDefaults, perBroker).effective();
    }

    /** The defaults of topic-level keys (topic key names) in effect under these dynamic layers. */
    public Map<String, String> topicDefaults(Map<String, String> clusterDefaults, Map<String, String> perBroker) {
        return layered(clusterDefaults, perBroker).topicDefaults();
    }

    private Layered layered(Map<String, String> clusterDefaults, Map<String, String> perBroker) {
        Layered current = last;
        if (current.clusterDefaults().equals(clusterDefaults) && current.perBroker().equals(perBroker)) {
            return current;
        }
        Map<String, String> raw = new HashMap<>(staticConfig.values().asMap());
        putDynamic(raw, clusterDefaults);
        putDynamic(raw, perBroker);
        BrokerConfig effective;
        Map<String, String> topicDefaults;
        try {
            effective = new BrokerConfig(raw);
            topicDefaults = Map.copyOf(effective.defaultTopicConfig());
        } catch (RuntimeException e) {
            // Validated before it was written; a hand-edited znode must not stop the broker.
            effective = staticConfig;
            topicDefaults = Map.copyOf(staticConfig.defaultTopicConfig());
        }
        Layered next = new Layered(Map.copyOf(clusterDefaults), Map.copyOf(perBroker), effective, topicDefaults);
        last = next;
        return next;
    }

    /** Only dynamic keys are taken from ZooKeeper; anything else there is ignored, as Kafka ignores it. */
    private static void putDynamic(Map<String, String> raw, Map<String, String> dynamic) {
        dynamic.forEach((key, value) -> {
            if (isDynamic(key)) {
                raw.put(key, value);
            }
        });
    }

    /**
     * Checks a dynamic entity's complete set of overrides.
     *
     * @throws NotDynamicException when a key cannot change while the broker runs
     * @throws ConfigException naming the key when a value is not allowed
     */
    public void validate(Map<String, String> overrides) {
        Set<String> refused = new TreeSet<>();
        for (String key : overrides.keySet()) {
            if (!isDynamic(key)) {
                refused.add(key);
            }
        }
        if (!refused.isEmpty()) {
            throw new NotDynamicException(refused);
        }
        overrides.forEach(DynamicBrokerConfig::validateValue);
    }

    private static void validateValue(String key, String value) {
        ConfigKey<?> brokerKey = BrokerConfigKeys.ALL.stream().filter(k -> k.name().equals(key)).findFirst().orElse(null);
        if (brokerKey != null) {
            brokerKey.parse(value);
        }
        String topicKey = TOPIC_SYNONYMS.get(key);
        boolean convertedFromUnit = key.endsWith(".hours") || key.endsWith(".minutes");
        if (convertedFromUnit || LogConfig.KEYS.stream().noneMatch(k -> k.name().equals(topicKey))) {
            return;
        }
        try {
            LogConfig.fromMap(Map.of(topicKey, value.trim()));
        } catch (RuntimeException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    /** Thrown for keys that only server.properties may set. */
    public static final class NotDynamicException extends RuntimeException {
        public NotDynamicException(Set<String> keys) {
            super("Cannot update these configs dynamically: " + keys);
        }
    }

    private static Map<String, String> topicSynonyms() {
        Map<String, String> synonyms = new LinkedHashMap<>();
        synonyms.put("log.retention.ms", "retention.ms");
        synonyms.put("log.retention.minutes", "retention.ms");
        synonyms.put("log.retention.hours", "retention.ms");
        synonyms.put("log.retention.bytes", "retention.bytes");
        synonyms.put("log.segment.bytes", "segment.bytes");
        synonyms.put("log.roll.ms", "segment.ms");
        synonyms.put("log.roll.hours", "segment.ms");
        synonyms.put("log.cleanup.policy", "cleanup.policy");
        synonyms.put("log.index.interval.bytes", "index.interval.bytes");
        synonyms.put("log.message.timestamp.type", "message.timestamp.type");
        synonyms.put("message.max.bytes", "max.message.bytes");
        synonyms.put("min.insync.replicas", "min.insync.replicas");
        synonyms.put("log.flush.interval.messages", "flush.messages");
        synonyms.put("log.flush.interval.ms", "flush.ms");
        synonyms.put("log.cleaner.delete.retention.ms", "delete.retention.ms");
        synonyms.put("log.cleaner.min.compaction.lag.ms", "min.compaction.lag.ms");
        synonyms.put("log.cleaner.min.cleanable.ratio", "min.cleanable.dirty.ratio");
        synonyms.put("unclean.leader.election.enable", "unclean.leader.election.enable");
        return Collections.unmodifiableMap(synonyms);
    }

    /** The dynamic broker keys that set a topic-level key's default, most specific first (ms before hours). */
    public static List<String> brokerKeysFor(String topicKey) {
        return TOPIC_SYNONYMS.entrySet().stream().filter(e -> e.getValue().equals(topicKey)).map(Map.Entry::getKey)
                .toList();
    }
}
