package io.tributary.benchmarks.compare;

/**
 * Broker settings both systems get in the cluster comparison, with Kafka's key names: replication factor 3
 * for new and internal topics, two in-sync replicas required for acks=all, and no initial rebalance delay.
 * Everything else stays at each product's default.
 */
final class ClusterBrokerConfig {

    static final int REPLICATION_FACTOR = 3;
    static final int MIN_INSYNC_REPLICAS = 2;

    private ClusterBrokerConfig() {
    }

    static String lines() {
        return String.join("\n",
                "num.partitions=1",
                "default.replication.factor=" + REPLICATION_FACTOR,
                "min.insync.replicas=" + MIN_INSYNC_REPLICAS,
                "offsets.topic.replication.factor=" + REPLICATION_FACTOR,
                "group.initial.rebalance.delay.ms=0");
    }
}
