package io.tributary.broker.api.admin;

import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.config.LogConfigKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IncrementalAlterConfigs: SET, DELETE, APPEND or SUBTRACT single keys of a topic's overrides, leaving
 * the others as they are. APPEND and SUBTRACT work on list-valued keys (cleanup.policy), starting from
 * the key's effective value. Stateless.
 */
public final class IncrementalAlterConfigsHandler implements RequestHandler {

    private static final byte SET = 0;
    private static final byte DELETE = 1;
    private static final byte APPEND = 2;
    private static final byte SUBTRACT = 3;

    private final TopicAdmin topics;
    private final Map<String, String> topicDefaults;

    /** @param topicDefaults the broker-wide defaults of topic-level keys, which APPEND and SUBTRACT start from */
    public IncrementalAlterConfigsHandler(TopicAdmin topics, Map<String, String> topicDefaults) {
        this.topics = topics;
        this.topicDefaults = Map.copyOf(topicDefaults);
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        responder.send(TopicConfigAlteration.alter(request, response, topics, this::apply));
    }

    private Map<String, String> apply(Map<String, String> current, List<Struct> configs) {
        Map<String, String> updated = new LinkedHashMap<>(current);
        for (Struct config : configs) {
            String name = config.getString("name");
            String value = config.getString("value");
            switch (config.getByte("config_operation")) {
                case SET -> updated.put(name, requireValue(name, value));
                case DELETE -> updated.remove(name);
                case APPEND, SUBTRACT -> {
                    List<String> items = new ArrayList<>(listValue(name, updated));
                    List<String> given = split(requireValue(name, value));
                    if (config.getByte("config_operation") == APPEND) {
                        given.stream().filter(item -> !items.contains(item)).forEach(items::add);
                    } else {
                        items.removeAll(given);
                    }
                    updated.put(name, String.join(",", items));
                }
                default -> throw new ApiException(Errors.INVALID_REQUEST,
                        "Unknown config operation " + config.getByte("config_operation") + " for " + name);
            }
        }
        return updated;
    }

    private List<String> listValue(String name, Map<String, String> overrides) {
        LogConfigKey key = LogConfig.key(name);
        if (key == null || key.type() != LogConfigKey.Type.LIST) {
            throw new ApiException(Errors.INVALID_CONFIG, "Config value append or subtract is not allowed for config key: "
                    + name + " (it is not a list)");
        }
        String value = overrides.getOrDefault(name, topicDefaults.getOrDefault(name, key.defaultValue()));
        return split(value);
    }

    private static List<String> split(String value) {
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static String requireValue(String name, String value) {
        if (value == null) {
            throw new ApiException(Errors.INVALID_REQUEST, "Null value not supported for topic config " + name);
        }
        return value;
    }
}
