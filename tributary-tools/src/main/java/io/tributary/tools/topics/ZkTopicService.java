package io.tributary.tools.topics;

import io.tributary.tools.ToolException;
import io.tributary.tools.zk.ReplicaPlacement;
import io.tributary.tools.zk.TopicZnodes;
import io.tributary.tools.zk.TopicZnodes.LeaderAndIsr;
import io.tributary.tools.zk.ZkSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@link TopicService} acting directly on ZooKeeper in Kafka 2.x's layout, for {@code --zookeeper host:port}. It
 * writes the desired state (assignment, configs, deletion markers); the cluster's controller notices and carries
 * it out, exactly as with Kafka 2.x's own tool.
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
        TopicNames.validate(spec.name());
        if (spec.partitions().isEmpty() || spec.replicationFactor().isEmpty()) {
            throw new ToolException("--partitions and --replication-factor are required with --zookeeper");
        }
        if (zk.exists(TopicZnodes.deleteMarker(spec.name()))) {
            // As Kafka 2.x's tool: a new topic must not be written under a deletion the controller has yet to finish.
            throw new ToolException("Topic '" + spec.name() + "' is marked for deletion.");
        }
        if (zk.exists(TopicZnodes.topic(spec.name()))) {
            throw new ToolException("Topic '" + spec.name() + "' already exists.");
        }
        Map<Integer, List<Integer>> assignment = placement.assignNew(liveBrokers(),
                spec.partitions().get(), spec.replicationFactor().get());
        zk.upsert(TopicZnodes.topicConfig(spec.name()), TopicZnodes.configJson(spec.configs()));
        zk.create(TopicZnodes.topic(spec.name()), TopicZnodes.assignmentJson(assignment));
    }

    @Override
    public List<String> listNames() {
        return zk.children(TopicZnodes.TOPICS);
    }

    @Override
    public List<String> markedForDeletion() {
        return zk.children(TopicZnodes.DELETE_TOPICS);
    }

    @Override
    public List<TopicInfo> describe(List<String> names) {
        List<String> deleting = markedForDeletion();
        List<TopicInfo> result = new ArrayList<>();
        for (String name : names) {
            Map<Integer, List<Integer>> assignment = assignment(name);
            List<PartitionState> partitions = new ArrayList<>();
            assignment.forEach((p, replicas) -> {
                LeaderAndIsr state = TopicZnodes.parseState(zk.getData(TopicZnodes.partitionState(name, p)));
                partitions.add(new PartitionState(p, state.leader(), replicas, state.isr()));
            });
            Map<String, String> configs = zk.getData(TopicZnodes.topicConfig(name))
                    .map(TopicZnodes::parseConfig).orElse(Map.of());
            result.add(new TopicInfo(name, configs, partitions, deleting.contains(name)));
        }
        return result;
    }

    @Override
    public List<String> delete(List<String> names) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            if (zk.exists(TopicZnodes.deleteMarker(name))) {
                lines.add("Topic " + name + " is already marked for deletion.");
                continue;
            }
            zk.create(TopicZnodes.deleteMarker(name), "");
            lines.add("Topic " + name + " is marked for deletion.");
            lines.add("Note: This will have no impact if delete.topic.enable is not set to true.");
        }
        return lines;
    }

    @Override
    public List<String> increasePartitions(List<String> names, int partitions) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String path = TopicZnodes.topic(name);
            String json = zk.getData(path).orElseThrow(() -> missing(name));
            Map<Integer, List<Integer>> existing = TopicZnodes.parseAssignment(json);
            if (partitions <= existing.size()) {
                throw new ToolException("The number of partitions for a topic can only be increased. Topic " + name
                        + " currently has " + existing.size() + " partitions, " + partitions
                        + " would not be an increase.");
            }
            List<Integer> first = existing.get(0);
            Map<Integer, List<Integer>> updated = new LinkedHashMap<>(existing);
            updated.putAll(placement.assignAdded(liveBrokers(), existing.size(), partitions - existing.size(),
                    first.size(), first.get(0)));
            zk.upsert(path, TopicZnodes.withAssignment(json, updated));
            lines.add("WARNING: If partitions are increased for a topic that has a key, the partition logic or "
                    + "ordering of the messages will be affected");
            lines.add("Adding partitions succeeded!");
        }
        return lines;
    }

    private Map<Integer, List<Integer>> assignment(String name) {
        return TopicZnodes.parseAssignment(zk.getData(TopicZnodes.topic(name)).orElseThrow(() -> missing(name)));
    }

    private List<Integer> liveBrokers() {
        return zk.children(TopicZnodes.BROKER_IDS).stream().map(Integer::parseInt).toList();
    }

    private static ToolException missing(String name) {
        return new ToolException("Topic '" + name + "' does not exist as expected");
    }

    @Override
    public void close() {
        zk.close();
    }
}
