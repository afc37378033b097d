package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.testkit.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka 4.2.0's own command-line tools (the classes behind kafka-topics.sh, kafka-console-producer.sh,
 * kafka-console-consumer.sh and kafka-consumer-groups.sh), each in its own JVM, against a Tributary broker: their
 * exit codes and the output users read.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ApacheKafkaToolsTest {

    private static final String TOPICS = "org.apache.kafka.tools.TopicCommand";
    private static final String PRODUCER = "org.apache.kafka.tools.ConsoleProducer";
    private static final String CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    private static final String GROUPS = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";

    private static EmbeddedBroker broker;
    private static String bs;
    private static String id;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
        bs = broker.bootstrapServers();
        id = String.valueOf(broker.broker().brokerId());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void topicCommandCreatesListsDescribesAltersAndDeletes() throws Exception {
        assertThat(tool(TOPICS, "--bootstrap-server", bs, "--create", "--topic", "kt-lifecycle", "--partitions", "1",
                "--replication-factor", "1", "--config", "retention.ms=3600000").out())
                .isEqualTo("Created topic kt-lifecycle.\n");
        assertThat(tool(TOPICS, "--bootstrap-server", bs, "--list").outLines()).contains("kt-lifecycle");

        List<String> described = tool(TOPICS, "--bootstrap-server", bs, "--describe", "--topic", "kt-lifecycle")
                .outLines();
        assertThat(described).hasSize(2);
        assertThat(described.get(0)).matches("Topic: kt-lifecycle\tTopicId: \\S+\tPartitionCount: 1\t"
                + "ReplicationFactor: 1\tConfigs: (\\S+,)?retention.ms=3600000(,\\S+)?");
        assertThat(described.get(1)).startsWith("\tTopic: kt-lifecycle\tPartition: 0\tLeader: " + id + "\tReplicas: "
                + id + "\tIsr: " + id);

        tool(TOPICS, "--bootstrap-server", bs, "--alter", "--topic", "kt-lifecycle", "--partitions", "3");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tool(TOPICS, "--bootstrap-server", bs,
                "--describe", "--topic", "kt-lifecycle").outLines()).hasSize(4)
                .first().asString().contains("PartitionCount: 3"));

        tool(TOPICS, "--bootstrap-server", bs, "--delete", "--topic", "kt-lifecycle");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tool(TOPICS, "--bootstrap-server", bs,
                "--list").outLines()).doesNotContain("kt-lifecycle"));
    }

    @Test
    void consoleToolsRoundTripAndGroupCommandShowsTheCommittedOffsets() throws Exception {
        tool(TOPICS, "--bootstrap-server", bs, "--create", "--topic", "kt-lines", "--partitions", "1",
                "--replication-factor", "1");
        toolWithInput("k1:this is a msg\nk2:this is a another msg\nk3:third\n", PRODUCER, "--bootstrap-server", bs,
                "--topic", "kt-lines", "--property", "parse.key=true", "--property", "key.separator=:");

        JvmTool consumed = tool(CONSUMER, "--bootstrap-server", bs, "--topic", "kt-lines", "--from-beginning",
                "--group", "ktGroup", "--max-messages", "2", "--formatter-property", "print.key=true",
                "--formatter-property", "print.offset=true");
        assertThat(consumed.outLines()).containsExactly("Offset:0\tk1\tthis is a msg",
                "Offset:1\tk2\tthis is a another msg");
        assertThat(consumed.err()).contains("Processed a total of 2 messages");

        assertThat(tool(GROUPS, "--bootstrap-server", bs, "--list").outLines()).contains("ktGroup");
        JvmTool described = tool(GROUPS, "--bootstrap-server", bs, "--describe", "--group", "ktGroup");
        List<String> describe = described.outLines();
        assertThat(describe).anyMatch(l -> l.matches("GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +"
                + "CONSUMER-ID +HOST +CLIENT-ID"));
        String row = describe.stream().filter(l -> l.startsWith("ktGroup ")).findFirst().orElseThrow();
        assertThat(row.split("\\s+")).containsExactly("ktGroup", "kt-lines", "0", "2", "3", "1", "-", "-", "-");
        assertThat(described.err()).contains("Consumer group 'ktGroup' has no active members.");

        List<String> state = tool(GROUPS, "--bootstrap-server", bs, "--describe", "--group", "ktGroup", "--state")
                .outLines();
        assertThat(state).anyMatch(l -> l.startsWith("ktGroup ") && l.contains("Empty"));
    }

    private JvmTool tool(String mainClass, String... args) throws Exception {
        return toolWithInput("", mainClass, args);
    }

    private JvmTool toolWithInput(String stdin, String mainClass, String... args) throws Exception {
        return JvmTool.run(dir, stdin, mainClass, args).ok();
    }
}
