package io.tributary.benchmarks.jmh;

import io.tributary.storage.LogSlice;
import io.tributary.storage.UnifiedLog;
import io.tributary.storage.config.LogConfig;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fetch read path, {@code UnifiedLog.read}, over a log of 64 segments of 1 MiB (64 MiB of 1 KiB producer
 * batches of about 9 records each, a sparse index entry every 4 KiB as by default). It finds the segment
 * (skip-list floor), looks the offset up in the segment's offset index, scans forward over batch headers to
 * the batch holding the offset, and bounds the slice; it returns a {@link LogSlice} (file position and
 * length), never copying record bytes. The cost of bounding the slice grows with {@code maxBytes}: the
 * segment reads one batch header per batch up to the limit.
 * <ul>
 *   <li>{@code randomOffset}: a random offset anywhere in the log, 1 MiB max bytes, as a consumer catching up
 *       or a follower; this is the offset-index lookup benchmark;</li>
 *   <li>{@code tailOffset}: the last offset of the log (inside the last batch), the steady state of a caught-up
 *       consumer;</li>
 *   <li>{@code randomOffsetReadFully}: the random read plus copying the slice into the heap, what a path
 *       without zero-copy (TLS, or a follower decoding) pays.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FetchReadBenchmark {

    static final int SEGMENT_BYTES = 1024 * 1024;
    static final int SEGMENTS = 64;
    /** The consumer's default {@code max.partition.fetch.bytes}. */
    static final int MAX_BYTES = 1024 * 1024;

    private TempLog tempLog;
    private UnifiedLog log;
    private long logEnd;
    private long tail;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void fillLog() {
        tempLog = TempLog.open(Map.of(LogConfig.SEGMENT_BYTES, Integer.toString(SEGMENT_BYTES)));
        log = tempLog.log();
        ByteBuffer batch = ProducerBatches.directBatch(1024, 3);
        try {
            while (log.numberOfSegments() <= SEGMENTS) {
                log.appendAsLeader(ProducerBatches.asSent(batch), 0);
            }
        } catch (RuntimeException e) {
            tempLog.close(); // JMH skips the tear-down when set-up fails; do not leave the directory behind
            throw e;
        }
        logEnd = log.logEndOffset();
        log.updateHighWatermark(logEnd);
        tail = logEnd - 1;
        random = new SplittableRandom(11);
    }

    @TearDown(Level.Trial)
    public void closeLog() {
        tempLog.close();
    }

    @Benchmark
    public LogSlice randomOffset() {
        return log.read(random.nextLong(logEnd), MAX_BYTES, logEnd, true);
    }

    @Benchmark
    public LogSlice tailOffset() {
        return log.read(tail, MAX_BYTES, logEnd, true);
    }

    @Benchmark
    public ByteBuffer randomOffsetReadFully() {
        return log.read(random.nextLong(logEnd), 16 * 1024, logEnd, true).readFully();
    }
}
