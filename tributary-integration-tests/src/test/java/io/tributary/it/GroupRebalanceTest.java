package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rebalances the coordinator must run for a live group: when the subscribed topic grows (the leader notices on
 * its next metadata refresh and rejoins) and when a third member joins a group of two on three partitions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupRebalanceTest {

    private static EmbeddedBroker broker;

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
    void subscribedMemberGetsAndReadsAPartitionAddedWhileItRuns() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Clients.createTopic(bootstrap, "growing", 1);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> member = GroupMembers.member(bootstrap, "growing-group", "m",
                Map.of("metadata.max.age.ms", "500"))) {
            member.subscribe(List.of("growing"));
            GroupMembers.await("the member owns partition 0", Duration.ofSeconds(20), () -> {
                member.poll(Duration.ofMillis(100)).forEach(received::add);
                return GroupMembers.partitionsOf(member).equals(Set.of(0));
            });
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(2))).all().get(20, TimeUnit.SECONDS);
            }
            GroupMembers.produce(bootstrap, "growing", 1, "new-", 0, 10);

            GroupMembers.await("the member read the new partition's records", Duration.ofSeconds(30), () -> {
                member.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.size() == 10;
            });
            assertThat(GroupMembers.partitionsOf(member)).containsExactlyInAnyOrder(0, 1);
            assertThat(received).allSatisfy(r -> assertThat(r.partition()).isEqualTo(1));
        }
    }

    @Test
    void thirdMemberJoiningAGroupOfTwoLeavesEachMemberOneOfThreePartitions() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Clients.createTopic(bootstrap, "three", 3);
        List<KafkaConsumer<String, String>> members = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                members.add(subscribed(bootstrap, "m" + i));
            }
            pollUntil(members, "two members own all three partitions", () -> members.stream()
                    .allMatch(m -> !m.assignment().isEmpty()) && owned(members).size() == 3);

            members.add(subscribed(bootstrap, "m2"));
            pollUntil(members, "each of three members owns one partition", () -> members.stream()
                    .allMatch(m -> m.assignment().size() == 1) && owned(members).size() == 3);

            for (int p = 0; p < 3; p++) {
                GroupMembers.produce(bootstrap, "three", p, "p" + p + "-", 0, 5);
            }
            List<List<ConsumerRecord<String, String>>> received = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            GroupMembers.await("the members read all 15 records", Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 3; i++) {
                    members.get(i).poll(Duration.ofMillis(50)).forEach(received.get(i)::add);
                }
                return received.stream().mapToInt(List::size).sum() == 15;
            });
            for (int i = 0; i < 3; i++) {
                int owned = members.get(i).assignment().iterator().next().partition();
                assertThat(received.get(i)).hasSize(5).allSatisfy(r -> assertThat(r.partition()).isEqualTo(owned));
            }
        } finally {
            members.forEach(KafkaConsumer::close);
        }
    }

    private static KafkaConsumer<String, String> subscribed(String bootstrap, String clientId) {
        KafkaConsumer<String, String> member = GroupMembers.member(bootstrap, "three-group", clientId, Map.of());
        member.subscribe(List.of("three"));
        return member;
    }

    /** Polls every member in turn (a rebalance completes only once all of them rejoin) until the condition holds. */
    private static void pollUntil(List<KafkaConsumer<String, String>> members, String what,
                                  java.util.function.BooleanSupplier condition) throws InterruptedException {
        GroupMembers.await(what, Duration.ofSeconds(30), () -> {
            for (KafkaConsumer<String, String> m : members) {
                assertThat(m.poll(Duration.ofMillis(50))).as("no records yet").isEmpty();
            }
            return condition.getAsBoolean();
        });
    }

    private static Set<Integer> owned(List<KafkaConsumer<String, String>> members) {
        Set<Integer> all = new HashSet<>();
        members.forEach(m -> all.addAll(GroupMembers.partitionsOf(m)));
        return all;
    }
}
