package io.tributary.broker.http;

import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.storage.LogManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * What /health/ready checks, each by name: the logs were recovered and loaded, the broker is registered in
 * ZooKeeper, a live controller is known, no log directory is offline, and every partition this broker leads has
 * at least min.insync.replicas in its ISR (else acks=all writes to it fail). Ready means all pass. Stateless.
 */
public final class HealthChecks {

    /** One check's outcome; {@code detail} says what failed. */
    public record Check(String name, boolean ok, String detail) {
    }

    private final BooleanSupplier started;
    private final BooleanSupplier registered;
    private final MetadataCache metadata;
    private final LogManager logs;
    private final ReplicaManager replicas;
    private final ToIntFunction<String> minInsyncReplicas;

    public HealthChecks(BooleanSupplier started, BooleanSupplier registered, MetadataCache metadata, LogManager logs,
                        ReplicaManager replicas, ToIntFunction<String> minInsyncReplicas) {
        this.started = started;
        this.registered = registered;
        this.metadata = metadata;
        this.logs = logs;
        this.replicas = replicas;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    public List<Check> run() {
        ClusterImage image = metadata.image();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("log_recovery", started.getAsBoolean(),
                started.getAsBoolean() ? "logs loaded" : "the broker is still starting (log recovery, metadata)"));
        checks.add(new Check("zookeeper_registration", registered.getAsBoolean(),
                registered.getAsBoolean() ? "registered" : "not registered in ZooKeeper"));
        boolean controllerKnown = image.controllerId() >= 0 && image.isAlive(image.controllerId());
        checks.add(new Check("controller_known", controllerKnown,
                controllerKnown ? "controller " + image.controllerId() : "no live controller known"));
        var offline = logs.offlineDirs();
        checks.add(new Check("log_dirs_online", offline.isEmpty(),
                offline.isEmpty() ? "all online" : "offline: " + offline));
        List<String> underMinIsr = new ArrayList<>();
        for (Partition partition : replicas.allPartitions()) {
            if (partition.isLeader()
                    && partition.isr().size() < minInsyncReplicas.applyAsInt(partition.topicPartition().topic())) {
                underMinIsr.add(partition.topicPartition().toString());
            }
        }
        checks.add(new Check("led_partitions_min_isr", underMinIsr.isEmpty(), underMinIsr.isEmpty()
                ? "every led partition has min.insync.replicas in sync" : "below min.insync.replicas: "
                + String.join(", ", underMinIsr.subList(0, Math.min(20, underMinIsr.size())))
                + (underMinIsr.size() > 20 ? " and " + (underMinIsr.size() - 20) + " more" : "")));
        return checks;
    }

    /** The /health/ready body: ready, and every check with its outcome. */
    public static Map<String, Object> body(List<Check> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", checks.stream().allMatch(Check::ok));
        body.put("failing", checks.stream().filter(c -> !c.ok()).map(Check::name).toList());
        body.put("checks", checks);
        return body;
    }
}
