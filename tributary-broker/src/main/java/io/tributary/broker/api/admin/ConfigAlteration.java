package io.tributary.broker.api.admin;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.admin.BrokerConfigAdmin;
import io.tributary.broker.admin.LoggerLevels;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.ImageWaiter;
import io.tributary.broker.metadata.LiveBrokerConfig;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.config.LogConfigKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What AlterConfigs and IncrementalAlterConfigs share: walk the resources, turn each one's current
 * overrides (a topic's, or a broker entity's dynamic ones) into new ones with the API's own rule,
 * validate and persist them (or only validate), and answer one result per resource once this
 * broker's metadata shows every change written, so a describe that follows sees it. Logger levels
 * (BROKER_LOGGER) are this process's own and change at once, unpersisted, as in Kafka. Thread-safe.
 */
final class ConfigAlteration {

    /** How long the answer waits for this broker to see its own writes before going out anyway. */
    private static final long APPLY_WAIT_MS = 5_000;

    /** The overrides of one resource and how they are changed. */
    interface Target {
        Map<String, String> overrides();

        /** The effective items of a list-valued key under these overrides; refused for other keys. */
        List<String> listValue(String key, Map<String, String> overrides);

        void alter(Map<String, String> overrides, boolean validateOnly);

        /** True once an image holds these overrides. */
        Predicate<ClusterImage> shows(Map<String, String> overrides);

        /** False where only single keys may change (AlterConfigs would replace the whole set). */
        default boolean replaceable() {
            return true;
        }
    }

    /** How an API turns a resource's current overrides and the request's config entries into new overrides. */
    @FunctionalInterface
    interface Rule {
        Map<String, String> apply(Target target, List<Struct> configs);
    }

    private final TopicAdmin topics;
    private final BrokerConfigAdmin brokers;
    private final LiveBrokerConfig live;
    private final MetadataCache metadata;
    private final ImageWaiter waiter;
    private final LoggerLevels loggers;

    ConfigAlteration(TopicAdmin topics, BrokerConfigAdmin brokers, LiveBrokerConfig live, MetadataCache metadata,
                     ImageWaiter waiter, LoggerLevels loggers) {
        this.loggers = loggers;
        this.topics = topics;
        this.brokers = brokers;
        this.live = live;
        this.metadata = metadata;
        this.waiter = waiter;
    }

    void alter(RequestContext context, Struct request, Struct response, Responder responder, Rule rule) {
        boolean validateOnly = request.getBoolean("validate_only");
        Set<String> seen = new HashSet<>();
        List<Predicate<ClusterImage>> written = new ArrayList<>();
        for (Struct resource : request.getStructs("resources")) {
            byte type = resource.getByte("resource_type");
            String name = resource.getString("resource_name");
            Struct result = response.addChild("responses").set("resource_type", type).set("resource_name", name);
            try {
                if (!seen.add(type + "/" + name)) {
                    throw new ApiException(Errors.INVALID_REQUEST, "Duplicate resource " + name + " in request");
                }
                ConfigResource.authorize(context, AclOperation.ALTER_CONFIGS, type, name);
                Target target = target(type, name);
                List<Struct> configs = resource.getStructs("configs");
                Set<String> keys = new HashSet<>();
                for (Struct config : configs) {
                    if (!keys.add(config.getString("name"))) {
                        throw new ApiException(Errors.INVALID_REQUEST,
                                "Config " + config.getString("name") + " appears more than once");
                    }
                }
                Map<String, String> updated = rule.apply(target, configs);
                target.alter(updated, validateOnly);
                if (!validateOnly) {
                    written.add(target.shows(updated));
                }
            } catch (ApiException e) {
                result.set("error_code", e.error().code()).set("error_message", e.getMessage());
            }
        }
        if (written.isEmpty()) {
            responder.send(response);
        } else {
            waiter.await(image -> written.stream().allMatch(p -> p.test(image)), APPLY_WAIT_MS,
                    () -> responder.send(response));
        }
    }

