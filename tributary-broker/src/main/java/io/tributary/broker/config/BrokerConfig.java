package io.tributary.broker.config;

import static io.tributary.broker.config.BrokerConfigKeys.*;

import io.tributary.broker.config.Listeners.Endpoint;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's validated configuration, built once at start-up from server.properties (Kafka key
 * names). Every value is parsed here, so a bad value fails start-up with the key's name. Immutable.
 */
public final class BrokerConfig {

    private static final Logger log = LoggerFactory.getLogger(BrokerConfig.class);

    private final ConfigValues values;
    private final int brokerId;
    private final List<Endpoint> listeners;
    private final List<Endpoint> advertisedListeners;
    private final String interBrokerListenerName;
    private final List<Path> logDirs;

    public BrokerConfig(Map<String, String> raw) {
        this.values = new ConfigValues(raw);
        for (ConfigKey<?> key : ALL) {
            values.get(key); // validate every known key now, not on first use
        }
        for (ConfigKey<?> key : AdminConfigKeys.ALL) {
            values.get(key);
        }
        for (ConfigKey<?> key : SecurityConfigKeys.ALL) {
            values.get(key);
        }
        this.brokerId = values.get(BROKER_ID);
        Map<String, SecurityProtocol> protocols = Listeners.parseProtocolMap(
                values.get(SecurityConfigKeys.LISTENER_SECURITY_PROTOCOL_MAP));
        String mapKey = SecurityConfigKeys.LISTENER_SECURITY_PROTOCOL_MAP.name();
        this.listeners = Listeners.parse(LISTENERS.name(), values.get(LISTENERS), protocols, mapKey);
        if (listeners.isEmpty()) {
            throw new ConfigException("listeners", "", "must name at least one listener");
        }
        List<String> advertised = values.get(ADVERTISED_LISTENERS);
        this.advertisedListeners = advertised == null ? listeners
                : Listeners.parse(ADVERTISED_LISTENERS.name(), advertised, protocols, mapKey);
        for (Endpoint endpoint : advertisedListeners) {
            if (listener(endpoint.listenerName()) == null) {
                throw new ConfigException(ADVERTISED_LISTENERS.name(), advertised,
                        "advertises listener " + endpoint.listenerName() + " that listeners does not bind");
            }
        }
        this.interBrokerListenerName = resolveInterBrokerListener();
        UnenforcedSecurity.check(raw, listeners);
        List<String> dirs = values.isSet(LOG_DIRS.name()) ? values.get(LOG_DIRS) : values.get(LOG_DIR);
        this.logDirs = dirs.stream().map(Path::of).toList();
        warnAboutUnknownKeys(raw);
    }

