package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rolling changes of a live group's protocol with kafka-clients 4.2.0: the two members of a classic
 * group are replaced one by one by {@code group.protocol=consumer} members while records keep
 * arriving, and back. The new members take over once the last old one left, from the offsets it
 * committed, and every record is read exactly once across the whole change.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RollingProtocolMigrationTest {

    private String topic = "upgrade";
    private String group = "upgrade-group";

    private static EmbeddedBroker broker;
    private final List<String> received = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0",
                "group.consumer.heartbeat.interval.ms", "500"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void classicMembersReplacedOneByOneByConsumerProtocolMembersLoseAndRepeatNothing() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Clients.createTopic(bootstrap, topic, 2);
        produceRound(0);
        KafkaConsumer<String, String> classic1 = member("classic1", "classic");
        KafkaConsumer<String, String> classic2 = member("classic2", "classic");
        try {
            pollUntil("two classic members own a partition each", List.of(classic1, classic2),
                    () -> classic1.assignment().size() == 1 && classic2.assignment().size() == 1);

            classic1.close();
            produceRound(1);
            try (KafkaConsumer<String, String> upgraded1 = member("upgraded1", "consumer")) {
                pollUntil("the remaining classic member owns both partitions", List.of(classic2, upgraded1),
                        () -> classic2.assignment().size() == 2);
                assertThat(upgraded1.assignment()).as("idle while a classic member runs the group").isEmpty();

                classic2.close();
                produceRound(2);
                pollUntil("the upgraded member owns both partitions", List.of(upgraded1),
                        () -> upgraded1.assignment().size() == 2);
                try (KafkaConsumer<String, String> upgraded2 = member("upgraded2", "consumer")) {
                    pollUntil("two upgraded members own a partition each", List.of(upgraded1, upgraded2),
                            () -> upgraded1.assignment().size() == 1 && upgraded2.assignment().size() == 1);
                    produceRound(3);
                    pollUntil("every record was read", List.of(upgraded1, upgraded2), () -> received.size() >= 80);
                    Thread.sleep(500);
                    for (KafkaConsumer<String, String> member : List.of(upgraded1, upgraded2)) {
                        member.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                    }
                }
            }
        } finally {
            classic1.close();
            classic2.close();
        }
        Set<String> distinct = new HashSet<>(received);
        assertThat(distinct).hasSize(80);
        assertThat(received).as("no record read twice").hasSize(80);
    }

    @Test
    void consumerProtocolMembersReplacedOneByOneByClassicMembersLoseAndRepeatNothing() throws Exception {
        topic = "downgrade";
        group = "downgrade-group";
        Clients.createTopic(broker.bootstrapServers(), topic, 2);
        produceRound(0);
        KafkaConsumer<String, String> new1 = member("new1", "consumer");
        KafkaConsumer<String, String> new2 = member("new2", "consumer");
        try {
            pollUntil("two consumer-protocol members own a partition each", List.of(new1, new2),
                    () -> new1.assignment().size() == 1 && new2.assignment().size() == 1);

            new1.close();
            produceRound(1);
            try (KafkaConsumer<String, String> old1 = member("old1", "classic")) {
                pollUntil("the remaining consumer-protocol member owns both partitions", List.of(new2, old1),
                        () -> new2.assignment().size() == 2);
                assertThat(old1.assignment()).as("waits while consumer-protocol members run the group").isEmpty();

                new2.close();
                produceRound(2);
                pollUntil("the classic member owns both partitions", List.of(old1), () -> old1.assignment().size() == 2);
                try (KafkaConsumer<String, String> old2 = member("old2", "classic")) {
                    pollUntil("two classic members own a partition each", List.of(old1, old2),
                            () -> old1.assignment().size() == 1 && old2.assignment().size() == 1);
                    produceRound(3);
                    pollUntil("every record was read", List.of(old1, old2), () -> received.size() >= 80);
                    Thread.sleep(500);
                    for (KafkaConsumer<String, String> member : List.of(old1, old2)) {
                        member.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                    }
                }
            }
        } finally {
            new1.close();
            new2.close();
        }
        assertThat(new HashSet<>(received)).hasSize(80);
        assertThat(received).as("no record read twice").hasSize(80);
    }

    /** Ten records to each partition, values {@code r<round>-p<partition>-<i>}. */
    private void produceRound(int round) throws Exception {
        for (int p = 0; p < 2; p++) {
            GroupMembers.produce(broker.bootstrapServers(), topic, p, "r" + round + "-p" + p + "-", 0, 10);
        }
    }

    private KafkaConsumer<String, String> member(String clientId, String protocol) {
        Properties c = new Properties();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("group.id", group);
        c.put("group.protocol", protocol);
        c.put("client.id", clientId);
        c.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        c.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        c.put("max.poll.records", "3");
        if (protocol.equals("classic")) {
            c.put("session.timeout.ms", String.valueOf(GroupMembers.SESSION_TIMEOUT_MS));
            c.put("heartbeat.interval.ms", "300");
        }
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls each member in turn, committing what it read after every poll, until the condition holds. */
    private void pollUntil(String what, List<KafkaConsumer<String, String>> members, BooleanSupplier condition)
            throws InterruptedException {
        GroupMembers.await(what, Duration.ofSeconds(30), () -> {
            for (KafkaConsumer<String, String> member : members) {
                for (ConsumerRecord<String, String> record : member.poll(Duration.ofMillis(100))) {
                    received.add(record.value());
                }
                member.commitSync(Duration.ofSeconds(10));
            }
            return condition.getAsBoolean();
        });
    }
}
