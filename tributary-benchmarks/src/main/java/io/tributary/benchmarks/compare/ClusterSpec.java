package io.tributary.benchmarks.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where one fresh cluster of one round runs: its directory, one {@link BrokerSpec} per broker (each with its
 * own directory, data directory and client port on 127.0.0.1, all with the same heap) and the heap option
 * for auxiliary processes such as ZooKeeper. Immutable.
 */
public record ClusterSpec(Path dir, List<BrokerSpec> brokers, String auxiliaryHeap) {

    /** Brokers named {@code broker-0..n-1} under {@code dir}, each on a free port, all with {@code heapOpts}. */
    static ClusterSpec fresh(Path dir, int brokers, String heapOpts, String auxiliaryHeap) {
        List<BrokerSpec> specs = new java.util.ArrayList<>();
        for (int id = 0; id < brokers; id++) {
            specs.add(new BrokerSpec(dir.resolve("broker-" + id), FreePorts.pick(), heapOpts));
        }
        return new ClusterSpec(dir, List.copyOf(specs), auxiliaryHeap);
    }

    /** Every broker's client address, comma-separated, for bootstrap.servers. */
    public String bootstrap() {
        return brokers.stream().map(b -> "127.0.0.1:" + b.port()).collect(Collectors.joining(","));
    }
}
