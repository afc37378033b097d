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
        if (!Files.isReadable(config)) {
            io.err().println("Error: cannot read broker configuration " + config);
            return 1;
        }
        List<String> args = new ArrayList<>();
        args.add(config.toString());
        args.addAll(extra);
        return MainInvoker.invoke(BROKER_MAIN, args, io);
    }
}
