package io.tributary.broker.http;

import com.codahale.metrics.MetricRegistry;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.Time;

/**
 * The web console and the JSON API behind it (documented in docs/console-api.md): the cluster, topics, the message
 * browser and consumer groups. Reads come from the cluster image and this broker's replicas; every action is a
 * Kafka request to the broker that should answer it ({@link KafkaCalls}). Stateless.
 */
public final class ConsoleApi {

    private final KafkaCalls kafka;
    private final ReplicaManager replicas;
    private final String listenerName;
    private final MetricRegistry registry;
    private final ConsumerLag lag;
    private final long maxScanBytes;
    private final long maxScanMs;
    private final Time time;

    public ConsoleApi(MetadataCache metadata, String listenerName, int brokerId, ReplicaManager replicas,
                      MetricRegistry registry, ConsumerLag lag, long maxScanBytes, long maxScanMs, Time time) {
        this.kafka = new KafkaCalls(metadata, listenerName, brokerId);
        this.replicas = replicas;
        this.listenerName = listenerName;
        this.registry = registry;
        this.lag = lag;
        this.maxScanBytes = maxScanBytes;
        this.maxScanMs = maxScanMs;
        this.time = time;
    }

    public AdminRoutes addTo(AdminRoutes routes) {
        new ClusterApi(kafka, listenerName, registry, lag).addTo(routes);
        new TopicsApi(kafka, replicas).addTo(routes);
        new MessagesApi(kafka, maxScanBytes, maxScanMs, time).addTo(routes);
        new GroupsApi(kafka).addTo(routes);
        return new ConsoleAssets().addTo(routes);
    }
}
