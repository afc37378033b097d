package io.tributary.broker.config;

import static io.tributary.broker.config.ConfigKey.BOOLEAN;
import static io.tributary.broker.config.ConfigKey.INT;
import static io.tributary.broker.config.ConfigKey.LONG;
import static io.tributary.broker.config.ConfigKey.STRING;
import static io.tributary.broker.config.ConfigKey.atLeast;
import static io.tributary.broker.config.ConfigKey.between;

import io.tributary.broker.config.ConfigKey.Validator;
import java.util.List;

/**
 * The keys of the admin HTTP endpoint (Prometheus metrics, health, the console and its JSON API), declared once.
 * Kept apart from {@link BrokerConfigKeys} because Kafka has no such endpoint: every name here is Tributary's own.
 */
public final class AdminConfigKeys {

    private AdminConfigKeys() {
    }

    public static final ConfigKey<String> ADMIN_LISTENERS = new ConfigKey<>("admin.listeners", STRING,
            "http://127.0.0.1:9644", AdminListener.VALIDATOR,
            "http://host:port of the admin endpoint (/metrics, /health/live, /health/ready, /v1/..., the console at /)."
                    + " Loopback by default; empty turns it off. Port 0 picks a free port.");
    public static final ConfigKey<Integer> ADMIN_THREADS = new ConfigKey<>("admin.threads", INT, "2", between(1, 32),
            "Threads serving admin requests, apart from the Kafka listeners' threads.");
    public static final ConfigKey<Integer> ADMIN_MAX_CONNECTIONS = new ConfigKey<>("admin.max.connections", INT, "64",
            atLeast(1), "Open admin connections beyond which new ones are closed at once.");
    public static final ConfigKey<Boolean> ADMIN_METRICS_PARTITION_SERIES_ENABLE = new ConfigKey<>(
            "admin.metrics.partition.series.enable", BOOLEAN, "true", Validator.any(),
            "Whether /metrics has per-partition series (kafka_log_log_*, consumer lag per partition); off bounds the"
                    + " series to per-topic ones on brokers with many partitions.");
    public static final ConfigKey<Boolean> METRICS_ENABLE = new ConfigKey<>("metrics.enable", BOOLEAN, "true",
            Validator.any(), "Whether the broker records its metrics (JMX, /metrics). Off only to measure what they"
                    + " cost: meters and histograms become no-ops and /metrics is nearly empty.");
    public static final ConfigKey<Long> ADMIN_BROWSE_MAX_SCAN_BYTES = new ConfigKey<>("admin.browse.max.scan.bytes",
            LONG, "67108864", atLeast(1L), "Most log bytes one message-browser search reads before it stops and says so.");
    public static final ConfigKey<Long> ADMIN_BROWSE_MAX_SCAN_MS = new ConfigKey<>("admin.browse.max.scan.ms", LONG,
            "5000", atLeast(1L), "Longest time one message-browser search runs before it stops and says so.");

    public static final List<ConfigKey<?>> ALL = List.of(ADMIN_LISTENERS, ADMIN_THREADS, ADMIN_MAX_CONNECTIONS,
            ADMIN_METRICS_PARTITION_SERIES_ENABLE, METRICS_ENABLE, ADMIN_BROWSE_MAX_SCAN_BYTES, ADMIN_BROWSE_MAX_SCAN_MS);
}
