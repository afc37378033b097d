package io.tributary.broker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Kafka listener strings such as {@code PLAINTEXT://127.0.0.1:9092}. */
public final class Listeners {

    private static final Pattern LISTENER = Pattern.compile("^([A-Za-z0-9_]+)://(\\[?[^\\]]*\\]?|[^:]*):(\\d+)$");

    static final ConfigKey.Validator<List<String>> VALIDATOR = values -> {
        for (String value : values) {
            if (!LISTENER.matcher(value).matches()) {
                return "each listener must look like NAME://host:port, got " + value;
            }
        }
        return null;
    };

    private Listeners() {
    }

    /** One endpoint: listener name, host (may be empty = all interfaces) and port. */
    public record Endpoint(String listenerName, String host, int port) {
        public String securityProtocol() {
            return listenerName.toUpperCase();
        }

        @Override
        public String toString() {
            return listenerName + "://" + host + ":" + port;
        }
    }

    public static List<Endpoint> parse(List<String> values) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String value : values) {
            Matcher m = LISTENER.matcher(value);
            if (!m.matches()) {
                throw new ConfigException("listeners", value, "must look like NAME://host:port");
            }
            endpoints.add(new Endpoint(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
        }
        return endpoints;
    }
}
