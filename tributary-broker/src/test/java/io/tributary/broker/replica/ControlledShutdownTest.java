package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.server.Broker;
import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Closing a broker with controlled shutdown hands its leaderships to in-sync replicas before it leaves. */
class ControlledShutdownTest {

    private static final String TOPIC = "orders";
    private static final List<TopicPartition> PARTITIONS = List.of(new TopicPartition(TOPIC, 0),
            new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 2));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void leadershipMovesToInSyncReplicasBeforeTheBrokerStops() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, Map.of("controlled.shutdown.enable", "true"))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
            }
            produce(cluster, 10);
            Broker observer = cluster.broker(0);
            TestCluster.await("full ISRs", 30_000, () -> PARTITIONS.stream().allMatch(tp -> isrSize(observer, tp) == 3));

            int controllerId = observer.metadata().image().controllerId();
            // A broker that is not the controller asks over the wire; then the controller moves its own leaderships.
            int first = (controllerId + 1) % 3;
            cluster.stop(first);
            assertNoLeadershipOrIsrMembership(cluster.broker(controllerId), first);
            cluster.stop(controllerId);
            int last = 3 - first - controllerId;
            assertNoLeadershipOrIsrMembership(cluster.broker(last), controllerId);
            for (TopicPartition tp : PARTITIONS) {
                assertThat(cluster.broker(last).zk().readPartitionState(tp).leader()).isEqualTo(last);
            }
            produce(cluster, 5);
        }
    }

    /** Checked right after close() returned: the controller wrote the moves before answering. */
    private static void assertNoLeadershipOrIsrMembership(Broker reader, int gone) throws Exception {
        for (TopicPartition tp : PARTITIONS) {
            PartitionState state = reader.zk().readPartitionState(tp);
            assertThat(state.leader()).as("leader of %s", tp).isNotEqualTo(gone);
            assertThat(state.isr()).as("ISR of %s", tp).doesNotContain(gone);
        }
    }

    private static int isrSize(Broker broker, TopicPartition tp) {
        PartitionState state = broker.metadata().image().partition(tp);
        return state == null ? 0 : state.isr().size();
    }

    private static void produce(TestCluster cluster, int count) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("acks", "all");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
