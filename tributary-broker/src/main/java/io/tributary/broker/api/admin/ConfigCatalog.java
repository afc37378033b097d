package io.tributary.broker.api.admin;

import static io.tributary.broker.api.admin.ConfigResource.SOURCE_DEFAULT_CONFIG;
import static io.tributary.broker.api.admin.ConfigResource.SOURCE_DYNAMIC_BROKER_CONFIG;
import static io.tributary.broker.api.admin.ConfigResource.SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG;
import static io.tributary.broker.api.admin.ConfigResource.SOURCE_DYNAMIC_TOPIC_CONFIG;
import static io.tributary.broker.api.admin.ConfigResource.SOURCE_STATIC_BROKER_CONFIG;

import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.config.ConfigKey;
import io.tributary.broker.config.DynamicBrokerConfig;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.LiveBrokerConfig;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.config.LogConfigKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lists the configs of a topic or of this broker as DescribeConfigs shows them, under one cluster
 * image. A topic's default is the broker-wide default of that setting (dynamic per-broker over
 * dynamic cluster-wide over server.properties over built-in), so what is described is what the logs
 * use. Synonyms list every source of a value, highest precedence first. Immutable; one per request.
 */
final class ConfigCatalog {

    private final BrokerConfig staticConfig;
    private final Map<String, String> staticTopicDefaults;
    private final Map<String, String> topicDefaults;
    private final Map<String, String> perBroker;
    private final Map<String, String> clusterDefaults;

    ConfigCatalog(LiveBrokerConfig live, ClusterImage image) {
        this.staticConfig = live.staticConfig();
        this.staticTopicDefaults = staticConfig.defaultTopicConfig();
        this.topicDefaults = live.topicDefaults(image);
        this.perBroker = live.perBroker(image);
        this.clusterDefaults = live.clusterDefaults(image);
    }

