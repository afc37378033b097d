package io.tributary.broker.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;
import io.tributary.storage.UnifiedLog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Kafka's kafka.log:type=Log gauges (Size, LogEndOffset, LogStartOffset, NumLogSegments) of every partition this
 * broker has a replica of, registered when the replica appears and removed with it. The gauges read the log only
 * when someone reads them (a JMX client, a scrape). Thread-safe.
 */
public final class LogMetrics implements ReplicaManager.RoleListener {

    private static final String DOMAIN = "kafka.log";
    private static final String TYPE = "Log";
    private static final List<String> NAMES = List.of("Size", "LogEndOffset", "LogStartOffset", "NumLogSegments");

    private final MetricRegistry registry;
    private final Set<TopicPartition> registered = ConcurrentHashMap.newKeySet();

    public LogMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onBecomeLeader(Partition partition) {
        register(partition);
    }

    @Override
    public void onBecomeFollower(Partition partition, int leaderId) {
        register(partition);
    }

    @Override
    public void onRemoved(TopicPartition partition) {
        if (registered.remove(partition)) {
            for (String name : NAMES) {
                registry.remove(name(name, partition));
            }
        }
    }

    private void register(Partition partition) {
        TopicPartition tp = partition.topicPartition();
        if (!registered.add(tp)) {
            return;
        }
        UnifiedLog log = partition.log();
        gauge("Size", tp, log, UnifiedLog::size);
        gauge("LogEndOffset", tp, log, UnifiedLog::logEndOffset);
        gauge("LogStartOffset", tp, log, UnifiedLog::logStartOffset);
        gauge("NumLogSegments", tp, log, UnifiedLog::numberOfSegments);
    }

    private void gauge(String name, TopicPartition tp, UnifiedLog log, ToLongFunction<UnifiedLog> value) {
        registry.gauge(name(name, tp), () -> (Gauge<Long>) () -> value.applyAsLong(log));
    }

    private static String name(String name, TopicPartition tp) {
        return KafkaMetricName.of(DOMAIN, TYPE, name, "topic", tp.topic(), "partition", String.valueOf(tp.partition()));
    }
}
