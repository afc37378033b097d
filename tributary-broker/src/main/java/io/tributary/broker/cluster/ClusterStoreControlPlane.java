package io.tributary.broker.cluster;

import io.tributary.broker.cluster.ClusterStore.Check;
import io.tributary.broker.cluster.ClusterStore.Create;
import io.tributary.broker.cluster.ClusterStore.Delete;
import io.tributary.broker.cluster.ClusterStore.Op;
import io.tributary.broker.cluster.ClusterStore.SetData;
import io.tributary.broker.cluster.ClusterStoreException.Code;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ControlPlaneStore} over a {@link ClusterStore}, in Kafka 2.x's znode layout
 * ({@link ZkPaths}, {@link ZkCodec}), with the same fencing as {@code KafkaZkClient}: controller
 * writes carry a check of /controller_epoch's version, partition state writes the state znode's.
 * Thread-safe if the store is.
 */
public final class ClusterStoreControlPlane implements ControlPlaneStore {

    private final ClusterStore store;
    private final Time time;

    public ClusterStoreControlPlane(ClusterStore store, Time time) {
        this.store = store;
        this.time = time;
    }

    @Override
    public int controllerId() {
        return store.read(ZkPaths.CONTROLLER).map(node -> ZkCodec.controllerId(node.data())).orElse(-1);
    }

