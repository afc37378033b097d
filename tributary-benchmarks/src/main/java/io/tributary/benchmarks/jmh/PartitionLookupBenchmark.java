package io.tributary.benchmarks.jmh;

import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every Produce and Fetch request resolves each (topic, partition) it names to that partition's state. This
 * measures the cost of doing so with {@link TopicPartition} as a hash key, the key is built from the decoded
 * request fields each time as a handler would, across broker sizes from a few to many thousand partitions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PartitionLookupBenchmark {

    @Param({"10", "1000", "10000"})
    int partitions;

    private final Map<TopicPartition, Object> partitionStates = new HashMap<>();
    private String[] topics;
    private int next;

    @Setup
    public void setUp() {
        int topicCount = Math.max(1, partitions / 10);
        topics = new String[topicCount];
        for (int t = 0; t < topicCount; t++) {
            topics[t] = "orders-" + t;
            for (int p = 0; p < partitions / topicCount; p++) {
                partitionStates.put(new TopicPartition(topics[t], p), new Object());
            }
        }
    }

    @Benchmark
    public Object lookUpPartitionOfRequest() {
        int i = next++;
        // A fresh key with an equal but not identical topic string, as a decoded request yields.
        String topic = new String(topics[i % topics.length]);
        return partitionStates.get(new TopicPartition(topic, i % (partitions / topics.length)));
    }
}
