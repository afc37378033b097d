package io.tributary.broker.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin endpoint's address, from {@code admin.listeners}: {@code http://host:port}. Immutable. */
public record AdminListener(String host, int port) {

    private static final Pattern LISTENER = Pattern.compile("^http://(\\[[0-9a-fA-F:.]+\\]|[^:/\\s]+):(\\d{1,5})/?$");

    static final ConfigKey.Validator<String> VALIDATOR = value -> {
        if (value.isEmpty()) {
            return null;
        }
        Matcher m = LISTENER.matcher(value);
        if (!m.matches()) {
            return "must be empty (off) or look like http://host:port, e.g. http://127.0.0.1:9644";
        }
        if (Integer.parseInt(m.group(2)) > 65535) {
            return "the port must be between 0 and 65535";
        }
        return null;
    };

    /** Null when the value is empty (the endpoint is off). The value has passed {@link #VALIDATOR}. */
    public static AdminListener parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = LISTENER.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException(AdminConfigKeys.ADMIN_LISTENERS.name(), value, "must look like http://host:port");
        }
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new AdminListener(host, Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
