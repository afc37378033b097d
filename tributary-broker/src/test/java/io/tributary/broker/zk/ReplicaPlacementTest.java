package io.tributary.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void everyPartitionGetsDistinctReplicasFromUnsortedBrokers() {
        Map<Integer, List<Integer>> a = new ReplicaPlacement(new Random(42)).assignNew(List.of(3, 1, 2), 30, 3);
        assertThat(a).hasSize(30);
        a.values().forEach(replicas -> assertThat(new HashSet<>(replicas)).hasSize(3).isSubsetOf(1, 2, 3));
    }

    @Test
    void addedPartitionsStartAtPartitionZerosLeaderWithTheShiftFixedToIt() {
        // Partition 0 led by broker 20 (index 1 of [10, 20, 30]); numbering continues at 2.
        Map<Integer, List<Integer>> added = ReplicaPlacement.assignAdded(List.of(30, 10, 20),
                Map.of(0, List.of(20, 30), 1, List.of(30, 10)), 5);
        assertThat(added).containsExactly(
                Map.entry(2, List.of(10, 30)), Map.entry(3, List.of(20, 30)), Map.entry(4, List.of(30, 10)),
                Map.entry(5, List.of(10, 20)), Map.entry(6, List.of(20, 10)));
    }

    @Test
    void addedPartitionsAreTheSameWhateverTheRandomSource() {
        Map<Integer, List<Integer>> existing = Map.of(0, List.of(2, 0, 1));
        assertThat(ReplicaPlacement.assignAdded(List.of(0, 1, 2, 3), existing, 6))
                .isEqualTo(ReplicaPlacement.assignAdded(List.of(3, 2, 1, 0), existing, 6));
    }

    @Test
    void addedPartitionsStartAtTheNextBrokerWhenPartitionZerosLeaderIsGone() {
        // Broker 1 no longer registered: the first broker with an id of at least 1 is 2, at index 1.
        Map<Integer, List<Integer>> added = ReplicaPlacement.assignAdded(List.of(0, 2), Map.of(0, List.of(1)), 1);
        assertThat(added).containsExactly(Map.entry(1, List.of(0)));
        // Leader id above every live broker: back to index 0.
        assertThat(ReplicaPlacement.assignAdded(List.of(0, 2), Map.of(0, List.of(5)), 1))
                .containsExactly(Map.entry(1, List.of(2)));
    }

    @Test
    void refusesReplicationFactorAboveBrokerCount() {
        assertThatThrownBy(() -> new ReplicaPlacement(new Random()).assignNew(List.of(0), 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Replication factor: 3 larger than available brokers: 1.");
    }
}
