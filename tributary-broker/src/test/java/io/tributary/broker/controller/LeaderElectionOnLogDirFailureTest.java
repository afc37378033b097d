package io.tributary.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityProtocol;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LeaderElectionOnLogDirFailureTest {

    private static final List<Integer> REPLICAS = List.of(1, 0, 2);

    private static ClusterImage alive(int... ids) {
        TreeMap<Integer, BrokerInfo> brokers = new TreeMap<>();
        for (int id : ids) {
            brokers.put(id, new BrokerInfo(id, List.of(new Endpoint("PLAINTEXT", SecurityProtocol.PLAINTEXT, "h", 9092 + id)), null, id));
        }
        return new ClusterImage("c", 0, brokers, new TreeMap<>(), Map.of(), Map.of(), Set.of(), Map.of());
    }

    @Test
    void aFailedLeaderHandsOverToTheNextIsrMemberInAssignmentOrderAndLeavesTheIsr() {
        PartitionState state = new PartitionState(1, 4, List.of(1, 2, 0), 3, 7);
        PartitionState next = LeaderElection.withoutFailedReplica(state, REPLICAS, alive(0, 1, 2), 1, 5);
        assertThat(next.leader()).isEqualTo(0);
        assertThat(next.leaderEpoch()).isEqualTo(5);
        assertThat(next.isr()).containsExactly(2, 0);
        assertThat(next.zkVersion()).as("conditional on the version read").isEqualTo(7);
    }

    @Test
    void aFailedFollowerOnlyLeavesTheIsr() {
        PartitionState state = new PartitionState(0, 4, List.of(0, 1, 2), 3, 7);
        PartitionState next = LeaderElection.withoutFailedReplica(state, REPLICAS, alive(0, 1, 2), 1, 5);
        assertThat(next.leader()).isZero();
        assertThat(next.leaderEpoch()).as("no new epoch for a shrink").isEqualTo(4);
        assertThat(next.isr()).containsExactly(0, 2);
    }

    @Test
    void aFailedSoleIsrMemberLeavesThePartitionLeaderlessWithItsIsrKept() {
        PartitionState state = new PartitionState(1, 4, List.of(1), 3, 7);
        PartitionState next = LeaderElection.withoutFailedReplica(state, REPLICAS, alive(0, 1, 2), 1, 5);
        assertThat(next.leader()).isEqualTo(PartitionState.NO_LEADER);
        assertThat(next.isr()).containsExactly(1);
        assertThat(LeaderElection.withoutFailedReplica(next, REPLICAS, alive(0, 1, 2), 1, 5))
                .as("nothing more to do").isNull();
    }

    @Test
    void logDirEventsCarryKafkasFieldsAndTheOfflinePartitions() {
        ZkCodec.LogDirEvent event = new ZkCodec.LogDirEvent(3,
                Set.of(new TopicPartition("t", 1), new TopicPartition("t", 0), new TopicPartition("u", 2)));
        byte[] json = ZkCodec.logDirEvent(event);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "{\"version\":1,\"broker\":3,\"event\":1,\"offline_partitions\":{\"t\":[0,1],\"u\":[2]}}");
        assertThat(ZkCodec.logDirEvent(json)).isEqualTo(event);
        // Written by a Kafka broker: the broker only.
        assertThat(ZkCodec.logDirEvent("{\"version\":1,\"broker\":2,\"event\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ZkCodec.LogDirEvent(2, Set.of()));
    }
}
