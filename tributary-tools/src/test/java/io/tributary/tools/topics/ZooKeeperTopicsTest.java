package io.tributary.tools.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.tools.ToolRun;
import io.tributary.tools.zk.ZkSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topics --zookeeper} against a real ZooKeeper server: the znodes it writes follow Kafka 2.x's layout, and
 * describe reads back what a controller writes. Brokers are registered the way brokers register themselves.
 */
@Timeout(60)
class ZooKeeperTopicsTest {

    @TempDir
    Path dir;

    private ServerCnxnFactory factory;
    private String connect;

    @BeforeEach
    void startZooKeeper() throws Exception {
        ZooKeeperServer server = new ZooKeeperServer(dir.resolve("snap").toFile(), dir.resolve("log").toFile(), 2000);
        factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
        factory.startup(server);
        connect = "127.0.0.1:" + factory.getLocalPort();
        try (ZkSession zk = ZkSession.connect(connect)) {
            for (int id = 0; id < 3; id++) {
                zk.create("/brokers/ids/" + id, "{\"version\":5,\"host\":\"127.0.0.1\",\"port\":" + (9092 + id)
                        + ",\"endpoints\":[\"PLAINTEXT://127.0.0.1:" + (9092 + id) + "\"]}");
            }
        }
    }

    @AfterEach
    void stopZooKeeper() {
        factory.shutdown();
    }

    @Test
    void createWritesKafkaTwoZnodesAndDescribeReadsControllerState() throws Exception {
        ToolRun created = ToolRun.run("topics", "--create", "--zookeeper", connect, "--replication-factor", "3",
                "--partitions", "2", "--topic", "my-replicated-topic", "--config", "retention.ms=1000");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("Created topic my-replicated-topic.\n");

        Map<Integer, List<Integer>> assignment;
        try (ZkSession zk = ZkSession.connect(connect)) {
            String json = zk.getData("/brokers/topics/my-replicated-topic").orElseThrow();
            var node = new ObjectMapper().readTree(json);
            assertThat(node.path("version").asInt()).isEqualTo(3);
            assertThat(node.path("topic_id").asText()).hasSize(22);
            assignment = ZkCodec.topicInfo("my-replicated-topic", json.getBytes()).assignment();
            assertThat(zk.getData("/config/topics/my-replicated-topic")).contains(
                    "{\"version\":1,\"config\":{\"retention.ms\":\"1000\"}}");
            List<Integer> p0 = assignment.get(0);
            assertThat(p0).containsExactlyInAnyOrder(0, 1, 2);
            // What the controller writes once it has elected the first replica leader.
            zk.create("/brokers/topics/my-replicated-topic/partitions/0/state",
                    "{\"controller_epoch\":1,\"leader\":" + p0.get(0) + ",\"version\":1,\"leader_epoch\":0,\"isr\":"
                            + p0.toString().replace(" ", "") + "}");
        }

        List<String> lines = ToolRun.run("topics", "--describe", "--zookeeper", connect, "--topic",
                "my-replicated-topic").outLines();
        String replicas0 = String.join(",", assignment.get(0).stream().map(String::valueOf).toList());
        String replicas1 = String.join(",", assignment.get(1).stream().map(String::valueOf).toList());
        assertThat(lines).containsExactly(
                "Topic: my-replicated-topic\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: retention.ms=1000",
                "\tTopic: my-replicated-topic\tPartition: 0\tLeader: " + assignment.get(0).get(0) + "\tReplicas: "
                        + replicas0 + "\tIsr: " + replicas0,
                "\tTopic: my-replicated-topic\tPartition: 1\tLeader: none\tReplicas: " + replicas1 + "\tIsr: ");
    }

    @Test
    void listAlterAndDeleteLikeKafkaTwo() {
        assertThat(ToolRun.run("topics", "--create", "--zookeeper", connect, "--replication-factor", "1",
                "--partitions", "1", "--topic", "test").exitCode()).isZero();
        // The documents' form, stray trailing word included.
        assertThat(ToolRun.run("topics", "--list", "--zookeeper", connect, "test").out()).isEqualTo("test\n");

        ToolRun altered = ToolRun.run("topics", "-alter", "--partitions", "3", "--zookeeper", connect, "--topic", "test");
        assertThat(altered.exitCode()).as(altered.err()).isZero();
        assertThat(altered.outLines()).last().isEqualTo("Adding partitions succeeded!");
        try (ZkSession zk = ZkSession.connect(connect)) {
            assertThat(ZkCodec.topicInfo("test", zk.getData("/brokers/topics/test").orElseThrow().getBytes())
                    .assignment()).containsOnlyKeys(0, 1, 2);
        }
        ToolRun shrink = ToolRun.run("topics", "--alter", "--partitions", "2", "--zookeeper", connect, "--topic", "test");
        assertThat(shrink.exitCode()).isEqualTo(1);
        assertThat(shrink.errLines()).singleElement().asString().contains("can only be increased");

        ToolRun deleted = ToolRun.run("topics", "--delete", "--topic", "test", "--zookeeper", connect);
        assertThat(deleted.outLines()).containsExactly("Topic test is marked for deletion.",
                "Note: This will have no impact if delete.topic.enable is not set to true.");
        assertThat(ToolRun.run("topics", "--list", "--zookeeper", connect).out())
                .isEqualTo("test - marked for deletion\n");
    }

    @Test
    void refusesDuplicatesAndTooFewBrokers() {
        ToolRun.run("topics", "--create", "--zookeeper", connect, "--replication-factor", "1", "--partitions", "1",
                "--topic", "t");
        assertThat(ToolRun.run("topics", "--create", "--zookeeper", connect, "--replication-factor", "1",
                "--partitions", "1", "--topic", "t").errLines()).containsExactly("Error: Topic 't' already exists.");
        ToolRun tooMany = ToolRun.run("topics", "--create", "--zookeeper", connect, "--replication-factor", "4",
                "--partitions", "1", "--topic", "u");
        assertThat(tooMany.exitCode()).isEqualTo(1);
        assertThat(tooMany.errLines()).containsExactly("Error: Replication factor: 4 larger than available brokers: 3.");
        assertThat(ToolRun.run("topics", "--create", "--zookeeper", connect, "--replication-factor", "1",
                "--partitions", "1", "--topic", "bad/name").errLines()).singleElement().asString()
                .contains("illegal");
    }
}
