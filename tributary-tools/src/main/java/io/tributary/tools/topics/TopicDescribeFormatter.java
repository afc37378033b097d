package io.tributary.tools.topics;

import io.tributary.broker.metadata.PartitionState;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@code topics --describe} output in Kafka 2.x's layout: a tab-separated summary line per topic, then one
 * tab-indented line per partition. Stateless.
 */
public final class TopicDescribeFormatter {

    private TopicDescribeFormatter() {
    }

    public static String format(DescribedTopic topic) {
        StringBuilder sb = new StringBuilder();
        String deletion = topic.markedForDeletion() ? "\tMarkedForDeletion: true" : "";
        String name = topic.topic().name();
        sb.append("Topic: ").append(name)
                .append("\tPartitionCount: ").append(topic.topic().partitionCount())
                .append("\tReplicationFactor: ").append(topic.replicationFactor())
                .append("\tConfigs: ").append(configs(topic))
                .append(deletion).append('\n');
        topic.topic().assignment().forEach((partition, replicas) -> {
            PartitionState state = topic.states().get(partition);
            int leader = state == null ? PartitionState.NO_LEADER : state.leader();
            sb.append("\tTopic: ").append(name)
                    .append("\tPartition: ").append(partition)
                    .append("\tLeader: ").append(leader < 0 ? "none" : String.valueOf(leader))
                    .append("\tReplicas: ").append(ids(replicas))
                    .append("\tIsr: ").append(state == null ? "" : ids(state.isr()))
                    .append(deletion).append('\n');
        });
        return sb.toString();
    }

    private static String configs(DescribedTopic topic) {
        return topic.configs().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
