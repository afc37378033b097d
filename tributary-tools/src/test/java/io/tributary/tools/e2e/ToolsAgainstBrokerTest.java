package io.tributary.tools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.tools.ToolRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every tool, run in-process, against a real broker ({@link BrokerUnderTest}). */
@Timeout(120)
class ToolsAgainstBrokerTest {

    @TempDir
    static Path dir;

    static BrokerUnderTest broker;
    static String bootstrap;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = BrokerUnderTest.start(dir);
        bootstrap = broker.bootstrapServers();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static ToolRun ok(ToolRun run) {
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        return run;
    }

    @Test
    void topicsCreateListDescribeAlterDelete() {
        assertThat(ok(ToolRun.run("topics", "--create", "--bootstrap-server", bootstrap, "--topic", "lifecycle",
                "--partitions", "1", "--replication-factor", "1", "--config", "retention.ms=3600000")).out())
                .isEqualTo("Created topic lifecycle.\n");
        assertThat(ok(ToolRun.run("topics", "--list", "--bootstrap-server", bootstrap)).outLines()).contains("lifecycle");
        int id = broker.nodeId();
        // Configs lists every non-default value; which broker-level ones appear depends on the broker.
        List<String> described = ok(ToolRun.run("topics", "--describe", "--bootstrap-server", bootstrap, "--topic",
                "lifecycle")).outLines();
        assertThat(described).hasSize(2);
        assertThat(described.get(0)).matches(
                "Topic: lifecycle\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: (\\S+,)?retention.ms=3600000(,\\S+)?");
        assertThat(described.get(1))
                .isEqualTo("\tTopic: lifecycle\tPartition: 0\tLeader: " + id + "\tReplicas: " + id + "\tIsr: " + id);

        ToolRun exists = ToolRun.run("topics", "--create", "--bootstrap-server", bootstrap, "--topic", "lifecycle",
                "--partitions", "1", "--replication-factor", "1");
        assertThat(exists.exitCode()).isEqualTo(1);
        assertThat(exists.errLines()).containsExactly("Error: Topic 'lifecycle' already exists.");
        ok(ToolRun.run("topics", "--create", "--if-not-exists", "--bootstrap-server", bootstrap, "--topic", "lifecycle",
                "--partitions", "1", "--replication-factor", "1"));

        ok(ToolRun.run("topics", "--alter", "--bootstrap-server", bootstrap, "--topic", "lifecycle", "--partitions", "3"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(ToolRun.run("topics", "--describe",
                "--bootstrap-server", bootstrap, "--topic", "lifecycle")).outLines()).hasSize(4));
        ToolRun shrink = ToolRun.run("topics", "--alter", "--bootstrap-server", bootstrap, "--topic", "lifecycle",
                "--partitions", "2");
        assertThat(shrink.exitCode()).isEqualTo(1);
        assertThat(shrink.errLines()).hasSize(1);

        ok(ToolRun.run("topics", "--delete", "--bootstrap-server", bootstrap, "--topic", "lifecycle"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                ok(ToolRun.run("topics", "--list", "--bootstrap-server", bootstrap)).outLines()).doesNotContain("lifecycle"));
        ToolRun missing = ToolRun.run("topics", "--describe", "--bootstrap-server", bootstrap, "--topic", "lifecycle");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines()).containsExactly("Error: Topic 'lifecycle' does not exist as expected");
    }

    @Test
    void producedLinesAreConsumedWithKeysFromTheBeginning() {
        ok(ToolRun.run("topics", "--create", "--bootstrap-server", bootstrap, "--topic", "lines", "--partitions", "1",
                "--replication-factor", "1"));
        ok(ToolRun.withInput("k1:this is a msg\nk2:this is a another msg\n", "console-producer", "--broker-list",
                bootstrap, "--topic", "lines", "--property", "parse.key=true", "key.separator=:",
                "--request-required-acks", "all", "--compression-codec", "lz4"));
        ToolRun consumed = ok(ToolRun.run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "lines",
                "--from-beginning", "--max-messages", "2", "--property", "print.key=true", "print.offset=true",
                "print.partition=true"));
        assertThat(consumed.out()).isEqualTo("Partition:0\tOffset:0\tk1\tthis is a msg\n"
                + "Partition:0\tOffset:1\tk2\tthis is a another msg\n");
        assertThat(consumed.errLines()).containsExactly("Processed a total of 2 messages");

        ToolRun oneFromOffset = ok(ToolRun.run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "lines",
                "--partition", "0", "--offset", "1", "--max-messages", "1"));
        assertThat(oneFromOffset.out()).isEqualTo("this is a another msg\n");

        ToolRun byPattern = ok(ToolRun.run("console-consumer", "--bootstrap-server", bootstrap, "--whitelist",
                "lines|nothing", "--from-beginning", "--timeout-ms", "5000", "--max-messages", "2"));
        assertThat(byPattern.outLines()).containsExactly("this is a msg", "this is a another msg");

        ToolRun idle = ok(ToolRun.run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "lines",
                "--timeout-ms", "2000"));
        assertThat(idle.out()).isEmpty();
        assertThat(idle.errLines()).containsExactly("Processed a total of 0 messages");
    }

    @Test
    void groupOffsetsAreDescribedResetAndDeleted() {
        ok(ToolRun.run("topics", "--create", "--bootstrap-server", bootstrap, "--topic", "grouped", "--partitions", "2",
                "--replication-factor", "1"));
        ok(ToolRun.withInput("0:a\n0:b\n0:c\n", "console-producer", "--bootstrap-server", bootstrap, "--topic",
                "grouped", "--property", "parse.key=true", "--property", "key.separator=:", "--sync"));
        ok(ToolRun.run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "grouped", "--from-beginning",
                "--consumer-property", "group.id=testGroup", "--max-messages", "2"));

        assertThat(ok(ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--list")).outLines())
                .contains("testGroup");
        List<String> lines = ok(ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--describe",
                "--group", "testGroup")).outLines();
        assertThat(lines).contains("Consumer group 'testGroup' has no active members.");
        assertThat(lines).anyMatch(l -> l.startsWith("GROUP") && l.contains("CURRENT-OFFSET  LOG-END-OFFSET  LAG"));
        String partitionWithData = lines.stream().filter(l -> l.startsWith("testGroup") && l.contains(" 3 "))
                .findFirst().orElseThrow();
        assertThat(partitionWithData.split("\\s+")).containsSubsequence("2", "3", "1", "-", "-", "-");

        ToolRun dryRun = ok(ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--reset-offsets",
                "--group", "testGroup", "--topic", "grouped", "--to-earliest", "--dry-run"));
        assertThat(dryRun.outLines()).contains("GROUP           TOPIC           PARTITION  NEW-OFFSET");
        ok(ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--reset-offsets", "--group", "testGroup",
                "--all-topics", "--shift-by", "-1", "--execute"));
        List<String> after = ok(ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--describe",
                "--group", "testGroup")).outLines();
        assertThat(after.stream().filter(l -> l.contains(" 3 ")).findFirst().orElseThrow().split("\\s+"))
                .containsSubsequence("1", "3", "2");

        assertThat(ok(ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--describe", "--state",
                "--group", "testGroup")).out()).contains("Empty");
        assertThat(ok(ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--delete", "--group",
                "testGroup")).out()).isEqualTo("Deletion of requested consumer groups ('testGroup') was successful.\n");
        ToolRun gone = ToolRun.run("consumer-groups", "--bootstrap-server", bootstrap, "--describe", "--group",
                "testGroup");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.errLines()).containsExactly("Error: Consumer group 'testGroup' does not exist.");
    }

    @Test
    void perfToolsPrintKafkasLines() {
        ToolRun produced = ok(ToolRun.run("producer-perf-test", "--topic", "perf", "--num-records", "2000",
                "--record-size", "100", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap,
                "acks=1"));
        assertThat(produced.outLines().get(produced.outLines().size() - 1)).matches(
                "2000 records sent, [0-9.]+ records/sec \\([0-9.]+ MB/sec\\), [0-9.]+ ms avg latency, [0-9.]+ ms max "
                        + "latency, \\d+ ms 50th, \\d+ ms 95th, \\d+ ms 99th, \\d+ ms 99.9th\\.");
        ToolRun consumed = ok(ToolRun.run("consumer-perf-test", "--bootstrap-server", bootstrap, "--topic", "perf",
                "--messages", "2000", "--timeout", "15000"));
        assertThat(consumed.outLines().get(0)).isEqualTo(io.tributary.tools.perf.ConsumerPerfReport.HEADER);
        assertThat(consumed.outLines().get(1).split(", ")[4]).isEqualTo("2000");
    }
}
