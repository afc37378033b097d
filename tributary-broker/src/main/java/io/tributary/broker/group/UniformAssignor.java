package io.tributary.broker.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@code uniform} assignor (Kafka's default): spreads all partitions as evenly as the
 * subscriptions allow and keeps partitions where they are whenever that stays balanced, so a
 * rebalance moves as few partitions as possible. First every member keeps what it owns up to its
 * share, then the rest goes, partition by partition, to the least-loaded member subscribed to it.
 */
final class UniformAssignor implements ServerAssignor {

    static final String NAME = "uniform";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, ConsumerAssignment> assign(List<Subscriber> subscribers, Map<UUID, Integer> partitionCounts) {
        Map<String, Map<UUID, Set<Integer>>> result = new LinkedHashMap<>();
        Map<String, Integer> load = new HashMap<>();
        for (Subscriber subscriber : subscribers) {
            result.put(subscriber.memberId(), new TreeMap<>());
            load.put(subscriber.memberId(), 0);
        }
        if (subscribers.isEmpty()) {
            return Map.of();
        }
        int total = 0;
        for (int count : partitionCounts.values()) {
            total += count;
        }
        int floor = total / subscribers.size();
        int extras = total % subscribers.size();

        // Sticky pass: the biggest current owners keep up to one more than the floor while extras last.
        List<Subscriber> byCurrentSize = new ArrayList<>(subscribers);
        byCurrentSize.sort(Comparator.comparingInt((Subscriber s) -> -s.current().size()).thenComparing(Subscriber::memberId));
        Set<String> taken = new TreeSet<>();
        for (Subscriber subscriber : byCurrentSize) {
            int quota = floor;
            if (extras > 0 && subscriber.current().size() > floor) {
                quota = floor + 1;
                extras--;
            }
            for (Map.Entry<UUID, ? extends Set<Integer>> owned : subscriber.current().partitions().entrySet()) {
                UUID topic = owned.getKey();
                Integer count = partitionCounts.get(topic);
                if (count == null || !subscriber.topics().contains(topic)) {
                    continue;
                }
                for (int partition : owned.getValue()) {
                    String key = topic + "-" + partition;
                    if (partition < count && load.get(subscriber.memberId()) < quota && taken.add(key)) {
                        result.get(subscriber.memberId()).computeIfAbsent(topic, t -> new TreeSet<>()).add(partition);
                        load.merge(subscriber.memberId(), 1, Integer::sum);
                    }
                }
            }
        }

        // The rest, to whoever subscribes and has least; ties by member id keep the outcome deterministic.
        for (Map.Entry<UUID, Integer> topic : new TreeMap<>(partitionCounts).entrySet()) {
            List<Subscriber> candidates = subscribers.stream().filter(s -> s.topics().contains(topic.getKey())).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            for (int partition = 0; partition < topic.getValue(); partition++) {
                if (taken.contains(topic.getKey() + "-" + partition)) {
                    continue;
                }
                Subscriber least = candidates.stream()
                        .min(Comparator.comparingInt((Subscriber s) -> load.get(s.memberId())).thenComparing(Subscriber::memberId))
                        .orElseThrow();
                result.get(least.memberId()).computeIfAbsent(topic.getKey(), t -> new TreeSet<>()).add(partition);
                load.merge(least.memberId(), 1, Integer::sum);
            }
        }
        Map<String, ConsumerAssignment> assignments = new LinkedHashMap<>();
        result.forEach((member, partitions) -> assignments.put(member, ConsumerAssignment.of(partitions)));
        return assignments;
    }
}
