package io.tributary.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProcStatTest {

    @Test
    void cpuFieldsAreCountedFromTheLastParenthesisSoOddProcessNamesParse() {
        // comm "(a) b (c)" contains spaces and parentheses; utime=250 ticks, stime=50 ticks.
        String stat = "4242 ((a) b (c)) S 1 4242 4242 0 -1 4194560 500 0 0 0 250 50 0 0 20 0 30 0 100 0 0";

        assertThat(ProcStat.cpuNanosOfStatLine(stat)).isEqualTo(3_000_000_000L);
    }

    @Test
    void thisJvmHasUsedCpuAndHoldsMemory() {
        long pid = ProcessHandle.current().pid();
        long before = ProcStat.cpuNanos(pid);
        long spin = System.nanoTime() + 200_000_000L;
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }

        assertThat(sink).isPositive();
        assertThat(ProcStat.cpuNanos(pid)).isGreaterThan(before);
        assertThat(ProcStat.rssBytes(pid)).isGreaterThan(10L << 20);
        assertThat(ProcStat.peakRssBytes(pid)).isGreaterThanOrEqualTo(ProcStat.rssBytes(pid));
    }

    @Test
    void aProcessThatDoesNotExistReadsAsZero() {
        long absent = Integer.MAX_VALUE; // above pid_max on every Linux configuration
        assertThat(ProcStat.cpuNanos(absent)).isZero();
        assertThat(ProcStat.rssBytes(absent)).isZero();
    }
}
