package io.tributary.broker.replica;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.common.Time;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * N in-process brokers sharing one embedded ZooKeeper, each with its own log directory and an
 * ephemeral port. Brokers can be stopped and started again on the same directory.
 */
final class TestCluster implements AutoCloseable {

    private final Path dir;
    private final EmbeddedZooKeeper zooKeeper;
    private final Map<String, String> overrides;
    private final Map<Integer, Broker> brokers = new TreeMap<>();

    TestCluster(Path dir, int size, Map<String, String> overrides) throws Exception {
        this.dir = dir;
        this.overrides = overrides;
        this.zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), 0);
        for (int id = 0; id < size; id++) {
            start(id);
        }
        // A topic created before every broker sees the others would get fewer replicas than asked for.
        await("every broker to see " + size + " brokers and a controller", 30_000, () -> brokers.values().stream()
                .allMatch(b -> b.metadata().image().brokers().size() == size && b.metadata().image().controllerId() >= 0));
    }

    Broker start(int id) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of(
                "broker.id", String.valueOf(id),
                "zookeeper.connect", zooKeeper.connectString(),
                "embedded.zookeeper.enable", "false",
                "zookeeper.session.timeout.ms", "6000",
                "listeners", "PLAINTEXT://127.0.0.1:0", "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", dir.resolve("broker-" + id).toString(),
                "replica.lag.time.max.ms", "2000",
                "offsets.topic.replication.factor", "1"));
        props.putAll(overrides);
        Broker broker = new Broker(new BrokerConfig(props), Time.SYSTEM).start();
        brokers.put(id, broker);
        return broker;
    }

    void stop(int id) {
        Broker broker = brokers.remove(id);
        if (broker != null) {
            broker.close();
        }
    }

    Broker broker(int id) {
        return brokers.get(id);
    }

    Map<Integer, Broker> running() {
        return brokers;
    }

    String bootstrapServers() {
        return brokers.values().stream().map(Broker::bootstrapServers).collect(Collectors.joining(","));
    }

    static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (Broker broker : brokers.values()) {
            broker.close();
        }
        brokers.clear();
        zooKeeper.close();
    }
}
