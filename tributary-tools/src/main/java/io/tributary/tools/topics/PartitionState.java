package io.tributary.tools.topics;

import java.util.List;

/** One partition as the topics tool shows it. {@code leader} is -1 when the partition has no leader. */
public record PartitionState(int partition, int leader, List<Integer> replicas, List<Integer> isr) {

    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}
