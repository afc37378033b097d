package io.tributary.benchmarks.compare;

/** Every figure the cluster comparison reports, in the order it prints them, with unit and better direction. */
public enum ClusterMetric {
    START_S("start until every broker is registered", "s", true),
    PRODUCE_RECORDS_PER_S("produce 100 B, acks=all, RF 3", "rec/s", false),
    PRODUCE_MIB_PER_S("produce 100 B, acks=all, RF 3", "MiB/s", false),
    PRODUCE_P50_MS("produce latency p50", "ms", true),
    PRODUCE_P99_MS("produce latency p99", "ms", true),
    CONSUME_MIB_PER_S("consume what was produced (fetch time)", "MiB/s", false),
    BROKER_CPU_US_PER_RECORD("CPU of all brokers per record produced", "µs", true),
    BROKER_CPU_S_PER_GIB("CPU of all brokers per GiB produced+consumed", "s", true),
    DEPENDENCY_CPU_S_PER_GIB("CPU of ZooKeeper per GiB produced+consumed", "s", true),
    PEAK_RSS_MIB("peak RSS, sum of all brokers", "MiB", true);

    private final String label;
    private final String unit;
    private final boolean lowerIsBetter;

    ClusterMetric(String label, String unit, boolean lowerIsBetter) {
        this.label = label;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }
}
