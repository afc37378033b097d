package io.tributary.broker.config;

import static io.tributary.broker.config.ConfigKey.BOOLEAN;
import static io.tributary.broker.config.ConfigKey.INT;
import static io.tributary.broker.config.ConfigKey.LIST;
import static io.tributary.broker.config.ConfigKey.LONG;
import static io.tributary.broker.config.ConfigKey.STRING;
import static io.tributary.broker.config.ConfigKey.atLeast;
import static io.tributary.broker.config.ConfigKey.between;

import io.tributary.broker.config.ConfigKey.Validator;
import java.util.List;

/** The broker's configuration keys: Kafka's names, defaults and meaning, declared once. */
public final class BrokerConfigKeys {

    private BrokerConfigKeys() {
    }

    public static final ConfigKey<Integer> BROKER_ID = new ConfigKey<>("broker.id", INT, "0", atLeast(0),
            "The id of this broker; unique in the cluster.");
    public static final ConfigKey<List<String>> LISTENERS = new ConfigKey<>("listeners", LIST,
            "PLAINTEXT://127.0.0.1:9092", Listeners.VALIDATOR, "Comma-separated NAME://host:port the broker binds.");
    public static final ConfigKey<List<String>> ADVERTISED_LISTENERS = new ConfigKey<>("advertised.listeners", LIST,
            null, Listeners.VALIDATOR, "Addresses given to clients, when they differ from listeners.");
    public static final ConfigKey<List<String>> LOG_DIRS = new ConfigKey<>("log.dirs", LIST, null,
            nonEmpty(), "Directories holding the partition logs.");
    public static final ConfigKey<List<String>> LOG_DIR = new ConfigKey<>("log.dir", LIST, "/tmp/kafka-logs",
            nonEmpty(), "The log directory, when log.dirs is not set.");
    public static final ConfigKey<String> ZOOKEEPER_CONNECT = new ConfigKey<>("zookeeper.connect", STRING, null,
            Validator.any(), "host:port[,host:port...][/chroot] of ZooKeeper. Unset: the broker serves an embedded "
            + "ZooKeeper on 127.0.0.1:embedded.zookeeper.port. Naming exactly that address (127.0.0.1 or localhost): "
            + "the broker uses the ZooKeeper running there, or serves one itself if none is.");
    public static final ConfigKey<Boolean> EMBEDDED_ZOOKEEPER_ENABLE = new ConfigKey<>("embedded.zookeeper.enable",
            BOOLEAN, "true", Validator.any(), "Whether the broker may serve an in-process ZooKeeper (see "
            + "zookeeper.connect); false requires zookeeper.connect.");
    public static final ConfigKey<Integer> EMBEDDED_ZOOKEEPER_PORT = new ConfigKey<>("embedded.zookeeper.port", INT,
            "2181", between(0, 65535), "Loopback port of the embedded ZooKeeper; 0 picks a free one. If the port is "
            + "taken and zookeeper.connect does not name it, start-up fails.");
    public static final ConfigKey<Integer> ZOOKEEPER_SESSION_TIMEOUT_MS = new ConfigKey<>(
            "zookeeper.session.timeout.ms", INT, "18000", atLeast(1000), "ZooKeeper session timeout.");
    public static final ConfigKey<Integer> ZOOKEEPER_CONNECTION_TIMEOUT_MS = new ConfigKey<>(
            "zookeeper.connection.timeout.ms", INT, "18000", atLeast(100), "Time allowed to connect to ZooKeeper at start.");
    public static final ConfigKey<Integer> NUM_PARTITIONS = new ConfigKey<>("num.partitions", INT, "1", atLeast(1),
            "Partitions of an auto-created topic or one created without a count.");
    public static final ConfigKey<Integer> DEFAULT_REPLICATION_FACTOR = new ConfigKey<>("default.replication.factor",
            INT, "1", atLeast(1), "Replication factor of auto-created topics.");
    public static final ConfigKey<Boolean> AUTO_CREATE_TOPICS_ENABLE = new ConfigKey<>("auto.create.topics.enable",
            BOOLEAN, "true", Validator.any(), "Create a topic when a client asks for metadata of an unknown one.");
    public static final ConfigKey<Boolean> DELETE_TOPIC_ENABLE = new ConfigKey<>("delete.topic.enable", BOOLEAN,
            "true", Validator.any(), "Whether topics may be deleted.");
    public static final ConfigKey<Integer> MIN_INSYNC_REPLICAS = new ConfigKey<>("min.insync.replicas", INT, "1",
            atLeast(1), "Replicas that must acknowledge an acks=all write.");
    public static final ConfigKey<Integer> MESSAGE_MAX_BYTES = new ConfigKey<>("message.max.bytes", INT, "1048588",
            atLeast(0), "Largest record batch accepted.");
    public static final ConfigKey<Integer> SOCKET_REQUEST_MAX_BYTES = new ConfigKey<>("socket.request.max.bytes", INT,
            "104857600", atLeast(1), "Largest request frame accepted; larger ones close the connection.");
    public static final ConfigKey<Integer> NUM_IO_THREADS = new ConfigKey<>("num.io.threads", INT, "4", atLeast(1),
            "Request-handler threads.");
    public static final ConfigKey<Integer> NUM_NETWORK_THREADS = new ConfigKey<>("num.network.threads", INT, "2",
            atLeast(1), "Network event-loop threads.");
    public static final ConfigKey<Long> LOG_SEGMENT_BYTES = new ConfigKey<>("log.segment.bytes", LONG, "1073741824",
            between(14L, (long) Integer.MAX_VALUE), "Size at which a segment rolls.");
    public static final ConfigKey<Long> LOG_ROLL_MS = new ConfigKey<>("log.roll.ms", LONG, null, atLeast(1L),
            "Age at which a segment rolls (ms).");
    public static final ConfigKey<Long> LOG_ROLL_HOURS = new ConfigKey<>("log.roll.hours", LONG, "168", atLeast(1L),
            "Age at which a segment rolls (hours).");
    public static final ConfigKey<Long> LOG_RETENTION_MS = new ConfigKey<>("log.retention.ms", LONG, null,
            atLeast(-1L), "How long data is kept (ms); -1 keeps it forever.");
    public static final ConfigKey<Long> LOG_RETENTION_MINUTES = new ConfigKey<>("log.retention.minutes", LONG, null,
            atLeast(-1L), "How long data is kept (minutes).");
    public static final ConfigKey<Long> LOG_RETENTION_HOURS = new ConfigKey<>("log.retention.hours", LONG, "168",
            atLeast(-1L), "How long data is kept (hours).");
    public static final ConfigKey<Long> LOG_RETENTION_BYTES = new ConfigKey<>("log.retention.bytes", LONG, "-1",
            atLeast(-1L), "Size per partition above which old segments are deleted; -1 means no limit.");
    public static final ConfigKey<Long> LOG_RETENTION_CHECK_INTERVAL_MS = new ConfigKey<>(
            "log.retention.check.interval.ms", LONG, "300000", atLeast(1L), "How often retention runs.");
    public static final ConfigKey<Integer> LOG_INDEX_INTERVAL_BYTES = new ConfigKey<>("log.index.interval.bytes", INT,
            "4096", atLeast(0), "Bytes between offset-index entries.");
    public static final ConfigKey<Integer> LOG_INDEX_SIZE_MAX_BYTES = new ConfigKey<>("log.index.size.max.bytes", INT,
            "10485760", atLeast(4), "Maximum size of an offset index.");
    public static final ConfigKey<String> LOG_CLEANUP_POLICY = new ConfigKey<>("log.cleanup.policy", STRING, "delete",
            ConfigKey.oneOf("delete", "compact", "compact,delete", "delete,compact"), "Default cleanup policy.");
    public static final ConfigKey<Boolean> LOG_CLEANER_ENABLE = new ConfigKey<>("log.cleaner.enable", BOOLEAN, "true",
            Validator.any(), "Run the log cleaner, which compacts cleanup.policy=compact logs such as __consumer_offsets.");
    public static final ConfigKey<Long> LOG_CLEANER_BACKOFF_MS = new ConfigKey<>("log.cleaner.backoff.ms", LONG,
            "15000", atLeast(0L), "How long the log cleaner sleeps when no log is dirty enough to clean.");
    public static final ConfigKey<String> LOG_MESSAGE_TIMESTAMP_TYPE = new ConfigKey<>("log.message.timestamp.type",
            STRING, "CreateTime", ConfigKey.oneOf("CreateTime", "LogAppendTime"), "Which timestamp records keep.");
    public static final ConfigKey<Long> LOG_FLUSH_INTERVAL_MESSAGES = new ConfigKey<>("log.flush.interval.messages",
            LONG, String.valueOf(Long.MAX_VALUE), atLeast(1L), "Messages between forced fsyncs.");
    public static final ConfigKey<Long> LOG_FLUSH_INTERVAL_MS = new ConfigKey<>("log.flush.interval.ms", LONG, null,
            atLeast(0L), "Time between forced fsyncs.");
    public static final ConfigKey<Boolean> UNCLEAN_LEADER_ELECTION_ENABLE = new ConfigKey<>(
            "unclean.leader.election.enable", BOOLEAN, "false", Validator.any(),
            "Whether a replica outside the ISR may become leader (may lose data).");
    public static final ConfigKey<Boolean> AUTO_LEADER_REBALANCE_ENABLE = new ConfigKey<>(
            "auto.leader.rebalance.enable", BOOLEAN, "true", Validator.any(), "Move leadership back to preferred replicas.");
    public static final ConfigKey<Long> REPLICA_LAG_TIME_MAX_MS = new ConfigKey<>("replica.lag.time.max.ms", LONG,
            "30000", atLeast(1L), "A follower not caught up for this long leaves the ISR.");
    public static final ConfigKey<Integer> OFFSETS_TOPIC_NUM_PARTITIONS = new ConfigKey<>(
            "offsets.topic.num.partitions", INT, "50", atLeast(1), "Partitions of __consumer_offsets.");
    public static final ConfigKey<Integer> OFFSETS_TOPIC_REPLICATION_FACTOR = new ConfigKey<>(
            "offsets.topic.replication.factor", INT, "3", atLeast(1), "Replication factor of __consumer_offsets.");
    public static final ConfigKey<Boolean> CONTROLLED_SHUTDOWN_ENABLE = new ConfigKey<>("controlled.shutdown.enable",
            BOOLEAN, "true", Validator.any(), "Move leadership away before stopping.");
    public static final ConfigKey<Integer> CLIENT_TELEMETRY_PUSH_INTERVAL_MS = new ConfigKey<>(
            "client.telemetry.push.interval.ms", INT, "300000", atLeast(100),
            "How often clients are asked to push their metrics (KIP-714); the broker keeps each client's latest push.");

