package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.TopicPartition;
import io.tributary.storage.checkpoint.PartitionMetadataFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Topic ids in ZooKeeper and in each partition directory's {@code partition.metadata}, as Kafka keeps them. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TopicIdsOnDiskTest {

    private static final UUID ZERO = new UUID(0, 0);

    @TempDir
    Path dir;

    @Test
    void aCreatedTopicsIdIsInItsZnodeAndInEveryPartitionDirectory() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 1, Map.of());
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("ids", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            UUID id = toUuid(admin.describeTopics(List.of("ids")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("ids").topicId());

            assertThat(id).isNotEqualTo(ZERO);
            byte[] znode = cluster.broker(0).zk().curator().getData().forPath(ZkPaths.topic("ids"));
            assertThat(new String(znode, StandardCharsets.UTF_8)).contains("\"topic_id\":\"" + ZkCodec.encodeTopicId(id) + "\"");
            for (int p = 0; p < 3; p++) {
                Path partitionDir = dir.resolve("broker-0").resolve("ids-" + p);
                TestCluster.await("partition.metadata of ids-" + p, 10_000,
                        () -> partitionDir.resolve(PartitionMetadataFile.FILE_NAME).toFile().exists());
                assertThat(new PartitionMetadataFile(partitionDir).read()).contains(id);
            }
        }
    }

    @Test
    void aTopicCreatedBeforeTopicIdsIsGivenOneByTheController() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 1, Map.of())) {
            // The znode as Kafka 2.7 and earlier wrote it: no topic_id.
            cluster.broker(0).zk().curator().create().creatingParentsIfNeeded().forPath(ZkPaths.topic("legacy"),
                    "{\"version\":2,\"partitions\":{\"0\":[0]},\"adding_replicas\":{},\"removing_replicas\":{}}"
                            .getBytes(StandardCharsets.UTF_8));

            TestCluster.await("a topic id for legacy", 20_000, () -> {
                TopicInfo topic = cluster.broker(0).metadata().image().topic("legacy");
                return topic != null && !topic.topicId().equals(ZERO);
            });
            UUID id = cluster.broker(0).metadata().image().topic("legacy").topicId();
            byte[] znode = cluster.broker(0).zk().curator().getData().forPath(ZkPaths.topic("legacy"));
            assertThat(ZkCodec.topicInfo("legacy", znode).topicId()).isEqualTo(id);
            assertThat(new String(znode, StandardCharsets.UTF_8)).contains("\"version\":3");
            Path partitionDir = dir.resolve("broker-0").resolve("legacy-0");
            TestCluster.await("partition.metadata of legacy-0", 10_000, () -> {
                try {
                    return new PartitionMetadataFile(partitionDir).read().equals(Optional.of(id));
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aPartitionDirectoryOfADeletedPredecessorIsDeletedNotServed() throws Exception {
        TopicPartition tp = new TopicPartition("reborn", 0);
        try (TestCluster cluster = new TestCluster(dir, 1, Map.of())) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("reborn", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("reborn", "old-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            UUID id = cluster.broker(0).metadata().image().topic("reborn").topicId();
            cluster.stop(0);
            // What a broker finds after the topic was deleted and re-created while it was down.
            Path partitionDir = dir.resolve("broker-0").resolve("reborn-0");
            new PartitionMetadataFile(partitionDir).write(UUID.randomUUID());

            cluster.start(0);
            TestCluster.await("reborn-0 hosted again", 20_000, () -> {
                Partition partition = cluster.broker(0).replicaManager().partition(tp);
                return partition != null && partition.isLeader();
            });

            Partition partition = cluster.broker(0).replicaManager().partition(tp);
            assertThat(partition.topicId()).isEqualTo(id);
            assertThat(partition.logEndOffset()).as("records of the predecessor").isZero();
            assertThat(new PartitionMetadataFile(partition.log().dir()).read()).contains(id);
        }
    }

    @Test
    void aReplicaWhoseTopicComesBackUnderANewIdIsReplacedNotContinued() throws Exception {
        TopicPartition tp = new TopicPartition("swapped", 0);
        try (TestCluster cluster = new TestCluster(dir, 1, Map.of())) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("swapped", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("swapped", "old-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            // A delete and re-create this broker saw as one change: the same name, the same assignment, a new id.
            UUID successor = UUID.randomUUID();
            byte[] znode = cluster.broker(0).zk().curator().getData().forPath(ZkPaths.topic("swapped"));
            String json = new String(znode, StandardCharsets.UTF_8).replaceAll("\"topic_id\":\"[^\"]+\"",
                    "\"topic_id\":\"" + ZkCodec.encodeTopicId(successor) + "\"");
            cluster.broker(0).zk().curator().setData().forPath(ZkPaths.topic("swapped"), json.getBytes(StandardCharsets.UTF_8));

            TestCluster.await("the replica of the new id", 20_000, () -> {
                Partition partition = cluster.broker(0).replicaManager().partition(tp);
                return partition != null && partition.topicId().equals(successor) && partition.isLeader();
            });
            Partition partition = cluster.broker(0).replicaManager().partition(tp);
            assertThat(partition.logEndOffset()).as("records of the predecessor").isZero();
            assertThat(new PartitionMetadataFile(partition.log().dir()).read()).contains(successor);
        }
    }

    private static UUID toUuid(org.apache.kafka.common.Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
