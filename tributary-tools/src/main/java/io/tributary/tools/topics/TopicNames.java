package io.tributary.tools.topics;

import io.tributary.tools.ToolException;
import java.util.regex.Pattern;

/** Kafka's rules for a legal topic name, checked before anything is written to ZooKeeper. */
public final class TopicNames {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    public static void validate(String name) {
        if (name.isEmpty()) {
            throw new ToolException("Topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new ToolException("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_LENGTH) {
            throw new ToolException("Topic name is illegal, it can't be longer than " + MAX_LENGTH + " characters, "
                    + "topic name: " + name);
        }
        if (!LEGAL.matcher(name).matches()) {
            throw new ToolException("Topic name \"" + name + "\" is illegal, it contains a character other than "
                    + "ASCII alphanumerics, '.', '_' and '-'");
        }
    }

    /** Names with both '.' and '_' can collide in metric names; Kafka warns about either. */
    public static boolean mayCollideInMetrics(String name) {
        return name.contains(".") || name.contains("_");
    }
}
