package io.tributary.broker.zk;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the cluster's state in ZooKeeper in Kafka's layout. Partition state is written
 * with conditional (versioned) updates so a stale writer cannot overwrite newer state. Thread-safe
 * (Curator is); each call is a blocking round trip, so it is never called from a network thread.
 */
public final class KafkaZkClient implements AutoCloseable, io.tributary.broker.cluster.ControlPlaneStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaZkClient.class);

    private final CuratorFramework curator;
    private final Time time;

    private KafkaZkClient(CuratorFramework curator, Time time) {
        this.curator = curator;
        this.time = time;
    }

    public static KafkaZkClient connect(String connectString, int sessionTimeoutMs, int connectionTimeoutMs, Time time)
            throws InterruptedException {
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(connectionTimeoutMs)
                .retryPolicy(new ExponentialBackoffRetry(100, 10, 2000))
                .defaultData(new byte[0])
                .build();
        curator.start();
        if (!curator.blockUntilConnected(connectionTimeoutMs, TimeUnit.MILLISECONDS)) {
            curator.close();
            throw new IllegalStateException("could not connect to ZooKeeper at " + connectString + " within "
                    + connectionTimeoutMs + " ms (zookeeper.connect / zookeeper.connection.timeout.ms)");
        }
        return new KafkaZkClient(curator, time);
    }

    public CuratorFramework curator() {
        return curator;
    }

    public long sessionId() throws Exception {
        return curator.getZookeeperClient().getZooKeeper().getSessionId();
    }

    public void ensurePersistentPaths() throws Exception {
        java.util.LinkedHashSet<String> missing = new java.util.LinkedHashSet<>();
        for (String path : ZkPaths.PERSISTENT) {
            if (curator.checkExists().forPath(path) == null) { // a read is cheap; a create is a synced write
                addWithParents(path, missing);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        // A fresh cluster: one multi-op transaction, so ZooKeeper syncs its log once rather than per path.
        List<CuratorOp> creates = new java.util.ArrayList<>();
        for (String path : missing) {
            creates.add(curator.transactionOp().create().forPath(path));
        }
        try {
            curator.transaction().forOperations(creates);
        } catch (KeeperException.NodeExistsException e) {
            createEachIfAbsent(); // another broker is creating them at the same time
        }
    }

    /** {@code path}'s absent ancestors, then {@code path}, in creation order. */
    private void addWithParents(String path, java.util.Set<String> into) throws Exception {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            String parent = path.substring(0, slash);
            if (!into.contains(parent) && curator.checkExists().forPath(parent) == null) {
                addWithParents(parent, into);
            }
        }
        into.add(path);
    }

    private void createEachIfAbsent() throws Exception {
        for (String path : ZkPaths.PERSISTENT) {
            try {
                curator.create().creatingParentsIfNeeded().forPath(path);
            } catch (KeeperException.NodeExistsException ignored) {
                // created by an earlier start or another broker
            }
        }
    }

    /** The cluster id, created on first start of the cluster (22-char base64url UUID). */
    public String getOrCreateClusterId() throws Exception {
        try {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            String json = "{\"version\":\"1\",\"id\":\"" + id + "\"}";
            curator.create().creatingParentsIfNeeded().forPath(ZkPaths.CLUSTER_ID, json.getBytes(StandardCharsets.UTF_8));
        } catch (KeeperException.NodeExistsException ignored) {
            // an earlier start or another broker made it
        }
        return ZkJson.read(curator.getData().forPath(ZkPaths.CLUSTER_ID)).path("id").asText();
    }

    /**
     * Registers this broker (ephemeral znode). A registration left by this broker's previous,
     * dead process lingers until its session expires; wait for that, or remove it at once when the
     * caller knows it owns the ZooKeeper (embedded).
     */
    public void registerBroker(int id, List<Endpoint> endpoints, String rack, boolean removeStale, long waitMs)
            throws Exception {
        byte[] data = ZkCodec.brokerRegistration(id, endpoints, rack, time.milliseconds());
        long deadline = time.hiResMilliseconds() + waitMs;
        while (true) {
            try {
                curator.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.broker(id), data);
                return;
            } catch (KeeperException.NodeExistsException e) {
                Stat stat = curator.checkExists().forPath(ZkPaths.broker(id));
                if (stat != null && stat.getEphemeralOwner() == sessionId()) {
                    return;
                }
                if (removeStale && stat != null) {
                    log.info("Removing stale registration of broker {} left by an earlier process", id);
                    deleteIfExists(ZkPaths.broker(id));
                    continue;
                }
                if (time.hiResMilliseconds() > deadline) {
                    throw new IllegalStateException("broker.id " + id + " is already registered in ZooKeeper by a live broker");
                }
                log.info("Broker {} is still registered by an earlier session; waiting for it to expire", id);
                Thread.sleep(500);
            }
        }
    }

    /** Removes a /controller left by a dead process of ours (embedded ZooKeeper only). */
    public void removeStaleController() throws Exception {
        Stat stat = curator.checkExists().forPath(ZkPaths.CONTROLLER);
        if (stat != null && stat.getEphemeralOwner() != sessionId()) {
            deleteIfExists(ZkPaths.CONTROLLER);
        }
    }

    /** Tries to become controller; true if this broker created /controller. */
    public boolean tryCreateController(int brokerId) throws Exception {
        try {
            curator.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.CONTROLLER,
                    ZkCodec.controller(brokerId, time.milliseconds()));
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        }
    }

    public int controllerId() throws Exception {
        try {
            return ZkCodec.controllerId(curator.getData().forPath(ZkPaths.CONTROLLER));
        } catch (KeeperException.NoNodeException e) {
            return -1;
        }
    }

    /** Increments /controller_epoch and returns the epoch and the znode version that fences later writes. */
    public int[] incrementControllerEpoch() throws Exception {
        while (true) {
            Stat stat = new Stat();
            try {
                byte[] data = curator.getData().storingStatIn(stat).forPath(ZkPaths.CONTROLLER_EPOCH);
                int next = Integer.parseInt(new String(data, StandardCharsets.UTF_8).trim()) + 1;
                Stat written = curator.setData().withVersion(stat.getVersion())
                        .forPath(ZkPaths.CONTROLLER_EPOCH, String.valueOf(next).getBytes(StandardCharsets.UTF_8));
                return new int[] {next, written.getVersion()};
            } catch (KeeperException.NoNodeException e) {
                try {
                    curator.create().forPath(ZkPaths.CONTROLLER_EPOCH, "1".getBytes(StandardCharsets.UTF_8));
                    return new int[] {1, 0};
                } catch (KeeperException.NodeExistsException raced) {
                    // another broker created it first; read it again
                }
            } catch (KeeperException.BadVersionException raced) {
                // another controller bumped it; retry
            }
        }
    }

    /**
     * Creates a topic, its config overrides and their change notification in one transaction
     * ({@link TopicCreation}), so a topic is either fully written or not at all. Fails with
     * {@link KeeperException.NodeExistsException} when the topic exists or is still being deleted.
     */
    public void createTopic(String topic, UUID topicId, Map<Integer, List<Integer>> assignment,
                            Map<String, String> config) throws Exception {
        curator.transaction().forOperations(TopicCreation.ops(curator, topic, topicId, assignment, config));
    }

    /** Reports a failed log directory of this broker to the controller (a sequential log_dir_event znode). */
    public void notifyLogDirFailure(ZkCodec.LogDirEvent event) throws Exception {
        curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.LOG_DIR_EVENT_PREFIX, ZkCodec.logDirEvent(event));
    }

    /** The pending log dir events, oldest first, by znode name; the controller removes each once acted on. */
    public Map<String, ZkCodec.LogDirEvent> logDirEvents() throws Exception {
        Map<String, ZkCodec.LogDirEvent> events = new java.util.TreeMap<>();
        List<String> children;
        try {
            children = curator.getChildren().forPath(ZkPaths.LOG_DIR_EVENT_NOTIFICATION);
        } catch (KeeperException.NoNodeException e) {
            return events;
        }
        for (String child : children) {
            String path = ZkPaths.LOG_DIR_EVENT_NOTIFICATION + "/" + child;
            try {
                events.put(path, ZkCodec.logDirEvent(curator.getData().forPath(path)));
            } catch (KeeperException.NoNodeException gone) {
                // removed meanwhile by a previous controller
            }
        }
        return events;
    }

    /** Whether {@code /admin/delete_topics/<topic>} exists: a deletion was asked for and is not finished. */
    public boolean isMarkedForDeletion(String topic) throws Exception {
        return curator.checkExists().forPath(ZkPaths.deleteTopic(topic)) != null;
    }

    /** The id in a topic's assignment znode; empty when the topic does not exist. */
    public Optional<UUID> topicId(String topic) throws Exception {
        try {
            return Optional.of(ZkCodec.topicInfo(topic, curator.getData().forPath(ZkPaths.topic(topic))).topicId());
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    /** Rewrites a topic's assignment (adding partitions); fails if it changed since {@code expectedVersion}. */
    public void setTopicAssignment(String topic, UUID topicId, Map<Integer, List<Integer>> assignment, int expectedVersion)
            throws Exception {
        curator.setData().withVersion(expectedVersion).forPath(ZkPaths.topic(topic), ZkCodec.topicAssignment(topicId, assignment));
    }

    /**
     * Gives a topic created before topic ids (no {@code topic_id} in its znode) a new random id, as Kafka's
     * controller does on upgrade to 2.8: the znode is rewritten at version 3 with the id added and all else
     * kept, conditionally on its version, so a concurrent change wins and the next image retries.
     *
     * @return whether this call wrote an id
     */
    public boolean assignTopicIdIfAbsent(String topic) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = curator.getData().storingStatIn(stat).forPath(ZkPaths.topic(topic));
        } catch (KeeperException.NoNodeException e) {
            return false;
        }
        byte[] updated = ZkCodec.withTopicId(data, UUID.randomUUID());
        if (updated == null) {
            return false;
        }
        try {
            curator.setData().withVersion(stat.getVersion()).forPath(ZkPaths.topic(topic), updated);
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        }
    }

    public int topicAssignmentVersion(String topic) throws Exception {
        Stat stat = curator.checkExists().forPath(ZkPaths.topic(topic));
        return stat == null ? -1 : stat.getVersion();
    }

    /** Writes a topic's config overrides and notifies every broker, as Kafka's AdminZkClient does. */
    public void setTopicConfig(String topic, Map<String, String> config) throws Exception {
        setEntityConfig(ZkPaths.topicConfig(topic), "topics/" + topic, config);
    }

    /**
     * Writes a broker's dynamic config overrides ({@code entity} is a broker id, or {@code <default>}
     * for the cluster-wide defaults) and notifies every broker.
     */
    public void setBrokerConfig(String entity, Map<String, String> config) throws Exception {
        setEntityConfig(ZkPaths.brokerConfig(entity), "brokers/" + entity, config);
    }

    /** Writes a user's config (SCRAM credentials) and notifies every broker, as Kafka 2.x's AdminZkClient does. */
    public void setUserConfig(String user, Map<String, String> config) throws Exception {
        setEntityConfig(ZkPaths.userConfig(user), "users/" + ZkPaths.sanitize(user), config);
    }

    /** A user's config, empty when none was ever written. */
    public Map<String, String> userConfig(String user) throws Exception {
        try {
            return ZkCodec.entityConfig(curator.getData().forPath(ZkPaths.userConfig(user)));
        } catch (KeeperException.NoNodeException e) {
            return Map.of();
        }
    }

    /** A broker entity's dynamic overrides, empty when none were ever written. */
    public Map<String, String> brokerConfig(String entity) throws Exception {
        try {
            return ZkCodec.entityConfig(curator.getData().forPath(ZkPaths.brokerConfig(entity)));
        } catch (KeeperException.NoNodeException e) {
            return Map.of();
        }
    }

    private void setEntityConfig(String path, String entityPath, Map<String, String> config) throws Exception {
        byte[] data = ZkCodec.entityConfig(config);
        try {
            curator.create().creatingParentsIfNeeded().forPath(path, data);
        } catch (KeeperException.NodeExistsException e) {
            curator.setData().forPath(path, data);
        }
        curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.CONFIG_CHANGES + "/config_change_", ZkCodec.configChange(entityPath));
    }

    /**
     * Creates the state znodes of many new partitions in few ZooKeeper transactions (one log sync
     * each instead of one per partition), fenced by the controller epoch. Returns false when any
     * already existed, in which case nothing of that transaction was written and the caller falls
     * back to one partition at a time.
     */
    public boolean createPartitionStates(java.util.Map<TopicPartition, PartitionState> states, int controllerEpochZkVersion)
            throws Exception {
        java.util.List<java.util.Map.Entry<TopicPartition, PartitionState>> entries = new java.util.ArrayList<>(states.entrySet());
        java.util.Set<String> parents = new java.util.HashSet<>();
        for (int from = 0; from < entries.size(); from += 500) {
            java.util.List<CuratorOp> ops = new java.util.ArrayList<>();
            ops.add(curator.transactionOp().check().withVersion(controllerEpochZkVersion).forPath(ZkPaths.CONTROLLER_EPOCH));
            for (var entry : entries.subList(from, Math.min(entries.size(), from + 500))) {
                TopicPartition tp = entry.getKey();
                String parent = ZkPaths.partitions(tp.topic());
                if (parents.add(parent) && curator.checkExists().forPath(parent) == null) {
                    ops.add(curator.transactionOp().create().forPath(parent));
                }
                ops.add(curator.transactionOp().create().forPath(ZkPaths.partition(tp)));
                ops.add(curator.transactionOp().create().forPath(ZkPaths.partitionState(tp), ZkCodec.partitionState(entry.getValue())));
            }
            try {
                curator.transaction().forOperations(ops);
            } catch (KeeperException.NodeExistsException e) {
                return false;
            }
        }
        return true;
    }

    /** Creates a partition's state znode; false if it already exists. */
    public boolean createPartitionState(TopicPartition tp, PartitionState state, int controllerEpochZkVersion)
            throws Exception {
        try {
            curator.create().creatingParentsIfNeeded().forPath(ZkPaths.partition(tp));
        } catch (KeeperException.NodeExistsException ignored) {
            // the partition node may exist without its state
        }
        try {
            CuratorOp check = curator.transactionOp().check().withVersion(controllerEpochZkVersion).forPath(ZkPaths.CONTROLLER_EPOCH);
            CuratorOp create = curator.transactionOp().create().forPath(ZkPaths.partitionState(tp), ZkCodec.partitionState(state));
            curator.transaction().forOperations(check, create);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        }
    }

    /**
     * Writes a partition's new state if nobody changed it since it was read (its zkVersion), and, for
     * a controller, only while its epoch is current. Returns the new zkVersion, or -1 on a conflict.
     */
    public int updatePartitionState(TopicPartition tp, PartitionState state, int controllerEpochZkVersion)
            throws Exception {
        try {
            if (controllerEpochZkVersion < 0) {
                Stat stat = curator.setData().withVersion(state.zkVersion())
                        .forPath(ZkPaths.partitionState(tp), ZkCodec.partitionState(state));
                return stat.getVersion();
            }
            CuratorOp check = curator.transactionOp().check().withVersion(controllerEpochZkVersion).forPath(ZkPaths.CONTROLLER_EPOCH);
            CuratorOp set = curator.transactionOp().setData().withVersion(state.zkVersion())
                    .forPath(ZkPaths.partitionState(tp), ZkCodec.partitionState(state));
            curator.transaction().forOperations(check, set);
            return state.zkVersion() + 1;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return -1;
        }
    }

    public PartitionState readPartitionState(TopicPartition tp) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = curator.getData().storingStatIn(stat).forPath(ZkPaths.partitionState(tp));
            return ZkCodec.partitionState(data, stat.getVersion());
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    public void markTopicForDeletion(String topic) throws Exception {
        try {
            curator.create().creatingParentsIfNeeded().forPath(ZkPaths.deleteTopic(topic));
        } catch (KeeperException.NodeExistsException ignored) {
            // already marked
        }
    }

    /**
     * Finishes a topic's deletion: removes its znodes, its config and its deletion marker in one transaction that
     * requires the marker to exist and the controller epoch to be current. A stale image that still lists the
     * topic as being deleted therefore cannot remove a topic of the same name created after the deletion.
     * Returns false when there was nothing to do (the marker is gone).
     */
    public boolean deleteTopicZnodes(String topic, int controllerEpochZkVersion) throws Exception {
        String marker = ZkPaths.deleteTopic(topic);
        for (int attempt = 1; ; attempt++) {
            if (curator.checkExists().forPath(marker) == null) {
                return false;
            }
            List<CuratorOp> ops = new java.util.ArrayList<>();
            ops.add(curator.transactionOp().check().withVersion(controllerEpochZkVersion).forPath(ZkPaths.CONTROLLER_EPOCH));
            ops.add(curator.transactionOp().check().forPath(marker));
            for (String path : subtreeLeavesFirst(ZkPaths.topic(topic))) {
                ops.add(curator.transactionOp().delete().forPath(path));
            }
            if (curator.checkExists().forPath(ZkPaths.topicConfig(topic)) != null) {
                ops.add(curator.transactionOp().delete().forPath(ZkPaths.topicConfig(topic)));
            }
            ops.add(curator.transactionOp().delete().forPath(marker));
            try {
                curator.transaction().forOperations(ops);
                return true;
            } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException e) {
                // The tree changed between listing and deleting; list again (bounded: only a deposed controller
                // writes under a topic being deleted, and the epoch check stops it).
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** {@code root} and everything under it, children before their parent; empty when root does not exist. */
    private List<String> subtreeLeavesFirst(String root) throws Exception {
        List<String> result = new java.util.ArrayList<>();
        try {
            for (String child : curator.getChildren().forPath(root)) {
                result.addAll(subtreeLeavesFirst(root + "/" + child));
            }
        } catch (KeeperException.NoNodeException e) {
            return result;
        }
        result.add(root);
        return result;
    }

    /** Claims the next block of producer ids through a conditional update of /latest_producer_id_block. */
    public long allocateProducerIdBlock(int brokerId, int blockSize) throws Exception {
        while (true) {
            Stat stat = new Stat();
            byte[] data = curator.getData().storingStatIn(stat).forPath(ZkPaths.PRODUCER_ID_BLOCK);
            long start = 0;
            if (data != null && data.length > 0) {
                start = Long.parseLong(ZkJson.read(data).path("block_end").asText("-1")) + 1;
            }
            long end = start + blockSize - 1;
            String json = "{\"version\":1,\"broker\":" + brokerId + ",\"block_start\":\"" + start + "\",\"block_end\":\"" + end + "\"}";
            try {
                curator.setData().withVersion(stat.getVersion()).forPath(ZkPaths.PRODUCER_ID_BLOCK, json.getBytes(StandardCharsets.UTF_8));
                return start;
            } catch (KeeperException.BadVersionException raced) {
                // another broker took this block; try the next one
            }
        }
    }

    public void deleteIfExists(String path) throws Exception {
        try {
            curator.delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        curator.close();
    }
}
