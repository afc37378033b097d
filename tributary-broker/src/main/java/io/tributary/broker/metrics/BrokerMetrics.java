package io.tributary.broker.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.NoopMetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.tributary.broker.controller.Controller;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.group.GroupSnapshot;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.network.ApiRegistry;
import io.tributary.broker.network.RequestObserver;
import io.tributary.broker.replica.IsrManager;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;

/**
 * The broker's metrics registry and its JMX exposure under Kafka's ObjectNames. It owns the registry; the parts that
 * count (produce, fetch, the network, the ISR manager) get their meters from here once, at start-up or when a
 * partition appears, and gauges read the broker's state only when read. Several brokers in one JVM (tests) each
 * keep a registry of their own; only the first to register an ObjectName shows in JMX, each serves its own on the
 * admin endpoint. Thread-safe.
 */
public final class BrokerMetrics implements AutoCloseable {

    private final boolean enabled;
    private final MetricRegistry registry;
    private final BrokerTopicStats topicStats;
    private final LogMetrics logMetrics;
    private final Meter isrShrinks;
    private final Meter isrExpands;
    private JmxReporter jmx;

    public BrokerMetrics() {
        this(true);
    }

    /** {@code enabled=false} (metrics.enable): every instrument is the library's no-op, to measure their cost. */
    public BrokerMetrics(boolean enabled) {
        this.enabled = enabled;
        this.registry = enabled ? new MetricRegistry() : new NoopMetricRegistry();
        this.topicStats = new BrokerTopicStats(registry);
        this.logMetrics = new LogMetrics(registry);
        this.isrShrinks = registry.meter(server("ReplicaManager", "IsrShrinksPerSec"));
        this.isrExpands = registry.meter(server("ReplicaManager", "IsrExpandsPerSec"));
    }

    public MetricRegistry registry() {
        return registry;
    }

    public BrokerTopicStats topicStats() {
        return topicStats;
    }

    /** Registers and removes each replica's kafka.log:type=Log gauges; add it to the replica manager. */
    public ReplicaManager.RoleListener logMetrics() {
        return logMetrics;
    }

    public IsrManager.IsrChangeListener isrChanges() {
        return (tp, before, after) -> (after < before ? isrShrinks : isrExpands).mark();
    }

    /** The request metrics of the APIs in {@code served}, and Kafka's request log. */
    public RequestObserver requestObserver(ApiRegistry served) {
        java.util.Map<io.tributary.protocol.ApiKey, io.tributary.protocol.types.Versions> versions =
                new java.util.EnumMap<>(io.tributary.protocol.ApiKey.class);
        served.all().forEach((api, registration) -> versions.put(api, registration.implemented()));
        return enabled ? RequestObserver.both(new RequestMetrics(registry, versions), new RequestLog()) : new RequestLog();
    }

    /** kafka.server:type=ReplicaManager gauges over the partitions this broker hosts. */
    public void replicaGauges(ReplicaManager replicas, ToIntFunction<String> minInsyncReplicas) {
        Predicate<Partition> underReplicated = p -> p.isLeader() && p.isr().size() < p.replicas().size();
        Predicate<Partition> underMinIsr = p -> p.isLeader()
                && p.isr().size() < minInsyncReplicas.applyAsInt(p.topicPartition().topic());
        Predicate<Partition> atMinIsr = p -> p.isLeader()
                && p.isr().size() == minInsyncReplicas.applyAsInt(p.topicPartition().topic());
        gauge(server("ReplicaManager", "PartitionCount"), () -> replicas.allPartitions().size());
        gauge(server("ReplicaManager", "LeaderCount"), () -> count(replicas, Partition::isLeader));
        gauge(server("ReplicaManager", "UnderReplicatedPartitions"), () -> count(replicas, underReplicated));
        gauge(server("ReplicaManager", "UnderMinIsrPartitionCount"), () -> count(replicas, underMinIsr));
        gauge(server("ReplicaManager", "AtMinIsrPartitionCount"), () -> count(replicas, atMinIsr));
    }

