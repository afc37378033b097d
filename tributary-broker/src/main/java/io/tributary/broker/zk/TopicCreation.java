package io.tributary.broker.zk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;

/**
 * The one ZooKeeper transaction that creates a topic, shared by the broker's CreateTopics and the tools'
 * {@code topics --create --zookeeper}: the config overrides, the assignment znode and the config change
 * notification, all or nothing. ZooKeeper has no "check absent" operation, so the transaction creates the
 * deletion marker and removes it again, which fails while a deletion of that name is unfinished; it fails with
 * {@code NodeExistsException} then and when the topic exists. Stateless.
 */
public final class TopicCreation {

    private TopicCreation() {
    }

    /** The operations, to run with {@code curator.transaction().forOperations(...)}; reads whether the config exists. */
    public static List<CuratorOp> ops(CuratorFramework curator, String topic, UUID topicId,
                                      Map<Integer, List<Integer>> assignment, Map<String, String> config)
            throws Exception {
        String marker = ZkPaths.deleteTopic(topic);
        String configPath = ZkPaths.topicConfig(topic);
        byte[] configData = ZkCodec.entityConfig(config);
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(curator.transactionOp().create().forPath(marker));
        ops.add(curator.transactionOp().delete().forPath(marker));
        // A config left behind by an earlier topic of the same name is overwritten, as Kafka's setOrCreate does.
        ops.add(curator.checkExists().forPath(configPath) == null
                ? curator.transactionOp().create().forPath(configPath, configData)
                : curator.transactionOp().setData().forPath(configPath, configData));
        ops.add(curator.transactionOp().create().forPath(ZkPaths.topic(topic), ZkCodec.topicAssignment(topicId, assignment)));
        ops.add(curator.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.CONFIG_CHANGES + "/config_change_", ZkCodec.configChange("topics/" + topic)));
        return ops;
    }
}
