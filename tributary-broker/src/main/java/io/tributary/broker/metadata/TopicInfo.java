package io.tributary.broker.metadata;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** A topic's id and replica assignment (partition → replicas, preferred leader first). Immutable. */
public record TopicInfo(String name, UUID topicId, SortedMap<Integer, List<Integer>> assignment) {

    public TopicInfo(String name, UUID topicId, Map<Integer, List<Integer>> assignment) {
        this(name, topicId, (SortedMap<Integer, List<Integer>>) new TreeMap<>(assignment));
    }

    public int partitionCount() {
        return assignment.size();
    }

    public List<Integer> replicas(int partition) {
        return assignment.getOrDefault(partition, List.of());
    }

    public boolean isInternal() {
        return name.startsWith("__");
    }
}
