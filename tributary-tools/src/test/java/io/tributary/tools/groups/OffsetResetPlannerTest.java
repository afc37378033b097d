package io.tributary.tools.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.tools.ToolException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OffsetResetPlannerTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final Map<TopicPartition, Long> EARLIEST = Map.of(P0, 10L, P1, 0L);
    private static final Map<TopicPartition, Long> LATEST = Map.of(P0, 100L, P1, 50L);
    private static final Map<TopicPartition, Long> COMMITTED = Map.of(P0, 40L);

    private static Map<TopicPartition, Long> plan(OffsetResetPlanner.Strategy s, long arg,
                                                  Map<TopicPartition, Long> byTime) {
        return new OffsetResetPlanner(s, arg).plan(List.of(P0, P1), EARLIEST, LATEST, COMMITTED, byTime);
    }

    @Test
    void earliestAndLatest() {
        assertThat(plan(OffsetResetPlanner.Strategy.TO_EARLIEST, 0, Map.of())).containsEntry(P0, 10L).containsEntry(P1, 0L);
        assertThat(plan(OffsetResetPlanner.Strategy.TO_LATEST, 0, Map.of())).containsEntry(P0, 100L).containsEntry(P1, 50L);
    }

    @Test
    void shiftByMovesFromTheCommittedOffsetAndClamps() {
        assertThat(plan(OffsetResetPlanner.Strategy.SHIFT_BY, -35, Map.of())).containsEntry(P0, 10L)
                .containsEntry(P1, 15L);
        assertThat(plan(OffsetResetPlanner.Strategy.SHIFT_BY, 5, Map.of())).containsEntry(P0, 45L)
                .containsEntry(P1, 50L);
    }

    @Test
    void toOffsetIsClampedIntoTheLog() {
        assertThat(plan(OffsetResetPlanner.Strategy.TO_OFFSET, 60, Map.of())).containsEntry(P0, 60L)
                .containsEntry(P1, 50L);
        assertThat(plan(OffsetResetPlanner.Strategy.TO_OFFSET, 1, Map.of())).containsEntry(P0, 10L);
    }

    @Test
    void toDatetimeUsesTheOffsetFoundOrTheEnd() {
        assertThat(plan(OffsetResetPlanner.Strategy.TO_DATETIME, 0, Map.of(P0, 20L, P1, -1L)))
                .containsEntry(P0, 20L).containsEntry(P1, 50L);
    }

    @Test
    void parsesKafkasDatetimeFormats() {
        assertThat(DateTimes.parse("2024-01-02T03:04:05.678", ZoneOffset.UTC)).isEqualTo(1704164645678L);
        assertThat(DateTimes.parse("2024-01-02T03:04:05.678+01:00", ZoneId.of("Asia/Shanghai")))
                .isEqualTo(1704164645678L - 3_600_000L);
        assertThat(DateTimes.parse("2024-01-02T03:04:05Z", ZoneId.of("Asia/Shanghai"))).isEqualTo(1704164645000L);
        assertThatThrownBy(() -> DateTimes.parse("yesterday", ZoneOffset.UTC)).isInstanceOf(ToolException.class);
    }
}
