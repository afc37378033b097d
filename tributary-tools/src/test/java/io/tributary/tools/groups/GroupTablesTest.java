package io.tributary.tools.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GroupTablesTest {

    @Test
    void offsetsTableAlignsColumnsAndDashesMissingValues() {
        String table = GroupTables.offsets(List.of(
                new PartitionOffsetRow("testGroup", "test", 0, 5L, 7L, "consumer-testGroup-1-abc", "/127.0.0.1",
                        "consumer-testGroup-1"),
                new PartitionOffsetRow("testGroup", "test", 1, null, 3L, null, null, null)));
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).isEmpty();
        assertThat(lines.get(1)).isEqualTo("GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  "
                + "LAG             CONSUMER-ID              HOST            CLIENT-ID");
        assertThat(lines.get(2)).isEqualTo("testGroup       test            0          5               7               "
                + "2               consumer-testGroup-1-abc /127.0.0.1      consumer-testGroup-1");
        assertThat(lines.get(3)).isEqualTo("testGroup       test            1          -               3               "
                + "-               -                        -               -");
    }

    @Test
    void lagIsNeverNegative() {
        assertThat(new PartitionOffsetRow("g", "t", 0, 9L, 5L, null, null, null).lag()).isZero();
    }

    @Test
    void stateAndResetTables() {
        assertThat(GroupTables.state(new GroupTables.StateRow("g", "127.0.0.1:9092 (0)", "range", "Stable", 2)))
                .isEqualTo("\nGROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS\n"
                        + "g               127.0.0.1:9092 (0)        range                Stable               2\n");
        assertThat(GroupTables.reset(List.of(new GroupTables.ResetRow("g", "test", 0, 0))))
                .isEqualTo("\nGROUP           TOPIC           PARTITION  NEW-OFFSET\n"
                        + "g               test            0          0\n");
    }

    @Test
    void verboseMembersShowAssignments() {
        String table = GroupTables.members(List.of(new GroupTables.MemberRow("g", "c-1", "/h", "c", 2,
                GroupInspector.assignment(java.util.Set.of(new org.apache.kafka.common.TopicPartition("t", 1),
                        new org.apache.kafka.common.TopicPartition("t", 0))))), true);
        assertThat(table).endsWith(" 2           t(0,1)\n");
    }
}
