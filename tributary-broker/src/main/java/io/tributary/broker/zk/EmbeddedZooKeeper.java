package io.tributary.broker.zk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ZooKeeper server running inside the broker's process, on loopback, for a one-command
 * single-node broker. Its data lives under the broker's first log dir, so topics survive restarts.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;
    private final int port;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
        this.port = connections.getLocalPort();
    }

    /** Starts on 127.0.0.1 and the given port (0 = any free port); a taken port fails with a BindException cause. */
    public static EmbeddedZooKeeper start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.4lw.commands.whitelist", "ruok,stat,srvr");
        FileTxnSnapLog txnLog = new FileTxnSnapLog(dataDir.toFile(), dataDir.toFile());
        ZooKeeperServer server = new ZooKeeperServer(txnLog, 2000, 4000, 60000, -1,
                new org.apache.zookeeper.server.ZKDatabase(txnLog), "");
        ServerCnxnFactory connections;
        try {
            connections = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port), 256);
        } catch (IOException e) { // port taken (java.net.BindException): leave no open files behind
            txnLog.close();
            throw e;
        }
        try {
            connections.startup(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting embedded ZooKeeper", e);
        }
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(server, connections);
        log.info("Embedded ZooKeeper serving 127.0.0.1:{} with data in {}", zk.port, dataDir);
        return zk;
    }

    public String connectString() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown(true);
    }
}
