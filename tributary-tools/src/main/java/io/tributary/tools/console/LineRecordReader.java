package io.tributary.tools.console;

import io.tributary.tools.ToolException;
import java.util.Map;

/**
 * Turns one input line into a key and value, as Kafka's console producer does: the whole line is the value unless
 * {@code parse.key=true}, in which case the text before the first {@code key.separator} (default tab) is the key.
 * {@code ignore.error=true} sends a line without separator with the whole line as value and no key.
 * {@code null.marker} sets text that stands for a null key or value. Immutable.
 */
public final class LineRecordReader {

    /** A parsed line; either part may be null. */
    public record KeyValue(String key, String value) {
    }

    private final boolean parseKey;
    private final String keySeparator;
    private final boolean ignoreError;
    private final String nullMarker;

    public LineRecordReader(Map<String, String> properties) {
        this.parseKey = Boolean.parseBoolean(properties.getOrDefault("parse.key", "false"));
        this.keySeparator = properties.getOrDefault("key.separator", "\t");
        this.ignoreError = Boolean.parseBoolean(properties.getOrDefault("ignore.error", "false"));
        this.nullMarker = properties.get("null.marker");
        if (keySeparator.isEmpty()) {
            throw new ToolException("key.separator must not be empty");
        }
    }

    /** Parses line number {@code lineNumber} (1-based, for the error message). */
    public KeyValue parse(String line, long lineNumber) {
        if (!parseKey) {
            return new KeyValue(null, orNull(line));
        }
        int at = line.indexOf(keySeparator);
        if (at < 0) {
            if (ignoreError) {
                return new KeyValue(null, orNull(line));
            }
            throw new ToolException("No key separator found on line number " + lineNumber + ": '" + line + "'");
        }
        return new KeyValue(orNull(line.substring(0, at)), orNull(line.substring(at + keySeparator.length())));
    }

    private String orNull(String text) {
        return text.equals(nullMarker) ? null : text;
    }
}
