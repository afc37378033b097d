package io.tributary.broker.zk;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a background thread, the classes the broker's first ZooKeeper round trips need,
 * while the main thread does other start-up work (configuration, the embedded ZooKeeper server). The
 * largest are ZooKeeper's {@code X509Util}, whose static initialiser sets up the JDK's TLS stack to pick a
 * default protocol although nothing here uses TLS, and its JMX registry, which starts the platform MBean
 * server; then Curator and the JSON mapper. Class initialisation
 * is thread-safe, so a main thread that gets there first simply waits for (or does) the work itself: the
 * warm-up only moves time off the critical path and never changes behaviour. Failures are ignored for the
 * same reason. Stateless; the thread is a daemon.
 */
public final class ZooKeeperClientWarmup {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperClientWarmup.class);

    /** The client side: the TLS defaults, the client and Curator. */
    private static final List<String> CLIENT = List.of(
            "org.apache.zookeeper.common.X509Util",
            "org.apache.zookeeper.client.ZKClientConfig",
            "org.apache.zookeeper.ZooKeeper",
            "org.apache.zookeeper.ClientCnxnSocketNIO",
            "org.apache.curator.framework.CuratorFrameworkFactory",
            "org.apache.curator.framework.imps.CuratorFrameworkImpl",
            "org.apache.curator.framework.recipes.cache.CuratorCache");

    /**
     * The server side and first requests: ZooKeeper's JMX registry, whose static instance starts the
     * platform MBean server, and the JSON mapper of the first znodes.
     */
    private static final List<String> SERVER = List.of(
            "org.apache.zookeeper.jmx.MBeanRegistry",
            "io.tributary.broker.zk.ZkJson");

    private ZooKeeperClientWarmup() {
    }

    /** Starts the warm-up threads (two: the machine's cores are otherwise idle during start-up) and returns. */
    public static void startInBackground() {
        start("zookeeper-client-warmup", CLIENT);
        start("zookeeper-server-warmup", SERVER);
    }

    private static void start(String name, List<String> classes) {
        Thread thread = new Thread(() -> warm(classes), name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void warm(List<String> classes) {
        ClassLoader loader = ZooKeeperClientWarmup.class.getClassLoader();
        for (String name : classes) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Start-up warm-up skipped {}: {}", name, e.toString());
            }
        }
    }
}
