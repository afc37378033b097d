package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * The real Apache Kafka broker ({@code kafka.Kafka}) from the jars bench/kafka/pom.xml resolves, run as one
 * KRaft node in combined broker+controller mode, with the JVM flags Kafka's own start script uses and the
 * heap both systems share. Storage is formatted with {@code kafka.tools.StorageTool} before the timed start.
 */
public final class ApacheKafka implements SystemUnderTest {

    /** What kafka-run-class.sh passes as KAFKA_JVM_PERFORMANCE_OPTS in 4.2.0. */
    static final List<String> KAFKA_JVM_PERFORMANCE_OPTS = List.of(
            "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true");

    private final KafkaTools tools;

    public ApacheKafka(KafkaTools tools) {
        this.tools = tools;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void prepare(BrokerSpec spec) throws LaunchException, IOException, InterruptedException {
        if (!tools.hasBroker()) {
            throw new LaunchException("Kafka jars not found in " + tools.libs()
                    + "; run: mvn -q -f bench/kafka/pom.xml package");
        }
        Files.createDirectories(spec.dataDir());
        Files.writeString(config(spec), serverProperties(spec, FreePorts.pick()));
        Files.writeString(log4j(spec), Log4jConfig.brokerFile(spec.dir().resolve("server.log")));
        List<String> format = List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config(spec).toString());
        Process p = tools.javaProcess("kafka.tools.StorageTool", "-Xmx256m", format)
                .redirectOutput(spec.dir().resolve("format.out").toFile())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new LaunchException("kafka-storage format failed; see " + spec.dir().resolve("format.out"));
        }
    }

    @Override
    public ProcessTree spawn(BrokerSpec spec) throws IOException {
        List<String> jvm = new ArrayList<>(List.of(spec.heapOpts().split("\\s+")));
        jvm.addAll(KAFKA_JVM_PERFORMANCE_OPTS);
        jvm.add("-Dlog4j2.configurationFile=" + log4j(spec));
        Process p = tools.javaProcess("kafka.Kafka", jvm, List.of(config(spec).toString()))
                .redirectOutput(spec.stdout().toFile())
                .redirectError(spec.stderr().toFile())
                .start();
        return new ProcessTree(p);
    }

    static String serverProperties(BrokerSpec spec, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + spec.port() + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + spec.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + spec.dataDir(),
                CommonBrokerConfig.lines(),
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "");
    }

    private static Path config(BrokerSpec spec) {
        return spec.dir().resolve("server.properties");
    }

    private static Path log4j(BrokerSpec spec) {
        return spec.dir().resolve("log4j2.properties");
    }
}
