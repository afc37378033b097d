package io.tributary.tools;

import io.tributary.tools.acls.AclsCommand;
import io.tributary.tools.configs.ConfigsCommand;
import io.tributary.tools.console.ConsoleConsumerCommand;
import io.tributary.tools.console.ConsoleProducerCommand;
import io.tributary.tools.groups.ConsumerGroupsCommand;
import io.tributary.tools.launcher.ServerStartCommand;
import io.tributary.tools.launcher.ZooKeeperStartCommand;
import io.tributary.tools.perf.ConsumerPerfCommand;
import io.tributary.tools.perf.ProducerPerfCommand;
import io.tributary.tools.topics.TopicsCommand;
import io.tributary.tools.txn.TransactionsCommand;
import io.tributary.tools.zkshell.ZooKeeperShellCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of {@code bin/tributary}: {@code tributary <subcommand> [flags]}. Each subcommand is one class; this
 * one only wires them together, configures logging and maps a bad flag to a one-line error with exit code 1.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "Tributary 0.1.0",
        description = "Start a Tributary broker or ZooKeeper, or run a client tool.",
        commandListHeading = "%nSubcommands:%n")
public final class TributaryCommand implements Runnable {

    /** Subcommands that run servers; everything else is a short-lived client tool. */
    static final List<String> SERVER_SUBCOMMANDS = List.of("server-start", "zookeeper-start");

    private final ToolIo io;

    TributaryCommand(ToolIo io) {
        this.io = io;
    }

    public static void main(String[] args) {
        LoggingSetup.configure(args);
        Integer direct = ServerStartCommand.startDirectly(args, ToolIo.system());
        int code = direct != null ? direct : run(args, ToolIo.system());
        System.out.flush();
        boolean server = args.length > 0 && SERVER_SUBCOMMANDS.contains(args[0]);
        if (code != 0 || !server) {
            System.exit(code);
        }
        // A server's main may return once it has started; its own threads keep the JVM alive.
    }

    /** Runs one command line and returns its exit code; never calls {@link System#exit}. */
    public static int run(String[] args, ToolIo io) {
        CommandLine commandLine = commandLine(io);
        return commandLine.execute(LegacyArgs.normalize(args));
    }

    static CommandLine commandLine(ToolIo io) {
        CommandLine commandLine = new CommandLine(new TributaryCommand(io))
                .addSubcommand("server-start", new ServerStartCommand(io))
                .addSubcommand("zookeeper-start", new ZooKeeperStartCommand(io))
                .addSubcommand("topics", new TopicsCommand(io))
                .addSubcommand("console-producer", new ConsoleProducerCommand(io))
                .addSubcommand("console-consumer", new ConsoleConsumerCommand(io))
                .addSubcommand("consumer-groups", new ConsumerGroupsCommand(io))
                .addSubcommand("acls", new AclsCommand(io))
                .addSubcommand("configs", new ConfigsCommand(io))
                .addSubcommand("transactions", new TransactionsCommand(io))
                .addSubcommand("producer-perf-test", new ProducerPerfCommand(io))
                .addSubcommand("consumer-perf-test", new ConsumerPerfCommand(io))
                .addSubcommand("zookeeper-shell", new ZooKeeperShellCommand(io));
        // A shell command's own flags (ls -s /path) belong to it, not to the launcher's parser.
        commandLine.getSubcommands().get("zookeeper-shell").setStopAtPositional(true);
        commandLine.setOut(new java.io.PrintWriter(io.out(), true));
        commandLine.setErr(new java.io.PrintWriter(io.err(), true));
        commandLine.setParameterExceptionHandler(TributaryCommand::badArguments);
        return commandLine;
    }

    /** A bad flag: one line naming the problem and where to find usage; exit code 1. */
    private static int badArguments(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandName().equals("tributary")
                ? "tributary" : "tributary " + command.getCommandName();
        command.getErr().println("Error: " + e.getMessage() + " (see '" + name + " --help')");
        return 1;
    }

    @Override
    public void run() {
        CommandLine.usage(this, io.out());
    }
}
