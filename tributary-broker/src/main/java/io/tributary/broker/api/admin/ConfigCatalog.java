package io.tributary.broker.api.admin;

import static io.tributary.broker.api.admin.ConfigResource.SOURCE_DEFAULT_CONFIG;
import static io.tributary.broker.api.admin.ConfigResource.SOURCE_DYNAMIC_TOPIC_CONFIG;
import static io.tributary.broker.api.admin.ConfigResource.SOURCE_STATIC_BROKER_CONFIG;

import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.config.ConfigKey;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.config.LogConfigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists the configs of a topic or of this broker as DescribeConfigs shows them. A topic's default is
 * the broker-wide default of that setting (server.properties over the built-in default), so what is
 * described is what the logs use. Immutable and thread-safe.
 */
final class ConfigCatalog {

    private final BrokerConfig brokerConfig;
    private final Map<String, String> topicDefaults;

    ConfigCatalog(BrokerConfig brokerConfig) {
        this.brokerConfig = brokerConfig;
        this.topicDefaults = Map.copyOf(brokerConfig.defaultTopicConfig());
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
        String fallback = topicDefaults.getOrDefault(name, builtIn);
        ConfigEntry.Synonym byDefault = new ConfigEntry.Synonym(name, fallback, SOURCE_DEFAULT_CONFIG);
        String override = overrides.get(name);
        if (override == null) {
            return new ConfigEntry(name, fallback, SOURCE_DEFAULT_CONFIG, type, doc, List.of(byDefault));
        }
        ConfigEntry.Synonym byTopic = new ConfigEntry.Synonym(name, override, SOURCE_DYNAMIC_TOPIC_CONFIG);
        return new ConfigEntry(name, override, SOURCE_DYNAMIC_TOPIC_CONFIG, type, doc, List.of(byTopic, byDefault));
    }

    /** Every broker key: from server.properties when set there, else its default (null when it has none). */
    List<ConfigEntry> broker() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey<?> key : BrokerConfigKeys.ALL) {
            byte type = typeOf(key);
            ConfigEntry.Synonym byDefault = new ConfigEntry.Synonym(key.name(), key.defaultText(), SOURCE_DEFAULT_CONFIG);
            if (brokerConfig.values().isSet(key.name())) {
                String value = brokerConfig.values().raw(key.name());
                entries.add(new ConfigEntry(key.name(), value, SOURCE_STATIC_BROKER_CONFIG, type, key.doc(),
                        List.of(new ConfigEntry.Synonym(key.name(), value, SOURCE_STATIC_BROKER_CONFIG), byDefault)));
            } else {
                entries.add(new ConfigEntry(key.name(), key.defaultText(), SOURCE_DEFAULT_CONFIG, type, key.doc(),
                        List.of(byDefault)));
            }
        }
        return entries;
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
