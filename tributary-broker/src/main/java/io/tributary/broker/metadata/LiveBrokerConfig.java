package io.tributary.broker.metadata;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.DynamicBrokerConfig;
import java.util.Map;

/**
 * This broker's configuration as a cluster image says it is now: server.properties under the dynamic
 * cluster-wide defaults and this broker's own dynamic overrides read from {@code /config/brokers}.
 * Thread-safe; cheap to ask on every request (the layering is recomputed only when the dynamic
 * configs change).
 */
public final class LiveBrokerConfig {

    private final DynamicBrokerConfig dynamic;
    private final String brokerEntity;

    public LiveBrokerConfig(BrokerConfig staticConfig) {
        this.dynamic = new DynamicBrokerConfig(staticConfig);
        this.brokerEntity = String.valueOf(staticConfig.brokerId());
    }

    public DynamicBrokerConfig dynamic() {
        return dynamic;
    }

    public int brokerId() {
        return dynamic.staticConfig().brokerId();
    }

    public BrokerConfig staticConfig() {
        return dynamic.staticConfig();
    }

    public Map<String, String> clusterDefaults(ClusterImage image) {
        return image.brokerConfig(DynamicBrokerConfig.DEFAULT_ENTITY);
    }

    public Map<String, String> perBroker(ClusterImage image) {
        return image.brokerConfig(brokerEntity);
    }

    public BrokerConfig effective(ClusterImage image) {
        return dynamic.effective(clusterDefaults(image), perBroker(image));
    }

    /** The defaults of topic-level keys that a topic without overrides uses under this image. */
    public Map<String, String> topicDefaults(ClusterImage image) {
        return dynamic.topicDefaults(clusterDefaults(image), perBroker(image));
    }
}
