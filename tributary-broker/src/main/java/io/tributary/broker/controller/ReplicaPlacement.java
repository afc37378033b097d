package io.tributary.broker.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Spreads partitions' replicas over brokers the way Kafka's rack-unaware assignment does: the
 * first replica of partition p on broker (start + p) mod n, followers shifted so leaders and
 * followers are both spread evenly. Stateless apart from the random start.
 */
public final class ReplicaPlacement {

    private final Random random;

    public ReplicaPlacement(Random random) {
        this.random = random;
    }

    /**
     * @param brokers live broker ids, sorted
     * @param firstPartition index of the first new partition (non-zero when adding partitions)
     */
    public Map<Integer, List<Integer>> assign(List<Integer> brokers, int partitions, int replicationFactor,
                                              int firstPartition) {
        int n = brokers.size();
        if (replicationFactor > n) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " larger than available brokers " + n);
        }
        Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
        int startIndex = random.nextInt(n);
        int nextShift = random.nextInt(n);
        int currentPartition = firstPartition;
        for (int i = 0; i < partitions; i++) {
            if (currentPartition > 0 && currentPartition % n == 0) {
                nextShift++;
            }
            int firstReplica = (currentPartition + startIndex) % n;
            List<Integer> replicas = new ArrayList<>();
            replicas.add(brokers.get(firstReplica));
            for (int j = 0; j < replicationFactor - 1; j++) {
                replicas.add(brokers.get(followerIndex(firstReplica, nextShift, j, n)));
            }
            assignment.put(currentPartition, List.copyOf(replicas));
            currentPartition++;
        }
        return assignment;
    }

    private static int followerIndex(int firstReplica, int secondReplicaShift, int replicaIndex, int n) {
        int shift = 1 + (secondReplicaShift + replicaIndex) % (n - 1);
        return (firstReplica + shift) % n;
    }
}
