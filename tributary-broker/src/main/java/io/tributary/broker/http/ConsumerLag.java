package io.tributary.broker.http;

import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.group.GroupSnapshot;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumer lag as the broker sees it: for every group this broker coordinates and every partition it has committed
 * offsets for, the committed offset against the partition's high watermark (what a read_uncommitted consumer could
 * still read) and against its last stable offset (read_committed). The coordinator answers for partitions it
 * holds a replica of, which with replication is usually all of them; others are left out rather than guessed.
 * The last stable offset equals the high watermark until transactions are served. Stateless.
 */
public final class ConsumerLag {

    /** One group's position on one partition. */
    public record PartitionLag(String group, TopicPartition partition, long committed, long highWatermark,
                               long lastStableOffset) {
        public long lag() {
            return Math.max(0, highWatermark - committed);
        }

        public long stableLag() {
            return Math.max(0, lastStableOffset - committed);
        }
    }

    private final GroupCoordinator groups;
    private final ReplicaManager replicas;

    public ConsumerLag(GroupCoordinator groups, ReplicaManager replicas) {
        this.groups = groups;
        this.replicas = replicas;
    }

    public List<PartitionLag> all() {
        List<PartitionLag> lags = new ArrayList<>();
        for (GroupSnapshot group : groups.snapshot()) {
            lags.addAll(of(group));
        }
        return lags;
    }

    public List<PartitionLag> of(GroupSnapshot group) {
        List<PartitionLag> lags = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> entry : group.committed().entrySet()) {
            Partition partition = replicas.partition(entry.getKey());
            if (partition != null) {
                long hw = partition.highWatermark();
                lags.add(new PartitionLag(group.groupId(), entry.getKey(), entry.getValue(), hw, hw));
            }
        }
        return lags;
    }

    /** Adds kafka_exporter-style families: per partition (when enabled) and summed per group and topic. */
    public void addTo(PrometheusExporter.Families families, boolean perPartition) {
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (PartitionLag lag : all()) {
            String topic = lag.partition().topic();
            String partition = String.valueOf(lag.partition().partition());
            if (perPartition) {
                families.gauge("kafka_consumergroup_current_offset", "Committed offset of a group on a partition",
                        lag.committed(), "consumergroup", lag.group(), "topic", topic, "partition", partition);
                families.gauge("kafka_consumergroup_lag", "High watermark minus the group's committed offset",
                        lag.lag(), "consumergroup", lag.group(), "topic", topic, "partition", partition);
                families.gauge("kafka_consumergroup_lag_stable",
                        "Last stable offset minus the group's committed offset (read_committed lag)",
                        lag.stableLag(), "consumergroup", lag.group(), "topic", topic, "partition", partition);
            }
            long[] sum = sums.computeIfAbsent(List.of(lag.group(), topic), k -> new long[2]);
            sum[0] += lag.lag();
            sum[1] += lag.stableLag();
        }
        sums.forEach((key, sum) -> {
            families.gauge("kafka_consumergroup_lag_sum", "Lag of a group summed over a topic's partitions", sum[0],
                    "consumergroup", key.get(0), "topic", key.get(1));
            families.gauge("kafka_consumergroup_lag_stable_sum",
                    "read_committed lag of a group summed over a topic's partitions", sum[1],
                    "consumergroup", key.get(0), "topic", key.get(1));
        });
    }
}
