package io.tributary.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The summaries below were printed by Kafka 4.2.0's tools against a Kafka 4.2.0 broker on this machine. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PerfOutputTest {

    @Test
    void producerSummaryIsTheFinalLineWithPercentiles() {
        String stdout = """
                20871 records sent, 4174.2 records/sec (0.40 MB/sec), 40.1 ms avg latency, 906.0 ms max latency.
                50000 records sent, 15156.107911 records/sec (1.45 MB/sec), 114.01 ms avg latency, \
                1310.00 ms max latency, 118 ms 50th, 170 ms 95th, 238 ms 99th, 295 ms 99.9th.
                """;

        PerfOutput.Produced p = PerfOutput.producer(stdout).orElseThrow();

        assertThat(p.records()).isEqualTo(50000);
        assertThat(p.recordsPerSec()).isEqualTo(15156.107911);
        assertThat(p.mibPerSec()).isEqualTo(1.45);
        assertThat(p.p50Ms()).isEqualTo(118);
        assertThat(p.p99Ms()).isEqualTo(238);
        assertThat(p.p999Ms()).isEqualTo(295);
    }

    @Test
    void producerOutputWithoutFinalSummaryParsesAsMissing() {
        assertThat(PerfOutput.producer("1000 records sent, 10.0 records/sec (0.00 MB/sec), 1.0 ms avg latency, "
                + "2.0 ms max latency.")).isEmpty();
    }

    @Test
    void consumerSummaryIsReadByColumnName() {
        String stdout = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
                rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-22 01:06:12:711, 2026-11-22 01:06:17:385, 4.7684, 1.0202, 50000, 10697.4754, 3580, \
                1094, 4.3587, 45703.8391
                """;

        PerfOutput.Consumed c = PerfOutput.consumer(stdout).orElseThrow();

        assertThat(c.records()).isEqualTo(50000);
        assertThat(c.mib()).isEqualTo(4.7684);
        assertThat(c.rebalanceMs()).isEqualTo(3580);
        assertThat(c.fetchMs()).isEqualTo(1094);
        assertThat(c.fetchMibPerSec()).isEqualTo(4.3587);
    }

    @Test
    void endToEndSummaryGivesAverageAndPercentiles() {
        String stdout = """
                0	139.98532999999998
                Avg latency: 14.8532 ms
                Percentiles: 50th = 12, 99th = 57, 99.9th = 139
                """;

        PerfOutput.EndToEnd e = PerfOutput.endToEnd(stdout).orElseThrow();

        assertThat(e.avgMs()).isEqualTo(14.8532);
        assertThat(e.p50Ms()).isEqualTo(12);
        assertThat(e.p99Ms()).isEqualTo(57);
        assertThat(e.p999Ms()).isEqualTo(139);
    }
}
