package io.tributary.benchmarks.jmh;

import io.tributary.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
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
 * {@link RecordBatch#isValid()}: header sanity plus CRC-32C of a producer's batch in a direct buffer, the check
 * every batch gets on the produce path and on replication. Compare with {@link Crc32cBenchmark} at the same
 * size: the difference is what the header checks and the {@code RecordBatch} view cost. The full leader-side
 * validation (record parsing, timestamps, offsets) is inside {@link LogAppendBenchmark}, because
 * {@code AppendValidator} is internal to the storage module.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BatchValidationBenchmark {

    @Param({"1024", "16384"})
    int batchBytes;

    private ByteBuffer batch;

    @Setup
    public void setUp() {
        batch = ProducerBatches.directBatch(batchBytes, 42);
        if (!RecordBatch.at(batch).isValid()) {
            throw new IllegalStateException("kafka-clients built a batch our reader rejects");
        }
    }

    @Benchmark
    public boolean isValid() {
        return RecordBatch.at(batch).isValid();
    }
}
