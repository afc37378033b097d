package io.tributary.broker.server;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.storage.config.LogConfig;
import java.util.HashMap;
import java.util.Map;

/** Derived settings shared by the broker's parts at start-up. */
final class BrokerParts {

    private final BrokerConfig config;

    BrokerParts(BrokerConfig config) {
        this.config = config;
    }

    /** A topic's log config before its overrides are known (the metadata image refines it). */
    LogConfig defaultLogConfigFor(String topic) {
        Map<String, String> values = new HashMap<>(config.defaultTopicConfig());
        if (TopicNames.CONSUMER_OFFSETS.equals(topic)) {
            // Until the image applies the topic's own config, never let retention touch committed offsets.
            values.put("cleanup.policy", "compact");
        }
        return LogConfig.fromMap(LogConfig.logSettingsOf(values));
    }
}
