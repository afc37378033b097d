package io.tributary.broker.server;

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
        if (topic.equals("__consumer_offsets")) {
            values.put("cleanup.policy", "compact");
            values.put("segment.bytes", "104857600");
        }
        values.keySet().removeIf(key -> LogConfig.KEYS.stream().noneMatch(k -> k.name().equals(key)));
        return LogConfig.fromMap(values);
    }
}
