package io.tributary.broker.admin;

import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.zk.KafkaZkClient;
import io.tributary.broker.zk.ReplicaPlacement;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.storage.config.InvalidConfigException;
import io.tributary.storage.config.LogConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.zookeeper.KeeperException;

/**
 * Creates, grows and deletes topics by writing their znodes, as Kafka 2.x's AdminZkClient did; the
 * controller reacts to the znodes. Validates names, counts, replication factor and configs first,
 * failing with the protocol error a client expects. Thread-safe (stateless over ZooKeeper).
 */
public final class TopicAdmin {

    /** The one topic-level config that is not the log's business: the controller reads it. */
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    private final KafkaZkClient zk;
    private final MetadataCache metadata;
    private final ReplicaPlacement placement;
    private final int defaultPartitions;
    private final int defaultReplicationFactor;
    private final boolean deleteEnabled;

    public TopicAdmin(KafkaZkClient zk, MetadataCache metadata, ReplicaPlacement placement, int defaultPartitions,
                      int defaultReplicationFactor, boolean deleteEnabled) {
        this.zk = zk;
        this.metadata = metadata;
        this.placement = placement;
        this.defaultPartitions = defaultPartitions;
        this.defaultReplicationFactor = defaultReplicationFactor;
        this.deleteEnabled = deleteEnabled;
    }

    /** What a creation resolved to: the assignment it will write. */
    public record Plan(String name, UUID topicId, Map<Integer, List<Integer>> assignment, Map<String, String> configs) {
        public int partitions() {
            return assignment.size();
        }

        public int replicationFactor() {
            return assignment.isEmpty() ? 0 : assignment.values().iterator().next().size();
        }
    }

