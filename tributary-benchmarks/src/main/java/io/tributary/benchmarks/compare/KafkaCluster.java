package io.tributary.benchmarks.compare;

import io.tributary.benchmarks.compare.SystemUnderTest.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * Apache Kafka 4.2.0 as a KRaft cluster of combined broker+controller nodes, node ids 0..n-1, with a static
 * quorum listing every node ({@code controller.quorum.voters}). Every storage directory is formatted with the
 * same cluster id before the timed start; JVM flags are those of Kafka's start script, as in
 * {@link ApacheKafka}. The controllers run inside the broker processes, so their CPU counts as broker CPU.
 */
public final class KafkaCluster implements ClusterUnderTest {

    private final KafkaTools tools;

    public KafkaCluster(KafkaTools tools) {
        this.tools = tools;
    }

    @Override
    public String name() {
        return Report.KAFKA;
    }

    @Override
    public void prepare(ClusterSpec spec) throws LaunchException, IOException, InterruptedException {
        if (!tools.hasBroker()) {
            throw new LaunchException("Kafka jars not found in " + tools.libs()
                    + "; run: mvn -q -f bench/kafka/pom.xml package");
        }
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < spec.brokers().size(); i++) {
            controllerPorts.add(FreePorts.pick());
        }
        String voters = voters(controllerPorts);
        String clusterId = Uuid.randomUuid().toString();
        for (int id = 0; id < spec.brokers().size(); id++) {
            BrokerSpec broker = spec.brokers().get(id);
            Files.createDirectories(broker.dataDir());
            Files.writeString(config(broker), serverProperties(broker, id, controllerPorts.get(id), voters));
            Files.writeString(log4j(broker), Log4jConfig.brokerFile(broker.dir().resolve("server.log")));
            format(broker, clusterId);
        }
    }

    private void format(BrokerSpec broker, String clusterId) throws LaunchException, IOException, InterruptedException {
        Path out = broker.dir().resolve("format.out");
        Process p = tools.javaProcess("kafka.tools.StorageTool", "-Xmx256m",
                        List.of("format", "-t", clusterId, "-c", config(broker).toString()))
                .redirectOutput(out.toFile())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new LaunchException("kafka-storage format failed; see " + out);
        }
    }

    @Override
    public Optional<ProcessTree> startDependency(ClusterSpec spec) {
        return Optional.empty();
    }

    @Override
    public ProcessTree spawnBroker(ClusterSpec spec, int id) throws IOException {
        BrokerSpec broker = spec.brokers().get(id);
        List<String> jvm = new ArrayList<>(List.of(broker.heapOpts().split("\\s+")));
        jvm.addAll(ApacheKafka.KAFKA_JVM_PERFORMANCE_OPTS);
        jvm.add("-Dlog4j2.configurationFile=" + log4j(broker));
        Process p = tools.javaProcess("kafka.Kafka", jvm, List.of(config(broker).toString()))
                .redirectOutput(broker.stdout().toFile())
                .redirectError(broker.stderr().toFile())
                .start();
        return new ProcessTree(p);
    }

    static String voters(List<Integer> controllerPorts) {
        List<String> voters = new ArrayList<>();
        for (int id = 0; id < controllerPorts.size(); id++) {
            voters.add(id + "@127.0.0.1:" + controllerPorts.get(id));
        }
        return voters.stream().collect(Collectors.joining(","));
    }

    static String serverProperties(BrokerSpec broker, int nodeId, int controllerPort, String voters) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + broker.port() + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + broker.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + broker.dataDir(),
                ClusterBrokerConfig.lines(),
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "share.coordinator.state.topic.replication.factor=3",
                "share.coordinator.state.topic.min.isr=2",
                "");
    }

    private static Path config(BrokerSpec broker) {
        return broker.dir().resolve("server.properties");
    }

    private static Path log4j(BrokerSpec broker) {
        return broker.dir().resolve("log4j2.properties");
    }
}
