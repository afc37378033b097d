package io.tributary.broker.config;

/** A configuration value is missing or invalid; the message names the key, the value and what is allowed. */
public class ConfigException extends RuntimeException {

    public ConfigException(String key, Object value, String allowed) {
        super("Invalid value " + value + " for configuration " + key + ": " + allowed);
    }

    public ConfigException(String message) {
        super(message);
    }
}
