package io.tributary.broker.group;

import io.tributary.broker.group.OffsetsRecordBatch.KeyValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Resolves what a consumer-protocol group subscribes to against the cluster's topics (names, and
 * regular expressions matched whole as Kafka's RE2/J matching does, internal topics left out),
 * fingerprints it so that added partitions or re-created topics bump the group epoch, and computes
 * the target assignment with the group's assignor. Stateless; called with the group's monitor held.
 */
final class ConsumerTargetAssignment {

    private ConsumerTargetAssignment() {
    }

    /** The ids of the existing topics the member subscribes to. */
    static Set<UUID> topicsOf(ConsumerGroupMember member, Map<String, TopicCatalog.Topic> topics) {
        Set<UUID> ids = new HashSet<>();
        for (String name : subscribedNames(member, topics)) {
            ids.add(topics.get(name).id());
        }
        return ids;
    }

    /** A fingerprint of the name, id and partition count of every topic some member subscribes to. */
    static long metadataHash(ConsumerGroup group, Map<String, TopicCatalog.Topic> topics) {
        Set<String> names = new TreeSet<>();
        for (ConsumerGroupMember member : group.members()) {
            names.addAll(subscribedNames(member, topics));
        }
        long hash = 17;
        for (String name : names) {
            TopicCatalog.Topic topic = topics.get(name);
            hash = hash * 0x9E3779B97F4A7C15L + name.hashCode();
            hash = hash * 31 + (topic.id().getMostSignificantBits() ^ topic.id().getLeastSignificantBits());
            hash = hash * 31 + topic.partitions();
        }
        return hash;
    }

    /**
     * Computes the group's target for its current epoch; adds a record for each member whose target
     * changed and one for the new assignment epoch.
     */
    static void compute(ConsumerGroup group, ServerAssignor assignor, Map<String, TopicCatalog.Topic> topics, long nowMs,
                        List<KeyValue> records) {
        List<ServerAssignor.Subscriber> subscribers = new ArrayList<>();
        Map<UUID, Integer> partitionCounts = new HashMap<>();
        Map<UUID, Integer> countsById = new HashMap<>();
        topics.values().forEach(topic -> countsById.put(topic.id(), topic.partitions()));
        for (ConsumerGroupMember member : group.members()) {
            Set<UUID> subscribed = topicsOf(member, topics);
            subscribed.forEach(id -> partitionCounts.put(id, countsById.get(id)));
            subscribers.add(new ServerAssignor.Subscriber(member.memberId(), subscribed, group.target(member.memberId())));
        }
        Map<String, ConsumerAssignment> assignment = assignor.assign(subscribers, partitionCounts);
        for (ConsumerGroupMember member : group.members()) {
            ConsumerAssignment target = assignment.getOrDefault(member.memberId(), ConsumerAssignment.EMPTY);
            if (!target.equals(group.target(member.memberId()))) {
                group.target(member.memberId(), target);
                records.add(ConsumerGroupRecords.targetMember(group.groupId(), member.memberId(), target));
            }
        }
        group.assignmentEpoch(group.groupEpoch());
        group.assignorName(assignor.name());
        records.add(ConsumerGroupRecords.targetEpoch(group.groupId(), group.groupEpoch(), nowMs));
    }

    private static Set<String> subscribedNames(ConsumerGroupMember member, Map<String, TopicCatalog.Topic> topics) {
        Set<String> names = new TreeSet<>();
        for (String name : member.subscribedTopicNames()) {
            if (topics.containsKey(name)) {
                names.add(name);
            }
        }
        if (member.regex() != null) {
            for (String name : topics.keySet()) {
                if (!name.startsWith("__") && member.regex().matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
