package io.tributary.tools.groups;

import io.tributary.tools.ToolException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Carries out {@code consumer-groups --reset-offsets}: resolves the partitions, refuses while the group has active
 * members, plans with {@link OffsetResetPlanner}, prints the plan and (with {@code --execute}) commits it.
 */
final class OffsetReset {

    /** Which partitions: every one the group has offsets for, or the given {@code topic[:p,p]} specs. */
    record Scope(boolean allTopics, List<String> topicSpecs) {
    }

    /** The strategy and its argument (offset, shift or epoch milliseconds). */
    record Plan(OffsetResetPlanner.Strategy strategy, long argument) {
    }

    private final Admin admin;
    private final GroupInspector inspector;
    private final PrintStream out;

    OffsetReset(Admin admin, GroupInspector inspector, PrintStream out) {
        this.admin = admin;
        this.inspector = inspector;
        this.out = out;
    }

    void run(List<String> groups, Scope scope, Plan plan, boolean dryRun) throws Exception {
        for (String group : groups) {
            GroupState state = stateOf(group);
            if (!inactive(state)) {
                throw new ToolException("Assignments can only be reset if the group '" + group
                        + "' is inactive, but the current state is " + state + ".");
            }
            Map<TopicPartition, Long> committed = inspector.committedOffsets(group);
            Set<TopicPartition> partitions = scope.allTopics() ? committed.keySet() : partitions(scope.topicSpecs());
            Map<TopicPartition, Long> byTime = plan.strategy() == OffsetResetPlanner.Strategy.TO_DATETIME
                    ? inspector.offsets(partitions, OffsetSpec.forTimestamp(plan.argument())) : Map.of();
            Map<TopicPartition, Long> planned = new OffsetResetPlanner(plan.strategy(), plan.argument()).plan(
                    partitions, inspector.offsets(partitions, OffsetSpec.earliest()),
                    inspector.offsets(partitions, OffsetSpec.latest()), committed, byTime);
            if (!dryRun) {
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                planned.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
                admin.alterConsumerGroupOffsets(group, commit).all().get();
            }
            List<GroupTables.ResetRow> rows = new ArrayList<>();
            planned.forEach((tp, offset) -> rows.add(new GroupTables.ResetRow(group, tp.topic(), tp.partition(), offset)));
            out.print(GroupTables.reset(rows));
        }
    }

    /** Only a group without members may have its offsets rewritten; an unknown group counts as inactive. */
    static boolean inactive(GroupState state) {
        return state == GroupState.EMPTY || state == GroupState.DEAD;
    }

    private GroupState stateOf(String group) throws Exception {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            return d.groupState();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return GroupState.DEAD;
            }
            throw e;
        }
    }

    private Set<TopicPartition> partitions(List<String> specs) throws Exception {
        Set<TopicPartition> result = new LinkedHashSet<>();
        List<String> wholeTopics = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                wholeTopics.add(spec);
                continue;
            }
            String topic = spec.substring(0, colon);
            for (String p : spec.substring(colon + 1).split(",")) {
                try {
                    result.add(new TopicPartition(topic, Integer.parseInt(p.trim())));
                } catch (NumberFormatException e) {
                    throw new ToolException("bad partition '" + p + "' in --topic " + spec);
                }
            }
        }
        if (!wholeTopics.isEmpty()) {
            Map<String, TopicDescription> described = admin.describeTopics(wholeTopics).allTopicNames().get();
            for (String topic : wholeTopics) {
                described.get(topic).partitions().forEach(p -> result.add(new TopicPartition(topic, p.partition())));
            }
        }
        return result;
    }
}
