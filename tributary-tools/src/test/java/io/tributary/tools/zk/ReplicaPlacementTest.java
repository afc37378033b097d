package io.tributary.tools.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.tools.ToolException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReplicaPlacementTest {

    @Test
    void spreadsLeadersRoundRobinAndShiftsFollowersAfterEachWrap() {
        Map<Integer, List<Integer>> a = ReplicaPlacement.assign(List.of(0, 1, 2, 3, 4), 10, 3, 0, 0, 0);
        // Leaders rotate over all brokers; followers sit right after the leader until the first wrap...
        assertThat(a.get(0)).containsExactly(0, 1, 2);
        assertThat(a.get(1)).containsExactly(1, 2, 3);
        assertThat(a.get(4)).containsExactly(4, 0, 1);
        // ...then move one place further out.
        assertThat(a.get(5)).containsExactly(0, 2, 3);
        assertThat(a.get(9)).containsExactly(4, 1, 2);
    }

    @Test
    void everyPartitionGetsDistinctReplicas() {
        ReplicaPlacement placement = new ReplicaPlacement(new Random(42));
        Map<Integer, List<Integer>> a = placement.assignNew(List.of(3, 1, 2), 30, 3);
        assertThat(a).hasSize(30);
        a.values().forEach(replicas -> assertThat(new HashSet<>(replicas)).hasSize(3).isSubsetOf(1, 2, 3));
    }

    @Test
    void addedPartitionsContinueTheRotationFromPartitionZero() {
        Map<Integer, List<Integer>> existing = ReplicaPlacement.assign(List.of(0, 1, 2), 1, 2, 0, 1, 1);
        int firstOfZero = existing.get(0).get(0);
        Map<Integer, List<Integer>> added = new ReplicaPlacement(new Random(1)).assignAdded(List.of(0, 1, 2), 1, 2, 2,
                firstOfZero);
        assertThat(added).containsOnlyKeys(1, 2);
        assertThat(added.get(1).get(0)).isEqualTo((firstOfZero + 1) % 3);
        assertThat(added.get(2).get(0)).isEqualTo((firstOfZero + 2) % 3);
    }

    @Test
    void refusesReplicationFactorAboveBrokerCount() {
        assertThatThrownBy(() -> new ReplicaPlacement(new Random()).assignNew(List.of(0), 1, 3))
                .isInstanceOf(ToolException.class)
                .hasMessage("Replication factor: 3 larger than available brokers: 1.");
    }
}
