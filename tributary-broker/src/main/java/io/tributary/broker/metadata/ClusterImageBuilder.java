package io.tributary.broker.metadata;

import io.tributary.broker.cluster.ClusterStore;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ClusterImage} from the znodes of the watched subtrees, however they were read
 * (Curator's caches in production, an in-memory store in the simulation). Stateless.
 */
public final class ClusterImageBuilder {

    private ClusterImageBuilder() {
    }

    /** The image the given znodes (of the {@link MetadataCache#WATCHED} subtrees) describe. */
    public static ClusterImage build(Iterable<ClusterStore.Node> nodes) {
        TreeMap<Integer, BrokerInfo> brokers = new TreeMap<>();
        TreeMap<String, TopicInfo> topics = new TreeMap<>();
        Map<TopicPartition, PartitionState> partitions = new HashMap<>();
        Map<String, Map<String, String>> configs = new HashMap<>();
        Map<String, Map<String, String>> brokerConfigs = new HashMap<>();
        int controllerId = -1;
        String clusterId = "";
        java.util.Set<String> deleting = new java.util.HashSet<>();
        for (ClusterStore.Node node : nodes) {
            String path = node.path();
            byte[] data = node.data();
            String[] parts = path.split("/");
            if (path.startsWith(ZkPaths.BROKER_IDS + "/") && parts.length == 4) {
                int id = Integer.parseInt(parts[3]);
                brokers.put(id, ZkCodec.brokerInfo(id, data, node.czxid()));
            } else if (path.startsWith(ZkPaths.BROKER_TOPICS + "/") && parts.length == 4) {
                topics.put(parts[3], ZkCodec.topicInfo(parts[3], data));
            } else if (path.startsWith(ZkPaths.BROKER_TOPICS + "/") && parts.length == 7 && parts[6].equals("state")) {
                partitions.put(new TopicPartition(parts[3], Integer.parseInt(parts[5])),
                        ZkCodec.partitionState(data, node.version()));
            } else if (path.equals(ZkPaths.CONTROLLER) && data != null) {
                controllerId = ZkCodec.controllerId(data);
            } else if (path.startsWith(ZkPaths.CONFIG_TOPICS + "/") && parts.length == 4) {
                configs.put(parts[3], ZkCodec.entityConfig(data));
            } else if (path.startsWith(ZkPaths.CONFIG_BROKERS + "/") && parts.length == 4 && data != null && data.length > 0) {
                brokerConfigs.put(parts[3], ZkCodec.entityConfig(data));
            } else if (path.startsWith(ZkPaths.DELETE_TOPICS + "/") && parts.length == 4) {
                deleting.add(parts[3]);
            } else if (path.equals(ZkPaths.CLUSTER_ID) && data != null) {
                String id = ZkCodec.clusterIdOf(data);
                clusterId = id == null ? "" : id;
            }
        }
        partitions.keySet().removeIf(tp -> !topics.containsKey(tp.topic()));
        return new ClusterImage(clusterId, controllerId, brokers, topics, Map.copyOf(partitions), Map.copyOf(configs),
                java.util.Set.copyOf(deleting), Map.copyOf(brokerConfigs));
    }
}
