package io.tributary.broker.metadata;

import io.tributary.broker.cluster.ClusterStore;
import io.tributary.broker.zk.ZkPaths;
import java.util.List;
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
    /** The subtrees an image is built from, and the log-directory events (they only wake the controller). */
    public static final List<String> WATCHED = List.of("/brokers", ZkPaths.CONTROLLER, ZkPaths.CONFIG_TOPICS, "/cluster",
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
        List<ClusterStore.Node> nodes = new java.util.ArrayList<>();
        for (CuratorCache cache : caches) {
            for (ChildData node : (Iterable<ChildData>) cache.stream()::iterator) {
                nodes.add(new ClusterStore.Node(node.getPath(), node.getData(), node.getStat().getVersion(),
                        node.getStat().getCzxid(), node.getStat().getEphemeralOwner()));
            }
        }
        return ClusterImageBuilder.build(nodes);
    }

    @Override
    public void close() {
        caches.forEach(CuratorCache::close);
        metadataThread.shutdownNow();
    }
}
