package io.tributary.broker.server;

import io.netty.util.HashedWheelTimer;
import io.tributary.broker.admin.BrokerConfigAdmin;
import io.tributary.broker.admin.ProducerIdAllocator;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.config.ConfigException;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.controller.ControlledShutdown;
import io.tributary.broker.controller.Controller;
import io.tributary.broker.controller.ReplicaPlacement;
import io.tributary.broker.group.CoordinatorRoleListener;
import io.tributary.broker.group.ExecutorScheduler;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.group.GroupCoordinatorConfig;
import io.tributary.broker.group.ReplicatedOffsetsTopic;
import io.tributary.broker.metadata.ImageWaiter;
import io.tributary.broker.metadata.LiveBrokerConfig;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.network.NetworkServer;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.replica.IsrManager;
import io.tributary.broker.replica.ReplicaFetcherManager;
import io.tributary.broker.worker.WorkerThread;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.broker.zk.BrokerRegistration;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.broker.zk.KafkaZkClient;
import io.tributary.broker.zk.ZooKeeperClientWarmup;
import io.tributary.common.Time;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogManagerConfig;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker process's parts, started in dependency order (ZooKeeper, logs, metadata, controller,
 * network, registration) and stopped in reverse. It wires components together and owns their
 * lifecycle; behaviour lives in the components.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final int REPLICA_SOCKET_TIMEOUT_MS = 10_000;
    private static final long CONTROLLED_SHUTDOWN_TIMEOUT_MS = 5_000;

    private final BrokerConfig config;
    private final Time time;
    private final List<AutoCloseable> stopOrder = new ArrayList<>();
    private EmbeddedZooKeeper embeddedZooKeeper;
    private KafkaZkClient zk;
    private LogManager logManager;
    private MetadataCache metadata;
    private ReplicaManager replicaManager;
    private LiveBrokerConfig liveConfig;
    private GroupCoordinator groupCoordinator;
    private ReplicaFetcherManager fetchers;
    private Controller controller;
    private WorkerThread controllerThread;
    private NetworkServer network;
    private List<InetSocketAddress> boundAddresses = List.of();
    private List<Endpoint> advertised = List.of();
    private volatile boolean stopped;
    private volatile boolean registered;

    public Broker(BrokerConfig config, Time time) {
        this.config = config;
        this.time = time;
    }

    public synchronized Broker start() throws Exception {
        long started = time.hiResMilliseconds();
        ZooKeeperClientWarmup.startInBackground(); // overlaps the client's TLS set-up with the server's start
        try {
            startZooKeeper();
            startLogs();
            startGroupCoordinator();
            startMetadata();
            startNetwork();
            register();
            startController();
        } catch (Exception e) {
            close();
            throw e;
        }
        log.info("Broker {} started in {} ms, serving {}", config.brokerId(), time.hiResMilliseconds() - started, advertised);
        return this;
    }

    private void startZooKeeper() throws Exception {
        ZooKeeperChoice.Choice choice = ZooKeeperChoice.choose(config);
        embeddedZooKeeper = choice.embedded();
        String connect = choice.connectString();
        zk = KafkaZkClient.connect(connect, config.get(BrokerConfigKeys.ZOOKEEPER_SESSION_TIMEOUT_MS),
                config.get(BrokerConfigKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MS), time);
        zk.ensurePersistentPaths();
        log.info("Cluster id {}", zk.getOrCreateClusterId());
        if (embeddedZooKeeper != null) {
            zk.removeStaleController();
        }
    }

    private void startLogs() {
        BrokerParts parts = new BrokerParts(config);
        LogManagerConfig logManagerConfig = new LogManagerConfig(config.logDirs(),
                config.get(BrokerConfigKeys.LOG_RETENTION_CHECK_INTERVAL_MS), 60_000, 5_000,
                config.get(BrokerConfigKeys.LOG_CLEANER_BACKOFF_MS), config.get(BrokerConfigKeys.LOG_CLEANER_ENABLE),
                Math.max(2, config.logDirs().size()));
        logManager = new LogManager(logManagerConfig,
                parts::defaultLogConfigFor, time,
                (dir, cause) -> log.error("Log directory {} failed and is offline: {}", dir, cause.toString()));
        logManager.startup();
        liveConfig = new LiveBrokerConfig(config);
        replicaManager = new ReplicaManager(config.brokerId(), logManager, liveConfig::topicDefaults, time);
        String listenerName = config.listeners().get(0).listenerName();
        fetchers = new ReplicaFetcherManager(config.brokerId(), id -> {
            BrokerInfo leader = metadata.image().brokers().get(id);
            return leader == null ? null : leader.endpoint(listenerName);
        }, REPLICA_SOCKET_TIMEOUT_MS, time);
        replicaManager.addRoleListener(fetchers);
    }

    /** Before the metadata: the first image already makes this broker leader of offsets partitions. */
    private void startGroupCoordinator() {
        ExecutorScheduler scheduler = new ExecutorScheduler("group-coordinator");
        long commitTimeoutMs = offsetsCommitTimeoutMs();
        ReplicatedOffsetsTopic offsetsTopic = new ReplicatedOffsetsTopic(replicaManager,
                config.get(BrokerConfigKeys.MIN_INSYNC_REPLICAS), commitTimeoutMs, scheduler, time);
        groupCoordinator = new GroupCoordinator(GroupCoordinatorConfig.from(config.values().asMap()), offsetsTopic,
                scheduler, time);
        replicaManager.addRoleListener(new CoordinatorRoleListener(groupCoordinator));
        groupCoordinator.startup();
        stopOrder.add(groupCoordinator::shutdown);
        stopOrder.add(scheduler);
        stopOrder.add(offsetsTopic);
    }

    /** {@code offsets.commit.timeout.ms}: how long a group write may wait for replication (default 5000). */
    private long offsetsCommitTimeoutMs() {
        String key = "offsets.commit.timeout.ms";
        String value = config.values().asMap().getOrDefault(key, "5000").trim();
        try {
            long timeoutMs = Long.parseLong(value);
            if (timeoutMs >= 1) {
                return timeoutMs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, value, "must be an integer of at least 1");
    }

    private void startMetadata() throws Exception {
        metadata = new MetadataCache(zk.curator());
        metadata.addListener(replicaManager);
        metadata.start(config.get(BrokerConfigKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MS));
        controller = new Controller(config.brokerId(), zk, metadata::image,
                config.get(BrokerConfigKeys.UNCLEAN_LEADER_ELECTION_ENABLE),
                config.get(BrokerConfigKeys.AUTO_LEADER_REBALANCE_ENABLE));
    }

    /**
     * The controller starts only after this broker is registered, so that a restarting single
     * broker does not first see itself dead and move its own leadership away.
     */
    private void startController() {
        metadata.addListener((previous, current) -> controller.onImage(current));
        controller.onImage(metadata.image());
        controllerThread = new WorkerThread("controller", controller, time, 2_000).start();
    }

    private void startNetwork() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broker-scheduler");
            t.setDaemon(true);
            return t;
        });
        HashedWheelTimer timer = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, "delayed-operations");
            t.setDaemon(true);
            return t;
        }, 5, TimeUnit.MILLISECONDS);
        IsrManager isrManager = new IsrManager(config.brokerId(), replicaManager, zk,
                config.get(BrokerConfigKeys.REPLICA_LAG_TIME_MAX_MS));
        stopOrder.add(new WorkerThread("isr-manager", isrManager, time, 2_000).start());
        stopOrder.add(timer::stop);
        stopOrder.add(scheduler::shutdownNow);
        TopicAdmin topicAdmin = new TopicAdmin(zk, metadata, new ReplicaPlacement(new SecureRandom()),
                config.get(BrokerConfigKeys.NUM_PARTITIONS), config.get(BrokerConfigKeys.DEFAULT_REPLICATION_FACTOR),
                config.get(BrokerConfigKeys.DELETE_TOPIC_ENABLE));
        String listenerName = config.listeners().get(0).listenerName();
        BrokerConfigAdmin brokerConfigAdmin = new BrokerConfigAdmin(zk, metadata, liveConfig.dynamic());
        ApiWiring wiring = new ApiWiring(config, liveConfig, metadata, replicaManager, topicAdmin, brokerConfigAdmin,
                new ImageWaiter(metadata, scheduler), new ProducerIdAllocator(zk, config.brokerId()), timer, listenerName,
                logManager, groupCoordinator, isrManager, controller);
        network = new NetworkServer(wiring.registry(), config.get(BrokerConfigKeys.NUM_NETWORK_THREADS),
                config.get(BrokerConfigKeys.NUM_IO_THREADS), config.get(BrokerConfigKeys.SOCKET_REQUEST_MAX_BYTES), time);
        List<InetSocketAddress> bound = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < config.listeners().size(); i++) {
            Endpoint listener = config.listeners().get(i);
            InetSocketAddress address = network.bind(listener.host(), listener.port());
            bound.add(address);
            Endpoint advertisedEndpoint = i < config.advertisedListeners().size() ? config.advertisedListeners().get(i) : listener;
            String host = advertisedEndpoint.host().isEmpty() || advertisedEndpoint.host().equals("0.0.0.0")
                    ? "localhost" : advertisedEndpoint.host();
            int port = advertisedEndpoint.port() == 0 ? address.getPort() : advertisedEndpoint.port();
            endpoints.add(new Endpoint(advertisedEndpoint.listenerName(), host, port));
        }
        boundAddresses = List.copyOf(bound);
        advertised = List.copyOf(endpoints);
    }

    private void register() throws Exception {
        long waitMs = 2L * config.get(BrokerConfigKeys.ZOOKEEPER_SESSION_TIMEOUT_MS);
        BrokerRegistration registration = new BrokerRegistration(zk, config.brokerId(), advertised, waitMs);
        stopOrder.add(registration);
        registration.register(embeddedZooKeeper != null);
        metadata.awaitRebuilt();
        registered = true;
    }

    public BrokerConfig config() {
        return config;
    }

    public int brokerId() {
        return config.brokerId();
    }

    /** host:port of the first listener, as clients should be given it. */
    public String bootstrapServers() {
        Endpoint endpoint = advertised.get(0);
        return endpoint.host() + ":" + endpoint.port();
    }

    public List<InetSocketAddress> boundAddresses() {
        return boundAddresses;
    }

    public MetadataCache metadata() {
        return metadata;
    }

    public ReplicaManager replicaManager() {
        return replicaManager;
    }

    public GroupCoordinator groupCoordinator() {
        return groupCoordinator;
    }

    public Controller controller() {
        return controller;
    }

    public KafkaZkClient zk() {
        return zk;
    }

    public LogManager logManager() {
        return logManager;
    }

    /** Stops everything; safe to call more than once and after a failed start. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        long begin = time.hiResMilliseconds();
        closeQuietly(fetchers);
        if (registered && config.get(BrokerConfigKeys.CONTROLLED_SHUTDOWN_ENABLE)) {
            moveLeadershipAway();
        }
        closeQuietly(network);
        closeQuietly(controllerThread);
        closeQuietly(controller);
        for (AutoCloseable closeable : stopOrder) {
            closeQuietly(closeable);
        }
        closeQuietly(metadata);
        closeQuietly(zk);
        if (logManager != null) {
            closeQuietly(logManager::shutdown);
        }
        closeQuietly(embeddedZooKeeper);
        log.info("Broker {} stopped in {} ms", config.brokerId(), time.hiResMilliseconds() - begin);
    }

    /**
     * Controlled shutdown: fetchers are already stopped, so this broker cannot rejoin an ISR; now
     * the controller hands its leaderships to other in-sync replicas. Bounded; stops anyway after.
     */
    private void moveLeadershipAway() {
        if (metadata.image().brokers().keySet().stream().allMatch(id -> id == config.brokerId())) {
            return;
        }
        try {
            new ControlledShutdown(config.brokerId(), metadata, controller, config.listeners().get(0).listenerName(), time)
                    .run(CONTROLLED_SHUTDOWN_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Error while stopping {}: {}", closeable, e.toString());
        }
    }
}
