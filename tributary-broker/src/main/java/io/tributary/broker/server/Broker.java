package io.tributary.broker.server;

import io.netty.util.HashedWheelTimer;
import io.tributary.broker.admin.BrokerConfigAdmin;
import io.tributary.broker.admin.ProducerIdAllocator;
import io.tributary.broker.admin.ScramCredentialAdmin;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.config.ConfigException;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.controller.ControlledShutdown;
import io.tributary.broker.controller.Controller;
import io.tributary.broker.group.CoordinatorRoleListener;
import io.tributary.broker.group.ExecutorScheduler;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.group.ConsumerGroupConfig;
import io.tributary.broker.group.GroupCoordinatorConfig;
import io.tributary.broker.group.TopicCatalog;
import io.tributary.broker.group.TopicIds;
import io.tributary.broker.telemetry.ClientTelemetry;
import io.tributary.broker.group.ReplicatedOffsetsTopic;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ImageWaiter;
import io.tributary.broker.metadata.LiveBrokerConfig;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.metrics.BrokerMetrics;
import io.tributary.broker.config.AdminConfigKeys;
import io.tributary.broker.config.AdminListener;
import io.tributary.broker.http.AdminEndpoint;
import io.tributary.broker.http.AdminHttpServer;
import io.tributary.broker.http.AdminRoutes;
import io.tributary.broker.http.ConsoleApi;
import io.tributary.broker.http.ConsumerLag;
import io.tributary.broker.http.HealthChecks;
import io.tributary.broker.http.PrometheusExporter;
import java.util.function.ToIntFunction;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.TopicIdIndex;
import io.tributary.broker.network.NetworkServer;
import io.tributary.broker.replica.IsrManager;
import io.tributary.broker.replica.ReplicaFetcherManager;
import io.tributary.broker.worker.WorkerThread;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.broker.txn.TransactionSystem;
import io.tributary.broker.txn.TxnConfig;
import io.tributary.broker.zk.BrokerRegistration;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.broker.zk.KafkaZkClient;
import io.tributary.broker.zk.ReplicaPlacement;
import io.tributary.broker.zk.ScramCredentialCache;
import io.tributary.broker.zk.ZkAclStore;
import io.tributary.broker.config.SecurityConfigKeys;
import io.tributary.broker.security.acl.AclAuthorizer;
import io.tributary.broker.security.acl.Authorizer;
import io.tributary.broker.zk.ZooKeeperClientWarmup;
import io.tributary.common.Time;
import io.tributary.storage.LogManager;
import io.tributary.storage.LogManagerConfig;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** Kafka's BrokerState numbers, as its gauge reports them. */
    private static final int BROKER_STATE_RUNNING = 3;
    private static final int BROKER_STATE_SHUTTING_DOWN = 6;

    private final BrokerConfig config;
    private final Time time;
    private final ClientTelemetry clientTelemetry;
    private final List<AutoCloseable> stopOrder = new ArrayList<>();
    private final BrokerMetrics metrics;
    private EmbeddedZooKeeper embeddedZooKeeper;
    private KafkaZkClient zk;
    private LogManager logManager;
    private volatile MetadataCache metadata;
    private volatile ReplicaManager replicaManager;
    private LiveBrokerConfig liveConfig;
    private GroupCoordinator groupCoordinator;
    private TransactionSystem transactions;
    /** Reads the metadata image when asked, so it can be handed to parts started before the metadata. */
    private final TopicIdIndex topicIds = new TopicIdIndex(() -> metadata == null ? null : metadata.image());
    private ReplicaFetcherManager fetchers;
    private Controller controller;
    private WorkerThread controllerThread;
    private NetworkServer network;
    private SecurityWiring security;
    private ZkAclStore aclStore;
    private List<InetSocketAddress> boundAddresses = List.of();
    private List<Endpoint> advertised = List.of();
    private ProducerIdAllocator producerIdAllocator;
    private volatile boolean stopped;
    private volatile boolean registered;
    private volatile boolean started;
    private InetSocketAddress adminAddress;

    public Broker(BrokerConfig config, Time time) {
        this.config = config;
        this.time = time;
        this.clientTelemetry = new ClientTelemetry(time, config.get(BrokerConfigKeys.CLIENT_TELEMETRY_PUSH_INTERVAL_MS));
        this.metrics = new BrokerMetrics(config.get(AdminConfigKeys.METRICS_ENABLE));
    }

    public synchronized Broker start() throws Exception {
        long started = time.hiResMilliseconds();
        ZooKeeperClientWarmup.startInBackground(); // overlaps the client's TLS set-up with the server's start
        try {
            startZooKeeper();
            startSecurity();
            startLogs();
            startGroupCoordinator();
            startTransactionCoordinator();
            startMetadata();
            startNetwork();
            register();
            startController();
            registerGauges();
            startAdmin();
        } catch (Exception e) {
            close();
            throw e;
        }
        this.started = true;
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

    /** After ZooKeeper, whose /config/users holds the SCRAM credentials; before any port is bound. */
    private void startSecurity() throws Exception {
        ScramCredentialCache credentials = new ScramCredentialCache(zk.curator())
                .start(config.get(BrokerConfigKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MS));
        stopOrder.add(credentials);
        String authorizerClass = config.get(SecurityConfigKeys.AUTHORIZER_CLASS_NAME).trim();
        Authorizer authorizer = Authorizer.ALLOW_ALL;
        if (!authorizerClass.isEmpty()) {
            aclStore = new ZkAclStore(zk.curator()).start(config.get(BrokerConfigKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MS));
            stopOrder.add(aclStore);
            authorizer = new AclAuthorizer(aclStore::acls, superUsers(), config.get(SecurityConfigKeys.ALLOW_EVERYONE_IF_NO_ACL_FOUND));
        }
        security = new SecurityWiring(config, credentials, authorizer);
    }

    private java.util.Set<String> superUsers() {
        java.util.Set<String> users = new java.util.HashSet<>();
        for (String user : config.get(SecurityConfigKeys.SUPER_USERS).split(";")) {
            if (!user.isBlank()) {
                try {
                    users.add(io.tributary.broker.security.KafkaPrincipal.parse(user.trim()).toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(SecurityConfigKeys.SUPER_USERS.name(), user, e.getMessage());
                }
            }
        }
        return users;
    }

    private void startLogs() {
        BrokerParts parts = new BrokerParts(config);
        LogManagerConfig logManagerConfig = new LogManagerConfig(config.logDirs(),
                config.get(BrokerConfigKeys.LOG_RETENTION_CHECK_INTERVAL_MS), 60_000, 5_000,
                config.get(BrokerConfigKeys.LOG_CLEANER_BACKOFF_MS), config.get(BrokerConfigKeys.LOG_CLEANER_ENABLE),
                Math.max(2, config.logDirs().size()));
        logManager = new LogManager(logManagerConfig,
                parts::defaultLogConfigFor, time,
                this::onLogDirFailure);
        logManager.startup();
        liveConfig = new LiveBrokerConfig(config);
        replicaManager = new ReplicaManager(config.brokerId(), logManager, liveConfig::topicDefaults, time,
                metrics.topicStats());
        replicaManager.addRoleListener(metrics.logMetrics());
        String listenerName = config.interBrokerListenerName();
        fetchers = new ReplicaFetcherManager(config.brokerId(), id -> {
            BrokerInfo leader = metadata.image().brokers().get(id);
            return leader == null ? null : leader.endpoint(listenerName);
        }, REPLICA_SOCKET_TIMEOUT_MS, security.interBroker(), time);
        replicaManager.addRoleListener(fetchers);
    }

    /**
     * A log directory failed (LogManager has already dropped its logs): its replicas go offline here, and the
     * controller is told through ZooKeeper, as Kafka 2.x brokers do, so it moves their leadership to other ISR
     * members and takes this broker out of their ISRs. Runs on whichever thread met the I/O error.
     */
    private void onLogDirFailure(java.nio.file.Path dir, java.io.IOException cause) {
        log.error("Log directory {} failed and is offline: {}", dir, cause.toString());
        if (replicaManager == null) {
            return; // failed while loading: no replica was served from it, the controller learns from the image
        }
        java.util.Set<io.tributary.common.TopicPartition> offline = replicaManager.onLogDirFailure(dir);
        try {
            zk.notifyLogDirFailure(new io.tributary.broker.zk.ZkCodec.LogDirEvent(config.brokerId(), offline));
        } catch (Exception e) {
            log.error("Could not report the failure of log directory {} to the controller", dir, e);
        }
    }

    /**
     * Topics being deleted in the current image (marked, or gone while marked before) or re-created under
     * another id. A topic merely absent from an image is not taken for deleted: only a deletion's marker or
     * a new id says so.
     */
    private static java.util.Set<String> deletedTopics(ClusterImage previous, ClusterImage current) {
        java.util.Set<String> deleted = new java.util.HashSet<>();
        if (previous == null) {
            return deleted;
        }
        java.util.UUID none = new java.util.UUID(0, 0);
        current.topicsBeingDeleted().stream().filter(name -> !previous.topicsBeingDeleted().contains(name))
                .forEach(deleted::add);
        previous.topics().values().forEach(topic -> {
            var now = current.topic(topic.name());
            boolean goneWhileMarked = now == null && previous.topicsBeingDeleted().contains(topic.name());
            boolean recreated = now != null && !now.topicId().equals(topic.topicId())
                    && !now.topicId().equals(none) && !topic.topicId().equals(none);
            if (goneWhileMarked || recreated) {
                deleted.add(topic.name());
            }
        });
        return deleted;
    }

    /** Before the metadata: the first image already makes this broker leader of offsets partitions. */
    private void startGroupCoordinator() {
        ExecutorScheduler scheduler = new ExecutorScheduler("group-coordinator");
        long commitTimeoutMs = offsetsCommitTimeoutMs();
        ReplicatedOffsetsTopic offsetsTopic = new ReplicatedOffsetsTopic(replicaManager,
                config.get(BrokerConfigKeys.MIN_INSYNC_REPLICAS), commitTimeoutMs, scheduler, time);
        groupCoordinator = new GroupCoordinator(GroupCoordinatorConfig.from(config.values().asMap()),
                ConsumerGroupConfig.from(config.values().asMap()), offsetsTopic, scheduler, time, topicIds,
                this::topicCatalog);
        replicaManager.addRoleListener(new CoordinatorRoleListener(groupCoordinator));
        groupCoordinator.startup();
        stopOrder.add(groupCoordinator::shutdown);
        stopOrder.add(scheduler);
        stopOrder.add(offsetsTopic);
    }

    /**
     * Before the metadata, like the group coordinator. The metadata cache it asks for leaders is created
     * later, so it is read through a supplier.
     */
    private void startTransactionCoordinator() {
        String listenerName = config.interBrokerListenerName();
        ProducerIdAllocator producerIds = producerIdAllocator();
        transactions = new TransactionSystem(TxnConfig.from(config.values().asMap()), replicaManager,
                () -> metadata == null ? io.tributary.broker.metadata.ClusterImage.EMPTY : metadata.image(),
                config.brokerId(), listenerName, security.interBroker(), producerIds::nextProducerId, groupCoordinator::completeTransaction,
                offsetsCommitTimeoutMs(), time);
        replicaManager.addRoleListener(transactions.roleListener());
        transactions.startup();
        stopOrder.addAll(transactions.closeables());
    }

    /** One allocator per broker: the idempotent and the transactional paths share its id blocks. */
    private synchronized ProducerIdAllocator producerIdAllocator() {
        if (producerIdAllocator == null) {
            producerIdAllocator = new ProducerIdAllocator(zk, config.brokerId());
        }
        return producerIdAllocator;
    }

    /** The topics of the current cluster image, for consumer-protocol subscriptions; none before the metadata starts. */
    private Map<String, TopicCatalog.Topic> topicCatalog() {
        MetadataCache cache = metadata;
        if (cache == null) {
            return Map.of();
        }
        Map<String, TopicCatalog.Topic> topics = new HashMap<>();
        cache.image().topics().forEach((name, topic) ->
                topics.put(name, new TopicCatalog.Topic(topic.topicId(), topic.partitionCount())));
        return topics;
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
        metadata.addListener((previous, current) -> groupCoordinator.onTopicsDeleted(deletedTopics(previous, current)));
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
                config.get(BrokerConfigKeys.REPLICA_LAG_TIME_MAX_MS), metrics.isrChanges());
        stopOrder.add(new WorkerThread("isr-manager", isrManager, time, 2_000).start());
        stopOrder.add(timer::stop);
        stopOrder.add(scheduler::shutdownNow);
        TopicAdmin topicAdmin = new TopicAdmin(zk, metadata, new ReplicaPlacement(new SecureRandom()),
                config.get(BrokerConfigKeys.NUM_PARTITIONS), config.get(BrokerConfigKeys.DEFAULT_REPLICATION_FACTOR),
                config.get(BrokerConfigKeys.DELETE_TOPIC_ENABLE));
        BrokerConfigAdmin brokerConfigAdmin = new BrokerConfigAdmin(zk, metadata, liveConfig.dynamic());
        ApiWiring wiring = new ApiWiring(config, liveConfig, metadata, replicaManager, topicAdmin, brokerConfigAdmin,
                new ImageWaiter(metadata, scheduler), producerIdAllocator(), timer,
                logManager, groupCoordinator, isrManager, controller, transactions, metrics.topicStats().allTopics(),
                new ScramCredentialAdmin(zk), aclStore, topicIds);
        wiring.registerTelemetry(clientTelemetry);
        network = new NetworkServer(wiring.registry(), config.get(BrokerConfigKeys.NUM_NETWORK_THREADS),
                config.get(BrokerConfigKeys.NUM_IO_THREADS), config.get(BrokerConfigKeys.SOCKET_REQUEST_MAX_BYTES), time,
                metrics.requestObserver(wiring.registry()));
        List<InetSocketAddress> bound = new ArrayList<>();
        Map<String, Integer> boundPorts = new HashMap<>();
        for (Endpoint listener : config.listeners()) {
            InetSocketAddress address = network.bind(listener, security.listener(listener.listenerName()));
            bound.add(address);
            boundPorts.put(listener.listenerName(), address.getPort());
        }
        // Advertised endpoints pair with bound listeners by name; port 0 advertises the port actually bound.
        List<Endpoint> endpoints = new ArrayList<>();
        for (Endpoint advertisedEndpoint : config.advertisedListeners()) {
            String host = advertisedEndpoint.host().isEmpty() || advertisedEndpoint.host().equals("0.0.0.0")
                    ? "localhost" : advertisedEndpoint.host();
            int port = advertisedEndpoint.port() == 0 ? boundPorts.get(advertisedEndpoint.listenerName())
                    : advertisedEndpoint.port();
            endpoints.add(advertisedEndpoint.withAddress(host, port));
        }
        boundAddresses = List.copyOf(bound);
        advertised = List.copyOf(endpoints);
    }

    /** Gauges over the started parts, then JMX (Kafka's ObjectNames). */
    private void registerGauges() {
        metrics.replicaGauges(replicaManager, topic -> ApiWiring.minInsyncReplicas(liveConfig, metadata, topic));
        metrics.controllerGauges(controller, metadata);
        metrics.zooKeeperSession(zk.curator());
        metrics.groupGauges(groupCoordinator);
        metrics.brokerState(() -> stopped ? BROKER_STATE_SHUTTING_DOWN : BROKER_STATE_RUNNING);
        metrics.startJmx();
    }

    /** The admin HTTP endpoint (admin.listeners), unless configured off. */
    private void startAdmin() throws Exception {
        AdminListener listener = AdminListener.parse(config.get(AdminConfigKeys.ADMIN_LISTENERS));
        if (listener == null) {
            return;
        }
        ToIntFunction<String> minIsr = topic -> ApiWiring.minInsyncReplicas(liveConfig, metadata, topic);
        PrometheusExporter exporter = new PrometheusExporter(metrics.registry(),
                config.get(AdminConfigKeys.ADMIN_METRICS_PARTITION_SERIES_ENABLE));
        HealthChecks health = new HealthChecks(() -> started, () -> registered, metadata, logManager, replicaManager,
                minIsr);
        ConsumerLag lag = new ConsumerLag(groupCoordinator, replicaManager);
        AdminRoutes routes = new AdminEndpoint(exporter, lag, health, metadata).addTo(new AdminRoutes());
        new ConsoleApi(metadata, config.listeners().get(0).listenerName(), config.brokerId(), replicaManager,
                metrics.registry(), lag, config.get(AdminConfigKeys.ADMIN_BROWSE_MAX_SCAN_BYTES),
                config.get(AdminConfigKeys.ADMIN_BROWSE_MAX_SCAN_MS), time).addTo(routes);
        AdminHttpServer server = new AdminHttpServer(routes, config.get(AdminConfigKeys.ADMIN_THREADS),
                config.get(AdminConfigKeys.ADMIN_MAX_CONNECTIONS));
        stopOrder.add(0, server);
        try {
            adminAddress = server.bind(listener);
        } catch (Exception e) {
            if (config.values().isSet(AdminConfigKeys.ADMIN_LISTENERS.name())) {
                throw new ConfigException(AdminConfigKeys.ADMIN_LISTENERS.name(), listener.toString(),
                        "cannot listen there: " + e);
            }
            // Only the default was asked for: a second broker started from a copy of server.properties (as the
            // quick-start guides do) must not fail on a port nobody chose, so it serves on a free one instead.
            adminAddress = server.bind(new AdminListener(listener.host(), 0));
            log.warn("{} is in use; the admin endpoint (console, /metrics) listens on {} instead (set {} to choose)",
                    listener, adminAddress, AdminConfigKeys.ADMIN_LISTENERS.name());
        }
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

    /** host:port of the first advertised listener, as clients should be given it. */
    public String bootstrapServers() {
        Endpoint endpoint = advertised.get(0);
        return endpoint.host() + ":" + endpoint.port();
    }

    /** host:port of the named listener as advertised, or null when it is not advertised. */
    public String bootstrapServers(String listenerName) {
        return advertised.stream().filter(e -> e.listenerName().equals(listenerName.toUpperCase()))
                .map(e -> e.host() + ":" + e.port()).findFirst().orElse(null);
    }

    /** This broker's endpoints as registered in ZooKeeper. */
    public List<Endpoint> advertisedEndpoints() {
        return advertised;
    }

    public List<InetSocketAddress> boundAddresses() {
        return boundAddresses;
    }

    /** The latest metrics clients pushed (KIP-714). */
    public ClientTelemetry clientTelemetry() {
        return clientTelemetry;
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

    /** Where the admin endpoint listens, or null when admin.listeners is empty. */
    public InetSocketAddress adminAddress() {
        return adminAddress;
    }

    public BrokerMetrics metrics() {
        return metrics;
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
        closeQuietly(metrics);
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
            new ControlledShutdown(config.brokerId(), metadata, controller, config.interBrokerListenerName(),
                    security.interBroker(), time)
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
