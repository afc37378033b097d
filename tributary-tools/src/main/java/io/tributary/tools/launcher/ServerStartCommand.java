package io.tributary.tools.launcher;

import io.tributary.tools.ToolIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary server-start config/server.properties}: runs the broker in this JVM, like
 * {@code kafka-server-start.sh}. Everything after the properties file is passed through to the broker's main.
 */
@Command(name = "server-start", mixinStandardHelpOptions = true,
        description = "Start a Tributary broker with the given server.properties (Kafka key names).")
public final class ServerStartCommand implements Callable<Integer> {

    static final String BROKER_MAIN = "io.tributary.broker.server.BrokerMain";

    private final ToolIo io;

    @Parameters(index = "0", paramLabel = "server.properties", description = "Broker configuration file.")
    Path config;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Further arguments passed to the broker.")
    List<String> extra = new ArrayList<>();

    public ServerStartCommand(ToolIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        args.add(config.toString());
        args.addAll(extra);
        return start(args, io);
    }

    /**
     * The broker start without the command-line parser: for the plain form {@code server-start <file>
     * [--override key=value]...} the launcher calls this before building the subcommand tree, which costs
     * a noticeable share of start-up. Returns null for anything else (help, unknown flags), which the
     * parser then handles and reports.
     */
    public static Integer startDirectly(String[] commandLine, ToolIo io) {
        if (commandLine.length < 2 || !"server-start".equals(commandLine[0]) || commandLine[1].startsWith("-")) {
            return null;
        }
        for (int i = 2; i < commandLine.length; i += 2) {
            if (!"--override".equals(commandLine[i]) || i + 1 == commandLine.length) {
                return null;
            }
        }
        return start(List.of(commandLine).subList(1, commandLine.length), io);
    }

    private static int start(List<String> args, ToolIo io) {
        if (!Files.isReadable(Path.of(args.get(0)))) {
            io.err().println("Error: cannot read broker configuration " + args.get(0));
            return 1;
        }
        return MainInvoker.invoke(BROKER_MAIN, args, io);
    }
}
