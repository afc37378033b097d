package io.tributary.broker.api.admin;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.admin.BrokerConfigAdmin;
import io.tributary.broker.admin.LoggerLevels;
import io.tributary.broker.config.DynamicBrokerConfig;
import io.tributary.broker.metadata.LiveBrokerConfig;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.config.SecurityConfigKeys;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.List;

/**
 * Describes topic configs (every topic-level key, overrides marked as such, defaults following the
 * dynamic broker configs), this broker's configs (dynamic over static over built-in), for the
 * resource name "", the cluster-wide dynamic defaults, and this broker's logger levels (BROKER_LOGGER). Stateless; safe on any request thread.
 */
public final class DescribeConfigsHandler implements RequestHandler {

    private final TopicAdmin topics;
    private final LiveBrokerConfig live;
    private final MetadataCache metadata;
    private final LoggerLevels loggers;

    DescribeConfigsHandler(TopicAdmin topics, LiveBrokerConfig live, MetadataCache metadata, LoggerLevels loggers) {
        this.topics = topics;
        this.live = live;
        this.metadata = metadata;
        this.loggers = loggers;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        boolean synonyms = request.getBoolean("include_synonyms");
        boolean documentation = request.getBoolean("include_documentation");
        boolean typed = context.version() >= 3;
        for (Struct resource : request.getStructs("resources")) {
            byte type = resource.getByte("resource_type");
            String name = resource.getString("resource_name");
            Struct result = response.addChild("results").set("resource_type", type).set("resource_name", name);
            try {
                ConfigResource.authorize(context, AclOperation.DESCRIBE_CONFIGS, type, name);
                List<String> wanted = resource.getList("configuration_keys");
                for (ConfigEntry entry : describe(type, name)) {
                    if (wanted == null || wanted.isEmpty() || wanted.contains(entry.name())) {
                        write(result.addChild("configs"), entry, synonyms, documentation, typed);
                    }
                }
            } catch (ApiException e) {
                result.set("error_code", e.error().code()).set("error_message", e.getMessage());
            }
        }
        responder.send(response);
    }

    private List<ConfigEntry> describe(byte type, String name) {
        ConfigCatalog catalog = new ConfigCatalog(live, metadata.image());
        if (type == ConfigResource.TOPIC) {
            return catalog.topic(topics.configOverrides(name));
        }
        if (type == ConfigResource.BROKER) {
            String entity = BrokerConfigAdmin.entity(name);
            if (entity.equals(DynamicBrokerConfig.DEFAULT_ENTITY)) {
                return catalog.clusterDefaults();
            }
            if (!entity.equals(String.valueOf(live.brokerId()))) {
                throw new ApiException(Errors.INVALID_REQUEST, "Unexpected broker id, expected " + live.brokerId()
                        + " or empty string, but received " + name);
            }
            return catalog.broker();
        }
        if (type == ConfigResource.BROKER_LOGGER) {
            ConfigAlteration.requireThisBroker(name, live.brokerId());
            return loggers.levels().entrySet().stream()
                    .map(e -> new ConfigEntry(e.getKey(), e.getValue(), ConfigResource.SOURCE_DYNAMIC_BROKER_LOGGER_CONFIG,
                            ConfigResource.TYPE_STRING, null, List.of()))
                    .toList();
        }
        throw new ApiException(Errors.INVALID_REQUEST, "Unsupported resource type " + type);
    }

    private static void write(Struct config, ConfigEntry entry, boolean synonyms, boolean documentation, boolean typed) {
        // Secrets (passwords, JAAS entries) are reported as null, as Kafka does.
        boolean sensitive = SecurityConfigKeys.isSensitive(entry.name());
        config.set("name", entry.name())
                .set("value", sensitive ? null : entry.value())
                .set("read_only", false)
                .set("config_source", entry.source())
                .set("is_sensitive", sensitive);
        if (synonyms) {
            for (ConfigEntry.Synonym synonym : entry.synonyms()) {
                config.addChild("synonyms").set("name", synonym.name())
                        .set("value", SecurityConfigKeys.isSensitive(synonym.name()) ? null : synonym.value())
                        .set("source", synonym.source());
            }
        }
        if (typed) {
            config.set("config_type", entry.type());
            if (documentation) {
                config.set("documentation", entry.documentation());
            }
        }
    }
}
