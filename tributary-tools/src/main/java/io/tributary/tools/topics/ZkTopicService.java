package io.tributary.tools.topics;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.zk.ReplicaPlacement;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.TopicPartition;
import io.tributary.tools.ToolException;
import io.tributary.tools.zk.ZkSession;
import io.tributary.tools.zk.ZkSession.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@link TopicService} acting directly on ZooKeeper in Kafka 2.x's layout, for {@code --zookeeper host:port}. It
 * writes the desired state (assignment, configs, deletion markers); the cluster's controller notices and carries
 * it out, exactly as with Kafka 2.x's own tool. Paths, JSON, replica placement and the topic-creation transaction
 * are the broker's ({@code io.tributary.broker.zk}), so a topic made here is byte for byte one the broker makes.
 */
public final class ZkTopicService implements TopicService {

    private final ZkSession zk;
    private final ReplicaPlacement placement;

    public ZkTopicService(ZkSession zk, Random random) {
        this.zk = zk;
        this.placement = new ReplicaPlacement(random);
    }

    @Override
    public void create(NewTopicSpec spec) {
        String problem = TopicNames.problemWith(spec.name());
        if (problem != null) {
            throw new ToolException(problem);
        }
        if (spec.partitions().isEmpty() || spec.replicationFactor().isEmpty()) {
            throw new ToolException("--partitions and --replication-factor are required with --zookeeper");
        }
        if (zk.exists(ZkPaths.deleteTopic(spec.name()))) {
            // As Kafka 2.x's tool: a new topic must not be written under a deletion the controller has yet to finish.
            throw new ToolException("Topic '" + spec.name() + "' is marked for deletion.");
        }
        if (zk.exists(ZkPaths.topic(spec.name()))) {
            throw new ToolException("Topic '" + spec.name() + "' already exists.");
        }
        Map<Integer, List<Integer>> assignment = place(() -> placement.assignNew(liveBrokers(),
                spec.partitions().get(), spec.replicationFactor().get()));
        if (!zk.createTopic(spec.name(), UUID.randomUUID(), assignment, spec.configs())) {
            throw new ToolException("Topic '" + spec.name() + "' already exists or is marked for deletion.");
        }
    }

    @Override
    public List<String> listNames() {
        return zk.children(ZkPaths.BROKER_TOPICS);
    }

    @Override
    public List<String> markedForDeletion() {
        return zk.children(ZkPaths.DELETE_TOPICS);
    }

    @Override
    public List<DescribedTopic> describe(List<String> names) {
        List<String> deleting = markedForDeletion();
        List<DescribedTopic> result = new ArrayList<>();
        for (String name : names) {
            TopicInfo topic = topic(name).orElseThrow(() -> missing(name));
            Map<Integer, PartitionState> states = new HashMap<>();
            for (int p : topic.assignment().keySet()) {
                zk.read(ZkPaths.partitionState(new TopicPartition(name, p)))
                        .ifPresent(v -> states.put(p, ZkCodec.partitionState(v.data(), v.version())));
            }
            Map<String, String> configs = zk.read(ZkPaths.topicConfig(name))
                    .map(v -> ZkCodec.entityConfig(v.data())).orElse(Map.of());
            result.add(new DescribedTopic(topic, states, configs, deleting.contains(name)));
        }
        return result;
    }

    @Override
    public List<String> delete(List<String> names) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            if (zk.exists(ZkPaths.deleteTopic(name))) {
                lines.add("Topic " + name + " is already marked for deletion.");
                continue;
            }
            zk.create(ZkPaths.deleteTopic(name), "");
            lines.add("Topic " + name + " is marked for deletion.");
            lines.add("Note: This will have no impact if delete.topic.enable is not set to true.");
        }
        return lines;
    }

    @Override
    public List<String> increasePartitions(List<String> names, int partitions) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String path = ZkPaths.topic(name);
            Versioned current = zk.read(path).orElseThrow(() -> missing(name));
            TopicInfo topic = ZkCodec.topicInfo(name, current.data());
            int existing = topic.partitionCount();
            if (partitions <= existing) {
                throw new ToolException("The number of partitions for a topic can only be increased. Topic " + name
                        + " currently has " + existing + " partitions, " + partitions
                        + " would not be an increase.");
            }
            Map<Integer, List<Integer>> updated = new TreeMap<>(topic.assignment());
            updated.putAll(place(() -> ReplicaPlacement.assignAdded(liveBrokers(), topic.assignment(),
                    partitions - existing)));
            // Conditional on the version read, as the broker's CreatePartitions: a concurrent change is not lost.
            if (!zk.setData(path, ZkCodec.topicAssignment(topic.topicId(), updated), current.version())) {
                throw new ToolException("Topic '" + name + "' changed while partitions were being added; try again.");
            }
            lines.add("WARNING: If partitions are increased for a topic that has a key, the partition logic or "
                    + "ordering of the messages will be affected");
            lines.add("Adding partitions succeeded!");
        }
        return lines;
    }

    private Optional<TopicInfo> topic(String name) {
        return zk.read(ZkPaths.topic(name)).map(v -> ZkCodec.topicInfo(name, v.data()));
    }

    private List<Integer> liveBrokers() {
        return zk.children(ZkPaths.BROKER_IDS).stream().map(Integer::parseInt).toList();
    }

    private static Map<Integer, List<Integer>> place(java.util.function.Supplier<Map<Integer, List<Integer>>> placing) {
        try {
            return placing.get();
        } catch (IllegalArgumentException e) {
            throw new ToolException(e.getMessage(), e);
        }
    }

    private static ToolException missing(String name) {
        return new ToolException("Topic '" + name + "' does not exist as expected");
    }

    @Override
    public void close() {
        zk.close();
    }
}
