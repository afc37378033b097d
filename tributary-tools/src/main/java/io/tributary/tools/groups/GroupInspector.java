package io.tributary.tools.groups;

import io.tributary.tools.ToolException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Reads consumer groups through the Admin API and shapes them into the rows {@link GroupTables} prints. Blocking
 * calls; used by one thread for one command.
 */
public final class GroupInspector {

    private final Admin admin;

    public GroupInspector(Admin admin) {
        this.admin = admin;
    }

    /** Consumer group ids (protocol type "consumer", or none yet), sorted. */
    public List<String> list() throws Exception {
        List<String> ids = new ArrayList<>();
        for (GroupListing listing : admin.listGroups().all().get()) {
            if (listing.protocol() == null || listing.protocol().isEmpty() || listing.protocol().equals("consumer")) {
                ids.add(listing.groupId());
            }
        }
        ids.sort(null);
        return ids;
    }

    /** The group's description; throws "does not exist" for a group the coordinator does not know. */
    public ConsumerGroupDescription describe(String group) throws Exception {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                throw notFound(group);
            }
            throw e;
        }
        if (description.groupState() == GroupState.DEAD) {
            throw notFound(group);
        }
        return description;
    }

    public Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> result = new HashMap<>();
        committed.forEach((tp, o) -> {
            if (o != null) {
                result.put(tp, o.offset());
            }
        });
        return result;
    }

    /** Offsets for {@code partitions} per {@code spec} (earliest, latest, for a timestamp); -1 where none. */
    public Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> infos = admin.listOffsets(request).all().get();
        Map<TopicPartition, Long> result = new HashMap<>();
        infos.forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    /** Rows of {@code --describe}: assigned partitions, then committed-but-unassigned ones, then idle members. */
    public List<PartitionOffsetRow> offsetRows(ConsumerGroupDescription description) throws Exception {
        String group = description.groupId();
        Map<TopicPartition, Long> committed = committedOffsets(group);
        Set<TopicPartition> all = new HashSet<>(committed.keySet());
        description.members().forEach(m -> all.addAll(m.assignment().topicPartitions()));
        Map<TopicPartition, Long> logEnd = offsets(all, OffsetSpec.latest());
        List<PartitionOffsetRow> rows = new ArrayList<>();
        Set<TopicPartition> assigned = new HashSet<>();
        List<PartitionOffsetRow> idle = new ArrayList<>();
        for (MemberDescription m : description.members()) {
            if (m.assignment().topicPartitions().isEmpty()) {
                idle.add(new PartitionOffsetRow(group, null, null, null, null, m.consumerId(), m.host(),
                        m.clientId()));
            }
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                assigned.add(tp);
                rows.add(new PartitionOffsetRow(group, tp.topic(), tp.partition(), committed.get(tp), logEnd.get(tp),
                        m.consumerId(), m.host(), m.clientId()));
            }
        }
        committed.keySet().stream().filter(tp -> !assigned.contains(tp)).forEach(tp ->
                rows.add(new PartitionOffsetRow(group, tp.topic(), tp.partition(), committed.get(tp), logEnd.get(tp),
                        null, null, null)));
        rows.sort(Comparator.comparing(PartitionOffsetRow::topic).thenComparing(PartitionOffsetRow::partition));
        rows.addAll(idle);
        return rows;
    }

    public List<GroupTables.MemberRow> memberRows(ConsumerGroupDescription description) {
        List<GroupTables.MemberRow> rows = new ArrayList<>();
        for (MemberDescription m : description.members()) {
            Set<TopicPartition> tps = m.assignment().topicPartitions();
            rows.add(new GroupTables.MemberRow(description.groupId(), m.consumerId(), m.host(), m.clientId(),
                    tps.size(), assignment(tps)));
        }
        return rows;
    }

    public GroupTables.StateRow stateRow(ConsumerGroupDescription description) {
        Node c = description.coordinator();
        String coordinator = c == null ? "-" : c.host() + ":" + c.port() + " (" + c.id() + ")";
        return new GroupTables.StateRow(description.groupId(), coordinator, description.partitionAssignor(),
                stateName(description.groupState()), description.members().size());
    }

    /** Kafka's spelling of a group state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead. */
    static String stateName(GroupState state) {
        return state == null ? "Unknown" : state.toString();
    }

    /** {@code topic(0,1),other(2)}, as Kafka's verbose members listing shows an assignment. */
    static String assignment(Set<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new java.util.TreeMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        return byTopic.entrySet().stream()
                .map(e -> e.getKey() + "(" + e.getValue().stream().sorted().map(String::valueOf)
                        .collect(Collectors.joining(",")) + ")")
                .collect(Collectors.joining(","));
    }

    private static ToolException notFound(String group) {
        return new ToolException("Consumer group '" + group + "' does not exist.");
    }
}
