package io.tributary.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReportTest {

    @Test
    void medianIgnoresOneDisturbedRoundAndAveragesTheMiddlePairOfAnEvenSample() {
        assertThat(Medians.of(List.of(5.0, 1000.0, 4.0))).isEqualTo(5.0);
        assertThat(Medians.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Medians.of(List.of())).isNaN();
    }

    @Test
    void ratioTargetsAndAbsoluteTargetsAreJudgedOnTheRightValue() {
        assertThat(Metric.CPU_US_PER_RECORD_ACKS1.target().met(1.0, 0.4)).contains(true);
        assertThat(Metric.CPU_US_PER_RECORD_ACKS1.target().met(1.0, 0.6)).contains(false);
        assertThat(Metric.CONSUME_MIB_PER_S.target().met(100, 1.6)).contains(true);
        assertThat(Metric.COLD_START_MS.target().met(650, 0.1)).contains(true);
        assertThat(Metric.COLD_START_MS.target().met(900, 0.1)).contains(false);
        assertThat(Metric.CPU_US_PER_RECORD_ACKS1.target().met(Double.NaN, Double.NaN)).isEmpty();
    }

    @Test
    void aSystemThatFailedToStartShowsDashesAndItsReasonWhileTheOtherIsReported() {
        RoundResult kafka1 = new RoundResult(Report.KAFKA, 1);
        kafka1.put(Metric.COLD_START_MS, 4000);
        RoundResult tributary1 = new RoundResult(Report.TRIBUTARY, 1);
        tributary1.note("start failed: bin/tributary is missing");
        RoundResult kafka2 = new RoundResult(Report.KAFKA, 2);
        kafka2.put(Metric.COLD_START_MS, 5000);
        kafka2.put(Metric.STOP_MS, 2000);

        Report report = new Report(List.of(kafka1, tributary1, kafka2));
        String md = report.markdown();

        assertThat(report.median(Report.KAFKA, Metric.COLD_START_MS)).isEqualTo(4500);
        assertThat(md).contains("| cold start to first Metadata answer | ms | 4,500 | — | — | ≤ 700 |  |");
        assertThat(md).contains("| graceful stop (SIGTERM to exit) | ms | 2,000 (1/2) | — |");
        assertThat(md).contains("tributary round 1: start failed: bin/tributary is missing");
        assertThat(md).contains("- tributary: 1 round(s): failed");
    }
}
