package io.tributary.benchmarks.jmh;

import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.config.LogConfig;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The leader's whole append path, {@code UnifiedLog.appendAsLeader}: validation (header, CRC, record
 * structure, timestamps), offset and epoch stamping in place, the write to the active segment's file channel,
 * sparse index updates and segment rolls (64 MiB segments here, so rolls happen during a run). Batches are
 * producer-built, 1 KiB and 16 KiB of 100-byte records, uncompressed or in each codec, in direct buffers as
 * they come off the network. The
 * same batch is appended repeatedly: the log stamps only fields outside the CRC (base offset, leader epoch),
 * so resetting the base offset to the producer's 0 before each append makes it a fresh producer batch. The
 * log is emptied before each iteration, so the page cache, not the disk, absorbs the writes (no fsync, as
 * with the broker's default flush settings).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LogAppendBenchmark {

    @Param({"1024", "16384"})
    int batchBytes;

    /** The producer's codec; a compressed batch's records are walked as they stream out of the codec. */
    @Param({"none", "lz4", "zstd", "snappy", "gzip"})
    String compression;

    private TempLog tempLog;
    private ByteBuffer batch;

    @Setup(Level.Trial)
    public void openLog() {
        tempLog = TempLog.open(Map.of(LogConfig.SEGMENT_BYTES, Integer.toString(64 * 1024 * 1024)));
        batch = ProducerBatches.directBatch(batchBytes, 7, codec(compression));
    }

    @Setup(Level.Iteration)
    public void emptyLog() {
        tempLog.log().truncateFullyAndStartAt(0);
    }

    @TearDown(Level.Trial)
    public void closeLog() {
        tempLog.close();
    }

    private static Compression codec(String name) {
        return switch (name) {
            case "none" -> Compression.NONE;
            case "lz4" -> Compression.lz4().build();
            case "zstd" -> Compression.zstd().build();
            case "snappy" -> Compression.snappy().build();
            case "gzip" -> Compression.gzip().build();
            default -> throw new IllegalArgumentException("Unknown codec " + name);
        };
    }

    @Benchmark
    public LogAppendInfo appendAsLeader() {
        return tempLog.log().appendAsLeader(ProducerBatches.asSent(batch), 0);
    }
}
