package io.tributary.broker.metadata;

import io.tributary.common.TopicPartition;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A consistent, immutable snapshot of the cluster as ZooKeeper describes it: live brokers, topics
 * with their assignments, partition states, topic config overrides, dynamic broker configs (by
 * entity: a broker id or {@code <default>}), the controller and cluster id.
 * Request handlers read whichever image is current; a new image replaces it whole.
 */
public record ClusterImage(String clusterId, int controllerId, SortedMap<Integer, BrokerInfo> brokers,
                           SortedMap<String, TopicInfo> topics, Map<TopicPartition, PartitionState> partitions,
                           Map<String, Map<String, String>> topicConfigs, java.util.Set<String> topicsBeingDeleted,
                           Map<String, Map<String, String>> brokerConfigs) {

    public static final ClusterImage EMPTY = new ClusterImage("", -1, new TreeMap<>(), new TreeMap<>(), Map.of(), Map.of(), java.util.Set.of(),
            Map.of());

    public PartitionState partition(TopicPartition tp) {
        return partitions.get(tp);
    }

    public TopicInfo topic(String name) {
        return topics.get(name);
    }

    public Map<String, String> topicConfig(String topic) {
        return topicConfigs.getOrDefault(topic, Map.of());
    }

    /** The dynamic overrides of a broker entity (a broker id, or {@code <default>}); empty when none. */
    public Map<String, String> brokerConfig(String entity) {
        return brokerConfigs.getOrDefault(entity, Map.of());
    }

    /** Whether the topic has at least {@code partitions} partitions and the first that many all have a leader. */
    public boolean leadersElected(String topicName, int partitions) {
        TopicInfo topic = topics.get(topicName);
        if (topic == null || topic.partitionCount() < partitions) {
            return false;
        }
        for (int partition = 0; partition < partitions; partition++) {
            PartitionState state = this.partitions.get(new TopicPartition(topicName, partition));
            if (state == null || state.leader() < 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isAlive(int brokerId) {
        return brokers.containsKey(brokerId);
    }
}
