package io.tributary.broker.api.admin;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IncrementalAlterConfigs: SET, DELETE, APPEND or SUBTRACT single keys of a topic's overrides or of a
 * broker's dynamic configs (resource name "" being the cluster-wide default), leaving the others as
 * they are. APPEND and SUBTRACT work on list-valued keys (cleanup.policy, log.cleanup.policy),
 * starting from the key's effective value. Stateless.
 */
public final class IncrementalAlterConfigsHandler implements RequestHandler {

    private static final byte SET = 0;
    private static final byte DELETE = 1;
    private static final byte APPEND = 2;
    private static final byte SUBTRACT = 3;

    private final ConfigAlteration alteration;

    IncrementalAlterConfigsHandler(ConfigAlteration alteration) {
        this.alteration = alteration;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        alteration.alter(context, request, response, responder, IncrementalAlterConfigsHandler::apply);
    }

    private static Map<String, String> apply(ConfigAlteration.Target target, List<Struct> configs) {
        Map<String, String> updated = new LinkedHashMap<>(target.overrides());
        for (Struct config : configs) {
            String name = config.getString("name");
            String value = config.getString("value");
            byte operation = config.getByte("config_operation");
            switch (operation) {
                case SET -> updated.put(name, requireValue(name, value));
                case DELETE -> updated.remove(name);
                case APPEND, SUBTRACT -> {
                    List<String> items = new ArrayList<>(target.listValue(name, updated));
                    List<String> given = ConfigAlteration.split(requireValue(name, value));
                    if (operation == APPEND) {
                        given.stream().filter(item -> !items.contains(item)).forEach(items::add);
                    } else {
                        items.removeAll(given);
                    }
                    updated.put(name, String.join(",", items));
                }
                default -> throw new ApiException(Errors.INVALID_REQUEST,
                        "Unknown config operation " + operation + " for " + name);
            }
        }
        return updated;
    }

    private static String requireValue(String name, String value) {
        if (value == null) {
            throw new ApiException(Errors.INVALID_REQUEST, "Null value not supported for config " + name);
        }
        return value;
    }
}
