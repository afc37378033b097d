package io.tributary.broker.server;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.config.ConfigException;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides at start-up where the broker's ZooKeeper is: served in-process on 127.0.0.1:{@code
 * embedded.zookeeper.port} (2181 by default, as Kafka's tutorials expect), or an external one named by
 * {@code zookeeper.connect}.
 *
 * <ul>
 *   <li>{@code zookeeper.connect} unset: serve one; if the port is taken, fail naming the port and both keys
 *       (whatever listens there might not be a ZooKeeper the user meant to share).</li>
 *   <li>{@code zookeeper.connect} naming exactly 127.0.0.1 or localhost and the embedded port (Kafka's default
 *       {@code localhost:2181}): use the ZooKeeper running there, or serve it if nothing is listening. The bind
 *       itself decides, so two brokers starting together agree: one serves, the other connects.</li>
 *   <li>anything else: connect to it.</li>
 * </ul>
 * Stateless; called once from the broker's start-up thread.
 */
final class ZooKeeperChoice {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperChoice.class);

    /** The connect string to use, and the in-process server if this broker serves one (else null). */
    record Choice(String connectString, EmbeddedZooKeeper embedded) {
    }

    private ZooKeeperChoice() {
    }

    static Choice choose(BrokerConfig config) throws IOException {
        String connect = config.zookeeperConnect();
        boolean enabled = config.get(BrokerConfigKeys.EMBEDDED_ZOOKEEPER_ENABLE);
        int port = config.get(BrokerConfigKeys.EMBEDDED_ZOOKEEPER_PORT);
        // Inside the first log dir: the log manager skips directories that are not partitions.
        Path dataDir = config.logDirs().get(0).toAbsolutePath().resolve("zookeeper");
        if (connect == null || connect.isBlank()) {
            if (!enabled) {
                throw new ConfigException(BrokerConfigKeys.ZOOKEEPER_CONNECT.name(), "(unset)",
                        "must be set when embedded.zookeeper.enable=false");
            }
            try {
                EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dataDir, port);
                return new Choice(zk.connectString(), zk);
            } catch (IOException e) {
                if (isBindFailure(e)) {
                    throw new ConfigException("Port 127.0.0.1:" + port + " for the embedded ZooKeeper is in use; set "
                            + BrokerConfigKeys.EMBEDDED_ZOOKEEPER_PORT.name() + " to a free port (0 picks one), or "
                            + "zookeeper.connect=127.0.0.1:" + port + " to use the ZooKeeper running there");
                }
                throw e;
            }
        }
        if (enabled && port != 0 && namesEmbeddedAddress(connect, port)) {
            try {
                EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dataDir, port);
                return new Choice(connect, zk);
            } catch (IOException e) {
                if (!isBindFailure(e)) {
                    throw e;
                }
                log.info("Port {} is in use; connecting to the ZooKeeper there (zookeeper.connect={})", port, connect);
            }
        }
        return new Choice(connect, null);
    }

    /** A single loopback host on the embedded port, with or without a chroot. */
    static boolean namesEmbeddedAddress(String connect, int port) {
        String hosts = connect.trim();
        int chroot = hosts.indexOf('/');
        if (chroot >= 0) {
            hosts = hosts.substring(0, chroot);
        }
        if (hosts.contains(",")) {
            return false;
        }
        int colon = hosts.lastIndexOf(':');
        String host = colon < 0 ? hosts : hosts.substring(0, colon);
        String portText = colon < 0 ? "2181" : hosts.substring(colon + 1);
        return (host.equals("127.0.0.1") || host.equals("localhost")) && portText.equals(String.valueOf(port));
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
