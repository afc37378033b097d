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
 * {@code testGroup-2} (gets everything), Ctrl-C committing offsets, and the group's lag afterwards.
 */
class TutorialAsChildProcessesTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void tutorialWorksWordForWord() throws Exception {
        try (BrokerUnderTest broker = BrokerUnderTest.start(dir)) {
            String bs = broker.bootstrapServers();
            assertThat(ToolProcess.run(dir, "", "topics", "--create", "--bootstrap-server", bs, "--replication-factor",
                    "1", "--partitions", "1", "--topic", "test").out()).isEqualTo("Created topic test.\n");
            assertThat(ToolProcess.run(dir, "", "topics", "--list", "--bootstrap-server", bs).out()).contains("test\n");
            assertThat(ToolProcess.run(dir, "", "topics", "--describe", "--bootstrap-server", bs, "--topic", "test")
                    .out()).contains("\tTopic: test\tPartition: 0\tLeader: " + broker.nodeId());

            ToolProcess producer = ToolProcess.run(dir, "this is a msg\nthis is a another msg\n", "console-producer",
                    "--broker-list", bs, "--topic", "test");
            assertThat(producer.exitCode()).as(producer.err()).isZero();
            ToolProcess fromBeginning = ToolProcess.run(dir, "", "console-consumer", "--bootstrap-server", bs,
                    "--from-beginning", "--topic", "test", "--max-messages", "2");
            assertThat(fromBeginning.out()).isEqualTo("this is a msg\nthis is a another msg\n");
            assertThat(fromBeginning.exitCode()).isZero();

            try (ToolProcess a = ToolProcess.start(dir, "", "console-consumer", "--bootstrap-server", bs,
                    "--consumer-property", "group.id=testGroup", "--topic", "test");
                 ToolProcess b = ToolProcess.start(dir, "", "console-consumer", "--bootstrap-server", bs,
                         "--consumer-property", "group.id=testGroup", "--topic", "test");
                 ToolProcess c = ToolProcess.start(dir, "", "console-consumer", "--bootstrap-server", bs,
                         "--consumer-property", "group.id=testGroup-2", "--topic", "test")) {
                awaitAssigned(bs, "testGroup", 2);
                awaitAssigned(bs, "testGroup-2", 1);
                Thread.sleep(3000); // let each new member look up its starting (latest) offset
                ToolProcess.run(dir, "m1\nm2\n", "console-producer", "--bootstrap-server", bs, "--topic", "test");

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
            List<String> describe = ToolRun.run("consumer-groups", "--bootstrap-server", bs, "--describe", "--group",
                    "testGroup").outLines();
            String row = describe.stream().filter(l -> l.startsWith("testGroup ")).findFirst().orElseThrow();
            assertThat(row.split("\\s+")).containsSubsequence("test", "0", "4", "4", "0");

            assertThat(ToolProcess.run(dir, "", "topics", "--alter", "--bootstrap-server", bs, "--topic", "test",
                    "--partitions", "3").exitCode()).isZero();
            ToolProcess delete = ToolProcess.run(dir, "", "topics", "--delete", "--bootstrap-server", bs, "--topic",
                    "test");
            assertThat(delete.exitCode()).as(delete.err()).isZero();
        }
    }

    private static void awaitAssigned(String bs, String group, int members) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ToolRun run = ToolRun.run("consumer-groups", "--bootstrap-server", bs, "--describe", "--state", "--group",
                    group);
            assertThat(run.out()).contains("Stable").containsPattern("Stable\\s+" + members);
        });
    }
}
