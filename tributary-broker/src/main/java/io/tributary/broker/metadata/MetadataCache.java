package io.tributary.broker.metadata;

import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every broker's view of the cluster, kept from ZooKeeper watches: ZooKeeper is the source of
 * truth and each broker follows it, instead of the controller pushing UpdateMetadata to everyone.
 * Changes are coalesced and rebuilt into a new immutable {@link ClusterImage} on the single
 * metadata thread, which also tells the listeners; readers just take the current image.
 */
public final class MetadataCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);
    private static final List<String> WATCHED = List.of("/brokers", ZkPaths.CONTROLLER, ZkPaths.CONFIG_TOPICS, "/cluster",
            ZkPaths.DELETE_TOPICS, ZkPaths.CONFIG_BROKERS,
            // Not part of the image: a new event only wakes the controller, which reads the events itself.
            ZkPaths.LOG_DIR_EVENT_NOTIFICATION);

    private final List<CuratorCache> caches;
    private final ExecutorService metadataThread;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final List<ClusterImageListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch initialized;
    private volatile ClusterImage image = ClusterImage.EMPTY;

    public MetadataCache(CuratorFramework curator) {
        this.caches = WATCHED.stream().map(path -> CuratorCache.build(curator, path)).toList();
        this.metadataThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metadata");
            t.setDaemon(true);
            return t;
        });
        this.initialized = new CountDownLatch(caches.size());
    }

    public void addListener(ClusterImageListener listener) {
        listeners.add(listener);
    }

    /** Starts watching and waits for the first complete image. */
    public void start(long timeoutMs) throws InterruptedException {
        for (CuratorCache cache : caches) {
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forAll((type, oldData, data) -> scheduleRebuild())
                    .forInitialized(initialized::countDown)
                    .build());
            cache.start();
        }
        if (!initialized.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("metadata not loaded from ZooKeeper within " + timeoutMs + " ms");
        }
        scheduleRebuild();
        awaitRebuilt();
    }

    public ClusterImage image() {
        return image;
    }

    /** Runs the task on the metadata thread after every rebuild queued so far; for ordered reactions. */
    public void runOnMetadataThread(Runnable task) {
        metadataThread.execute(task);
    }

    /** Blocks until changes observed so far are reflected in the image. */
    public void awaitRebuilt() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        metadataThread.execute(done::countDown);
        done.await(10, TimeUnit.SECONDS);
    }

    private void scheduleRebuild() {
        if (initialized.getCount() == 0 && rebuildPending.compareAndSet(false, true)) {
            metadataThread.execute(this::rebuild);
        }
    }

    private void rebuild() {
        rebuildPending.set(false);
        try {
            ClusterImage previous = image;
            ClusterImage current = build();
            image = current;
            for (ClusterImageListener listener : listeners) {
                try {
                    listener.onImage(previous, current);
                } catch (RuntimeException e) {
                    log.error("Metadata listener {} failed", listener, e);
                }
            }
        } catch (RuntimeException e) {
            log.error("Could not rebuild cluster metadata", e);
        }
    }

    private ClusterImage build() {
        TreeMap<Integer, BrokerInfo> brokers = new TreeMap<>();
        TreeMap<String, TopicInfo> topics = new TreeMap<>();
        Map<TopicPartition, PartitionState> partitions = new HashMap<>();
        Map<String, Map<String, String>> configs = new HashMap<>();
        Map<String, Map<String, String>> brokerConfigs = new HashMap<>();
        int controllerId = -1;
        String clusterId = "";
        java.util.Set<String> deleting = new java.util.HashSet<>();
        for (CuratorCache cache : caches) {
            for (ChildData node : (Iterable<ChildData>) cache.stream()::iterator) {
                String path = node.getPath();
                byte[] data = node.getData();
                String[] parts = path.split("/");
                if (path.startsWith(ZkPaths.BROKER_IDS + "/") && parts.length == 4) {
                    int id = Integer.parseInt(parts[3]);
                    brokers.put(id, ZkCodec.brokerInfo(id, data, node.getStat().getCzxid()));
                } else if (path.startsWith(ZkPaths.BROKER_TOPICS + "/") && parts.length == 4) {
                    topics.put(parts[3], ZkCodec.topicInfo(parts[3], data));
                } else if (path.startsWith(ZkPaths.BROKER_TOPICS + "/") && parts.length == 7 && parts[6].equals("state")) {
                    partitions.put(new TopicPartition(parts[3], Integer.parseInt(parts[5])),
                            ZkCodec.partitionState(data, node.getStat().getVersion()));
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
        }
        partitions.keySet().removeIf(tp -> !topics.containsKey(tp.topic()));
        return new ClusterImage(clusterId, controllerId, brokers, topics, Map.copyOf(partitions), Map.copyOf(configs),
                java.util.Set.copyOf(deleting), Map.copyOf(brokerConfigs));
    }


    @Override
    public void close() {
        caches.forEach(CuratorCache::close);
        metadataThread.shutdownNow();
    }
}
