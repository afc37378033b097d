package io.tributary.testkit;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One broker in this JVM, on a free loopback port, with its own temp directory (log dir under {@code logs/},
 * embedded ZooKeeper beside it) that is deleted on {@link #close()}. Start, use, close: not meant to be shared
 * between threads beyond reading {@link #bootstrapServers()}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final Path dir;
    private final Broker broker;

    private EmbeddedBroker(Path dir, Broker broker) {
        this.dir = dir;
        this.broker = broker;
    }

    /**
     * Starts a single-node broker; {@code overrides} win over the test defaults (loopback port 0 for the Kafka and
     * the admin listener, temp log dir, embedded ZooKeeper on a free port).
     */
    public static EmbeddedBroker start(Map<String, String> overrides) throws Exception {
        Path dir = TempDirs.create("tributary-broker-");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", "PLAINTEXT://127.0.0.1:0");
        config.put("admin.listeners", "http://127.0.0.1:0");
        config.put("log.dirs", dir.resolve("logs").toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("embedded.zookeeper.port", "0"); // never 2181: tests run side by side on one machine
        config.putAll(overrides);
        try {
            return new EmbeddedBroker(dir, new Broker(new BrokerConfig(config), Time.SYSTEM).start());
        } catch (Exception | Error e) {
            TempDirs.deleteRecursively(dir);
            throw e;
        }
    }

    public static EmbeddedBroker start() throws Exception {
        return start(Map.of());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** http://127.0.0.1:port of the admin endpoint (null when a test turned it off). */
    public String adminUrl() {
        var address = broker.adminAddress();
        return address == null ? null : "http://127.0.0.1:" + address.getPort();
    }

    /** host:port of the named listener (e.g. SASL_SSL), as advertised. */
    public String bootstrapServers(String listenerName) {
        return broker.bootstrapServers(listenerName);
    }

    public Broker broker() {
        return broker;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}
