package io.tributary.tools;

import java.util.regex.Pattern;

/**
 * Rewrites the single-dash long options Kafka's option parser tolerated ({@code -alter}, {@code -topic}) to their
 * double-dash form, so commands copied from older tutorials work. Short options stay untouched: none of the tools
 * define multi-letter single-dash options, and values that start with a dash followed by a letter do not occur
 * in these tools' flags.
 */
final class LegacyArgs {

    private static final Pattern SINGLE_DASH_LONG = Pattern.compile("-[a-z][a-z.-]+(=.*)?");

    private LegacyArgs() {
    }

    static String[] normalize(String[] args) {
        String[] result = args.clone();
        for (int i = 0; i < result.length; i++) {
            if ("--".equals(result[i])) {
                break;
            }
            if (SINGLE_DASH_LONG.matcher(result[i]).matches()) {
                result[i] = "-" + result[i];
            }
        }
        return result;
    }
}
