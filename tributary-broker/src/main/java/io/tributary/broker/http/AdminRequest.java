package io.tributary.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One admin request as the routes see it: method, path, the path's named segments, query parameters and the body.
 * Typed accessors refuse a malformed value with a {@link BadRequestException} naming the parameter. Immutable.
 */
public record AdminRequest(String method, String path, Map<String, String> pathParams,
                           Map<String, List<String>> query, byte[] body) {

    public String path(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String param(String name, String fallback) {
        String value = param(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    public long longParam(String name, long fallback) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, name + " must be an integer, got '" + value + "'");
        }
    }

    public int intParam(String name, int fallback, int min, int max) {
        long value = longParam(name, fallback);
        if (value < min || value > max) {
            throw new BadRequestException(name, name + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    public boolean boolParam(String name, boolean fallback) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new BadRequestException(name, name + " must be true or false, got '" + value + "'");
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public JsonNode json() {
        if (body.length == 0) {
            return HttpReply.JSON.createObjectNode();
        }
        try {
            JsonNode node = HttpReply.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadRequestException("body", "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BadRequestException("body", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
