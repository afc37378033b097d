package io.tributary.broker.replica;

import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.ClusterImageListener;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.StateChangeLog;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.metrics.BrokerTopicStats;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.storage.LogManager;
import io.tributary.storage.UnifiedLog;
import io.tributary.storage.config.LogConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker holds a replica of, kept in line with the cluster image: a replica
 * whose state znode names this broker leader becomes leader for that epoch, any other becomes a
 * follower of the named leader, and replicas of deleted topics are removed with their data. A topic
 * deleted and created again under the same name (a new topic id) may reach this broker as one image
 * change; its old replicas are removed first, so the new topic starts from empty logs.
 *
 * <p>Each log runs with its topic's effective config: the topic's overrides over the broker-wide
 * defaults, which themselves follow the dynamic broker configs. Whenever either layer changes, every
 * log whose effective config changed gets the new one.
 *
 * <p>A replica whose log directory fails is marked offline ({@link #onLogDirFailure}) and stays so until the
 * broker restarts: later images neither make it lead or follow nor create its log again elsewhere.
 *
 * <p>Threading: {@link #onImage} runs on the metadata thread, the only writer of the partition map;
 * request handlers read the map concurrently. {@link #onLogDirFailure} runs on whichever thread met the
 * failure; the offline set is concurrent and {@link Partition} guards its own role.
 */
public final class ReplicaManager implements ClusterImageListener {

    private static final UUID ZERO_ID = new UUID(0, 0);

    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);

    /** Told when this broker starts or stops leading, or following, a partition. */
    public interface RoleListener {
        void onBecomeLeader(Partition partition);

        void onBecomeFollower(Partition partition, int leaderId);

        void onRemoved(TopicPartition partition);
    }

    private final int brokerId;
    private final LogManager logManager;
    private final Function<ClusterImage, Map<String, String>> topicDefaults;
    private final Time time;
    private final BrokerTopicStats topicStats;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final List<RoleListener> roleListeners = new CopyOnWriteArrayList<>();
    /** Per topic, the effective log settings last applied to its logs; metadata thread only. */
    private final Map<String, Map<String, String>> appliedConfigs = new HashMap<>();
    /** Per topic this broker holds replicas of, the topic id they belong to; metadata thread only. */
    private final Map<String, UUID> heldTopicIds = new HashMap<>();
    /** Replicas whose log directory failed; they stay offline until the broker restarts. */
    private final Set<TopicPartition> offline = ConcurrentHashMap.newKeySet();

    /**
     * @param topicDefaults the defaults of topic-level keys under a cluster image (server.properties
     *                      overlaid with the dynamic broker configs that image holds)
     */
    public ReplicaManager(int brokerId, LogManager logManager, Function<ClusterImage, Map<String, String>> topicDefaults,
                          Time time) {
        this(brokerId, logManager, topicDefaults, time, BrokerTopicStats.standalone());
    }

    /** @param topicStats where each new partition takes its topic's meters from */
    public ReplicaManager(int brokerId, LogManager logManager, Function<ClusterImage, Map<String, String>> topicDefaults,
                          Time time, BrokerTopicStats topicStats) {
        this.brokerId = brokerId;
        this.logManager = logManager;
        this.topicDefaults = topicDefaults;
        this.time = time;
        this.topicStats = topicStats;
    }

    public void addRoleListener(RoleListener listener) {
        roleListeners.add(listener);
    }

    public Partition partition(TopicPartition tp) {
        return partitions.get(tp);
    }

    public Collection<Partition> allPartitions() {
        return partitions.values();
    }

    /** The log-level settings of a topic: defaults overlaid with the topic's overrides, log keys only. */
    private static Map<String, String> logSettings(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(defaults);
        merged.putAll(overrides);
        return LogConfig.logSettingsOf(merged);
    }

    @Override
    public void onImage(ClusterImage previous, ClusterImage current) {
        Map<String, String> defaults = topicDefaults.apply(current);
        Set<TopicPartition> assignedHere = new HashSet<>();
        for (TopicInfo topic : current.topics().values()) {
            if (current.topicsBeingDeleted().contains(topic.name())) {
                continue;
            }
            removeIfRecreated(topic);
            Map<String, String> settings = logSettings(defaults, current.topicConfig(topic.name()));
            applyConfigChange(topic.name(), settings);
            for (Map.Entry<Integer, List<Integer>> entry : topic.assignment().entrySet()) {
                if (!entry.getValue().contains(brokerId)) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(topic.name(), entry.getKey());
                assignedHere.add(tp);
                PartitionState state = current.partition(tp);
                if (state != null) {
                    applyState(tp, topic.topicId(), state, entry.getValue(), settings);
                }
            }
        }
        for (TopicPartition tp : new ArrayList<>(partitions.keySet())) {
            if (!assignedHere.contains(tp)) {
                remove(tp);
            }
        }
    }

    /**
     * Removes the replicas of an earlier topic of the same name. Logs loaded at start-up carry no topic id and
     * are adopted by the first topic the image names.
     */
    private void removeIfRecreated(TopicInfo topic) {
        UUID held = heldTopicIds.get(topic.name());
        if (held == null || held.equals(topic.topicId())) {
            return;
        }
        log.info("Topic {} was deleted and created again (id {} -> {}); removing the old replicas", topic.name(),
                held, topic.topicId());
        for (TopicPartition tp : new ArrayList<>(partitions.keySet())) {
            if (tp.topic().equals(topic.name())) {
                remove(tp);
            }
        }
    }

    private void applyState(TopicPartition tp, UUID topicId, PartitionState state, List<Integer> replicas,
                            Map<String, String> settings) {
        if (offline.contains(tp)) {
            return;
        }
        Partition partition = partitions.get(tp);
        try {
            if (partition != null && isSuccessor(topicId, partition.topicId())) {
                // Deleted and re-created under the same name between two images: the replica here is the
                // predecessor's, and its records must never be served as the new topic's.
                log.info("Replica of {} belongs to topic id {}, the topic's id is now {}: removing it",
                        tp, partition.topicId(), topicId);
                remove(tp);
                partition = null;
            }
            if (partition != null && partition.topicId().equals(ZERO_ID) && !topicId.equals(ZERO_ID)) {
                partition.learnTopicId(topicId);
            }
            if (partition == null) {
                LogConfig config = LogConfig.fromMap(settings);
                UnifiedLog unifiedLog = openLogOfTopic(tp, topicId, config);
                // A log loaded at start-up was opened with the static defaults; give it what the image says.
                unifiedLog.updateConfig(config);
                partition = new Partition(tp, topicId, unifiedLog, brokerId, time, topicStats.topic(tp.topic()));
                partitions.put(tp, partition);
                heldTopicIds.put(tp.topic(), topicId);
            }
            if (state.leader() == brokerId) {
                boolean changed = !partition.isLeader() || partition.leaderEpoch() != state.leaderEpoch();
                partition.makeLeader(state.leaderEpoch(), state.isr(), replicas);
                if (changed) {
                    StateChangeLog.LOG.info("Broker {} leading {} at epoch {} with ISR {}", brokerId, tp, state.leaderEpoch(), state.isr());
                    Partition leading = partition;
                    roleListeners.forEach(l -> l.onBecomeLeader(leading));
                }
            } else {
                boolean changed = partition.isLeader() || partition.leaderId() != state.leader()
                        || partition.leaderEpoch() != state.leaderEpoch();
                partition.makeFollower(state.leader(), state.leaderEpoch(), state.isr(), replicas);
                if (changed) {
                    StateChangeLog.LOG.info("Broker {} following broker {} for {} at epoch {}", brokerId, state.leader(), tp, state.leaderEpoch());
                    Partition following = partition;
                    roleListeners.forEach(l -> l.onBecomeFollower(following, state.leader()));
                }
            }
        } catch (RuntimeException e) {
            log.error("Could not apply state {} to partition {}", state, tp, e);
        }
    }

    private static boolean isSuccessor(UUID imageId, UUID replicaId) {
        return !imageId.equals(ZERO_ID) && !replicaId.equals(ZERO_ID) && !imageId.equals(replicaId);
    }

    /**
     * The partition's log, checked against the topic's id in {@code partition.metadata}: a directory recording
     * another id is a deleted predecessor's (left by a delete this broker missed while down) and is deleted,
     * as Kafka deletes stray logs; a directory recording none is given the topic's id.
     */
    private UnifiedLog openLogOfTopic(TopicPartition tp, UUID topicId, LogConfig config) {
        UnifiedLog unifiedLog = logManager.getOrCreateLog(tp, config);
        if (topicId.equals(ZERO_ID)) {
            return unifiedLog;
        }
        Optional<UUID> recorded = unifiedLog.topicId();
        if (recorded.isPresent() && !recorded.get().equals(topicId)) {
            log.warn("Log directory of {} belongs to topic id {}, the topic's id is {}: deleting the stale log",
                    tp, recorded.get(), topicId);
            logManager.deleteLog(tp);
            unifiedLog = logManager.getOrCreateLog(tp, config);
            recorded = Optional.empty();
        }
        if (recorded.isEmpty()) {
            unifiedLog.assignTopicId(topicId);
        }
        return unifiedLog;
    }

    private void applyConfigChange(String topic, Map<String, String> settings) {
        Map<String, String> before = appliedConfigs.put(topic, settings);
        if (before == null || before.equals(settings)) {
            return;
        }
        LogConfig config;
        try {
            config = LogConfig.fromMap(settings);
        } catch (RuntimeException e) {
            log.error("Keeping the current configuration of topic {}: the new one is invalid", topic, e);
            return;
        }
        for (Partition partition : partitions.values()) {
            if (partition.topicPartition().topic().equals(topic)) {
                partition.log().updateConfig(config);
            }
        }
        log.info("Applied new configuration to topic {}: {}", topic, settings);
    }

    private void remove(TopicPartition tp) {
        Partition partition = partitions.remove(tp);
        offline.remove(tp); // a topic created again under this name starts afresh on an online directory
        if (partition == null) {
            return;
        }
        roleListeners.forEach(l -> l.onRemoved(tp));
        if (partitions.keySet().stream().noneMatch(p -> p.topic().equals(tp.topic()))) {
            topicStats.removeTopic(tp.topic());
        }
        partition.makeFollower(-1, partition.leaderEpoch(), List.of(), List.of());
        logManager.deleteLog(tp);
        appliedConfigs.keySet().removeIf(topic -> partitions.keySet().stream().noneMatch(p -> p.topic().equals(topic)));
        if (partitions.keySet().stream().noneMatch(p -> p.topic().equals(tp.topic()))) {
            heldTopicIds.remove(tp.topic());
        }
        log.info("Removed replica of {} and its data", tp);
    }

    /**
     * Takes every replica whose log lived in {@code dir} offline and stops its fetching; returns them, so the
     * caller can report them to the controller.
     */
    public Set<TopicPartition> onLogDirFailure(Path dir) {
        Path failed = dir.toAbsolutePath();
        Set<TopicPartition> affected = new HashSet<>();
        for (Partition partition : partitions.values()) {
            if (partition.log().dir().getParent().toAbsolutePath().equals(failed)) {
                TopicPartition tp = partition.topicPartition();
                offline.add(tp);
                affected.add(tp);
                partition.markOffline();
                roleListeners.forEach(l -> l.onRemoved(tp));
            }
        }
        log.error("Log directory {} failed: {} replicas offline: {}", failed, affected.size(), affected);
        return affected;
    }

    /** Applies a function to every partition this broker leads. */
    public void forEachLeader(Consumer<Partition> action) {
        partitions.values().stream().filter(Partition::isLeader).forEach(action);
    }
}
