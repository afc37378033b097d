package io.tributary.tools.e2e;

import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.testkit.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A single Tributary broker in this JVM, with a ZooKeeper the test owns (so {@code topics --zookeeper} has a connect
 * string to use). The tools under test still run through kafka-clients over loopback, or in their own JVMs. Not
 * thread-safe; one test owns an instance.
 */
final class TributaryBroker implements BrokerUnderTest {

    private static final int NODE_ID = 0;

    private final EmbeddedZooKeeper zooKeeper;
    private final EmbeddedBroker broker;

    private TributaryBroker(EmbeddedZooKeeper zooKeeper, EmbeddedBroker broker) {
        this.zooKeeper = zooKeeper;
        this.broker = broker;
    }

    static TributaryBroker start(Path dir) throws Exception {
        EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), 0);
        try {
            EmbeddedBroker broker = EmbeddedBroker.start(Map.of(
                    "broker.id", String.valueOf(NODE_ID),
                    "zookeeper.connect", zooKeeper.connectString(),
                    "num.partitions", "1",
                    "group.initial.rebalance.delay.ms", "0"));
            return new TributaryBroker(zooKeeper, broker);
        } catch (Exception | Error e) {
            zooKeeper.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public int nodeId() {
        return NODE_ID;
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return Optional.of(zooKeeper.connectString());
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            zooKeeper.close();
        }
    }
}
