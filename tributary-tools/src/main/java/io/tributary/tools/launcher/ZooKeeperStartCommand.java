package io.tributary.tools.launcher;

import io.tributary.tools.ToolIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary zookeeper-start config/zookeeper.properties}: runs Apache ZooKeeper's own server main with the
 * given file, exactly what {@code zookeeper-server-start.sh} does. A file with {@code server.N} lines starts an
 * ensemble member; without them a standalone server.
 */
@Command(name = "zookeeper-start", mixinStandardHelpOptions = true,
        description = "Start a ZooKeeper server (standalone or ensemble member) with the given zookeeper.properties.")
public final class ZooKeeperStartCommand implements Callable<Integer> {

    static final String QUORUM_PEER_MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    private final ToolIo io;

    @Parameters(index = "0", paramLabel = "zookeeper.properties", description = "ZooKeeper configuration file.")
    Path config;

    public ZooKeeperStartCommand(ToolIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (!Files.isReadable(config)) {
            io.err().println("Error: cannot read ZooKeeper configuration " + config);
            return 1;
        }
        return MainInvoker.invoke(QUORUM_PEER_MAIN, List.of(config.toString()), io);
    }
}
