package io.tributary.broker.security;

import io.tributary.broker.config.ConfigKey;
import io.tributary.broker.config.ConfigValues;
import io.tributary.broker.config.SecurityConfigKeys;

/**
 * The security settings of one listener: each key's per-listener form ({@code listener.name.<l>.<key>}) wins
 * over the broker-wide key, which wins over the default. Remembers which key a value came from, so errors name
 * the key the user actually wrote. Immutable.
 */
public final class ListenerSettings {

    private final String listenerName;
    private final ConfigValues values;

    public ListenerSettings(String listenerName, ConfigValues values) {
        this.listenerName = listenerName;
        this.values = values;
    }

    public String listenerName() {
        return listenerName;
    }

    public <T> T get(ConfigKey<T> key) {
        String source = sourceOf(key);
        String text = values.raw(source);
        if (text == null) {
            return key.defaultText() == null ? null : key.parse(key.defaultText());
        }
        return new ConfigKey<>(source, key.parser(), key.defaultText(), key.validator(), key.doc()).parse(text);
    }

    /** The key name that supplies this listener's value: the per-listener one when set, else the broker-wide one. */
    public String sourceOf(ConfigKey<?> key) {
        String perListener = SecurityConfigKeys.forListener(listenerName, key.name());
        return values.isSet(perListener) ? perListener : key.name();
    }

    /** The raw text of a key that has no declaration of its own (e.g. a mechanism's JAAS config), or null. */
    public String raw(String key) {
        String perListener = SecurityConfigKeys.forListener(listenerName, key);
        return values.isSet(perListener) ? values.raw(perListener) : values.raw(key);
    }
}
