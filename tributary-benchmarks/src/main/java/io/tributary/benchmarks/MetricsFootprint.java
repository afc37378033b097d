package io.tributary.benchmarks;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.tributary.broker.metrics.BrokerTopicStats;
import io.tributary.broker.metrics.KafkaMetricName;
import io.tributary.broker.metrics.RequestMetrics;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Versions;
import com.codahale.metrics.jmx.JmxReporter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How much heap the broker's metrics take for a broker hosting N partitions: the per-topic BrokerTopicMetrics
 * meters (worst case: one topic per partition), the four kafka.log gauges per partition, the request metrics of
 * every API and their MBeans in the platform MBean server. Prints used heap after full GCs before and after.
 *
 * <p>{@code java -cp tributary-benchmarks/target/classes:tributary-tools/target/lib/* io.tributary.benchmarks.MetricsFootprint 1000}
 */
public final class MetricsFootprint {

    private MetricsFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long before = usedAfterGc();
        MetricRegistry registry = new MetricRegistry();
        BrokerTopicStats topics = new BrokerTopicStats(registry);
        List<Object> keep = new ArrayList<>();
        Map<ApiKey, Versions> served = new EnumMap<>(ApiKey.class);
        for (ApiKey api : ApiKey.values()) {
            served.put(api, api.spec().validVersions());
        }
        keep.add(new RequestMetrics(registry, served));
        for (int p = 0; p < partitions; p++) {
            String topic = "topic-" + p;
            keep.add(topics.topic(topic));
            long[] value = {p};
            for (String name : List.of("Size", "LogEndOffset", "LogStartOffset", "NumLogSegments")) {
                registry.gauge(KafkaMetricName.of("kafka.log", "Log", name, "topic", topic, "partition", "0"),
                        () -> (Gauge<Long>) () -> value[0]);
            }
        }
        JmxReporter jmx = JmxReporter.forRegistry(registry)
                .createsObjectNamesWith((type, domain, name) -> {
                    try {
                        return new javax.management.ObjectName(name);
                    } catch (javax.management.MalformedObjectNameException e) {
                        throw new IllegalArgumentException(e);
                    }
                }).build();
        jmx.start();
        long after = usedAfterGc();
        System.out.printf("%d partitions (one topic each): %d metrics, %.1f MiB of heap (%.0f bytes per partition)%n",
                partitions, registry.getMetrics().size(), (after - before) / 1048576.0,
                (after - before) / (double) partitions);
        jmx.stop();
        keep.clear();
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
