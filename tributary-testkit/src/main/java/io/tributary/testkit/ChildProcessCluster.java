package io.tributary.testkit;

import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.common.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * N brokers, each in its own JVM, sharing one ZooKeeper that runs in this (the test's) JVM. Broker {@code id} has
 * its own directory {@code <root>/broker-<id>} and a loopback port fixed for the cluster's lifetime, so a broker
 * restarted after {@link #kill(int)} comes back on the same log and address. Brokers can be killed (SIGKILL),
 * stopped (SIGTERM, controlled shutdown), paused (SIGSTOP) and resumed (SIGCONT).
 *
 * <p>Every wait is bounded. {@link #close()} resumes paused brokers, kills every broker, stops ZooKeeper and
 * deletes the directories. Not thread-safe: drive the lifecycle from one thread; {@link #describe(String)} and the
 * other read-only queries may run concurrently with it.
 */
public final class ChildProcessCluster implements AutoCloseable {

    /** Set this system property (or the environment variable below) to true to keep the brokers' directories after close. */
    public static final String KEEP_DIRS_PROPERTY = "tributary.cluster.keepDirs";
    public static final String KEEP_DIRS_ENV = "TRIBUTARY_KEEP_CLUSTER_DIRS";

    private static final long POLL_MS = 100;

    private final Path root;
    private final EmbeddedZooKeeper zooKeeper;
    private final Map<Integer, Integer> ports = new TreeMap<>();
    private final Map<Integer, ChildProcessBroker> brokers = new TreeMap<>();
    private final Set<Integer> paused = new HashSet<>();
    private volatile Admin admin;

    private ChildProcessCluster(Path root, EmbeddedZooKeeper zooKeeper) {
        this.root = root;
        this.zooKeeper = zooKeeper;
    }

    /**
     * Starts ZooKeeper, then brokers {@code 0..size-1} one after another, each waited on until it serves Metadata.
     * Test defaults: {@code zookeeper.session.timeout.ms=6000}, {@code replica.lag.time.max.ms=3000},
     * {@code offsets.topic.replication.factor=min(3, size)}; {@code overrides} win over them.
     */
    public static ChildProcessCluster start(int size, Map<String, String> overrides) {
        Path root = TempDirs.create("tributary-cluster-");
        EmbeddedZooKeeper zooKeeper;
        try {
            zooKeeper = EmbeddedZooKeeper.start(root.resolve("zookeeper"), 0);
        } catch (IOException e) {
            TempDirs.deleteRecursively(root);
            throw new UncheckedIOException("cannot start ZooKeeper", e);
        }
        ChildProcessCluster cluster = new ChildProcessCluster(root, zooKeeper);
        try {
            for (int id = 0; id < size; id++) {
                cluster.ports.put(id, FreePort.pick());
            }
            for (int id = 0; id < size; id++) {
                cluster.launch(id, overrides);
            }
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(int id, Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("broker.id", String.valueOf(id));
        config.put("zookeeper.connect", zooKeeper.connectString());
        config.put("zookeeper.session.timeout.ms", "6000");
        config.put("replica.lag.time.max.ms", "3000");
        config.put("offsets.topic.replication.factor", String.valueOf(Math.min(3, ports.size())));
        config.putAll(overrides);
        brokers.put(id, ChildProcessBroker.startIn(root.resolve("broker-" + id), ports.get(id), config));
    }

    public Set<Integer> ids() {
        return ports.keySet();
    }

    public ChildProcessBroker broker(int id) {
        ChildProcessBroker broker = brokers.get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + "; ids are " + ports.keySet());
        }
        return broker;
    }

    /** Every broker's address, alive or not: clients skip the dead ones. */
    public String bootstrapServers() {
        return ports.values().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public String zooKeeperConnect() {
        return zooKeeper.connectString();
    }

    /** SIGKILL broker {@code id} (paused or not) and wait until its process is gone. */
    public void kill(int id) {
        broker(id).kill();
        paused.remove(id);
    }

    /** SIGTERM broker {@code id} (it hands its leaderships away if controlled shutdown is on); returns the exit code. */
    public int stop(int id) {
        if (paused.remove(id)) {
            broker(id).resume();
        }
        return broker(id).stop();
    }

    /** SIGSTOP broker {@code id}: its ZooKeeper session expires after the session timeout, but the process lives. */
    public void pause(int id) {
        broker(id).pause();
        paused.add(id);
    }

    /** SIGCONT a {@link #pause(int) paused} broker. */
    public void resume(int id) {
        broker(id).resume();
        paused.remove(id);
    }

    /** Starts a killed or stopped broker again on its directory and port; waits until it serves Metadata. */
    public void restart(int id) {
        broker(id).restart();
    }

    public boolean isAlive(int id) {
        return broker(id).isAlive();
    }

    /** The topic as the cluster's Metadata reports it now; throws if no live broker answers within a few seconds. */
    public TopicDescription describe(String topic) {
        try {
            return admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e, e);
        }
    }

    /** The current leader's id, or -1 when the partition has none. */
    public int leaderOf(String topic, int partition) {
        Node leader = partitionInfo(topic, partition).leader();
        return leader == null || leader.isEmpty() ? -1 : leader.id();
    }

    public Set<Integer> isrOf(String topic, int partition) {
        return partitionInfo(topic, partition).isr().stream().map(Node::id).collect(Collectors.toSet());
    }

    /** Waits until the partition's ISR is exactly {@code expected}. */
    public void awaitIsr(String topic, int partition, Set<Integer> expected, Duration timeout) {
        await("ISR " + expected + " of " + topic + "-" + partition, timeout,
                () -> isrOf(topic, partition).equals(expected));
    }

    /** Waits until the partition has a leader accepted by {@code acceptable}; returns its id. */
    public int awaitLeader(String topic, int partition, IntPredicate acceptable, Duration timeout) {
        int[] leader = {-1};
        await("an acceptable leader of " + topic + "-" + partition, timeout, () -> {
            leader[0] = leaderOf(topic, partition);
            return leader[0] >= 0 && acceptable.test(leader[0]);
        });
        return leader[0];
    }

    /**
     * Polls {@code condition} until it holds; a condition that throws counts as not yet true (a broker may be
     * down or paused mid-query). Throws AssertionError naming {@code what} and the last error on timeout.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = Time.SYSTEM.hiResMilliseconds() + timeout.toMillis();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (Time.SYSTEM.hiResMilliseconds() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + (last == null ? "" : "; last error: " + last), last);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private TopicPartitionInfo partitionInfo(String topic, int partition) {
        return describe(topic).partitions().stream().filter(p -> p.partition() == partition).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic + " has no partition " + partition));
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void close() {
        try {
            Admin current = admin;
            if (current != null) {
                current.close(Duration.ofSeconds(5));
            }
            for (Map.Entry<Integer, ChildProcessBroker> entry : brokers.entrySet()) {
                ChildProcessBroker broker = entry.getValue();
                if (paused.contains(entry.getKey()) && broker.isAlive()) {
                    broker.resume();
                }
                broker.kill();
            }
            paused.clear();
        } finally {
            zooKeeper.close();
            if (Boolean.getBoolean(KEEP_DIRS_PROPERTY) || "true".equals(System.getenv(KEEP_DIRS_ENV))) {
                System.out.println("keeping cluster directories (broker logs in broker-*/broker.out): " + root);
            } else {
                TempDirs.deleteRecursively(root);
            }
        }
    }
}
