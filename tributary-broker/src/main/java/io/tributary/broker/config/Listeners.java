package io.tributary.broker.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kafka listener strings such as {@code SASL_SSL://127.0.0.1:9093} and the listener security
 * protocol map ({@code INTERNAL:SASL_SSL,EXTERNAL:SSL}) that gives each listener name its protocol.
 */
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

    /** Kafka's default map: each protocol is also a listener name of itself. */
    public static final String DEFAULT_PROTOCOL_MAP = "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL";

    static final ConfigKey.Validator<List<String>> PROTOCOL_MAP_VALIDATOR = entries -> {
        try {
            parseProtocolMap(entries);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    };

    private Listeners() {
    }

    /** One endpoint: listener name, its security protocol, host (may be empty = all interfaces) and port. */
    public record Endpoint(String listenerName, SecurityProtocol securityProtocol, String host, int port) {

        public Endpoint withAddress(String newHost, int newPort) {
            return new Endpoint(listenerName, securityProtocol, newHost, newPort);
        }

        @Override
        public String toString() {
            return listenerName + "://" + host + ":" + port;
        }
    }

    /**
     * Parses listener strings, giving each its protocol from {@code protocols}; a name missing from the map
     * fails naming {@code mapKey}, a listener name given twice fails naming {@code key}.
     */
    public static List<Endpoint> parse(String key, List<String> values, Map<String, SecurityProtocol> protocols,
                                       String mapKey) {
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String value : values) {
            Matcher m = LISTENER.matcher(value);
            if (!m.matches()) {
                throw new ConfigException(key, value, "must look like NAME://host:port");
            }
            String name = m.group(1).toUpperCase();
            SecurityProtocol protocol = protocols.get(name);
            if (protocol == null) {
                throw new ConfigException(mapKey, protocols.keySet(), "has no entry for listener " + name
                        + " of " + key + "; add " + name + ":<PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL>");
            }
            if (!names.add(name)) {
                throw new ConfigException(key, values, "names listener " + name + " more than once");
            }
            endpoints.add(new Endpoint(name, protocol, m.group(2), Integer.parseInt(m.group(3))));
        }
        return endpoints;
    }

    /** Parses {@code NAME:PROTOCOL} entries; throws IllegalArgumentException saying what is wrong. */
    public static Map<String, SecurityProtocol> parseProtocolMap(List<String> entries) {
        Map<String, SecurityProtocol> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("each entry must look like NAME:PROTOCOL, got " + entry);
            }
            String name = entry.substring(0, colon).trim().toUpperCase();
            SecurityProtocol protocol = SecurityProtocol.forName(entry.substring(colon + 1));
            if (protocol == null) {
                throw new IllegalArgumentException("unknown security protocol in " + entry
                        + "; must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
            }
            if (map.put(name, protocol) != null) {
                throw new IllegalArgumentException("listener " + name + " is mapped twice");
            }
        }
        return map;
    }
}
