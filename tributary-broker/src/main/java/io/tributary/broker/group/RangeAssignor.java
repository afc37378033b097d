package io.tributary.broker.group;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@code range} assignor: topic by topic, the members subscribed to it (in member-id order)
 * get consecutive ranges of its partitions, the first ones one more when the count does not divide.
 * Members subscribed to the same co-partitioned topics so get the same partition numbers of each.
 */
final class RangeAssignor implements ServerAssignor {

    static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, ConsumerAssignment> assign(List<Subscriber> subscribers, Map<UUID, Integer> partitionCounts) {
        Map<String, Map<UUID, Set<Integer>>> result = new LinkedHashMap<>();
        for (Subscriber subscriber : subscribers) {
            result.put(subscriber.memberId(), new TreeMap<>());
        }
        for (Map.Entry<UUID, Integer> topic : new TreeMap<>(partitionCounts).entrySet()) {
            List<Subscriber> members = subscribers.stream().filter(s -> s.topics().contains(topic.getKey()))
                    .sorted(Comparator.comparing(Subscriber::memberId)).toList();
            if (members.isEmpty()) {
                continue;
            }
            int per = topic.getValue() / members.size();
            int extra = topic.getValue() % members.size();
            int next = 0;
            for (int i = 0; i < members.size(); i++) {
                int count = per + (i < extra ? 1 : 0);
                Set<Integer> range = new TreeSet<>();
                for (int p = next; p < next + count; p++) {
                    range.add(p);
                }
                next += count;
                if (!range.isEmpty()) {
                    result.get(members.get(i).memberId()).put(topic.getKey(), range);
                }
            }
        }
        Map<String, ConsumerAssignment> assignments = new LinkedHashMap<>();
        result.forEach((member, partitions) -> assignments.put(member, ConsumerAssignment.of(partitions)));
        return assignments;
    }
}
