package io.tributary.tools.topics;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as {@code topics --describe} shows it: its assignment, each partition's leader and ISR (absent while no
 * controller has written them), the configs not at their default (sorted by key), and whether it is being deleted.
 * The parts are the broker's own ZooKeeper model, so what the tool reads is what the broker wrote.
 */
public record DescribedTopic(TopicInfo topic, Map<Integer, PartitionState> states, Map<String, String> configs,
                             boolean markedForDeletion) {

    public DescribedTopic {
        states = Map.copyOf(states);
        configs = new TreeMap<>(configs);
    }

    /** Replication factor as Kafka reports it: the replica count of the first partition. */
    public int replicationFactor() {
        return topic.replicas(0).size();
    }
}