    public static BrokerConfig load(Path propertiesFile, Map<String, String> overrides) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile)) {
            properties.load(reader);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> raw.put(k, properties.getProperty(k).trim()));
        raw.putAll(overrides);
        return new BrokerConfig(raw);
    }

    private static void warnAboutUnknownKeys(Map<String, String> raw) {
        for (String key : raw.keySet()) {
            boolean known = ALL.stream().anyMatch(k -> k.name().equals(key))
                    || AdminConfigKeys.ALL.stream().anyMatch(k -> k.name().equals(key))
                    || SecurityConfigKeys.ALL.stream().anyMatch(k -> k.name().equals(key));
            if (!known && !key.startsWith("group.") && !key.startsWith("offsets.") && !key.startsWith("log.")
                    && !key.startsWith("transaction.") && !key.startsWith("replica.") && !key.startsWith("zookeeper.")) {
                log.info("Configuration key {} is not used by this broker", key);
            }
        }
    }

    public ConfigValues values() {
        return values;
    }

    public <T> T get(ConfigKey<T> key) {
        return values.get(key);
    }

    public int brokerId() {
        return brokerId;
    }

    public List<Endpoint> listeners() {
        return listeners;
    }

    public List<Endpoint> advertisedListeners() {
        return advertisedListeners;
    }

    /** The bound listener of that name, or null. */
    public Endpoint listener(String name) {
        return listeners.stream().filter(l -> l.listenerName().equals(name)).findFirst().orElse(null);
    }

    /** The advertised endpoint of that listener name, or null when it is not advertised. */
    public Endpoint advertisedListener(String name) {
        return advertisedListeners.stream().filter(l -> l.listenerName().equals(name)).findFirst().orElse(null);
    }

    /** The listener other brokers reach this one on: replication fetches and controlled shutdown use it. */
    public String interBrokerListenerName() {
        return interBrokerListenerName;
    }

    public Endpoint interBrokerListener() {
        return listener(interBrokerListenerName);
    }

    /**
     * Kafka's rule: inter.broker.listener.name, else the listener named like security.inter.broker.protocol;
     * never both; it must be advertised, since other brokers find it in this broker's registration.
     */
    private String resolveInterBrokerListener() {
        String byName = values.get(SecurityConfigKeys.INTER_BROKER_LISTENER_NAME);
        String protocolKey = SecurityConfigKeys.SECURITY_INTER_BROKER_PROTOCOL.name();
        if (byName != null && values.isSet(protocolKey)) {
            throw new ConfigException("Only one of " + SecurityConfigKeys.INTER_BROKER_LISTENER_NAME.name() + " and "
                    + protocolKey + " may be set");
        }
        String name = byName != null ? byName.trim().toUpperCase()
                : values.get(SecurityConfigKeys.SECURITY_INTER_BROKER_PROTOCOL);
        String key = byName != null ? SecurityConfigKeys.INTER_BROKER_LISTENER_NAME.name() : protocolKey;
        if (advertisedListener(name) == null) {
            throw new ConfigException(key, name, "must name a listener in advertised.listeners (or listeners); "
                    + "they are " + advertisedListeners.stream().map(Endpoint::listenerName).toList());
        }
        return name;
    }

    public List<Path> logDirs() {
        return logDirs;
    }

    /** Null when the broker should run its own embedded ZooKeeper. */
    public String zookeeperConnect() {
        return values.get(ZOOKEEPER_CONNECT);
    }

    public long logRetentionMs() {
        if (values.isSet(LOG_RETENTION_MS.name())) {
            return values.get(LOG_RETENTION_MS);
        }
        if (values.isSet(LOG_RETENTION_MINUTES.name())) {
            long minutes = values.get(LOG_RETENTION_MINUTES);
            return minutes < 0 ? -1 : TimeUnit.MINUTES.toMillis(minutes);
        }
        long hours = values.get(LOG_RETENTION_HOURS);
        return hours < 0 ? -1 : TimeUnit.HOURS.toMillis(hours);
    }

    public long logRollMs() {
        Long ms = values.get(LOG_ROLL_MS);
        return ms != null ? ms : TimeUnit.HOURS.toMillis(values.get(LOG_ROLL_HOURS));
    }

    /**
     * The broker-wide defaults of topic-level log settings, under topic-level key names, which a
     * topic's own overrides (from /config/topics) are layered over.
     */
    public Map<String, String> defaultTopicConfig() {
        Map<String, String> topic = new HashMap<>();
        topic.put("segment.bytes", String.valueOf(values.get(LOG_SEGMENT_BYTES)));
        topic.put("segment.ms", String.valueOf(logRollMs()));
        topic.put("retention.ms", String.valueOf(logRetentionMs()));
        topic.put("retention.bytes", String.valueOf(values.get(LOG_RETENTION_BYTES)));
        topic.put("index.interval.bytes", String.valueOf(values.get(LOG_INDEX_INTERVAL_BYTES)));
        topic.put("segment.index.bytes", String.valueOf(values.get(LOG_INDEX_SIZE_MAX_BYTES)));
        topic.put("max.message.bytes", String.valueOf(values.get(MESSAGE_MAX_BYTES)));
        topic.put("cleanup.policy", values.get(LOG_CLEANUP_POLICY).replace("delete,compact", "compact,delete"));
        topic.put("message.timestamp.type", values.get(LOG_MESSAGE_TIMESTAMP_TYPE));
        topic.put("min.insync.replicas", String.valueOf(values.get(MIN_INSYNC_REPLICAS)));
        topic.put("unclean.leader.election.enable", String.valueOf(values.get(UNCLEAN_LEADER_ELECTION_ENABLE)));
        topic.put("flush.messages", String.valueOf(values.get(LOG_FLUSH_INTERVAL_MESSAGES)));
        Long flushMs = values.get(LOG_FLUSH_INTERVAL_MS);
        if (flushMs != null) {
            topic.put("flush.ms", String.valueOf(flushMs));
        }
        copyIfSet(topic, "log.cleaner.delete.retention.ms", "delete.retention.ms");
        copyIfSet(topic, "log.cleaner.min.compaction.lag.ms", "min.compaction.lag.ms");
        copyIfSet(topic, "log.cleaner.min.cleanable.ratio", "min.cleanable.dirty.ratio");
        copyIfSet(topic, "log.segment.delete.delay.ms", "file.delete.delay.ms");
        return topic;
    }

    private void copyIfSet(Map<String, String> topic, String brokerKey, String topicKey) {
        if (values.isSet(brokerKey)) {
            topic.put(topicKey, values.raw(brokerKey));
        }
    }
}
