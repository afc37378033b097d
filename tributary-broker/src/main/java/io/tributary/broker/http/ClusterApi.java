package io.tributary.broker.http;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metrics.KafkaMetricName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * /v1/cluster (brokers, controller, version, counts and health from the cluster image, so any broker shows the
 * whole cluster) and /v1/metrics/summary (this broker's throughput counters, request latency percentiles and the
 * consumer lag it coordinates, which the console polls for its live charts). Stateless.
 */
final class ClusterApi {

    private static final String VERSION = versionOf();

    private final KafkaCalls kafka;
    private final String listenerName;
    private final MetricRegistry registry;
    private final ConsumerLag lag;

    ClusterApi(KafkaCalls kafka, String listenerName, MetricRegistry registry, ConsumerLag lag) {
        this.kafka = kafka;
        this.listenerName = listenerName;
        this.registry = registry;
        this.lag = lag;
    }

    AdminRoutes addTo(AdminRoutes routes) {
        return routes.add("GET", "/v1/cluster", request -> HttpReply.ok(cluster()))
                .add("GET", "/v1/metrics/summary", request -> HttpReply.ok(summary()));
    }

    private Map<String, Object> cluster() {
        ClusterImage image = kafka.image();
        Map<String, Object> health = ClusterHealth.of(image);
        List<Map<String, Object>> brokers = new ArrayList<>();
        for (Object id : (List<?>) health.get("all_nodes")) {
            BrokerInfo broker = image.brokers().get((Integer) id);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("alive", broker != null);
            if (broker != null) {
                Endpoint endpoint = broker.endpoint(listenerName);
                row.put("host", endpoint == null ? null : endpoint.host());
                row.put("port", endpoint == null ? null : endpoint.port());
                row.put("rack", broker.rack());
            }
            row.put("controller", id.equals(image.controllerId()));
            brokers.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cluster_id", image.clusterId());
        body.put("controller_id", image.controllerId());
        body.put("this_broker", kafka.localBrokerId());
        body.put("version", VERSION);
        body.put("brokers", brokers);
        body.put("topics", image.topics().size());
        body.put("partitions", image.partitions().size());
        body.put("health", health);
        return body;
    }

    private Map<String, Object> summary() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("broker", kafka.localBrokerId());
        body.put("time_ms", System.currentTimeMillis());
        body.put("bytes_in_total", meterCount("BytesInPerSec"));
        body.put("bytes_out_total", meterCount("BytesOutPerSec"));
        body.put("messages_in_total", meterCount("MessagesInPerSec"));
        Map<String, Object> latency = new LinkedHashMap<>();
        for (String request : List.of("Produce", "FetchConsumer")) {
            Histogram histogram = registry.getHistograms().get(KafkaMetricName.of("kafka.network", "RequestMetrics",
                    "TotalTimeMs", "request", request));
            if (histogram != null) {
                var snapshot = histogram.getSnapshot();
                latency.put(request, Map.of("p50", snapshot.getMedian(), "p99", snapshot.get99thPercentile(),
                        "count", histogram.getCount()));
            }
        }
        body.put("request_total_time_ms", latency);
        Map<String, Long> byGroup = new TreeMap<>();
        for (ConsumerLag.PartitionLag l : lag.all()) {
            byGroup.merge(l.group(), l.lag(), Long::sum);
        }
        body.put("lag_by_group", byGroup);
        return body;
    }

    private long meterCount(String name) {
        Meter meter = registry.getMeters().get(KafkaMetricName.of("kafka.server", "BrokerTopicMetrics", name));
        return meter == null ? 0 : meter.getCount();
    }

    private static String versionOf() {
        String version = ClusterApi.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
