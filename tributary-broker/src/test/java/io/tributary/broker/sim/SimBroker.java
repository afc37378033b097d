package io.tributary.broker.sim;

import io.tributary.broker.api.FetchHandler;
import io.tributary.broker.api.OffsetForLeaderEpochHandler;
import io.tributary.broker.cluster.ClusterStore;
import io.tributary.broker.cluster.ClusterStoreControlPlane;
import io.tributary.broker.cluster.InMemoryClusterStore;
import io.tributary.broker.cluster.InMemoryEnsemble;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityProtocol;
import io.tributary.broker.controller.Controller;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.ClusterImageBuilder;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.metadata.TopicIdIndex;
import io.tributary.broker.replica.IsrManager;
import io.tributary.broker.replica.ReplicaFetcherManager;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.broker.worker.PollWorker;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.MockTime;
import io.tributary.protocol.ApiKey;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogManagerConfig;
import io.tributary.storage.config.LogConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One broker of the simulation: its real logs (in its own directory), ReplicaManager, replica
 * fetchers, ISR manager and controller, over a session on the shared in-memory ZooKeeper and the
 * in-memory router. Nothing here has a thread: {@link #step} rebuilds the image when the store
 * changed (as the metadata thread would) and calls every worker's {@code doWork}.
 *
 * <p>A kill drops everything in memory and ends the session (its ephemeral registration and any
 * /controller go at once, as after the session timeout); the log directory survives, as files do
 * when a process dies. A restart opens the logs again. A pause stops stepping while the session
 * stays alive, like a long GC or a stopped process.
 */
final class SimBroker {

    static final long REPLICA_LAG_MS = 1_000;

    final int id;
    private final Path dir;
    private final InMemoryEnsemble ensemble;
    private final MockTime time;
    private final InMemoryReplicaRouter router;
    private final List<PollWorker> fetcherWorkers = new ArrayList<>();
    /** Fetchers stopped during a step (maybe from inside their own doWork, by a delayed response); closed after it. */
    private final List<PollWorker> stoppedFetchers = new ArrayList<>();
    private InMemoryClusterStore session;
    private AutoCloseable watch;
    private boolean dirty;
    private LogManager logManager;
    ReplicaManager replicas;
    private ReplicaFetcherManager fetchers;
    private IsrManager isrManager;
    Controller controller;
    private ClusterImage image = ClusterImage.EMPTY;
    boolean alive;
    long pausedUntilMs;
    int incarnation;

    SimBroker(int id, Path dir, InMemoryEnsemble ensemble, MockTime time, InMemoryReplicaRouter router) {
        this.id = id;
        this.dir = dir;
        this.ensemble = ensemble;
        this.time = time;
        this.router = router;
    }

    void start() {
        incarnation++;
        logManager = new LogManager(new LogManagerConfig(List.of(dir), Long.MAX_VALUE / 4, Long.MAX_VALUE / 4,
                Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, false, 1), topic -> LogConfig.fromMap(Map.of()), time,
                (failed, cause) -> {
                    throw new AssertionError("log dir of broker " + id + " failed", cause);
                });
        logManager.startup();
        replicas = new ReplicaManager(id, logManager, any -> Map.of(), time);
        fetchers = new ReplicaFetcherManager(id, router.transportFor(id), 0, time, (name, worker) -> {
            fetcherWorkers.add(worker);
            return waitMs -> {
                fetcherWorkers.remove(worker);
                stoppedFetchers.add(worker);
            };
        });
        replicas.addRoleListener(fetchers);
        ClusterStoreControlPlane controlPlane = new ClusterStoreControlPlane(new CurrentSessionStore(() -> session), time);
        isrManager = new IsrManager(id, replicas, controlPlane, REPLICA_LAG_MS);
        controller = new Controller(id, controlPlane, () -> image, false, true);
        FetchHandler fetch = new FetchHandler(replicas, null, isrManager::onFollowerFetch, new TopicIdIndex(() -> image));
        OffsetForLeaderEpochHandler epochs = new OffsetForLeaderEpochHandler(replicas);
        router.register(id, api -> api == ApiKey.FETCH ? fetch : epochs);
        image = ClusterImage.EMPTY;
        alive = true;
        pausedUntilMs = 0;
        connect();
    }

    /** A new session and this broker's registration in it, as BrokerRegistration does after an expiry. */
    private void connect() {
        closeWatch();
        session = ensemble.connect();
        watch = session.watch("/", path -> dirty = true);
        session.create(ZkPaths.broker(id), ZkCodec.brokerRegistration(id,
                List.of(new Endpoint("PLAINTEXT", SecurityProtocol.PLAINTEXT, "127.0.0.1", 9000 + id)), null, time.milliseconds()), true);
        dirty = true;
    }

    long sessionId() {
        return session.sessionId();
    }

    boolean isPaused(long nowMs) {
        return nowMs < pausedUntilMs;
    }

    /** Everything this broker would do at {@code nowMs}: follow the store, then run each worker once. */
    void step(long nowMs) {
        if (!alive || isPaused(nowMs)) {
            return;
        }
        if (!session.isLive()) {
            connect();
        }
        refreshImage();
        controller.doWork(nowMs);
        isrManager.doWork(nowMs);
        for (PollWorker fetcher : List.copyOf(fetcherWorkers)) {
            if (fetcherWorkers.contains(fetcher)) {
                fetcher.doWork(nowMs);
            }
        }
        refreshImage();
        closeStoppedFetchers();
    }

    /** As a WorkerThread does: a stopped fetcher's onStop runs after its last doWork returned. */
    private void closeStoppedFetchers() {
        stoppedFetchers.forEach(PollWorker::onStop);
        stoppedFetchers.clear();
    }

    /** Rebuilds the image if the store changed, and hands it on in the metadata thread's order. */
    void refreshImage() {
        if (!alive || !dirty || !session.isLive()) {
            return;
        }
        dirty = false;
        List<ClusterStore.Node> nodes = new ArrayList<>();
        for (String root : MetadataCache.WATCHED) {
            nodes.addAll(session.tree(root));
        }
        ClusterImage previous = image;
        image = ClusterImageBuilder.build(nodes);
        replicas.onImage(previous, image);
        controller.onImage(image);
    }

    void kill() {
        alive = false;
        router.unregister(id);
        fetchers.close();
        closeStoppedFetchers();
        closeWatch();
        ensemble.expire(session.sessionId());
        logManager.shutdown();
    }

    private void closeWatch() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            watch = null;
        }
    }

    Optional<io.tributary.broker.replica.Partition> partition(io.tributary.common.TopicPartition tp) {
        return alive ? Optional.ofNullable(replicas.partition(tp)) : Optional.empty();
    }
}
