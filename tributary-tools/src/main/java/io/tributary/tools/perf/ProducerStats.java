package io.tributary.tools.perf;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latency and throughput bookkeeping for {@code producer-perf-test}, printing Kafka's two line formats: a window
 * line every {@code reportingIntervalMs} and a final total with percentiles. Latencies are sampled (at most
 * 500,000 kept) so memory stays bounded. Called from the producer's I/O thread (completions) and, after the
 * producer is closed, from the main thread; methods are synchronized so the hand-over is safe.
 */
public final class ProducerStats {

    private static final double MB = 1024.0 * 1024.0;

    private final long startMs;
    private final int[] latencies;
    private final int sampling;
    private final long reportingIntervalMs;
    private final PrintStream out;
    private int samples;
    private long count;
    private long bytes;
    private long totalLatency;
    private int maxLatency;
    private long windowStart;
    private long windowCount;
    private long windowBytes;
    private long windowTotalLatency;
    private int windowMaxLatency;

    /** Window lines go to {@code out} as windows close. */
    public ProducerStats(long numRecords, long startMs, long reportingIntervalMs, PrintStream out) {
        this.startMs = startMs;
        this.windowStart = startMs;
        this.reportingIntervalMs = reportingIntervalMs;
        this.sampling = (int) Math.max(1, numRecords / Math.max(1, Math.min(numRecords, 500_000)));
        this.latencies = new int[(int) Math.min(numRecords / sampling + 1, 500_001)];
        this.out = out;
    }

    /** Records one acknowledged send of {@code size} bytes, {@code latencyMs} after it was handed over. */
    public synchronized void record(long iteration, int latencyMs, int size, long nowMs) {
        count++;
        bytes += size;
        totalLatency += latencyMs;
        maxLatency = Math.max(maxLatency, latencyMs);
        windowCount++;
        windowBytes += size;
        windowTotalLatency += latencyMs;
        windowMaxLatency = Math.max(windowMaxLatency, latencyMs);
        if (iteration % sampling == 0 && samples < latencies.length) {
            latencies[samples++] = latencyMs;
        }
        if (nowMs - windowStart >= reportingIntervalMs) {
            out.print(windowLine(nowMs));
            windowStart = nowMs;
            windowCount = 0;
            windowBytes = 0;
            windowTotalLatency = 0;
            windowMaxLatency = 0;
        }
    }

    private String windowLine(long nowMs) {
        double elapsed = Math.max(1, nowMs - windowStart) / 1000.0;
        return String.format(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, "
                        + "%.1f ms max latency.%n", windowCount, windowCount / elapsed, windowBytes / MB / elapsed,
                windowTotalLatency / (double) Math.max(1, windowCount), (double) windowMaxLatency);
    }

    /** Kafka's final line: totals, average and maximum latency, and the 50th/95th/99th/99.9th percentiles. */
    public synchronized String totalLine(long nowMs) {
        double elapsed = Math.max(1, nowMs - startMs) / 1000.0;
        int[] sorted = Arrays.copyOf(latencies, samples);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%d records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, "
                        + "%.2f ms max latency, %d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.%n",
                count, count / elapsed, bytes / MB / elapsed, totalLatency / (double) Math.max(1, count),
                (double) maxLatency, percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99),
                percentile(sorted, 0.999));
    }

    static int percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    public synchronized long count() {
        return count;
    }
}
