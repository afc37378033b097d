package io.tributary.broker.api.admin;

import io.tributary.broker.security.acl.AclOperation;

/**
 * The wire codes of the config APIs: which kind of resource a config belongs to, where a described
 * value comes from, and what type it has. Kafka's clients decode these numbers, so they are fixed.
 */
final class ConfigResource {

    /**
     * Kafka's checks of a config resource: the operation on the topic (TOPIC_AUTHORIZATION_FAILED) or, for
     * brokers, on the cluster (CLUSTER_AUTHORIZATION_FAILED).
     */
    static void authorize(io.tributary.broker.network.RequestContext context, AclOperation operation, byte type,
                          String name) {
        if (type == TOPIC && !context.isAuthorizedOnTopic(operation, name)) {
            throw new io.tributary.protocol.ApiException(io.tributary.protocol.Errors.TOPIC_AUTHORIZATION_FAILED,
                    "Authorization failed.");
        }
        if (type == BROKER && !context.isAuthorizedOnCluster(operation)) {
            throw new io.tributary.protocol.ApiException(io.tributary.protocol.Errors.CLUSTER_AUTHORIZATION_FAILED,
                    "Authorization failed.");
        }
    }

    static final byte TOPIC = 2;
    static final byte BROKER = 4;
    /** The levels of a broker's loggers (kafka-configs --entity-type broker-loggers). */
    static final byte BROKER_LOGGER = 8;

    /** A topic-level override stored under /config/topics. */
    static final byte SOURCE_DYNAMIC_TOPIC_CONFIG = 1;
    /** This broker's dynamic config, stored under /config/brokers/&lt;id&gt;. */
    static final byte SOURCE_DYNAMIC_BROKER_CONFIG = 2;
    /** The cluster-wide dynamic default, stored under /config/brokers/&lt;default&gt;. */
    static final byte SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG = 3;
    /** A value set in the broker's server.properties. */
    static final byte SOURCE_STATIC_BROKER_CONFIG = 4;
    /** The built-in default. */
    static final byte SOURCE_DEFAULT_CONFIG = 5;
    /** A logger's current level. */
    static final byte SOURCE_DYNAMIC_BROKER_LOGGER_CONFIG = 6;

    static final byte TYPE_UNKNOWN = 0;
    static final byte TYPE_BOOLEAN = 1;
    static final byte TYPE_STRING = 2;
    static final byte TYPE_INT = 3;
    static final byte TYPE_LONG = 5;
    static final byte TYPE_DOUBLE = 6;
    static final byte TYPE_LIST = 7;

    private ConfigResource() {
    }
}
