package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group consumers of the other client libraries against Tributary: kcat's balanced consumer (librdkafka 2.0.2),
 * kafka-python 2.0.2, confluent-kafka (librdkafka) and kafkajs 2.2.4. Each joins a fresh group on a
 * three-partition topic, must consume every produced value exactly once and leave its group's committed offsets
 * at the end of every partition.
 *
 * <p>kafkajs comes from npm: the test copies src/test/node (package.json, the lock file pinning 2.2.4 with its
 * hash, the script) to target/kafkajs and runs {@code npm ci} there when node_modules is missing, so the README's
 * {@code mvn verify} needs no extra step and nothing is installed into the source tree.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupConsumersOfOtherClientsTest {

    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 20;

    private static EmbeddedBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kcatBalancedConsumerReadsAndCommitsEveryMessage() throws Exception {
        ExternalClients.require(ExternalClients.onPath("kcat"), "kcat", "apt-get install -y kcat");
        List<String> produced = produce("kcat");
        Path out = tmp.resolve("kcat.out");
        Path err = tmp.resolve("kcat.err");
        // kcat -G has no exit-at-end (-e): run it, unbuffered (-u) so its output can be watched, until it
        // printed everything, then SIGTERM, on which it closes its consumer and commits what it consumed.
        Process kcat = new ProcessBuilder("kcat", "-b", broker.bootstrapServers(), "-G", "kcat-group", "kcat",
                "-X", "auto.offset.reset=earliest", "-X", "auto.commit.interval.ms=100", "-f", "%s\\n", "-q", "-u")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            GroupMembers.await("kcat printed " + produced.size() + " lines", Duration.ofSeconds(60),
                    () -> lines(out).size() >= produced.size() || !kcat.isAlive());
            Thread.sleep(300);
        } finally {
            kcat.destroy();
            if (!kcat.waitFor(15, TimeUnit.SECONDS)) {
                kcat.destroyForcibly();
            }
        }
        assertThat(lines(out)).as("kcat stderr: %s", Files.readString(err)).containsExactlyInAnyOrderElementsOf(produced);
        assertCommittedAtEnd("kcat-group", "kcat");
    }

    @Test
    void kafkaPythonGroupConsumerReadsAndCommitsEveryMessage() throws Exception {
        ExternalClients.require(ExternalClients.pythonHas("kafka"), "kafka-python for /usr/bin/python3",
                "apt-get install -y python3-kafka");
        runScriptClient("kafka-python", List.of(ExternalClients.PYTHON, resource("clients/kafka_python_group_consumer.py")), null);
    }

    @Test
    void confluentKafkaGroupConsumerReadsAndCommitsEveryMessage() throws Exception {
        ExternalClients.require(ExternalClients.pythonHas("confluent_kafka"), "confluent-kafka for /usr/bin/python3",
                "apt-get install -y python3-confluent-kafka");
        runScriptClient("confluent-kafka",
                List.of(ExternalClients.PYTHON, resource("clients/confluent_kafka_group_consumer.py")), null);
    }

    @Test
    void kafkajsGroupConsumerReadsAndCommitsEveryMessage() throws Exception {
        ExternalClients.require(ExternalClients.onPath("node") && ExternalClients.onPath("npm"), "node and npm",
                "install Node.js 14+ with npm");
        Path dir = ExternalClients.installKafkajs();
        runScriptClient("kafkajs", List.of("node", dir.resolve("group-consumer.js").toString()), dir);
    }

    /** Runs a client script given bootstrap, topic, group and count; it exits once it read and committed them all. */
    private void runScriptClient(String name, List<String> command, Path dir) throws Exception {
        List<String> produced = produce(name);
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(broker.bootstrapServers(), name, name + "-group", String.valueOf(produced.size())));
        Path out = tmp.resolve(name + ".out");
        int exit = ExternalClients.run(full, dir, out, 60);
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exit).as("%s exit code; output:%n%s", name, printed).isZero();
        assertThat(printed.lines().filter(l -> l.startsWith(name + "-")).toList()).as(printed)
                .containsExactlyInAnyOrderElementsOf(produced);
        assertCommittedAtEnd(name + "-group", name);
    }

    /** Creates topic {@code name} and writes {@code name-p-i} values, {@link #PER_PARTITION} to each partition. */
    private static List<String> produce(String name) throws Exception {
        Clients.createTopic(broker.bootstrapServers(), name, PARTITIONS);
        List<String> values = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            GroupMembers.produce(broker.bootstrapServers(), name, p, name + "-" + p + "-", 0, PER_PARTITION);
            for (int i = 0; i < PER_PARTITION; i++) {
                values.add(name + "-" + p + "-" + i);
            }
        }
        return values;
    }

    private static void assertCommittedAtEnd(String group, String topic) throws Exception {
        Map<TopicPartition, Long> expected = new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(new TopicPartition(topic, p), (long) PER_PARTITION);
        }
        GroupMembers.await(group + " committed the end of every partition", Duration.ofSeconds(15),
                () -> expected.equals(committedQuietly(group)));
    }

    private static Map<TopicPartition, Long> committedQuietly(String group) {
        try {
            return GroupMembers.committed(broker.bootstrapServers(), group);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static String resource(String name) throws Exception {
        return Path.of(GroupConsumersOfOtherClientsTest.class.getClassLoader().getResource(name).toURI()).toString();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
