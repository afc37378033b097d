package io.tributary.tools.zkshell;

import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolIo;
import io.tributary.tools.zk.ZkSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary zookeeper-shell host:port[/chroot] [command [args]]}, behind Kafka's {@code zookeeper-shell.sh}
 * and ZooKeeper's {@code zkCli.sh}: with a command, runs it and exits (1 if it failed); without one, reads
 * commands from standard input, one per line, after a {@code [zk: host(CONNECTED) n]} prompt, until
 * {@code quit} or end of input. Only reads: the brokers own what is in ZooKeeper.
 */
@Command(name = "zookeeper-shell", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Browse ZooKeeper's znodes (ls, get, stat), like zookeeper-shell.sh and zkCli.sh.")
public final class ZooKeeperShellCommand extends KafkaTool {

    @Parameters(index = "0", paramLabel = "<host:port[/chroot]>", description = "ZooKeeper to connect to.")
    String server;

    @Parameters(index = "1..*", paramLabel = "<command>", description = "One command to run, e.g. ls /brokers/ids.")
    List<String> command = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "<ms>", defaultValue = "10000",
            description = "How long to wait for the connection (zkCli.sh -timeout); default 10000.")
    int timeoutMs;

    public ZooKeeperShellCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return server;
    }

    @Override
    protected int run() throws IOException {
        io.err().println("Connecting to " + server);
        try (ZkSession zk = ZkSession.connect(server, timeoutMs)) {
            ZnodeCommands commands = new ZnodeCommands(zk, io.out(), io.err());
            if (!command.isEmpty()) {
                return commands.run(command) ? 0 : 1;
            }
            return interactive(commands);
        }
    }

    private int interactive(ZnodeCommands commands) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        for (int n = 0; ; n++) {
            io.out().print("[zk: " + server + "(CONNECTED) " + n + "] ");
            io.out().flush();
            String line = in.readLine();
            if (line == null) {
                io.out().println();
                return 0;
            }
            List<String> words = Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
            if (!words.isEmpty() && List.of("quit", "exit", "close").contains(words.get(0))) {
                return 0;
            }
            commands.run(words);
            io.out().flush();
        }
    }
}
