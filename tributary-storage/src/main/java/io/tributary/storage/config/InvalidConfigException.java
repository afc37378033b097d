package io.tributary.storage.config;

/** A config value that cannot be used; the message names the key, the value and what is allowed. */
public class InvalidConfigException extends IllegalArgumentException {

    private final String key;

    public InvalidConfigException(String key, String value, String allowed) {
        super("Invalid value '" + value + "' for configuration " + key + ": must be " + allowed);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
