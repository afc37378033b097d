package io.tributary.tools.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka 4.2.0 broker (KRaft, combined broker and controller) in a child JVM on free loopback
 * ports, for checking that the tools work against the real thing. Its jars come from the {@code real-kafka} Maven
 * profile (system property {@code tributary.kafkaBrokerLib}). Not thread-safe; one test class owns an instance.
 */
public final class RealKafkaBroker implements BrokerUnderTest {

    private static final int NODE_ID = 1;

    private final Process process;
    private final String bootstrap;

    private RealKafkaBroker(Process process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    public static RealKafkaBroker start(Path dir) throws Exception {
        String lib = System.getProperty("tributary.kafkaBrokerLib");
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            throw new IllegalStateException("Kafka broker jars missing: run with -Preal-kafka (tributary.kafkaBrokerLib="
                    + lib + ")");
        }
        int brokerPort = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("logs").toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "single-node KRaft broker for tool tests");
        }
        String classpath = lib + "/*";
        Path log = dir.resolve("kafka.out");
        run(List.of(java(), "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()), log);
        Process process = new ProcessBuilder(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "kafka.Kafka", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RealKafkaBroker broker = new RealKafkaBroker(process, "127.0.0.1:" + brokerPort);
        broker.awaitReady(log);
        return broker;
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start-up; see " + log + ":\n"
                            + Files.readString(log));
                }
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        }
        close();
        throw new IllegalStateException("Kafka did not answer within 90 s; see " + log);
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("formatting Kafka storage failed: " + Files.readString(log));
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public int nodeId() {
        return NODE_ID;
    }

    @Override
    public java.util.Optional<String> zookeeperConnect() {
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
