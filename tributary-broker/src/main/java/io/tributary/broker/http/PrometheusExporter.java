package io.tributary.broker.http;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Renders the broker's metrics for Prometheus under the names a stock jmx_exporter with Kafka's example rules
 * (lowercased output names) gives the same MBeans, so dashboards and alerts written against jmx_exporter keep
 * working when pointed at /metrics directly:
 * <ul>
 *   <li>a meter {@code kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=t} becomes the counter
 *       {@code kafka_server_brokertopicmetrics_messagesin_total{topic="t"}} (its Count);</li>
 *   <li>a gauge {@code kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions} becomes the gauge
 *       {@code kafka_server_replicamanager_underreplicatedpartitions} (its Value);</li>
 *   <li>a histogram {@code kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce} becomes
 *       {@code kafka_network_requestmetrics_totaltimems{request="Produce",quantile="0.99"}} for the 50th to 99.9th
 *       percentiles and the counter {@code kafka_network_requestmetrics_totaltimems_count{request="Produce"}}.</li>
 * </ul>
 * Series with a {@code partition} label are left out when per-partition series are off. Extra families (consumer
 * lag) are added by the caller. Thread-safe: each scrape builds its own text; parsed names are cached.
 */
public final class PrometheusExporter {

    private static final String[][] QUANTILES = {
            {"50", "0.50"}, {"75", "0.75"}, {"95", "0.95"}, {"98", "0.98"}, {"99", "0.99"}, {"999", "0.999"}};

    /** A metric's ObjectName split the way jmx_exporter's Kafka rules split it. */
    private record Name(String base, String baseWithoutPerSec, List<String> labels, boolean perPartition) {
    }

    private final MetricRegistry registry;
    private final boolean partitionSeries;
    private final Map<String, Name> names = new ConcurrentHashMap<>();

    public PrometheusExporter(MetricRegistry registry, boolean partitionSeries) {
        this.registry = registry;
        this.partitionSeries = partitionSeries;
    }

    public boolean partitionSeries() {
        return partitionSeries;
    }

    /** The whole exposition: the registry's metrics, then whatever {@code extra} adds. */
    public String scrape(Consumer<Families> extra) {
        PrometheusText text = new PrometheusText();
        names.keySet().retainAll(registry.getNames());
        for (Map.Entry<String, Metric> entry : registry.getMetrics().entrySet()) {
            Name name = names.computeIfAbsent(entry.getKey(), PrometheusExporter::parse);
            if (name == null || (name.perPartition() && !partitionSeries)) {
                continue;
            }
            String objectName = entry.getKey();
            Metric metric = entry.getValue();
            if (metric instanceof Meter meter) {
                String family = name.baseWithoutPerSec() + "_total";
                text.add(family, "counter", objectName + " Count", meter.getCount(), name.labels());
            } else if (metric instanceof Histogram histogram) {
                Snapshot snapshot = histogram.getSnapshot();
                for (String[] q : QUANTILES) {
                    List<String> labels = new ArrayList<>(name.labels());
                    labels.add("quantile");
                    labels.add(q[1]);
                    text.add(name.base(), "gauge", objectName + " percentiles", quantile(snapshot, q[0]), labels);
                }
                text.add(name.base() + "_count", "counter", objectName + " Count", histogram.getCount(), name.labels());
            } else if (metric instanceof Gauge<?> gauge) {
                Object value = gauge.getValue();
                if (value instanceof Number number) {
                    text.add(name.base(), "gauge", objectName + " Value", number.doubleValue(), name.labels());
                }
            }
        }
        extra.accept(new Families(text));
        return text.render();
    }

    /** Lets a caller add families of its own to a scrape. */
    public static final class Families {
        private final PrometheusText text;

        Families(PrometheusText text) {
            this.text = text;
        }

        /** {@code labels} are name, value pairs. */
        public void gauge(String family, String help, double value, String... labels) {
            text.add(family, "gauge", help, value, List.of(labels));
        }
    }

    private static double quantile(Snapshot snapshot, String which) {
        return switch (which) {
            case "50" -> snapshot.getMedian();
            case "75" -> snapshot.get75thPercentile();
            case "95" -> snapshot.get95thPercentile();
            case "98" -> snapshot.get98thPercentile();
            case "99" -> snapshot.get99thPercentile();
            default -> snapshot.get999thPercentile();
        };
    }

    /** kafka.server:type=T,name=N,k=v -> kafka_server_t_n with label k="v"; null for names of another shape. */
    private static Name parse(String objectName) {
        ObjectName parsed;
        try {
            parsed = new ObjectName(objectName);
        } catch (MalformedObjectNameException e) {
            return null;
        }
        String type = parsed.getKeyProperty("type");
        String name = parsed.getKeyProperty("name");
        if (type == null || name == null) {
            return null;
        }
        String domain = parsed.getDomain().replace('.', '_');
        String base = PrometheusText.sanitize((domain + "_" + type + "_" + name).toLowerCase(Locale.ROOT));
        int perSec = name.indexOf("PerSec");
        String withoutPerSec = perSec > 0
                ? PrometheusText.sanitize((domain + "_" + type + "_" + name.substring(0, perSec)).toLowerCase(Locale.ROOT))
                : base;
        List<String> labels = new ArrayList<>();
        boolean perPartition = false;
        // Key order as written (type, name, then tags): getKeyPropertyListString keeps it.
        for (String pair : parsed.getKeyPropertyListString().split(",")) {
            int eq = pair.indexOf('=');
            String key = pair.substring(0, eq);
            if (key.equals("type") || key.equals("name")) {
                continue;
            }
            labels.add(PrometheusText.sanitize(key));
            labels.add(pair.substring(eq + 1));
            perPartition |= key.equals("partition");
        }
        return new Name(base, withoutPerSec, List.copyOf(labels), perPartition);
    }
}
