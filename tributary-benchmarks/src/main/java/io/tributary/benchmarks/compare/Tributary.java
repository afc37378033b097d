package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tributary started the way its users start it: {@code bin/tributary server-start <server.properties>}
 * (overridable), with Kafka's key names in the config, the embedded ZooKeeper (no zookeeper.connect, on a free port) and the
 * shared heap passed as TRIBUTARY_HEAP_OPTS. The command is run from the repository root.
 */
public final class Tributary implements SystemUnderTest {

    private final Path workingDir;
    private final String commandTemplate;

    /**
     * @param commandTemplate the start command; {@code {config}} is replaced by the server.properties path
     */
    public Tributary(Path workingDir, String commandTemplate) {
        this.workingDir = workingDir;
        this.commandTemplate = commandTemplate;
    }

    @Override
    public String name() {
        return "tributary";
    }

    @Override
    public void prepare(BrokerSpec spec) throws LaunchException, IOException {
        String executable = commandTemplate.trim().split("\\s+")[0];
        if (executable.contains("/") && !Files.isExecutable(workingDir.resolve(executable))) {
            throw new LaunchException("start command " + workingDir.resolve(executable)
                    + " is missing or not executable; build Tributary first (see README) or pass --tributary-cmd");
        }
        Files.createDirectories(spec.dataDir());
        Files.writeString(config(spec), serverProperties(spec));
    }

    @Override
    public ProcessTree spawn(BrokerSpec spec) throws IOException {
        List<String> command = new ArrayList<>();
        for (String token : commandTemplate.trim().split("\\s+")) {
            command.add(token.replace("{config}", config(spec).toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectOutput(spec.stdout().toFile())
                .redirectError(spec.stderr().toFile());
        builder.environment().put("TRIBUTARY_HEAP_OPTS", spec.heapOpts());
        builder.environment().put("TRIBUTARY_LOG_DIR", spec.dir().resolve("logs").toString()); // not the repository's
        return new ProcessTree(builder.start());
    }

    static String serverProperties(BrokerSpec spec) {
        return String.join("\n",
                "broker.id=0",
                "listeners=PLAINTEXT://127.0.0.1:" + spec.port(),
                "admin.listeners=http://127.0.0.1:0",
                "log.dirs=" + spec.dataDir(),
                "embedded.zookeeper.port=0",
                CommonBrokerConfig.lines(),
                "");
    }

    private static Path config(BrokerSpec spec) {
        return spec.dir().resolve("server.properties");
    }
}
