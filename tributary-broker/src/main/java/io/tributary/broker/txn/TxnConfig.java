package io.tributary.broker.txn;

import io.tributary.broker.group.GroupCoordinatorConfig.Key;
import java.util.List;
import java.util.Map;

/**
 * The transaction coordinator's settings, under Kafka's key names and defaults, validated once when built.
 * Immutable.
 *
 * @param stateLogPartitions          {@code transaction.state.log.num.partitions}
 * @param stateLogReplicationFactor   {@code transaction.state.log.replication.factor}; capped at the live brokers
 * @param stateLogMinIsr              {@code transaction.state.log.min.isr}; capped at the replication factor
 * @param stateLogSegmentBytes        {@code transaction.state.log.segment.bytes}
 * @param maxTimeoutMs                {@code transaction.max.timeout.ms}: largest transaction.timeout.ms a producer may ask
 * @param idExpirationMs              {@code transactional.id.expiration.ms}: idle ids are forgotten after this
 * @param abortTimedOutIntervalMs     {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}
 * @param removeExpiredIntervalMs     {@code transaction.remove.expired.transaction.cleanup.interval.ms}
 */
public record TxnConfig(int stateLogPartitions, short stateLogReplicationFactor, int stateLogMinIsr,
                        int stateLogSegmentBytes, int maxTimeoutMs, long idExpirationMs, long abortTimedOutIntervalMs,
                        long removeExpiredIntervalMs) {

    public static final Key STATE_LOG_PARTITIONS = new Key("transaction.state.log.num.partitions", "50",
            "Partitions of __transaction_state; fixed once the topic exists, since it decides which broker coordinates a transactional id.");
    public static final Key STATE_LOG_REPLICATION_FACTOR = new Key("transaction.state.log.replication.factor", "3",
            "Replication factor of __transaction_state; on a cluster with fewer live brokers the topic is created with as many as are alive.");
    public static final Key STATE_LOG_MIN_ISR = new Key("transaction.state.log.min.isr", "2",
            "min.insync.replicas of __transaction_state (at most its replication factor): coordinator writes need this many replicas.");
    public static final Key STATE_LOG_SEGMENT_BYTES = new Key("transaction.state.log.segment.bytes", "104857600",
            "Segment size of __transaction_state when this broker creates it.");
    public static final Key MAX_TIMEOUT_MS = new Key("transaction.max.timeout.ms", "900000",
            "Largest transaction.timeout.ms a producer may ask for; a larger one gets INVALID_TRANSACTION_TIMEOUT.");
    public static final Key ID_EXPIRATION_MS = new Key("transactional.id.expiration.ms", "604800000",
            "How long a transactional id without an open transaction is kept after its last update.");
    public static final Key ABORT_TIMED_OUT_INTERVAL_MS = new Key(
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "10000",
            "How often open transactions past their timeout are looked for and aborted.");
    public static final Key REMOVE_EXPIRED_INTERVAL_MS = new Key(
            "transaction.remove.expired.transaction.cleanup.interval.ms", "3600000",
            "How often expired transactional ids are looked for and removed.");

    public static final List<Key> KEYS = List.of(STATE_LOG_PARTITIONS, STATE_LOG_REPLICATION_FACTOR, STATE_LOG_MIN_ISR,
            STATE_LOG_SEGMENT_BYTES, MAX_TIMEOUT_MS, ID_EXPIRATION_MS, ABORT_TIMED_OUT_INTERVAL_MS,
            REMOVE_EXPIRED_INTERVAL_MS);

    public TxnConfig {
        requireAtLeast(STATE_LOG_PARTITIONS, stateLogPartitions, 1);
        requireAtLeast(STATE_LOG_REPLICATION_FACTOR, stateLogReplicationFactor, 1);
        requireAtLeast(STATE_LOG_MIN_ISR, stateLogMinIsr, 1);
        requireAtLeast(STATE_LOG_SEGMENT_BYTES, stateLogSegmentBytes, 14);
        requireAtLeast(MAX_TIMEOUT_MS, maxTimeoutMs, 1);
        requireAtLeast(ID_EXPIRATION_MS, idExpirationMs, 1);
        requireAtLeast(ABORT_TIMED_OUT_INTERVAL_MS, abortTimedOutIntervalMs, 1);
        requireAtLeast(REMOVE_EXPIRED_INTERVAL_MS, removeExpiredIntervalMs, 1);
    }

    public static TxnConfig defaults() {
        return from(Map.of());
    }

    /** Reads the keys from a broker's configuration; absent ones take their default, bad ones fail naming the key. */
    public static TxnConfig from(Map<String, String> props) {
        long replicationFactor = longValue(props, STATE_LOG_REPLICATION_FACTOR);
        if (replicationFactor > Short.MAX_VALUE) {
            throw invalid(STATE_LOG_REPLICATION_FACTOR, String.valueOf(replicationFactor), "at most " + Short.MAX_VALUE);
        }
        return new TxnConfig(intValue(props, STATE_LOG_PARTITIONS), (short) replicationFactor,
                intValue(props, STATE_LOG_MIN_ISR), intValue(props, STATE_LOG_SEGMENT_BYTES),
                intValue(props, MAX_TIMEOUT_MS), longValue(props, ID_EXPIRATION_MS),
                longValue(props, ABORT_TIMED_OUT_INTERVAL_MS), longValue(props, REMOVE_EXPIRED_INTERVAL_MS));
    }

    private static int intValue(Map<String, String> props, Key key) {
        long value = longValue(props, key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(key, String.valueOf(value), "a 32-bit integer");
        }
        return (int) value;
    }

    private static long longValue(Map<String, String> props, Key key) {
        String text = props.getOrDefault(key.name(), key.defaultValue()).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(key, text, "an integer");
        }
    }

    private static void requireAtLeast(Key key, long value, long minimum) {
        if (value < minimum) {
            throw invalid(key, String.valueOf(value), "at least " + minimum);
        }
    }

    private static IllegalArgumentException invalid(Key key, String value, String allowed) {
        return new IllegalArgumentException("Invalid value " + value + " for configuration " + key.name()
                + ": must be " + allowed);
    }
}
