package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.testkit.EmbeddedBroker;
import io.tributary.testkit.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deleting a topic and creating one of the same name right after, as admin scripts and test fixtures do, in a
 * tight loop: 100 rounds with 1 to 5 partitions. The create either fails with TOPIC_ALREADY_EXISTS while the
 * deletion is in progress (and is retried) or succeeds; after it succeeds the topic must have exactly the
 * requested partitions, each with a leader, and be empty, although every round writes a record to each
 * partition before deleting it.
 */
class TopicDeleteRecreateTest {

    private static final int ROUNDS = 100;
    private static final String TOPIC = "recreated";
    private static final long ROUND_DEADLINE_MS = 30_000;

    @Test
    @Timeout(240)
    void deleteAndRecreateOnOneBrokerAlwaysEndsWithACompleteEmptyTopic() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of("num.partitions", "1"))) {
            loop(broker.bootstrapServers(), 1);
        }
    }

    @Test
    @Timeout(300)
    void deleteAndRecreateOnThreeBrokersAlwaysEndsWithACompleteEmptyTopic() throws Exception {
        Path dir = TempDirs.create("tributary-recreate-");
        List<EmbeddedBroker> brokers = new ArrayList<>();
        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), 0)) {
            try {
                for (int id = 0; id < 3; id++) {
                    brokers.add(EmbeddedBroker.start(Map.of("broker.id", String.valueOf(id),
                            "zookeeper.connect", zooKeeper.connectString(), "zookeeper.session.timeout.ms", "6000")));
                }
                String bootstrap = String.join(",", brokers.stream().map(EmbeddedBroker::bootstrapServers).toList());
                loop(bootstrap, 3);
            } finally {
                brokers.forEach(EmbeddedBroker::close); // before ZooKeeper, so controlled shutdown can finish
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private static void loop(String bootstrap, int replicationFactor) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap,
                     Map.of("acks", "1", "linger.ms", "0", "max.block.ms", "20000"))) {
            int refusedWhileDeleting = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int partitions = 1 + round % 5;
                refusedWhileDeleting += create(admin, partitions, replicationFactor, round);
                awaitCompleteAndEmpty(admin, partitions, round);
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, "k", "round " + round)).get(20, TimeUnit.SECONDS);
                }
                delete(admin);
            }
            System.out.printf("%d rounds, %d creates refused while the deletion was in progress%n", ROUNDS,
                    refusedWhileDeleting);
        }
    }

    /** Creates the topic, retrying while the previous one's deletion is in progress; returns the retries. */
    private static int create(Admin admin, int partitions, int replicationFactor, int round) throws Exception {
        long deadline = System.currentTimeMillis() + ROUND_DEADLINE_MS;
        for (int refused = 0; ; refused++) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) replicationFactor)))
                        .all().get(20, TimeUnit.SECONDS);
                return refused;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).as("round %d", round).isInstanceOf(TopicExistsException.class);
                assertThat(System.currentTimeMillis()).as("round %d: the deletion never finished", round)
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static void delete(Admin admin) throws Exception {
        try {
            admin.deleteTopics(List.of(TOPIC)).all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // A broker whose image is behind the create may not know the topic yet; it does a moment later.
            assertThat(e.getCause()).isInstanceOf(UnknownTopicOrPartitionException.class);
            Thread.sleep(50);
            admin.deleteTopics(List.of(TOPIC)).all().get(20, TimeUnit.SECONDS);
        }
    }

    /** Waits (bounded) until every requested partition has a leader, then checks no partition holds data. */
    private static void awaitCompleteAndEmpty(Admin admin, int partitions, int round) throws Exception {
        long deadline = System.currentTimeMillis() + ROUND_DEADLINE_MS;
        TopicDescription description = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(20, TimeUnit.SECONDS).get(TOPIC);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    break;
                }
            } catch (ExecutionException e) {
                // Not yet known, or known without leaders: both pass; the checks after the loop must not.
                assertThat(e.getCause()).isInstanceOf(InvalidMetadataException.class);
            }
            Thread.sleep(20);
        }
        assertThat(description).as("round %d: topic never described", round).isNotNull();
        assertThat(description.partitions()).as("round %d partitions", round).hasSize(partitions);
        assertThat(description.partitions()).as("round %d: every partition has a leader", round)
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartitionInfo p : description.partitions()) {
            latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest());
        }
        long end = System.currentTimeMillis() + ROUND_DEADLINE_MS;
        while (true) {
            try {
                var offsets = admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS);
                assertThat(offsets.values()).as("round %d: end offsets of the new topic", round)
                        .allMatch(info -> info.offset() == 0);
                return;
            } catch (ExecutionException e) {
                // A leader that has not yet applied its new role answers NOT_LEADER; ask again shortly.
                assertThat(System.currentTimeMillis()).as("round %d: %s", round, e.getCause()).isLessThan(end);
                Thread.sleep(20);
            }
        }
    }
}
