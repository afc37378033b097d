package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessCluster;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The requirement documents' replicated-topic walk-through, on brokers 0, 1 and 2 each in its own JVM: create
 * {@code my-replicated-topic} with three replicas, describe it, produce two messages, SIGKILL partition 0's
 * leader, see a new leader taken from the ISR and the dead broker dropped from it, still read both messages from
 * the beginning, restart the dead broker and see it rejoin the ISR. Driven through the {@code tributary} tools.
 */
class ReplicatedClusterScenarioTest {

    private static final String TOPIC = "my-replicated-topic";
    private static final Set<Integer> ALL = Set.of(0, 1, 2);
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Pattern PARTITION_LINE = Pattern.compile(
            "Partition: (\\d+)\\s+Leader: (\\S+)\\s+Replicas: (\\S+)\\s+Isr: (\\S+)");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void leaderSigkillMovesLeadershipWithinTheIsrAndTheRestartedBrokerRejoins() {
        try (ChildProcessCluster cluster = ChildProcessCluster.start(3, Map.of())) {
            String bootstrap = cluster.bootstrapServers();
            Tool create = Tool.run("topics", "--bootstrap-server", bootstrap, "--create", "--topic", TOPIC,
                    "--partitions", "2", "--replication-factor", "3");
            assertThat(create.exitCode()).as(create.toString()).isZero();
            cluster.awaitIsr(TOPIC, 0, ALL, WAIT);
            cluster.awaitIsr(TOPIC, 1, ALL, WAIT);

            Map<Integer, String[]> before = describe(bootstrap);
            for (String[] p : before.values()) {
                assertThat(ids(p[2])).as("replicas").isEqualTo(ALL);
                assertThat(ids(p[3])).as("isr").isEqualTo(ALL);
                assertThat(ids(p[2])).contains(Integer.parseInt(p[1]));
            }

            Tool produce = Tool.withInput("This is message 1\nThis is message 2\n", "console-producer",
                    "--bootstrap-server", bootstrap, "--topic", TOPIC);
            assertThat(produce.exitCode()).as(produce.toString()).isZero();
            assertThat(consumeFromBeginning(bootstrap)).containsExactlyInAnyOrder("This is message 1", "This is message 2");

            int deadLeader = Integer.parseInt(before.get(0)[1]);
            cluster.kill(deadLeader);
            Set<Integer> survivors = new HashSet<>(ALL);
            survivors.remove(deadLeader);
            int newLeader = cluster.awaitLeader(TOPIC, 0, survivors::contains, WAIT);
            cluster.awaitIsr(TOPIC, 0, survivors, WAIT);

            Map<Integer, String[]> after = describe(bootstrap);
            assertThat(Integer.parseInt(after.get(0)[1])).isEqualTo(newLeader).isIn(ids(before.get(0)[3]));
            assertThat(ids(after.get(0)[2])).as("replicas stay assigned").isEqualTo(ALL);
            assertThat(ids(after.get(0)[3])).as("isr after the kill").isEqualTo(survivors);

            assertThat(consumeFromBeginning(bootstrap)).containsExactlyInAnyOrder("This is message 1", "This is message 2");

            cluster.restart(deadLeader);
            cluster.awaitIsr(TOPIC, 0, ALL, WAIT);
            cluster.awaitIsr(TOPIC, 1, ALL, WAIT);
            Map<Integer, String[]> rejoined = describe(bootstrap);
            assertThat(ids(rejoined.get(0)[3])).as("isr after the restart").isEqualTo(ALL);
        }
    }

    /** Runs {@code topics --describe}, prints it as the documents do, and returns partition -> [p, leader, replicas, isr]. */
    private static Map<Integer, String[]> describe(String bootstrap) {
        Tool describe = Tool.run("topics", "--bootstrap-server", bootstrap, "--describe", "--topic", TOPIC);
        assertThat(describe.exitCode()).as(describe.toString()).isZero();
        System.out.print(describe.out());
        Map<Integer, String[]> partitions = new TreeMap<>();
        Matcher m = PARTITION_LINE.matcher(describe.out());
        while (m.find()) {
            partitions.put(Integer.parseInt(m.group(1)), new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        assertThat(partitions).as(describe.out()).containsOnlyKeys(0, 1);
        return partitions;
    }

    private static List<String> consumeFromBeginning(String bootstrap) {
        Tool consume = Tool.run("console-consumer", "--bootstrap-server", bootstrap, "--topic", TOPIC,
                "--from-beginning", "--max-messages", "2", "--timeout-ms", "30000");
        assertThat(consume.exitCode()).as(consume.toString()).isZero();
        return consume.out().lines().toList();
    }

    private static Set<Integer> ids(String csv) {
        Set<Integer> ids = new HashSet<>();
        for (String id : csv.split(",")) {
            ids.add(Integer.parseInt(id.trim()));
        }
        return ids;
    }
}
