package io.tributary.broker.admin;

import io.tributary.broker.config.ConfigException;
import io.tributary.broker.config.DynamicBrokerConfig;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.zk.KafkaZkClient;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import java.util.Map;

/**
 * Changes dynamic broker configs as Kafka 2.x's AdminZkClient did: validates a broker entity's
 * complete set of overrides and writes it to {@code /config/brokers/<id>} (or {@code <default>} for
 * the cluster-wide defaults) with a change notification; every broker follows the znode through its
 * metadata image. Thread-safe (stateless over ZooKeeper).
 */
public final class BrokerConfigAdmin {

    private final KafkaZkClient zk;
    private final MetadataCache metadata;
    private final DynamicBrokerConfig dynamic;

    public BrokerConfigAdmin(KafkaZkClient zk, MetadataCache metadata, DynamicBrokerConfig dynamic) {
        this.zk = zk;
        this.metadata = metadata;
        this.dynamic = dynamic;
    }

    /** The znode entity a request's broker resource name means: "" is the cluster-wide default. */
    public static String entity(String resourceName) {
        if (resourceName == null || resourceName.isEmpty()) {
            return DynamicBrokerConfig.DEFAULT_ENTITY;
        }
        try {
            if (Integer.parseInt(resourceName) >= 0) {
                return resourceName;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(Errors.INVALID_REQUEST, "Broker id must be an integer or empty for the cluster default,"
                + " but received " + resourceName);
    }

    /** An entity's current dynamic overrides. */
    public Map<String, String> configOverrides(String entity) {
        return metadata.image().brokerConfig(entity);
    }

    /** Replaces an entity's dynamic overrides after validating them; the error names the offending key. */
    public void alterConfig(String entity, Map<String, String> overrides, boolean validateOnly) {
        try {
            dynamic.validate(overrides);
        } catch (DynamicBrokerConfig.NotDynamicException e) {
            throw new ApiException(Errors.INVALID_REQUEST, e.getMessage());
        } catch (ConfigException e) {
            throw new ApiException(Errors.INVALID_CONFIG, e.getMessage());
        }
        if (validateOnly) {
            return;
        }
        try {
            zk.setBrokerConfig(entity, overrides);
        } catch (Exception e) {
            throw new ApiException(Errors.UNKNOWN_SERVER_ERROR, "Could not write broker config to ZooKeeper: " + e);
        }
    }
}
