package io.tributary.tools.topics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as {@code topics --describe} shows it: non-default configs (sorted by key) and partitions in id order.
 */
public record TopicInfo(String name, Map<String, String> configs, List<PartitionState> partitions,
                        boolean markedForDeletion) {

    public TopicInfo {
        configs = new TreeMap<>(configs);
        partitions = List.copyOf(partitions);
    }

    /** Replication factor as Kafka reports it: the replica count of the first partition. */
    public int replicationFactor() {
        return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
    }
}
