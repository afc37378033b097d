package io.tributary.broker.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's {@code ssl.principal.mapping.rules}: an ordered list of {@code RULE:pattern/replacement/[LU]} and
 * {@code DEFAULT}; the first rule whose pattern matches the whole distinguished name gives the user name
 * (optionally lower- or upper-cased), DEFAULT gives the distinguished name itself. Immutable.
 */
public final class SslPrincipalMapper {

    private static final Pattern RULE = Pattern.compile(
            "\\s*(DEFAULT|RULE:((?:\\\\.|[^\\\\/])*)/((?:\\\\.|[^\\\\/])*)/([LU]?))\\s*(,|$)");

    private record Rule(Pattern pattern, String replacement, String caseChange) {
    }

    private final List<Rule> rules;

    private SslPrincipalMapper(List<Rule> rules) {
        this.rules = rules;
    }

    /** Parses the rules; throws IllegalArgumentException naming the part that is not a rule. */
    public static SslPrincipalMapper parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String remaining = text == null || text.isBlank() ? "DEFAULT" : text.trim();
        Matcher m = RULE.matcher(remaining);
        int at = 0;
        while (at < remaining.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("not a mapping rule: " + remaining.substring(at));
            }
            rules.add(m.group(1).equals("DEFAULT") ? null
                    : new Rule(Pattern.compile(m.group(2)), m.group(3), m.group(4)));
            at = m.end();
        }
        return new SslPrincipalMapper(rules);
    }

    /** The user name for this distinguished name (RFC 2253 form, as the JDK prints it). */
    public String userName(String distinguishedName) {
        for (Rule rule : rules) {
            if (rule == null) {
                return distinguishedName;
            }
            Matcher m = rule.pattern().matcher(distinguishedName);
            if (m.matches()) {
                String name = m.replaceAll(rule.replacement());
                return switch (rule.caseChange()) {
                    case "L" -> name.toLowerCase();
                    case "U" -> name.toUpperCase();
                    default -> name;
                };
            }
        }
        throw new IllegalArgumentException("no ssl.principal.mapping.rules rule matches " + distinguishedName);
    }
}
