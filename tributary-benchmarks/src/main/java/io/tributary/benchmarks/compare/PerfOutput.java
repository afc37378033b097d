package io.tributary.benchmarks.compare;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the summaries Kafka 4.2.0's perf tools print on stdout. The tools' "MB" is 2^20 bytes. Stateless.
 */
public final class PerfOutput {

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");
    private static final Pattern E2E_PERCENTILES = Pattern.compile(
            "Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");
    private static final Pattern E2E_AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");

    private PerfOutput() {
    }

    /** The final line of ProducerPerformance, the one with percentiles. */
    public record Produced(long records, double recordsPerSec, double mibPerSec, double p50Ms, double p99Ms,
                           double p999Ms) {
    }

    /** ConsumerPerformance's CSV summary; fetch figures exclude the consumer group join. */
    public record Consumed(long records, double mib, double rebalanceMs, double fetchMs, double fetchMibPerSec) {
    }

    /** EndToEndLatency's summary (whole milliseconds for the percentiles, as the tool prints them). */
    public record EndToEnd(double avgMs, double p50Ms, double p99Ms, double p999Ms) {
    }

    public static Optional<Produced> producer(String stdout) {
        Matcher m = PRODUCER_SUMMARY.matcher(stdout);
        Produced last = null;
        while (m.find()) {
            last = new Produced(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(6)), Double.parseDouble(m.group(8)),
                    Double.parseDouble(m.group(9)));
        }
        return Optional.ofNullable(last);
    }

    public static Optional<Consumed> consumer(String stdout) {
        List<String> lines = stdout.lines().map(String::trim).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> header = List.of(lines.get(i).split(",\\s*"));
                String[] row = lines.get(i + 1).split(",\\s*");
                if (row.length != header.size()) {
                    return Optional.empty();
                }
                return Optional.of(new Consumed(
                        Long.parseLong(row[header.indexOf("data.consumed.in.nMsg")]),
                        Double.parseDouble(row[header.indexOf("data.consumed.in.MB")]),
                        Double.parseDouble(row[header.indexOf("rebalance.time.ms")]),
                        Double.parseDouble(row[header.indexOf("fetch.time.ms")]),
                        Double.parseDouble(row[header.indexOf("fetch.MB.sec")])));
            }
        }
        return Optional.empty();
    }

    public static Optional<EndToEnd> endToEnd(String stdout) {
        Matcher avg = E2E_AVERAGE.matcher(stdout);
        Matcher pct = E2E_PERCENTILES.matcher(stdout);
        if (!avg.find() || !pct.find()) {
            return Optional.empty();
        }
        return Optional.of(new EndToEnd(Double.parseDouble(avg.group(1)), Double.parseDouble(pct.group(1)),
                Double.parseDouble(pct.group(2)), Double.parseDouble(pct.group(3))));
    }
}
