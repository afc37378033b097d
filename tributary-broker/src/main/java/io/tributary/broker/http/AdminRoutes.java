package io.tributary.broker.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin endpoint's table of routes: a method and a path pattern ({@code /v1/topics/{topic}}) per handler.
 * Filled at start-up, then only read. Unknown paths are 404 and a known path with another method is 405, both
 * with a JSON error.
 */
public final class AdminRoutes {

    /** Answers one request; throws {@link BadRequestException} for bad input. */
    @FunctionalInterface
    public interface Route {
        HttpReply handle(AdminRequest request) throws Exception;
    }

    private record Entry(String method, String[] segments, Route route) {
    }

    /** A matched route and the values of its named segments. */
    record Match(Route route, Map<String, String> pathParams, boolean methodAllowed) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public AdminRoutes add(String method, String pattern, Route route) {
        entries.add(new Entry(method, split(pattern), route));
        return this;
    }

    /** Null when no pattern matches the path at all. */
    Match match(String method, String path) {
        String[] segments = split(path);
        boolean pathKnown = false;
        for (Entry entry : entries) {
            Map<String, String> params = matches(entry.segments(), segments);
            if (params != null) {
                pathKnown = true;
                if (entry.method().equals(method)) {
                    return new Match(entry.route(), params, true);
                }
            }
        }
        return pathKnown ? new Match(null, Map.of(), false) : null;
    }

    private static Map<String, String> matches(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), path[i]);
            } else if (!pattern[i].equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }
}
