package io.tributary.tools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.tools.ToolRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requirement documents' tutorial, command by command, each tool in its own JVM: topics, producer, consumer
 * from the beginning, two consumers sharing {@code testGroup} (each message reaches one of them), one in
 * {@code testGroup-2} (gets everything), Ctrl-C committing offsets, the group's lag afterwards, growing and
 * deleting the topic, and the documents' {@code --zookeeper} form of the topics tool (when the broker keeps its
 * metadata in ZooKeeper).
 */
class TutorialAsChildProcessesTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void tutorialWorksWordForWord() throws Exception {
        try (BrokerUnderTest broker = BrokerUnderTest.start(dir)) {
            String bs = broker.bootstrapServers();
            String id = String.valueOf(broker.nodeId());
            assertThat(ok(ToolProcess.run(dir, "", "topics", "--create", "--bootstrap-server", bs,
                    "--replication-factor", "1", "--partitions", "1", "--topic", "test")).out())
                    .isEqualTo("Created topic test.\n");
            ok(ToolProcess.run(dir, "", "topics", "--create", "--bootstrap-server", bs, "--replication-factor", "1",
                    "--partitions", "1", "--topic", "my-replicated-topic"));
            assertThat(ok(ToolProcess.run(dir, "", "topics", "--list", "--bootstrap-server", bs)).out().lines())
                    .contains("test", "my-replicated-topic");
            // Configs lists the non-default values: none on Tributary, some broker-level ones on Apache Kafka.
            List<String> described = ok(ToolProcess.run(dir, "", "topics", "--describe", "--bootstrap-server", bs,
                    "--topic", "my-replicated-topic")).out().lines().toList();
            assertThat(described).hasSize(2);
            assertThat(described.get(0)).startsWith(
                    "Topic: my-replicated-topic\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: ");
            assertThat(described.get(1)).isEqualTo(
                    "\tTopic: my-replicated-topic\tPartition: 0\tLeader: " + id + "\tReplicas: " + id + "\tIsr: " + id);

            ok(ToolProcess.run(dir, "this is a msg\nthis is a another msg\n", "console-producer", "--broker-list", bs,
                    "--topic", "test"));
            ToolProcess fromBeginning = ok(ToolProcess.run(dir, "", "console-consumer", "--bootstrap-server", bs,
                    "--from-beginning", "--topic", "test", "--max-messages", "2"));
            assertThat(fromBeginning.out()).isEqualTo("this is a msg\nthis is a another msg\n");

            try (ToolProcess a = ToolProcess.start(dir, "", "console-consumer", "--bootstrap-server", bs,
                    "--consumer-property", "group.id=testGroup", "--topic", "test");
                 ToolProcess b = ToolProcess.start(dir, "", "console-consumer", "--bootstrap-server", bs,
                         "--consumer-property", "group.id=testGroup", "--topic", "test");
                 ToolProcess c = ToolProcess.start(dir, "", "console-consumer", "--bootstrap-server", bs,
                         "--consumer-property", "group.id=testGroup-2", "--topic", "test")) {
                awaitAssigned(bs, "testGroup", 2, a, b);
                awaitAssigned(bs, "testGroup-2", 1, c);
                Thread.sleep(3000); // let each new member look up its starting (latest) offset
                ok(ToolProcess.run(dir, "m1\nm2\n", "console-producer", "--bootstrap-server", bs, "--topic", "test"));

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(c.out()).isEqualTo("m1\nm2\n");
                    assertThat(a.out() + b.out()).isIn("m1\nm2\n");
                });
                a.terminate();
                b.terminate();
                c.terminate();
                assertThat(a.err() + b.err()).contains("Processed a total of 2 messages")
                        .contains("Processed a total of 0 messages");
            }
            List<String> describe = ok(ToolProcess.run(dir, "", "consumer-groups", "--bootstrap-server", bs,
                    "--describe", "--group", "testGroup")).out().lines().toList();
            assertThat(describe).anyMatch(l -> l.matches("GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +"
                    + "CONSUMER-ID +HOST +CLIENT-ID"));
            String row = describe.stream().filter(l -> l.startsWith("testGroup ")).findFirst().orElseThrow();
            assertThat(row.split("\\s+")).containsExactly("testGroup", "test", "0", "4", "4", "0", "-", "-", "-");

            ok(ToolProcess.run(dir, "", "topics", "--alter", "--bootstrap-server", bs, "--topic", "test",
                    "--partitions", "3"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(ToolProcess.run(dir, "", "topics",
                    "--describe", "--bootstrap-server", bs, "--topic", "test")).out()).contains("PartitionCount: 3"));
            ok(ToolProcess.run(dir, "", "topics", "--delete", "--bootstrap-server", bs, "--topic", "test"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(ToolProcess.run(dir, "", "topics",
                    "--list", "--bootstrap-server", bs)).out().lines()).contains("my-replicated-topic").doesNotContain("test"));

            if (broker.zookeeperConnect().isPresent()) {
                zooKeeperForm(broker.zookeeperConnect().get(), id);
            }
        }
    }

    /** Kafka 2.x's {@code --zookeeper} form: the broker's controller picks the topic up from the znodes written. */
    private void zooKeeperForm(String zk, String id) throws Exception {
        assertThat(ok(ToolProcess.run(dir, "", "topics", "--create", "--zookeeper", zk, "--replication-factor", "1",
                "--partitions", "2", "--topic", "zk-topic")).out()).isEqualTo("Created topic zk-topic.\n");
        assertThat(ok(ToolProcess.run(dir, "", "topics", "--list", "--zookeeper", zk)).out().lines())
                .contains("my-replicated-topic", "zk-topic").doesNotContain("test");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(ToolProcess.run(dir, "", "topics",
                "--describe", "--zookeeper", zk, "--topic", "zk-topic")).out().lines()).containsExactly(
                "Topic: zk-topic\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: ",
                "\tTopic: zk-topic\tPartition: 0\tLeader: " + id + "\tReplicas: " + id + "\tIsr: " + id,
                "\tTopic: zk-topic\tPartition: 1\tLeader: " + id + "\tReplicas: " + id + "\tIsr: " + id));
    }

    private static ToolProcess ok(ToolProcess run) throws Exception {
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        return run;
    }

    private static void awaitAssigned(String bs, String group, int members, ToolProcess... consumers) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ToolRun run = ToolRun.run("consumer-groups", "--bootstrap-server", bs, "--describe", "--state", "--group",
                    group);
            StringBuilder stderr = new StringBuilder();
            for (ToolProcess consumer : consumers) {
                stderr.append(consumer.err()).append("\n---\n");
            }
            assertThat(run.out()).as("consumers' stderr: %s", stderr).containsPattern("Stable\\s+" + members);
        });
    }
}
