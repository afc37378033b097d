package io.tributary.benchmarks.compare;

/**
 * Every figure the comparison reports, in the order it prints them. Each metric knows its unit, whether a
 * smaller value is better, and the target issue 6 sets for Tributary (a ratio against Kafka or an absolute
 * bound), which the report checks but never fails on.
 */
public enum Metric {
    COLD_START_MS("cold start to first Metadata answer", "ms", Direction.LOWER, Target.atMost(700)),
    IDLE_RSS_MIB("idle RSS after start settles", "MiB", Direction.LOWER, Target.ratioAtMost(0.4)),

    PRODUCE_ACKS1_RECORDS_PER_S("produce 100 B, acks=1", "rec/s", Direction.HIGHER, Target.ratioAtLeast(1.3)),
    PRODUCE_ACKS1_MIB_PER_S("produce 100 B, acks=1", "MiB/s", Direction.HIGHER, Target.none()),
    PRODUCE_ACKS1_P50_MS("produce 100 B, acks=1, latency p50", "ms", Direction.LOWER, Target.none()),
    PRODUCE_ACKS1_P99_MS("produce 100 B, acks=1, latency p99", "ms", Direction.LOWER, Target.none()),
    PRODUCE_ACKSALL_RECORDS_PER_S("produce 100 B, acks=all", "rec/s", Direction.HIGHER, Target.ratioAtLeast(1.3)),
    PRODUCE_ACKSALL_MIB_PER_S("produce 100 B, acks=all", "MiB/s", Direction.HIGHER, Target.none()),
    PRODUCE_ACKSALL_P50_MS("produce 100 B, acks=all, latency p50", "ms", Direction.LOWER, Target.none()),
    PRODUCE_ACKSALL_P99_MS("produce 100 B, acks=all, latency p99", "ms", Direction.LOWER, Target.none()),
    PRODUCE_1K_MIB_PER_S("produce 1 KiB, acks=1", "MiB/s", Direction.HIGHER, Target.ratioAtLeast(1.3)),
    CONSUME_MIB_PER_S("consume the 1 KiB records (fetch time)", "MiB/s", Direction.HIGHER, Target.ratioAtLeast(1.5)),
    CONSUME_GROUP_JOIN_MS("consumer group join (rebalance time)", "ms", Direction.LOWER, Target.none()),
    PRODUCE_TXN_RECORDS_PER_S("produce 100 B in transactions (one commit per 50 ms, ~1,000 records)", "rec/s",
            Direction.HIGHER, Target.none()),
    CONSUME_READ_COMMITTED_MIB_PER_S("consume those read_committed (fetch time)", "MiB/s", Direction.HIGHER,
            Target.none()),

    E2E_P50_MS("end-to-end latency p50", "ms", Direction.LOWER, Target.none()),
    E2E_P99_MS("end-to-end latency p99", "ms", Direction.LOWER, Target.ratioAtMost(0.7)),
    E2E_P999_MS("end-to-end latency p99.9", "ms", Direction.LOWER, Target.none()),

    MANY_PARTITIONS_CREATE_S("many-partition topic: create until all leaders", "s", Direction.LOWER, Target.none()),
    MANY_PARTITIONS_RECORDS_PER_S("many-partition topic: produce 100 B", "rec/s", Direction.HIGHER, Target.none()),
    MANY_PARTITIONS_TOTAL_S("many-partition topic: create + produce", "s", Direction.LOWER, Target.ratioAtMost(0.2)),

    CPU_US_PER_RECORD_ACKS1("broker CPU per record, produce 100 B acks=1 (headline)", "µs", Direction.LOWER,
            Target.ratioAtMost(0.5)),
    CPU_US_PER_RECORD_ACKSALL("broker CPU per record, produce 100 B acks=all", "µs", Direction.LOWER, Target.none()),
    CPU_S_PER_GIB("broker CPU per GiB produced + consumed", "s/GiB", Direction.LOWER, Target.none()),
    PEAK_RSS_MIB("peak RSS under load (VmHWM)", "MiB", Direction.LOWER, Target.ratioAtMost(0.6)),
    DISK_BYTES_PER_BYTE("bytes on disk per payload byte produced", "ratio", Direction.LOWER, Target.none()),
    STOP_MS("graceful stop (SIGTERM to exit)", "ms", Direction.LOWER, Target.atMost(1000));

    /** Which way is better; used to phrase targets and to read ratios. */
    public enum Direction { LOWER, HIGHER }

    private final String label;
    private final String unit;
    private final Direction direction;
    private final Target target;

    Metric(String label, String unit, Direction direction, Target target) {
        this.label = label;
        this.unit = unit;
        this.direction = direction;
        this.target = target;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    public Target target() {
        return target;
    }
}
