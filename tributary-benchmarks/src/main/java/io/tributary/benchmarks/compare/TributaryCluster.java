package io.tributary.benchmarks.compare;

import io.tributary.benchmarks.compare.SystemUnderTest.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tributary as its users run a cluster: one dedicated ZooKeeper ({@code bin/tributary zookeeper-start}) and
 * brokers 0..n-1 started with {@code bin/tributary server-start}, each pointed at it by zookeeper.connect.
 * ZooKeeper is not a broker: its CPU is reported apart from the brokers'. Commands run from the repository root.
 */
public final class TributaryCluster implements ClusterUnderTest {

    private static final long ZOOKEEPER_START_TIMEOUT_MS = 60_000;

    private final Path workingDir;
    private final String launcher;
    private int zookeeperPort;

    /** @param launcher the launcher script relative to {@code workingDir}, normally {@code bin/tributary} */
    public TributaryCluster(Path workingDir, String launcher) {
        this.workingDir = workingDir;
        this.launcher = launcher;
    }

    @Override
    public String name() {
        return Report.TRIBUTARY;
    }

    @Override
    public void prepare(ClusterSpec spec) throws LaunchException, IOException {
        if (!Files.isExecutable(workingDir.resolve(launcher))) {
            throw new LaunchException(workingDir.resolve(launcher) + " is missing or not executable");
        }
        zookeeperPort = FreePorts.pick();
        Files.createDirectories(zookeeperDir(spec));
        Files.writeString(zookeeperDir(spec).resolve("zookeeper.properties"), String.join("\n",
                "dataDir=" + zookeeperDir(spec).resolve("data"),
                "clientPort=" + zookeeperPort,
                "clientPortAddress=127.0.0.1",
                "maxClientCnxns=0",
                "admin.enableServer=false",
                "metricsProvider.className=org.apache.zookeeper.metrics.impl.NullMetricsProvider",
                "4lw.commands.whitelist=ruok",
                ""));
        for (int id = 0; id < spec.brokers().size(); id++) {
            BrokerSpec broker = spec.brokers().get(id);
            Files.createDirectories(broker.dataDir());
            Files.writeString(config(broker), String.join("\n",
                    "broker.id=" + id,
                    "listeners=PLAINTEXT://127.0.0.1:" + broker.port(),
                    "admin.listeners=http://127.0.0.1:0",
                    "log.dirs=" + broker.dataDir(),
                    "zookeeper.connect=127.0.0.1:" + zookeeperPort,
                    ClusterBrokerConfig.lines(),
                    ""));
        }
    }

    @Override
    public Optional<ProcessTree> startDependency(ClusterSpec spec)
            throws LaunchException, IOException, InterruptedException {
        Path dir = zookeeperDir(spec);
        ProcessTree zookeeper = launch(List.of("zookeeper-start", dir.resolve("zookeeper.properties").toString()),
                spec.auxiliaryHeap(), dir.resolve("zookeeper.out"), dir.resolve("zookeeper.err"));
        ChildProcesses.register(zookeeper.root());
        long deadline = System.currentTimeMillis() + ZOOKEEPER_START_TIMEOUT_MS;
        while (!answersRuok()) {
            if (!zookeeper.isAlive() || System.currentTimeMillis() > deadline) {
                zookeeper.kill();
                ChildProcesses.forget(zookeeper.root());
                throw new LaunchException("ZooKeeper did not serve on port " + zookeeperPort + "; last output: "
                        + Directories.tail(dir.resolve("zookeeper.err"), dir.resolve("zookeeper.out")));
            }
            Thread.sleep(50);
        }
        return Optional.of(zookeeper);
    }

    @Override
    public ProcessTree spawnBroker(ClusterSpec spec, int id) throws IOException {
        BrokerSpec broker = spec.brokers().get(id);
        return launch(List.of("server-start", config(broker).toString()), broker.heapOpts(), broker.stdout(),
                broker.stderr());
    }

    private ProcessTree launch(List<String> args, String heap, Path stdout, Path stderr) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(launcher);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("TRIBUTARY_HEAP_OPTS", heap);
        builder.environment().put("TRIBUTARY_LOG_DIR", stdout.getParent().resolve("logs").toString());
        return new ProcessTree(builder.start());
    }

    /** ZooKeeper's "are you ok" four-letter command; "imok" means it serves clients. */
    private boolean answersRuok() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", zookeeperPort), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("ruok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).startsWith("imok");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path zookeeperDir(ClusterSpec spec) {
        return spec.dir().resolve("zookeeper");
    }

    private static Path config(BrokerSpec broker) {
        return broker.dir().resolve("server.properties");
    }
}
