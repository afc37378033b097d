package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.server.Broker;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower whose log holds records the leader never had (as after an unacknowledged write on a
 * deposed leader) drops them: it asks the leader where its epoch ends and truncates there.
 */
class DivergentFollowerTest {

    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void followerAheadOfTheLeaderTruncatesToTheLeadersEpochEndAndConverges() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, Map.of("controlled.shutdown.enable", "false"))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
            }
            produce(cluster, 5);
            awaitSameLogEnd(cluster, 5);

            PartitionState state = cluster.broker(0).metadata().image().partition(TP);
            List<Integer> replicas = cluster.broker(0).metadata().image().topic("t").assignment().get(0);
            int leader = state.leader();
            // The replica the controller will not pick next: the last one in assignment order besides the leader.
            int divergent = replicas.stream().filter(id -> id != leader).reduce((a, b) -> b).orElseThrow();
            Partition follower = cluster.broker(divergent).replicaManager().partition(TP);
            follower.log().appendAsLeader(new RecordBatchBuilder(CompressionType.NONE)
                    .append(System.currentTimeMillis(), null, "never-acknowledged".getBytes(StandardCharsets.UTF_8))
                    .append(System.currentTimeMillis(), null, "never-acknowledged".getBytes(StandardCharsets.UTF_8))
                    .build(), follower.leaderEpoch());
            assertThat(follower.logEndOffset()).isEqualTo(7);

            cluster.stop(leader);
            awaitSameLogEnd(cluster, 5);
            produce(cluster, 3);
            awaitSameLogEnd(cluster, 8);
            assertThat(cluster.broker(divergent).replicaManager().partition(TP).log().latestEpoch())
                    .contains(cluster.broker(divergent).metadata().image().partition(TP).leaderEpoch());
        }
    }

    private static void awaitSameLogEnd(TestCluster cluster, long expected) throws InterruptedException {
        TestCluster.await("every replica to end at " + expected, 30_000, () -> {
            Set<Long> ends = cluster.running().values().stream().map(Broker::replicaManager)
                    .map(rm -> rm.partition(TP)).map(p -> p == null ? -1L : p.logEndOffset())
                    .collect(Collectors.toSet());
            return ends.equals(Set.of(expected));
        });
    }

    private static void produce(TestCluster cluster, int count) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("acks", "all");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("t", "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