    /** Validates a creation request (-1 partitions or replication factor means the broker default). */
    public Plan plan(String name, int partitions, int replicationFactor, Map<Integer, List<Integer>> manualAssignment,
                     Map<String, String> configs) {
        String problem = TopicNames.problemWith(name);
        if (problem != null) {
            throw new ApiException(Errors.INVALID_TOPIC_EXCEPTION, problem);
        }
        ClusterImage image = metadata.image();
        if (image.topicsBeingDeleted().contains(name)) {
            throw markedForDeletion(name);
        }
        if (image.topic(name) != null) {
            throw new ApiException(Errors.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists.");
        }
        if (image.topicsBeingDeleted().contains(name)) {
            throw markedForDeletion(name);
        }
        validateConfig(configs);
        Map<Integer, List<Integer>> assignment;
        if (manualAssignment != null && !manualAssignment.isEmpty()) {
            if (partitions != -1 || replicationFactor != -1) {
                throw new ApiException(Errors.INVALID_REQUEST,
                        "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
            }
            assignment = validateManual(manualAssignment, image);
        } else {
            int count = partitions == -1 ? defaultPartitions : partitions;
            int factor = replicationFactor == -1 ? defaultReplicationFactor : replicationFactor;
            if (count <= 0) {
                throw new ApiException(Errors.INVALID_PARTITIONS, "Number of partitions must be larger than 0.");
            }
            if (factor <= 0) {
                throw new ApiException(Errors.INVALID_REPLICATION_FACTOR, "Replication factor must be larger than 0.");
            }
            List<Integer> brokers = new ArrayList<>(image.brokers().keySet());
            if (factor > brokers.size()) {
                throw new ApiException(Errors.INVALID_REPLICATION_FACTOR, "Replication factor: " + factor
                        + " larger than available brokers: " + brokers.size() + ".");
            }
            assignment = placement.assignNew(brokers, count, factor);
        }
        return new Plan(name, UUID.randomUUID(), assignment, configs);
    }

    private static Map<Integer, List<Integer>> validateManual(Map<Integer, List<Integer>> manual, ClusterImage image) {
        Map<Integer, List<Integer>> sorted = new TreeMap<>(manual);
        int expected = 0;
        int factor = -1;
        for (Map.Entry<Integer, List<Integer>> entry : sorted.entrySet()) {
            List<Integer> replicas = entry.getValue();
            Set<Integer> distinct = new HashSet<>(replicas);
            if (entry.getKey() != expected++ || replicas.isEmpty() || distinct.size() != replicas.size()
                    || (factor != -1 && replicas.size() != factor)) {
                throw new ApiException(Errors.INVALID_REPLICA_ASSIGNMENT, "Invalid replica assignment " + manual);
            }
            for (int broker : replicas) {
                if (!image.isAlive(broker)) {
                    throw new ApiException(Errors.INVALID_REPLICA_ASSIGNMENT, "Unknown broker " + broker + " in assignment");
                }
            }
            factor = replicas.size();
        }
        return sorted;
    }

    /**
     * Writes the topic in one ZooKeeper transaction. A topic of the same name whose deletion is not finished
     * makes it fail with TOPIC_ALREADY_EXISTS, saying so: the client may retry once the deletion is done.
     */
    public void create(Plan plan) {
        boolean marked;
        try {
            marked = zk.isMarkedForDeletion(plan.name());
        } catch (Exception e) {
            throw new ApiException(Errors.UNKNOWN_SERVER_ERROR, "Could not read ZooKeeper: " + e);
        }
        if (marked) {
            // The image may not show the marker yet; the controller would delete the new topic's znode with it.
            throw markedForDeletion(plan.name());
        }
        try {
            zk.createTopic(plan.name(), plan.topicId(), plan.assignment(), plan.configs());
        } catch (KeeperException.NodeExistsException e) {
            throw isMarkedForDeletion(plan.name()) ? markedForDeletion(plan.name())
                    : new ApiException(Errors.TOPIC_ALREADY_EXISTS, "Topic '" + plan.name() + "' already exists.");
        } catch (Exception e) {
            throw new ApiException(Errors.UNKNOWN_SERVER_ERROR, "Could not write topic to ZooKeeper: " + e);
        }
    }

    private boolean isMarkedForDeletion(String name) {
        try {
            return zk.isMarkedForDeletion(name);
        } catch (Exception e) {
            return false;
        }
    }

    private static ApiException markedForDeletion(String name) {
        return new ApiException(Errors.TOPIC_ALREADY_EXISTS,
                "Topic '" + name + "' is marked for deletion; retry once the deletion has finished.");
    }

    /** Marks a topic for deletion; the controller and every replica do the rest. */
    public void delete(String name) {
        if (!deleteEnabled) {
            throw new ApiException(Errors.TOPIC_DELETION_DISABLED, "Topic deletion is disabled (delete.topic.enable=false).");
        }
        if (metadata.image().topic(name) == null) {
            throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic: " + name);
        }
        try {
            zk.markTopicForDeletion(name);
        } catch (Exception e) {
            throw new ApiException(Errors.UNKNOWN_SERVER_ERROR, "Could not mark topic for deletion: " + e);
        }
    }

    /**
     * Checks a topic's complete set of overrides: every key must be a topic-level config and every value
     * allowed. The error names the key.
     */
    public static void validateConfig(Map<String, String> overrides) {
        Map<String, String> logOverrides = new HashMap<>(overrides);
        String unclean = logOverrides.remove(UNCLEAN_LEADER_ELECTION_ENABLE);
        if (unclean != null && !unclean.trim().equalsIgnoreCase("true") && !unclean.trim().equalsIgnoreCase("false")) {
            throw new ApiException(Errors.INVALID_CONFIG, new InvalidConfigException(UNCLEAN_LEADER_ELECTION_ENABLE,
                    unclean, "boolean true or false").getMessage());
        }
        try {
            LogConfig.fromMap(logOverrides);
        } catch (RuntimeException e) {
            throw new ApiException(Errors.INVALID_CONFIG, e.getMessage());
        }
    }

    /** A topic's current config overrides (as stored under /config/topics). */
    public Map<String, String> configOverrides(String name) {
        ClusterImage image = metadata.image();
        if (image.topic(name) == null || image.topicsBeingDeleted().contains(name)) {
            throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + name + "' does not exist.");
        }
        return image.topicConfig(name);
    }

    /**
     * Replaces a topic's config overrides after validating them; every broker applies them to its
     * live logs when the change notification reaches it.
     */
    public void alterConfig(String name, Map<String, String> overrides, boolean validateOnly) {
        configOverrides(name);
        validateConfig(overrides);
        if (validateOnly) {
            return;
        }
        try {
            zk.setTopicConfig(name, overrides);
        } catch (Exception e) {
            throw new ApiException(Errors.UNKNOWN_SERVER_ERROR, "Could not write topic config to ZooKeeper: " + e);
        }
    }

    /** Grows a topic to {@code newCount} partitions; shrinking is refused. */
    public Map<Integer, List<Integer>> addPartitions(String name, int newCount, List<List<Integer>> manual, boolean validateOnly) {
        ClusterImage image = metadata.image();
        TopicInfo topic = image.topic(name);
        if (topic == null || image.topicsBeingDeleted().contains(name)) {
            throw new ApiException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + name + "' does not exist.");
        }
        int current = topic.partitionCount();
        if (newCount < current) {
            throw new ApiException(Errors.INVALID_PARTITIONS, "Topic currently has " + current
                    + " partitions, which is higher than the requested " + newCount + ". Partitions can only be increased.");
        }
        if (newCount == current) {
            throw new ApiException(Errors.INVALID_PARTITIONS, "Topic already has " + current + " partitions.");
        }
        int factor = topic.replicas(0).size();
        List<Integer> brokers = new ArrayList<>(image.brokers().keySet());
        Map<Integer, List<Integer>> added;
        if (manual != null && !manual.isEmpty()) {
            added = new TreeMap<>();
            for (int i = 0; i < manual.size(); i++) {
                added.put(current + i, List.copyOf(manual.get(i)));
            }
            if (added.size() != newCount - current) {
                throw new ApiException(Errors.INVALID_REPLICA_ASSIGNMENT, "Assignment covers " + added.size()
                        + " partitions but " + (newCount - current) + " are being added.");
            }
        } else {
            if (factor > brokers.size()) {
                throw new ApiException(Errors.INVALID_REPLICATION_FACTOR, "Replication factor " + factor
                        + " larger than available brokers " + brokers.size());
            }
            added = ReplicaPlacement.assignAdded(brokers, topic.assignment(), newCount - current);
        }
        if (!validateOnly) {
            Map<Integer, List<Integer>> all = new TreeMap<>(topic.assignment());
            all.putAll(added);
            try {
                zk.setTopicAssignment(name, topic.topicId(), all, zk.topicAssignmentVersion(name));
            } catch (Exception e) {
                throw new ApiException(Errors.UNKNOWN_SERVER_ERROR, "Could not write partitions: " + e);
            }
        }
        return added;
    }
}
