package io.tributary.broker.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Raw key/value text as given (server.properties or a map), with typed, validated access through
 * {@link ConfigKey}s. Immutable.
 */
public final class ConfigValues {

    private final Map<String, String> values;

    public ConfigValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public <T> T get(ConfigKey<T> key) {
        String text = values.get(key.name());
        if (text == null) {
            if (key.defaultText() == null) {
                return null;
            }
            text = key.defaultText();
        }
        return key.parse(text);
    }

    /** The first of the keys that is set, else the last key's value or default (Kafka's hours/minutes/ms precedence). */
    @SafeVarargs
    public final <T> T firstSet(ConfigKey<T>... keys) {
        for (ConfigKey<T> key : keys) {
            if (values.containsKey(key.name())) {
                return get(key);
            }
        }
        return get(keys[keys.length - 1]);
    }

    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    public String raw(String key) {
        return values.get(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Map<String, String> asMap() {
        return new LinkedHashMap<>(values);
    }

    /** The entries whose keys start with the prefix, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }
}
