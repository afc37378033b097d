package io.tributary.tools.zk;

import io.tributary.tools.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Places partition replicas on brokers the way Kafka 2.x did without racks, so a topic created through ZooKeeper
 * is laid out as users of that era expect. With brokers sorted by id and {@code n} of them:
 * <ul>
 *   <li>the first (preferred-leader) replica of partition {@code p} sits on broker {@code (p + start) % n};</li>
 *   <li>follower {@code j} sits {@code 1 + (shift + j) % (n - 1)} places after it, where {@code shift} grows by one
 *       each time {@code p} wraps around the broker list, so followers spread out too.</li>
 * </ul>
 * {@code start} and the initial {@code shift} are random for a new topic; when partitions are added they continue
 * from partition 0's first replica. Stateless apart from the injected {@link Random}.
 */
public final class ReplicaPlacement {

    private final Random random;

    public ReplicaPlacement(Random random) {
        this.random = random;
    }

    /** Assignment for a new topic: partition id → replica broker ids, preferred leader first. */
    public Map<Integer, List<Integer>> assignNew(List<Integer> brokers, int partitions, int replicationFactor) {
        validate(brokers, partitions, replicationFactor);
        int n = brokers.size();
        return assign(sorted(brokers), partitions, replicationFactor, 0, random.nextInt(n), random.nextInt(n));
    }

    /**
     * Assignment for {@code added} new partitions appended after {@code existing} ones; {@code firstReplicaOfZero}
     * is the preferred leader of partition 0, which fixes where the rotation continues.
     */
    public Map<Integer, List<Integer>> assignAdded(List<Integer> brokers, int existing, int added,
                                                   int replicationFactor, int firstReplicaOfZero) {
        validate(brokers, added, replicationFactor);
        List<Integer> sorted = sorted(brokers);
        int start = 0;
        while (start < sorted.size() && sorted.get(start) < firstReplicaOfZero) {
            start++;
        }
        start = start % sorted.size();
        return assign(sorted, added, replicationFactor, existing, start, start);
    }

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
            result.put(p, replicas);
        }
        return result;
    }

    private static void validate(List<Integer> brokers, int partitions, int replicationFactor) {
        if (partitions <= 0) {
            throw new ToolException("Number of partitions must be larger than 0.");
        }
        if (replicationFactor <= 0) {
            throw new ToolException("Replication factor must be larger than 0.");
        }
        if (brokers.isEmpty()) {
            throw new ToolException("No brokers are registered in ZooKeeper; start a broker first.");
        }
        if (replicationFactor > brokers.size()) {
            throw new ToolException("Replication factor: " + replicationFactor
                    + " larger than available brokers: " + brokers.size() + ".");
        }
    }

    private static List<Integer> sorted(List<Integer> brokers) {
        List<Integer> copy = new ArrayList<>(brokers);
        copy.sort(null);
        return copy;
    }
}
