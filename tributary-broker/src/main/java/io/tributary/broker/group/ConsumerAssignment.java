package io.tributary.broker.group;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Partitions named as KIP-848 names them, by topic id: what a consumer-protocol member owns, is
 * revoking or is targeted to get. Immutable; topics without partitions are left out, so two equal
 * sets of partitions are equal assignments.
 */
final class ConsumerAssignment {

    static final ConsumerAssignment EMPTY = new ConsumerAssignment(Map.of());

    private final Map<UUID, SortedSet<Integer>> partitions;

    private ConsumerAssignment(Map<UUID, ? extends Set<Integer>> partitions) {
        Map<UUID, SortedSet<Integer>> copy = new TreeMap<>();
        partitions.forEach((topic, indexes) -> {
            if (!indexes.isEmpty()) {
                copy.put(topic, Collections.unmodifiableSortedSet(new TreeSet<>(indexes)));
            }
        });
        this.partitions = Collections.unmodifiableMap(copy);
    }

    static ConsumerAssignment of(Map<UUID, ? extends Set<Integer>> partitions) {
        return partitions.isEmpty() ? EMPTY : new ConsumerAssignment(partitions);
    }

    /** From a list of (topic id, partition indexes) pairs, as requests and records carry them. */
    static ConsumerAssignment fromPairs(Map<UUID, List<Integer>> pairs) {
        Map<UUID, Set<Integer>> sets = new TreeMap<>();
        pairs.forEach((topic, indexes) -> sets.computeIfAbsent(topic, t -> new TreeSet<>()).addAll(indexes));
        return of(sets);
    }

    Map<UUID, SortedSet<Integer>> partitions() {
        return partitions;
    }

    Set<Integer> partitions(UUID topic) {
        return partitions.getOrDefault(topic, Collections.emptySortedSet());
    }

    boolean isEmpty() {
        return partitions.isEmpty();
    }

    int size() {
        return partitions.values().stream().mapToInt(Set::size).sum();
    }

    boolean contains(UUID topic, int partition) {
        return partitions(topic).contains(partition);
    }

    /** Whether the two share any partition. */
    boolean overlaps(ConsumerAssignment other) {
        for (Map.Entry<UUID, SortedSet<Integer>> entry : partitions.entrySet()) {
            for (int partition : entry.getValue()) {
                if (other.contains(entry.getKey(), partition)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether every partition of this one is in {@code other}. */
    boolean isSubsetOf(ConsumerAssignment other) {
        for (Map.Entry<UUID, SortedSet<Integer>> entry : partitions.entrySet()) {
            if (!other.partitions(entry.getKey()).containsAll(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    Set<UUID> topics() {
        return partitions.keySet();
    }

    /** Every topic of either. */
    Set<UUID> topicsWith(ConsumerAssignment other) {
        Set<UUID> all = new HashSet<>(partitions.keySet());
        all.addAll(other.partitions.keySet());
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConsumerAssignment a && a.partitions.equals(partitions);
    }

    @Override
    public int hashCode() {
        return partitions.hashCode();
    }

    @Override
    public String toString() {
        return partitions.toString();
    }
}
