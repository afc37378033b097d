package io.tributary.broker.http;

import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The cluster's health as {@code rpk cluster health} reports it, from one cluster image: whether it is healthy,
 * why not, the controller, every broker the cluster knows (registered now, or assigned replicas), those down, and
 * the leaderless and under-replicated partitions. Any broker answers for the whole cluster. Stateless.
 */
public final class ClusterHealth {

    private ClusterHealth() {
    }

    public static Map<String, Object> of(ClusterImage image) {
        TreeSet<Integer> all = new TreeSet<>(image.brokers().keySet());
        List<String> leaderless = new ArrayList<>();
        List<String> underReplicated = new ArrayList<>();
        for (TopicInfo topic : image.topics().values()) {
            for (Map.Entry<Integer, List<Integer>> assignment : topic.assignment().entrySet()) {
                all.addAll(assignment.getValue());
                TopicPartition tp = new TopicPartition(topic.name(), assignment.getKey());
                PartitionState state = image.partition(tp);
                if (state == null || state.leader() == PartitionState.NO_LEADER || !image.isAlive(state.leader())) {
                    leaderless.add(tp.toString());
                } else if (state.isr().size() < assignment.getValue().size()) {
                    underReplicated.add(tp.toString());
                }
            }
        }
        List<Integer> down = all.stream().filter(id -> !image.isAlive(id)).toList();
        List<String> reasons = new ArrayList<>();
        if (!down.isEmpty()) {
            reasons.add("nodes_down");
        }
        if (!leaderless.isEmpty()) {
            reasons.add("leaderless_partitions");
        }
        if (!underReplicated.isEmpty()) {
            reasons.add("under_replicated_partitions");
        }
        if (image.controllerId() < 0 || !image.isAlive(image.controllerId())) {
            reasons.add("no_controller");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_healthy", reasons.isEmpty());
        body.put("unhealthy_reasons", reasons);
        body.put("controller_id", image.controllerId());
        body.put("all_nodes", List.copyOf(all));
        body.put("nodes_down", down);
        body.put("leaderless_count", leaderless.size());
        body.put("leaderless_partitions", leaderless);
        body.put("under_replicated_count", underReplicated.size());
        body.put("under_replicated_partitions", underReplicated);
        return body;
    }
}