    public static final List<ConfigKey<?>> ALL = List.of(BROKER_ID, LISTENERS, ADVERTISED_LISTENERS, LOG_DIRS, LOG_DIR,
            ZOOKEEPER_CONNECT, EMBEDDED_ZOOKEEPER_ENABLE, EMBEDDED_ZOOKEEPER_PORT, ZOOKEEPER_SESSION_TIMEOUT_MS, ZOOKEEPER_CONNECTION_TIMEOUT_MS, NUM_PARTITIONS,
            DEFAULT_REPLICATION_FACTOR, AUTO_CREATE_TOPICS_ENABLE, DELETE_TOPIC_ENABLE, MIN_INSYNC_REPLICAS,
            MESSAGE_MAX_BYTES, SOCKET_REQUEST_MAX_BYTES, NUM_IO_THREADS, NUM_NETWORK_THREADS, LOG_SEGMENT_BYTES,
            LOG_ROLL_MS, LOG_ROLL_HOURS, LOG_RETENTION_MS, LOG_RETENTION_MINUTES, LOG_RETENTION_HOURS,
            LOG_RETENTION_BYTES, LOG_RETENTION_CHECK_INTERVAL_MS, LOG_INDEX_INTERVAL_BYTES, LOG_INDEX_SIZE_MAX_BYTES,
            LOG_CLEANUP_POLICY, LOG_CLEANER_ENABLE, LOG_CLEANER_BACKOFF_MS, LOG_MESSAGE_TIMESTAMP_TYPE, LOG_FLUSH_INTERVAL_MESSAGES, LOG_FLUSH_INTERVAL_MS,
            UNCLEAN_LEADER_ELECTION_ENABLE, AUTO_LEADER_REBALANCE_ENABLE, REPLICA_LAG_TIME_MAX_MS,
            OFFSETS_TOPIC_NUM_PARTITIONS, OFFSETS_TOPIC_REPLICATION_FACTOR, CONTROLLED_SHUTDOWN_ENABLE,
            CLIENT_TELEMETRY_PUSH_INTERVAL_MS);

    private static Validator<List<String>> nonEmpty() {
        return value -> value.isEmpty() ? "must name at least one directory" : null;
    }
}
