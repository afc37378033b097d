package io.tributary.tools.topics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@code topics --describe} output in Kafka 2.x's layout: a tab-separated summary line per topic, then one
 * tab-indented line per partition. Stateless.
 */
public final class TopicDescribeFormatter {

    private TopicDescribeFormatter() {
    }

    public static String format(TopicInfo topic) {
        StringBuilder sb = new StringBuilder();
        String deletion = topic.markedForDeletion() ? "\tMarkedForDeletion: true" : "";
        sb.append("Topic: ").append(topic.name())
                .append("\tPartitionCount: ").append(topic.partitions().size())
                .append("\tReplicationFactor: ").append(topic.replicationFactor())
                .append("\tConfigs: ").append(configs(topic))
                .append(deletion).append('\n');
        for (PartitionState p : topic.partitions()) {
            sb.append("\tTopic: ").append(topic.name())
                    .append("\tPartition: ").append(p.partition())
                    .append("\tLeader: ").append(p.leader() < 0 ? "none" : String.valueOf(p.leader()))
                    .append("\tReplicas: ").append(ids(p.replicas()))
                    .append("\tIsr: ").append(ids(p.isr()))
                    .append(deletion).append('\n');
        }
        return sb.toString();
    }

    private static String configs(TopicInfo topic) {
        return topic.configs().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
