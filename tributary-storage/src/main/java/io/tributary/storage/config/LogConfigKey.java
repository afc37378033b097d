package io.tributary.storage.config;

import java.util.List;
import java.util.Objects;

/**
 * One topic-level config key as data: its Kafka name, type, default (as the string DescribeConfigs shows),
 * documentation and the rule a value must follow. Immutable.
 */
public record LogConfigKey(String name, Type type, String defaultValue, String doc, String allowed,
                           List<String> validValues, double min) {

    /** The value kinds topic configs use. */
    public enum Type { INT, LONG, DOUBLE, STRING, LIST }

    public LogConfigKey {
        Objects.requireNonNull(name);
        validValues = List.copyOf(validValues);
    }

    static LogConfigKey atLeast(String name, Type type, String defaultValue, double min, String doc) {
        return new LogConfigKey(name, type, defaultValue, doc, "[" + fmt(min) + ",...]", List.of(), min);
    }

    static LogConfigKey oneOf(String name, Type type, String defaultValue, List<String> values, String doc) {
        return new LogConfigKey(name, type, defaultValue, doc, String.join(", ", values), values,
                Double.NEGATIVE_INFINITY);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Parses and checks {@code raw}; the error names the key, the value and what is allowed. */
    Object parse(String raw) {
        String value = raw.trim();
        Object parsed;
        try {
            parsed = switch (type) {
                case INT -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case DOUBLE -> Double.parseDouble(value);
                case STRING -> value;
                case LIST -> List.of(value.split("\\s*,\\s*"));
            };
        } catch (NumberFormatException e) {
            throw invalid(raw);
        }
        if (parsed instanceof Number n && n.doubleValue() < min) {
            throw invalid(raw);
        }
        if (!validValues.isEmpty()) {
            List<?> items = parsed instanceof List<?> list ? list : List.of(parsed);
            if (items.isEmpty() || !validValues.containsAll(items)) {
                throw invalid(raw);
            }
        }
        return parsed;
    }

    private InvalidConfigException invalid(String raw) {
        return new InvalidConfigException(name, raw, type.name().toLowerCase() + " " + allowed);
    }
}
