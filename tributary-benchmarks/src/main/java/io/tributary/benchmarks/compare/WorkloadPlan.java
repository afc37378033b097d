package io.tributary.benchmarks.compare;

import java.time.Duration;

/**
 * The sizes and time bounds of one round's workloads, identical for every system. The full plan keeps a
 * whole A/B round near five minutes on two cores; the quick plan only proves the harness works and its
 * figures are not comparable with full runs.
 *
 * @param records100B          records per 100-byte produce run (acks=1, then acks=all)
 * @param records1KiB          records in the 1 KiB produce run, all consumed back afterwards
 * @param endToEndRecords      round trips measured by EndToEndLatency
 * @param manyPartitions       partitions of the many-partition topic
 * @param manyPartitionRecords 100-byte records produced across it
 * @param settle               pause after the first Metadata answer before idle RSS is read
 * @param startTimeout         how long a broker may take to answer its first Metadata request
 * @param toolTimeout          bound on each perf tool run
 */
public record WorkloadPlan(long records100B, long records1KiB, long endToEndRecords, int manyPartitions,
                           long manyPartitionRecords, Duration settle, Duration startTimeout,
                           Duration toolTimeout) {

    public static WorkloadPlan full() {
        return new WorkloadPlan(2_000_000, 500_000, 10_000, 1_000, 200_000,
                Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(300));
    }

    public static WorkloadPlan quick() {
        return new WorkloadPlan(200_000, 50_000, 1_000, 100, 20_000,
                Duration.ofSeconds(2), Duration.ofSeconds(120), Duration.ofSeconds(120));
    }

    public WorkloadPlan withManyPartitions(int partitions) {
        return new WorkloadPlan(records100B, records1KiB, endToEndRecords, partitions, manyPartitionRecords,
                settle, startTimeout, toolTimeout);
    }
}
