package io.tributary.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PerfOutputTest {

    @Test
    void producerStatsPrintWindowAndTotalLinesLikeKafka() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProducerStats stats = new ProducerStats(4, 0, 5000, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        stats.record(0, 10, 1024 * 1024, 1000);
        stats.record(1, 20, 1024 * 1024, 2000);
        stats.record(2, 30, 1024 * 1024, 5000);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(
                "3 records sent, 0.6 records/sec (0.60 MB/sec), 20.0 ms avg latency, 30.0 ms max latency.\n");
        stats.record(3, 40, 1024 * 1024, 8000);
        assertThat(stats.totalLine(10000)).isEqualTo("4 records sent, 0.400000 records/sec (0.40 MB/sec), "
                + "25.00 ms avg latency, 40.00 ms max latency, 30 ms 50th, 40 ms 95th, 40 ms 99th, 40 ms 99.9th.\n");
    }

    @Test
    void consumerPerfLineHasTenFields() {
        String line = ConsumerPerfReport.line(0, 2000, 2L * 1024 * 1024, 1000, 500);
        String[] fields = line.split(", ");
        assertThat(fields).hasSize(10);
        assertThat(fields[2]).isEqualTo("2.0000");
        assertThat(fields[3]).isEqualTo("1.0000");
        assertThat(fields[4]).isEqualTo("1000");
        assertThat(fields[6]).isEqualTo("500");
        assertThat(fields[7]).isEqualTo("1500");
        assertThat(ConsumerPerfReport.HEADER.split(", ")).hasSize(10);
    }

    @Test
    void throttleSpacesRecordsAtTheTargetRate() {
        MockTime time = new MockTime();
        Throttle throttle = new Throttle(100, time);
        assertThat(throttle.delayNanos(0)).isZero();
        assertThat(throttle.delayNanos(50)).isEqualTo(500_000_000L);
        time.sleep(600);
        assertThat(throttle.delayNanos(50)).isZero();
        assertThat(new Throttle(-1, time).delayNanos(1_000_000)).isZero();
    }
}