    @Override
    public boolean tryCreateController(int brokerId) {
        try {
            store.create(ZkPaths.CONTROLLER, ZkCodec.controller(brokerId, time.milliseconds()), true);
            return true;
        } catch (ClusterStoreException e) {
            if (e.code() == Code.NODE_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int[] incrementControllerEpoch() {
        while (true) {
            Optional<ClusterStore.Node> current = store.read(ZkPaths.CONTROLLER_EPOCH);
            try {
                if (current.isEmpty()) {
                    store.create(ZkPaths.CONTROLLER_EPOCH, "1".getBytes(StandardCharsets.UTF_8), false);
                    return new int[] {1, 0};
                }
                int next = Integer.parseInt(new String(current.get().data(), StandardCharsets.UTF_8).trim()) + 1;
                int version = store.setData(ZkPaths.CONTROLLER_EPOCH, String.valueOf(next).getBytes(StandardCharsets.UTF_8),
                        current.get().version());
                return new int[] {next, version};
            } catch (ClusterStoreException e) {
                if (e.code() != Code.NODE_EXISTS && e.code() != Code.BAD_VERSION) {
                    throw e;
                }
                // another broker created or bumped it first; read it again
            }
        }
    }

    @Override
    public boolean deleteTopicZnodes(String topic, int controllerEpochZkVersion) {
        String marker = ZkPaths.deleteTopic(topic);
        for (int attempt = 1; ; attempt++) {
            if (store.read(marker).isEmpty()) {
                return false;
            }
            List<Op> ops = new ArrayList<>();
            ops.add(new Check(ZkPaths.CONTROLLER_EPOCH, controllerEpochZkVersion));
            ops.add(new Check(marker, ClusterStore.ANY_VERSION));
            List<ClusterStore.Node> subtree = store.tree(ZkPaths.topic(topic));
            for (int i = subtree.size() - 1; i >= 0; i--) {
                ops.add(new Delete(subtree.get(i).path(), ClusterStore.ANY_VERSION));
            }
            if (store.read(ZkPaths.topicConfig(topic)).isPresent()) {
                ops.add(new Delete(ZkPaths.topicConfig(topic), ClusterStore.ANY_VERSION));
            }
            ops.add(new Delete(marker, ClusterStore.ANY_VERSION));
            try {
                store.multi(ops);
                return true;
            } catch (ClusterStoreException e) {
                if ((e.code() != Code.NO_NODE && e.code() != Code.NOT_EMPTY) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<UUID> topicId(String topic) {
        return store.read(ZkPaths.topic(topic)).map(node -> ZkCodec.topicInfo(topic, node.data()).topicId());
    }

    @Override
    public boolean createPartitionStates(Map<TopicPartition, PartitionState> states, int controllerEpochZkVersion) {
        List<Op> ops = new ArrayList<>();
        ops.add(new Check(ZkPaths.CONTROLLER_EPOCH, controllerEpochZkVersion));
        java.util.Set<String> parents = new java.util.HashSet<>();
        for (Map.Entry<TopicPartition, PartitionState> entry : states.entrySet()) {
            TopicPartition tp = entry.getKey();
            String parent = ZkPaths.partitions(tp.topic());
            if (parents.add(parent) && store.read(parent).isEmpty()) {
                ops.add(new Create(parent, new byte[0], false));
            }
            ops.add(new Create(ZkPaths.partition(tp), new byte[0], false));
            ops.add(new Create(ZkPaths.partitionState(tp), ZkCodec.partitionState(entry.getValue()), false));
        }
        try {
            store.multi(ops);
            return true;
        } catch (ClusterStoreException e) {
            if (e.code() == Code.NODE_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean createPartitionState(TopicPartition tp, PartitionState state, int controllerEpochZkVersion) {
        for (String path : List.of(ZkPaths.partitions(tp.topic()), ZkPaths.partition(tp))) {
            try {
                store.create(path, new byte[0], false);
            } catch (ClusterStoreException e) {
                if (e.code() != Code.NODE_EXISTS) {
                    throw e;
                }
            }
        }
        try {
            store.multi(List.of(new Check(ZkPaths.CONTROLLER_EPOCH, controllerEpochZkVersion),
                    new Create(ZkPaths.partitionState(tp), ZkCodec.partitionState(state), false)));
            return true;
        } catch (ClusterStoreException e) {
            if (e.code() == Code.NODE_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int updatePartitionState(TopicPartition tp, PartitionState state, int controllerEpochZkVersion) {
        try {
            if (controllerEpochZkVersion < 0) {
                return store.setData(ZkPaths.partitionState(tp), ZkCodec.partitionState(state), state.zkVersion());
            }
            store.multi(List.of(new Check(ZkPaths.CONTROLLER_EPOCH, controllerEpochZkVersion),
                    new SetData(ZkPaths.partitionState(tp), ZkCodec.partitionState(state), state.zkVersion())));
            return state.zkVersion() + 1;
        } catch (ClusterStoreException e) {
            if (e.code() == Code.BAD_VERSION || e.code() == Code.NO_NODE) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public PartitionState readPartitionState(TopicPartition tp) {
        return store.read(ZkPaths.partitionState(tp))
                .map(node -> ZkCodec.partitionState(node.data(), node.version())).orElse(null);
    }

    @Override
    public boolean assignTopicIdIfAbsent(String topic) {
        Optional<ClusterStore.Node> node = store.read(ZkPaths.topic(topic));
        if (node.isEmpty()) {
            return false;
        }
        byte[] updated = ZkCodec.withTopicId(node.get().data(), UUID.randomUUID());
        if (updated == null) {
            return false;
        }
        try {
            store.setData(ZkPaths.topic(topic), updated, node.get().version());
            return true;
        } catch (ClusterStoreException e) {
            if (e.code() == Code.BAD_VERSION || e.code() == Code.NO_NODE) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Map<String, ZkCodec.LogDirEvent> logDirEvents() {
        Map<String, ZkCodec.LogDirEvent> events = new java.util.TreeMap<>();
        for (ClusterStore.Node node : store.tree(ZkPaths.LOG_DIR_EVENT_NOTIFICATION)) {
            if (!node.path().equals(ZkPaths.LOG_DIR_EVENT_NOTIFICATION)) {
                events.put(node.path(), ZkCodec.logDirEvent(node.data()));
            }
        }
        return events;
    }

    @Override
    public void deleteIfExists(String path) {
        List<ClusterStore.Node> subtree = store.tree(path);
        for (int i = subtree.size() - 1; i >= 0; i--) {
            try {
                store.delete(subtree.get(i).path(), ClusterStore.ANY_VERSION);
            } catch (ClusterStoreException e) {
                if (e.code() != Code.NO_NODE) {
                    throw e;
                }
            }
        }
    }
}
