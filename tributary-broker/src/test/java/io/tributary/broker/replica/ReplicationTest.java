package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.server.Broker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three brokers on one ZooKeeper: followers copy leaders, the ISR tracks them, failover keeps acknowledged records. */
class ReplicationTest {

    private static final String TOPIC = "my-replicated-topic";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void leaderFailoverKeepsEveryAcknowledgedRecordAndTheOldLeaderRejoins() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, Map.of("controlled.shutdown.enable", "false"))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 3))).all().get(30, TimeUnit.SECONDS);
                produce(cluster, 0, 20);
                awaitConverged(cluster, 0, 20);
                awaitIsr(admin, Set.of(0, 1, 2));

                int oldLeader = describe(admin).partitions().get(0).leader().id();
                cluster.stop(oldLeader);
                Set<Integer> survivors = Set.copyOf(cluster.running().keySet());
                TestCluster.await("a new leader from the ISR", 20_000, () -> {
                    TopicPartitionInfo p0 = describeQuietly(admin).partitions().get(0);
                    return p0.leader() != null && survivors.contains(p0.leader().id())
                            && ids(p0.isr()).equals(survivors);
                });
                assertThat(consumeAll(cluster, 20)).containsExactlyInAnyOrderElementsOf(values(0, 20));

                produce(cluster, 20, 30);
                cluster.start(oldLeader);
                awaitIsr(admin, Set.of(0, 1, 2));
                awaitConverged(cluster, 0, 30);
                assertThat(consumeAll(cluster, 30)).containsExactlyInAnyOrderElementsOf(values(0, 30));
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void acksAllIsRefusedWhenTheIsrIsSmallerThanMinInsyncReplicas() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, Map.of("controlled.shutdown.enable", "false",
                "min.insync.replicas", "2"))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
                produce(cluster, 0, 5);
                int leader = describe(admin).partitions().get(0).leader().id();
                for (int id = 0; id < 3; id++) {
                    if (id != leader) {
                        cluster.stop(id);
                    }
                }
                TestCluster.await("the ISR to shrink to the leader", 20_000,
                        () -> ids(describeQuietly(admin).partitions().get(0).isr()).equals(Set.of(leader)));
                Properties p = producerProps(cluster);
                p.put("enable.idempotence", "false");
                p.put("retries", "0");
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(20, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(NotEnoughReplicasException.class);
                }
            }
        }
    }

    private static void produce(TestCluster cluster, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(cluster))) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, String.valueOf(i), "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Properties producerProps(TestCluster cluster) {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("acks", "all");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return p;
    }

    private static List<String> consumeAll(TestCluster cluster, int expected) {
        Properties c = new Properties();
        c.put("bootstrap.servers", cluster.bootstrapServers());
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 20_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
            }
        }
        return received;
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("value-" + i);
        }
        return values;
    }

    /** Every running replica of every partition has the same log end and high watermark, totalling {@code records}. */
    private static void awaitConverged(TestCluster cluster, int... ignoredAndTotal) throws InterruptedException {
        int total = ignoredAndTotal[1];
        TestCluster.await("replicas to converge on " + total + " records", 30_000, () -> {
            long sum = 0;
            for (int p = 0; p < 2; p++) {
                io.tributary.common.TopicPartition tp = new io.tributary.common.TopicPartition(TOPIC, p);
                Set<Long> ends = cluster.running().values().stream()
                        .map(b -> b.replicaManager().partition(tp))
                        .map(part -> part == null ? -1L : part.logEndOffset() * 1_000_000 + part.highWatermark())
                        .collect(Collectors.toSet());
                if (ends.size() != 1) {
                    return false;
                }
                sum += ends.iterator().next() / 1_000_000;
            }
            return sum == total;
        });
    }

    private static void awaitIsr(Admin admin, Set<Integer> expected) throws InterruptedException {
        TestCluster.await("ISR " + expected + " on every partition", 30_000, () -> describeQuietly(admin).partitions()
                .stream().allMatch(p -> ids(p.isr()).equals(expected)));
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC);
    }

    private static TopicDescription describeQuietly(Admin admin) {
        try {
            return describe(admin);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toSet());
    }
}
