package io.tributary.broker.api;

import io.tributary.broker.network.ApiRegistry;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.regex.Pattern;

/**
 * Answers ApiVersions with every API this broker serves and its advertised range. Client software
 * name and version (v3+) are validated as Kafka does; librdkafka falls back to v0 on the error.
 */
public final class ApiVersionsHandler implements RequestHandler {

    private static final Pattern SOFTWARE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

    private final ApiRegistry registry;

    public ApiVersionsHandler(ApiRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        if (context.version() >= 3 && (!SOFTWARE.matcher(request.getString("client_software_name")).matches()
                || !SOFTWARE.matcher(request.getString("client_software_version")).matches())) {
            response.set("error_code", Errors.INVALID_REQUEST.code());
        }
        registry.all().values().forEach(registration -> response.addChild("api_keys")
                .set("api_key", registration.api().id())
                .set("min_version", registration.advertised().lowest())
                .set("max_version", registration.advertised().highest()));
        responder.send(response);
    }
}