    /** kafka.controller:type=KafkaController gauges; the cluster-wide ones are non-zero on the active controller only. */
    public void controllerGauges(Controller controller, MetadataCache metadata) {
        gauge(controller("ActiveControllerCount"), () -> controller.isActive() ? 1 : 0);
        gauge(controller("OfflinePartitionsCount"), () -> controller.isActive() ? offlinePartitions(metadata.image()) : 0);
        gauge(controller("GlobalTopicCount"), () -> controller.isActive() ? metadata.image().topics().size() : 0);
        gauge(controller("GlobalPartitionCount"),
                () -> controller.isActive() ? metadata.image().partitions().size() : 0);
    }

    /** A partition is offline when it has no leader, or its leader is not a live broker. */
    static int offlinePartitions(ClusterImage image) {
        int offline = 0;
        for (PartitionState state : image.partitions().values()) {
            if (state.leader() == PartitionState.NO_LEADER || !image.isAlive(state.leader())) {
                offline++;
            }
        }
        return offline;
    }

    /** kafka.server:type=SessionExpireListener: the ZooKeeper session's state and its transitions. */
    public void zooKeeperSession(CuratorFramework curator) {
        Meter expires = registry.meter(server("SessionExpireListener", "ZooKeeperExpiresPerSec"));
        Meter disconnects = registry.meter(server("SessionExpireListener", "ZooKeeperDisconnectsPerSec"));
        Meter syncConnects = registry.meter(server("SessionExpireListener", "ZooKeeperSyncConnectsPerSec"));
        curator.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.LOST) {
                expires.mark();
            } else if (state == ConnectionState.SUSPENDED) {
                disconnects.mark();
            } else if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
                syncConnects.mark();
            }
        });
        gauge(server("SessionExpireListener", "SessionState"),
                () -> curator.getZookeeperClient().isConnected() ? "CONNECTED" : "DISCONNECTED");
    }

    /** kafka.coordinator.group:type=GroupMetadataManager gauges over the groups this broker coordinates. */
    public void groupGauges(GroupCoordinator groups) {
        String domain = "kafka.coordinator.group";
        String type = "GroupMetadataManager";
        gauge(KafkaMetricName.of(domain, type, "NumGroups"), () -> groups.snapshot().size());
        gauge(KafkaMetricName.of(domain, type, "NumOffsets"),
                () -> groups.snapshot().stream().mapToInt(g -> g.committed().size()).sum());
        for (String state : List.of("PreparingRebalance", "CompletingRebalance", "Stable", "Dead", "Empty")) {
            gauge(KafkaMetricName.of(domain, type, "NumGroups" + state),
                    () -> (int) groups.snapshot().stream().map(GroupSnapshot::state).filter(state::equals).count());
        }
    }

    /** kafka.server:type=KafkaServer,name=BrokerState (Kafka's numbers: 3 running, 6 shutting down). */
    public void brokerState(Supplier<Integer> state) {
        gauge(server("KafkaServer", "BrokerState"), state);
    }

    public synchronized void startJmx() {
        if (jmx == null) {
            jmx = JmxReporter.forRegistry(registry).createsObjectNamesWith(new KafkaObjectNameFactory()).build();
            jmx.start();
        }
    }

    @Override
    public synchronized void close() {
        if (jmx != null) {
            jmx.stop();
            jmx = null;
        }
    }

    private static int count(ReplicaManager replicas, Predicate<Partition> which) {
        int n = 0;
        for (Partition partition : replicas.allPartitions()) {
            if (which.test(partition)) {
                n++;
            }
        }
        return n;
    }

    private <T> void gauge(String name, Supplier<T> value) {
        registry.gauge(name, () -> (Gauge<T>) value::get);
    }

    private static String server(String type, String name) {
        return KafkaMetricName.of("kafka.server", type, name);
    }

    private static String controller(String name) {
        return KafkaMetricName.of("kafka.controller", "KafkaController", name);
    }
}
