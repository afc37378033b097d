package io.tributary.broker.api.admin;

import io.tributary.broker.admin.TopicAdmin;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What AlterConfigs and IncrementalAlterConfigs share: walk the resources, turn each topic's current
 * overrides into new ones with the API's own rule, validate and persist them (or only validate), and
 * answer one result per resource. Broker configs are static (server.properties) and refused.
 * Stateless.
 */
final class TopicConfigAlteration {

    /** How an API turns a topic's current overrides and the request's config entries into new overrides. */
    @FunctionalInterface
    interface Rule {
        Map<String, String> apply(Map<String, String> current, List<Struct> configs);
    }

    private TopicConfigAlteration() {
    }

    static Struct alter(Struct request, Struct response, TopicAdmin topics, Rule rule) {
        boolean validateOnly = request.getBoolean("validate_only");
        Set<String> seen = new HashSet<>();
        for (Struct resource : request.getStructs("resources")) {
            byte type = resource.getByte("resource_type");
            String name = resource.getString("resource_name");
            Struct result = response.addChild("responses").set("resource_type", type).set("resource_name", name);
            try {
                if (!seen.add(type + "/" + name)) {
                    throw new ApiException(Errors.INVALID_REQUEST, "Duplicate resource " + name + " in request");
                }
                if (type == ConfigResource.BROKER) {
                    throw new ApiException(Errors.INVALID_REQUEST,
                            "Broker configs are static: set them in server.properties and restart the broker");
                }
                if (type != ConfigResource.TOPIC) {
                    throw new ApiException(Errors.INVALID_REQUEST, "Unsupported resource type " + type);
                }
                List<Struct> configs = resource.getStructs("configs");
                Set<String> keys = new HashSet<>();
                for (Struct config : configs) {
                    if (!keys.add(config.getString("name"))) {
                        throw new ApiException(Errors.INVALID_REQUEST,
                                "Config " + config.getString("name") + " appears more than once");
                    }
                }
                Map<String, String> updated = rule.apply(topics.configOverrides(name), configs);
                topics.alterConfig(name, updated, validateOnly);
            } catch (ApiException e) {
                result.set("error_code", e.error().code()).set("error_message", e.getMessage());
            }
        }
        return response;
    }
}