    /** Every topic-level key with its effective value under these overrides. */
    List<ConfigEntry> topic(Map<String, String> overrides) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (LogConfigKey key : LogConfig.KEYS) {
            entries.add(topicEntry(key.name(), typeOf(key.type()), key.defaultValue(), key.doc(), overrides));
        }
        ConfigKey<Boolean> unclean = BrokerConfigKeys.UNCLEAN_LEADER_ELECTION_ENABLE;
        entries.add(topicEntry(TopicAdmin.UNCLEAN_LEADER_ELECTION_ENABLE, ConfigResource.TYPE_BOOLEAN,
                unclean.defaultText(), unclean.doc(), overrides));
        return entries;
    }

    private ConfigEntry topicEntry(String name, byte type, String builtIn, String doc, Map<String, String> overrides) {
        List<ConfigEntry.Synonym> synonyms = new ArrayList<>();
        String override = overrides.get(name);
        if (override != null) {
            synonyms.add(new ConfigEntry.Synonym(name, override, SOURCE_DYNAMIC_TOPIC_CONFIG));
        }
        List<String> brokerKeys = DynamicBrokerConfig.brokerKeysFor(name);
        addDynamic(synonyms, brokerKeys, perBroker, SOURCE_DYNAMIC_BROKER_CONFIG);
        addDynamic(synonyms, brokerKeys, clusterDefaults, SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG);
        synonyms.add(new ConfigEntry.Synonym(name, staticTopicDefaults.getOrDefault(name, builtIn), SOURCE_DEFAULT_CONFIG));
        String value = override != null ? override : topicDefaults.getOrDefault(name, builtIn);
        return new ConfigEntry(name, value, synonyms.get(0).source(), type, doc, List.copyOf(synonyms));
    }

    private static void addDynamic(List<ConfigEntry.Synonym> synonyms, List<String> keys, Map<String, String> layer,
                                   byte source) {
        for (String key : keys) {
            if (layer.containsKey(key)) {
                synonyms.add(new ConfigEntry.Synonym(key, layer.get(key), source));
            }
        }
    }

    /**
     * Every broker key, plus dynamic keys set only in ZooKeeper: this broker's dynamic value, else the
     * cluster-wide dynamic default, else server.properties, else the built-in default (null when none).
     */
    List<ConfigEntry> broker() {
        List<ConfigEntry> entries = new ArrayList<>();
        Set<String> described = new HashSet<>();
        for (ConfigKey<?> key : BrokerConfigKeys.ALL) {
            described.add(key.name());
            entries.add(brokerEntry(key.name(), key.defaultText(), typeOf(key), key.doc()));
        }
        for (String key : DynamicBrokerConfig.TOPIC_SYNONYMS.keySet()) {
            if (!described.contains(key) && (perBroker.containsKey(key) || clusterDefaults.containsKey(key)
                    || staticConfig.values().isSet(key))) {
                entries.add(brokerEntry(key, null, dynamicOnlyType(key), ""));
            }
        }
        return entries;
    }

    private ConfigEntry brokerEntry(String name, String builtIn, byte type, String doc) {
        List<ConfigEntry.Synonym> synonyms = new ArrayList<>();
        if (DynamicBrokerConfig.isDynamic(name)) {
            addDynamic(synonyms, List.of(name), perBroker, SOURCE_DYNAMIC_BROKER_CONFIG);
            addDynamic(synonyms, List.of(name), clusterDefaults, SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG);
        }
        if (staticConfig.values().isSet(name)) {
            synonyms.add(new ConfigEntry.Synonym(name, staticConfig.values().raw(name), SOURCE_STATIC_BROKER_CONFIG));
        }
        synonyms.add(new ConfigEntry.Synonym(name, builtIn, SOURCE_DEFAULT_CONFIG));
        ConfigEntry.Synonym winner = synonyms.get(0);
        return new ConfigEntry(name, winner.value(), winner.source(), type, doc, List.copyOf(synonyms));
    }

    /** The cluster-wide dynamic defaults ({@code /config/brokers/<default>}), as Kafka lists broker "". */
    List<ConfigEntry> clusterDefaults() {
        List<ConfigEntry> entries = new ArrayList<>();
        new TreeMap<>(clusterDefaults).forEach((name, value) -> {
            ConfigKey<?> key = BrokerConfigKeys.ALL.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
            ConfigEntry.Synonym synonym = new ConfigEntry.Synonym(name, value, SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG);
            entries.add(new ConfigEntry(name, value, SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG,
                    key != null ? typeOf(key) : dynamicOnlyType(name), key != null ? key.doc() : "", List.of(synonym)));
        });
        return entries;
    }

    /** The type of a dynamic key that only has a topic-level declaration (e.g. log.cleaner.min.cleanable.ratio). */
    private static byte dynamicOnlyType(String brokerKey) {
        LogConfigKey topicKey = LogConfig.key(DynamicBrokerConfig.TOPIC_SYNONYMS.getOrDefault(brokerKey, ""));
        return topicKey == null ? ConfigResource.TYPE_UNKNOWN : typeOf(topicKey.type());
    }

    private static byte typeOf(LogConfigKey.Type type) {
        return switch (type) {
            case INT -> ConfigResource.TYPE_INT;
            case LONG -> ConfigResource.TYPE_LONG;
            case DOUBLE -> ConfigResource.TYPE_DOUBLE;
            case STRING -> ConfigResource.TYPE_STRING;
            case LIST -> ConfigResource.TYPE_LIST;
        };
    }

    private static byte typeOf(ConfigKey<?> key) {
        Object parser = key.parser();
        if (parser == ConfigKey.INT) {
            return ConfigResource.TYPE_INT;
        }
        if (parser == ConfigKey.LONG) {
            return ConfigResource.TYPE_LONG;
        }
        if (parser == ConfigKey.BOOLEAN) {
            return ConfigResource.TYPE_BOOLEAN;
        }
        if (parser == ConfigKey.DOUBLE) {
            return ConfigResource.TYPE_DOUBLE;
        }
        if (parser == ConfigKey.LIST) {
            return ConfigResource.TYPE_LIST;
        }
        return parser == ConfigKey.STRING ? ConfigResource.TYPE_STRING : ConfigResource.TYPE_UNKNOWN;
    }
}
