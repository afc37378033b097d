package io.tributary.broker.security.sasl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JAAS login-module entry as Kafka's {@code sasl.jaas.config} gives it:
 * {@code <LoginModule class> <required|requisite|sufficient|optional> key="value" ... ;}. Values may be quoted
 * (with backslash escapes) or bare. Immutable.
 */
public record JaasConfig(String loginModule, String flag, Map<String, String> options) {

    /** Parses one entry; throws IllegalArgumentException saying what is wrong (never echoing values). */
    public static JaasConfig parse(String text) {
        String s = text.trim();
        int i = 0;
        int moduleEnd = nextSpace(s, i);
        String module = s.substring(i, moduleEnd);
        i = skipSpaces(s, moduleEnd);
        int flagEnd = nextSpace(s, i);
        String flag = s.substring(i, flagEnd).replace(";", "");
        if (module.isEmpty() || !(flag.equals("required") || flag.equals("requisite") || flag.equals("sufficient")
                || flag.equals("optional"))) {
            throw new IllegalArgumentException("a JAAS entry must start with a login module and a control flag");
        }
        i = skipSpaces(s, flagEnd);
        Map<String, String> options = new LinkedHashMap<>();
        while (i < s.length() && s.charAt(i) != ';') {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("JAAS option without a value after " + s.substring(i).split("=")[0]);
            }
            String key = s.substring(i, eq).trim();
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated quoted value of JAAS option " + key);
                }
                i++;
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ';') {
                    value.append(s.charAt(i++));
                }
            }
            options.put(key, value.toString());
            i = skipSpaces(s, i);
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("a JAAS entry must end with ';'");
        }
        return new JaasConfig(module, flag, Map.copyOf(options));
    }

    /** The PLAIN users: every {@code user_<name>} option, as PlainLoginModule's server side reads them. */
    public Map<String, String> plainUsers() {
        Map<String, String> users = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith("user_")) {
                users.put(k.substring("user_".length()), v);
            }
        });
        return users;
    }

    private static int nextSpace(String s, int from) {
        int i = from;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public String toString() {
        return "JaasConfig[" + loginModule + " " + flag + ", options " + options.keySet() + "]"; // never the values
    }
}
