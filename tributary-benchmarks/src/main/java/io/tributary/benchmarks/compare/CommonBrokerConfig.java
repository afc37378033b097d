package io.tributary.benchmarks.compare;

/**
 * Broker settings both systems get, with Kafka's key names: single-node replication factors for internal
 * topics and no initial rebalance delay, so a one-member consumer group is not held back three seconds.
 * Everything else stays at each product's default.
 */
final class CommonBrokerConfig {

    private CommonBrokerConfig() {
    }

    static String lines() {
        return String.join("\n",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0");
    }
}
