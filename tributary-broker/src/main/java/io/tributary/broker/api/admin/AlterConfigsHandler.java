package io.tributary.broker.api.admin;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AlterConfigs: the request's configs become a topic's complete set of overrides, or a broker
 * entity's complete set of dynamic configs; keys left out return to their defaults. Stateless.
 */
public final class AlterConfigsHandler implements RequestHandler {

    private final ConfigAlteration alteration;

    AlterConfigsHandler(ConfigAlteration alteration) {
        this.alteration = alteration;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        alteration.alter(context, request, response, responder, (target, configs) -> {
            if (!target.replaceable()) {
                throw new ApiException(Errors.INVALID_REQUEST, "AlterConfigs does not support the BROKER_LOGGER"
                        + " resource; use IncrementalAlterConfigs");
            }
            Map<String, String> replaced = new LinkedHashMap<>();
            for (Struct config : configs) {
                String value = config.getString("value");
                if (value == null) {
                    throw new ApiException(Errors.INVALID_REQUEST, "Null value not supported for config "
                            + config.getString("name"));
                }
                replaced.put(config.getString("name"), value);
            }
            return replaced;
        });
    }
}
