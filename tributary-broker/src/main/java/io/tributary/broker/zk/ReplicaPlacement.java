package io.tributary.broker.zk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Places partitions' replicas on brokers the way Kafka's rack-unaware assignment
 * ({@code AdminUtils.assignReplicasToBrokers}) does, for the broker's CreateTopics / CreatePartitions and for the
 * tools' {@code --zookeeper} forms alike. With the brokers sorted by id and {@code n} of them:
 * <ul>
 *   <li>the first (preferred-leader) replica of partition {@code p} sits on broker {@code (p + start) % n};</li>
 *   <li>follower {@code j} sits {@code 1 + (shift + j) % (n - 1)} places after it, where {@code shift} grows by one
 *       each time {@code p} wraps around the broker list, so followers spread out too.</li>
 * </ul>
 * For a new topic {@code start} and the initial {@code shift} are random. For added partitions both are fixed to
 * the index of the first broker whose id is at least partition 0's preferred leader, and numbering continues after
 * the existing partitions, as Kafka's {@code AdminZkClient.createPartitions} does: the same existing assignment and
 * brokers always give the same new replicas. Stateless apart from the injected {@link Random}.
 */
public final class ReplicaPlacement {

    private final Random random;

    public ReplicaPlacement(Random random) {
        this.random = random;
    }

    /**
     * Assignment for a new topic: partition id → replica broker ids, preferred leader first.
     *
     * @throws IllegalArgumentException with Kafka's message when the counts are not positive, there are no brokers
     *                                  or fewer brokers than the replication factor
     */
    public Map<Integer, List<Integer>> assignNew(List<Integer> brokers, int partitions, int replicationFactor) {
        validate(brokers, partitions, replicationFactor);
        int n = brokers.size();
        return assign(sorted(brokers), partitions, replicationFactor, 0, random.nextInt(n), random.nextInt(n));
    }

    /**
     * Assignment of {@code added} partitions appended to {@code existing} (partition id → replicas, which must hold
     * partition 0): their replication factor is partition 0's, and the rotation continues from partition 0's
     * preferred leader.
     *
     * @throws IllegalArgumentException as {@link #assignNew}
     */
    public static Map<Integer, List<Integer>> assignAdded(List<Integer> brokers, Map<Integer, List<Integer>> existing,
                                                          int added) {
        List<Integer> zero = existing.get(0);
        if (zero == null || zero.isEmpty()) {
            throw new IllegalArgumentException("The existing assignment has no replicas for partition 0.");
        }
        validate(brokers, added, zero.size());
        List<Integer> sorted = sorted(brokers);
        int start = 0;
        while (start < sorted.size() && sorted.get(start) < zero.get(0)) {
            start++;
        }
        start = start % sorted.size();
        return assign(sorted, added, zero.size(), existing.size(), start, start);
    }

    /** The rotation itself, with its start index and initial follower shift given. */
    static Map<Integer, List<Integer>> assign(List<Integer> brokers, int partitions, int replicationFactor,
                                              int firstPartitionId, int startIndex, int initialShift) {
        int n = brokers.size();
        Map<Integer, List<Integer>> result = new LinkedHashMap<>();
        int shift = initialShift;
        for (int p = firstPartitionId; p < firstPartitionId + partitions; p++) {
            if (p > 0 && p % n == 0) {
                shift++;
            }
            int first = (p + startIndex) % n;
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            replicas.add(brokers.get(first));
            for (int j = 0; j < replicationFactor - 1; j++) {
                int offset = 1 + (shift + j) % (n - 1);
                replicas.add(brokers.get((first + offset) % n));
            }
            result.put(p, List.copyOf(replicas));
        }
        return result;
    }

    private static void validate(List<Integer> brokers, int partitions, int replicationFactor) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("Number of partitions must be larger than 0.");
        }
        if (replicationFactor <= 0) {
            throw new IllegalArgumentException("Replication factor must be larger than 0.");
        }
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("No brokers are registered in ZooKeeper; start a broker first.");
        }
        if (replicationFactor > brokers.size()) {
            throw new IllegalArgumentException("Replication factor: " + replicationFactor
                    + " larger than available brokers: " + brokers.size() + ".");
        }
    }

    private static List<Integer> sorted(List<Integer> brokers) {
        List<Integer> copy = new ArrayList<>(brokers);
        copy.sort(null);
        return copy;
    }
}
