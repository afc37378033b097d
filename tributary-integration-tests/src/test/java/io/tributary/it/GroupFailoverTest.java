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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unicast when a member dies: one member of a two-member group runs in a child JVM and is killed with SIGKILL
 * mid-stream (no LeaveGroup, no last commit). The coordinator must evict it after the session timeout and the
 * member in this JVM must take over its partition from exactly the offset the dead member committed last, so
 * that the two together saw every record of that partition.
 */
class GroupFailoverTest {

    private static final Pattern ASSIGNED = Pattern.compile("(?m)^ASSIGNED ?(.*)$");
    private static final Pattern RECORD = Pattern.compile("(?m)^RECORD (\\d+) (\\d+) (\\S+)$");

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
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void survivorTakesOverAKilledMembersPartitionFromItsLastCommittedOffset() throws Exception {
        String bootstrap = broker.bootstrapServers();
        String topic = "failover";
        String group = "failover-group";
        Clients.createTopic(bootstrap, topic, 2);
        Path childOut = tmp.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), ChildGroupMember.class.getName(),
                bootstrap, topic, group, "doomed", "20")
                .redirectErrorStream(true).redirectOutput(childOut.toFile()).start();
        List<ConsumerRecord<String, String>> survived = new ArrayList<>();
        try (KafkaConsumer<String, String> survivor = GroupMembers.member(bootstrap, group, "survivor", Map.of())) {
            survivor.subscribe(List.of(topic));
            GroupMembers.await("each member owns one partition", Duration.ofSeconds(40), () -> {
                survivor.poll(Duration.ofMillis(100)).forEach(survived::add);
                return GroupMembers.partitionsOf(survivor).size() == 1 && lastAssignment(childOut).size() == 1;
            });
            int childPartition = lastAssignment(childOut).iterator().next();
            assertThat(GroupMembers.partitionsOf(survivor)).containsExactly(1 - childPartition);

            GroupMembers.produce(bootstrap, topic, childPartition, "c-", 0, 300);
            GroupMembers.await("the child consumed 50 records", Duration.ofSeconds(30), () -> {
                survivor.poll(Duration.ofMillis(100)).forEach(survived::add);
                return childRecords(childOut).size() >= 50;
            });
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long lastCommit = GroupMembers.committed(bootstrap, group).get(new TopicPartition(topic, childPartition));
            List<long[]> childSaw = childRecords(childOut);
            assertThat(lastCommit).as("the child was killed mid-stream").isBetween(50L, 299L);

            long killedAt = System.nanoTime();
            GroupMembers.await("the survivor read the dead member's partition to its end", Duration.ofSeconds(45), () -> {
                for (ConsumerRecord<String, String> r : survivor.poll(Duration.ofMillis(100))) {
                    survived.add(r);
                    survivor.commitSync();
                }
                return survived.stream().anyMatch(r -> r.partition() == childPartition && r.offset() == 299);
            });
            long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.println("failover: child committed up to " + lastCommit + " and printed " + childSaw.size()
                    + " records; the survivor took over after " + takeoverMs + " ms");

            List<ConsumerRecord<String, String>> takenOver = survived.stream()
                    .filter(r -> r.partition() == childPartition).toList();
            assertThat(takenOver.get(0).offset()).as("first offset the survivor read").isEqualTo(lastCommit);
            assertThat(takenOver).extracting(ConsumerRecord::offset).doesNotHaveDuplicates();
            Set<Long> seen = new TreeSet<>();
            childSaw.forEach(r -> seen.add(r[1]));
            takenOver.forEach(r -> seen.add(r.offset()));
            assertThat(seen).as("offsets of partition %d seen by either member", childPartition).hasSize(300);
            assertThat(takeoverMs).as("eviction waits for the session timeout")
                    .isGreaterThanOrEqualTo(GroupMembers.SESSION_TIMEOUT_MS / 2);
            assertThat(GroupMembers.partitionsOf(survivor)).containsExactlyInAnyOrder(0, 1);
        } finally {
            child.destroyForcibly();
        }
    }

    /** Partitions in the child's last ASSIGNED line (empty before its first assignment). */
    private static Set<Integer> lastAssignment(Path childOut) {
        Set<Integer> partitions = new TreeSet<>();
        Matcher m = ASSIGNED.matcher(read(childOut));
        String last = null;
        while (m.find()) {
            last = m.group(1).trim();
        }
        if (last != null && !last.isEmpty()) {
            for (String p : last.split(" ")) {
                partitions.add(Integer.parseInt(p));
            }
        }
        return partitions;
    }

    /** {partition, offset} of each RECORD line the child printed. */
    private static List<long[]> childRecords(Path childOut) {
        List<long[]> records = new ArrayList<>();
        Matcher m = RECORD.matcher(read(childOut));
        while (m.find()) {
            records.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return records;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
