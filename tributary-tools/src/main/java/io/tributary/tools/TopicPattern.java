package io.tributary.tools;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A topic selector as Kafka's tools take it: a Java regex matched against the whole name, where commas also
 * separate alternatives and surrounding quotes are ignored ({@code "test|test-2"}, {@code a,b}). Immutable.
 */
public final class TopicPattern {

    private final Pattern pattern;

    private TopicPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    public static TopicPattern of(String raw) {
        String cleaned = raw.trim().replace(',', '|').replace(" ", "")
                .replaceAll("^[\"']+", "").replaceAll("[\"']+$", "");
        try {
            return new TopicPattern(Pattern.compile(cleaned));
        } catch (PatternSyntaxException e) {
            throw new ToolException(raw + " is an invalid regular expression: " + e.getDescription());
        }
    }

    public boolean matches(String topic) {
        return pattern.matcher(topic).matches();
    }

    public Pattern pattern() {
        return pattern;
    }

    public List<String> filter(List<String> topics) {
        return topics.stream().filter(this::matches).toList();
    }
}
