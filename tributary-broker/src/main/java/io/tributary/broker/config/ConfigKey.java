package io.tributary.broker.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One configuration key: its name, how its text parses, its default, what values are allowed and
 * what it means. Keys are declared next to their documentation and parsed once at start-up.
 */
public record ConfigKey<T>(String name, Function<String, T> parser, String defaultText, Validator<T> validator,
                           String doc) {

    /** Checks a parsed value; returns null when allowed, or a description of what is allowed. */
    @FunctionalInterface
    public interface Validator<T> {
        String problemWith(T value);

        static <T> Validator<T> any() {
            return value -> null;
        }
    }

    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(name, text, "not a valid " + typeName() + " (" + doc + ")");
        }
        String problem = validator.problemWith(value);
        if (problem != null) {
            throw new ConfigException(name, text, problem);
        }
        return value;
    }

    private String typeName() {
        return parser == (Object) INT ? "integer" : parser == (Object) LONG ? "long" : parser == (Object) BOOLEAN ? "boolean" : "value";
    }

    public static final Function<String, Integer> INT = Integer::parseInt;
    public static final Function<String, Long> LONG = Long::parseLong;
    public static final Function<String, Double> DOUBLE = Double::parseDouble;
    public static final Function<String, String> STRING = s -> s;
    public static final Function<String, Boolean> BOOLEAN = s -> {
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(s);
    };
    public static final Function<String, List<String>> LIST =
            s -> s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();

    public static <N extends Comparable<N>> Validator<N> atLeast(N min) {
        return value -> value.compareTo(min) >= 0 ? null : "must be at least " + min;
    }

    public static <N extends Comparable<N>> Validator<N> between(N min, N max) {
        return value -> value.compareTo(min) >= 0 && value.compareTo(max) <= 0 ? null : "must be between " + min + " and " + max;
    }

    public static Validator<String> oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return value -> values.contains(value) ? null : "must be one of " + values;
    }
}
