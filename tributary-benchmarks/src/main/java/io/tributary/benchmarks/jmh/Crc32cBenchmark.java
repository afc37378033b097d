package io.tributary.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
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
 * The floor under record-batch validation: a v2 batch is checked with CRC-32C over everything after its CRC
 * field, so no validator can be cheaper than this per byte. Compare the batch-validation benchmark against it
 * to see what the rest of validation costs. Direct buffers, as batches arrive from the network.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Crc32cBenchmark {

    /** Batch sizes: one small record, a linger-filled 16 KiB batch, a full 64 KiB producer batch. */
    @Param({"100", "16384", "65536"})
    int batchBytes;

    private ByteBuffer batch;

    @Setup
    public void setUp() {
        byte[] bytes = new byte[batchBytes];
        new Random(42).nextBytes(bytes);
        batch = ByteBuffer.allocateDirect(batchBytes);
        batch.put(bytes).flip();
    }

    @Benchmark
    public long checksumBatch() {
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate());
        return crc.getValue();
    }
}
