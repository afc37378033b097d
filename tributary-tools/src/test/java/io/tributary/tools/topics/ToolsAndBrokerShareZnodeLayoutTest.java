package io.tributary.tools.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.testkit.EmbeddedBroker;
import io.tributary.tools.ToolRun;
import io.tributary.tools.zk.ZkSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topics --zookeeper} and the broker's CreateTopics / CreatePartitions (through kafka-clients' Admin) write
 * the same znodes: the same JSON for the same assignment and configs, and the same replicas for added partitions.
 * Three real brokers share one ZooKeeper, so placement has brokers to choose from.
 */
@Timeout(120)
class ToolsAndBrokerShareZnodeLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EmbeddedZooKeeper zooKeeper;
    private final List<EmbeddedBroker> brokers = new ArrayList<>();
    private Admin admin;

    @BeforeEach
    void startCluster() throws Exception {
        zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), 0);
        for (int id = 0; id < 3; id++) {
            brokers.add(EmbeddedBroker.start(Map.of("broker.id", String.valueOf(id),
                    "zookeeper.connect", zooKeeper.connectString(), "num.partitions", "1",
                    // Nothing to hand over when the test ends: stopping need not wait for the controller.
                    "controlled.shutdown.enable", "false")));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers.get(0).bootstrapServers());
        admin = Admin.create(props);
        // Both sides see all three brokers registered before they place anything.
        try (ZkSession zk = ZkSession.connect(zooKeeper.connectString())) {
            assertThat(zk.children("/brokers/ids")).containsExactly("0", "1", "2");
        }
    }

    @AfterEach
    void stopCluster() {
        if (admin != null) {
            admin.close();
        }
        brokers.forEach(EmbeddedBroker::close);
        zooKeeper.close();
    }

    @Test
    void toolAndBrokerWriteIdenticalTopicAndConfigZnodes() throws Exception {
        ToolRun created = ToolRun.run("topics", "--create", "--zookeeper", zooKeeper.connectString(),
                "--replication-factor", "2", "--partitions", "3", "--topic", "by-tool",
                "--config", "retention.ms=1000", "--config", "cleanup.policy=compact");
        assertThat(created.exitCode()).as(created.err()).isZero();
        Map<Integer, List<Integer>> toolAssignment = assignment("by-tool");
        assertThat(toolAssignment).hasSize(3);

        NewTopic sameByBroker = new NewTopic("by-broker", toolAssignment);
        sameByBroker.configs(Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
        admin.createTopics(List.of(sameByBroker)).all().get();

        // Byte for byte the same but for the (random) topic id each side draws.
        assertThat(withoutTopicId(data("/brokers/topics/by-tool"))).isEqualTo(withoutTopicId(data("/brokers/topics/by-broker")));
        assertThat(JSON.readTree(data("/brokers/topics/by-tool")).path("topic_id").asText()).hasSize(22);
        assertThat(data("/config/topics/by-tool")).isEqualTo(data("/config/topics/by-broker"))
                .isEqualTo("{\"version\":1,\"config\":{\"cleanup.policy\":\"compact\",\"retention.ms\":\"1000\"}}");
    }

    @Test
    void addedPartitionsLandOnTheSameBrokersThroughToolAndBroker() throws Exception {
        // Partition 0 led by broker 1, so the rotation does not start at the first broker by accident.
        Map<Integer, List<Integer>> existing = Map.of(0, List.of(1, 2), 1, List.of(2, 0));
        admin.createTopics(List.of(new NewTopic("grown-by-tool", existing), new NewTopic("grown-by-broker", existing)))
                .all().get();

        ToolRun altered = ToolRun.run("topics", "--alter", "--zookeeper", zooKeeper.connectString(),
                "--topic", "grown-by-tool", "--partitions", "7");
        assertThat(altered.exitCode()).as(altered.err()).isZero();
        admin.createPartitions(Map.of("grown-by-broker", NewPartitions.increaseTo(7))).all().get();

        Map<Integer, List<Integer>> byTool = assignment("grown-by-tool");
        assertThat(byTool).isEqualTo(assignment("grown-by-broker"));
        // Kafka's rule: start at partition 0's leader's index (1), continue numbering at 2, shift fixed to the start.
        assertThat(byTool).containsEntry(2, List.of(0, 2)).containsEntry(3, List.of(1, 2))
                .containsEntry(4, List.of(2, 0)).containsEntry(5, List.of(0, 1)).containsEntry(6, List.of(1, 0));
        assertThat(withoutTopicId(data("/brokers/topics/grown-by-tool")))
                .isEqualTo(withoutTopicId(data("/brokers/topics/grown-by-broker")));
    }

    private Map<Integer, List<Integer>> assignment(String topic) {
        return ZkCodec.topicInfo(topic, data("/brokers/topics/" + topic).getBytes()).assignment();
    }

    private String data(String path) {
        try (ZkSession zk = ZkSession.connect(zooKeeper.connectString())) {
            Optional<String> data = zk.getData(path);
            assertThat(data).as(path).isPresent();
            return data.get();
        }
    }

    private static String withoutTopicId(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        ((ObjectNode) node).put("topic_id", "-");
        return JSON.writeValueAsString(node);
    }
}
