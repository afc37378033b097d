package io.tributary.broker.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web console's files from the broker's jar ({@code io/tributary/broker/console/}): nothing is fetched
 * from elsewhere, so the console works offline. Only the files listed here are served. Thread-safe.
 */
final class ConsoleAssets {

    private static final String ROOT = "/io/tributary/broker/console/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    AdminRoutes addTo(AdminRoutes routes) {
        return routes.add("GET", "/", request -> file("index.html"))
                .add("GET", "/console/{file}", request -> file(request.path("file")));
    }

    private HttpReply file(String name) throws IOException {
        String type = FILES.get(name);
        if (type == null) {
            throw BadRequestException.notFound("file", "no console file " + name);
        }
        byte[] body = cache.get(name);
        if (body == null) {
            try (InputStream in = ConsoleAssets.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw BadRequestException.notFound("file", "console file " + name + " is missing from the jar");
                }
                body = in.readAllBytes();
            }
            cache.put(name, body);
        }
        return new HttpReply(200, type, body);
    }
}