    private Target target(byte type, String name) {
        if (type == ConfigResource.TOPIC) {
            return new TopicTarget(name);
        }
        if (type == ConfigResource.BROKER) {
            return new BrokerTarget(BrokerConfigAdmin.entity(name));
        }
        if (type == ConfigResource.BROKER_LOGGER) {
            requireThisBroker(name, live.brokerId());
            return new LoggerTarget();
        }
        throw new ApiException(Errors.INVALID_REQUEST, "Unsupported resource type " + type);
    }

    /** A BROKER_LOGGER resource names the broker that answers: loggers are per process. */
    static void requireThisBroker(String name, int brokerId) {
        if (name == null || name.isEmpty()) {
            throw new ApiException(Errors.INVALID_REQUEST, "Broker id must not be empty");
        }
        if (!name.equals(String.valueOf(brokerId))) {
            throw new ApiException(Errors.INVALID_REQUEST, "Unexpected broker id, expected " + brokerId
                    + ", but received " + name);
        }
    }

    static List<String> split(String value) {
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static ApiException notAList(String key) {
        return new ApiException(Errors.INVALID_CONFIG, "Config value append or subtract is not allowed for config key: "
                + key + " (it is not a list)");
    }

    private final class TopicTarget implements Target {
        private final String topic;

        TopicTarget(String topic) {
            this.topic = topic;
        }

        @Override
        public Map<String, String> overrides() {
            return topics.configOverrides(topic);
        }

        @Override
        public List<String> listValue(String key, Map<String, String> overrides) {
            LogConfigKey logKey = LogConfig.key(key);
            if (logKey == null || logKey.type() != LogConfigKey.Type.LIST) {
                throw notAList(key);
            }
            String fallback = live.topicDefaults(metadata.image()).getOrDefault(key, logKey.defaultValue());
            return split(overrides.getOrDefault(key, fallback));
        }

        @Override
        public void alter(Map<String, String> overrides, boolean validateOnly) {
            topics.alterConfig(topic, overrides, validateOnly);
        }

        @Override
        public Predicate<ClusterImage> shows(Map<String, String> overrides) {
            return image -> image.topicConfig(topic).equals(overrides);
        }
    }

    private final class BrokerTarget implements Target {
        private final String entity;

        BrokerTarget(String entity) {
            this.entity = entity;
        }

        @Override
        public Map<String, String> overrides() {
            return brokers.configOverrides(entity);
        }

        @Override
        public List<String> listValue(String key, Map<String, String> overrides) {
            if (!key.equals(BrokerConfigKeys.LOG_CLEANUP_POLICY.name())) {
                throw notAList(key);
            }
            String fallback = live.effective(metadata.image()).get(BrokerConfigKeys.LOG_CLEANUP_POLICY);
            return split(overrides.getOrDefault(key, fallback));
        }

        @Override
        public void alter(Map<String, String> overrides, boolean validateOnly) {
            brokers.alterConfig(entity, overrides, validateOnly);
        }

        @Override
        public Predicate<ClusterImage> shows(Map<String, String> overrides) {
            return image -> image.brokerConfig(entity).equals(overrides);
        }
    }

    /** This process's logger levels: SET changes a level, DELETE makes the logger inherit its parent's again. */
    private final class LoggerTarget implements Target {

        @Override
        public Map<String, String> overrides() {
            return loggers.levels();
        }

        @Override
        public List<String> listValue(String key, Map<String, String> overrides) {
            throw new ApiException(Errors.INVALID_REQUEST,
                    "APPEND and SUBTRACT are not allowed for the BROKER_LOGGER resource (logger " + key + ")");
        }

        @Override
        public void alter(Map<String, String> updated, boolean validateOnly) {
            Map<String, String> current = loggers.levels();
            Map<String, String> set = new java.util.LinkedHashMap<>();
            updated.forEach((logger, level) -> {
                if (!level.equals(current.get(logger))) {
                    loggers.validateSet(logger, level);
                    set.put(logger, level);
                }
            });
            List<String> unset = current.keySet().stream().filter(logger -> !updated.containsKey(logger)).toList();
            unset.forEach(loggers::validateUnset);
            if (!validateOnly) {
                set.forEach(loggers::set);
                unset.forEach(loggers::unset);
            }
        }

        @Override
        public Predicate<ClusterImage> shows(Map<String, String> overrides) {
            return image -> true;
        }

        @Override
        public boolean replaceable() {
            return false;
        }
    }
}
