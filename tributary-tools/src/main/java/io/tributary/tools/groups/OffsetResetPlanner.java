package io.tributary.tools.groups;

import io.tributary.tools.ToolException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Computes a group's new offsets for {@code --reset-offsets}. Pure: the caller supplies the partitions' earliest,
 * latest and committed offsets (and, for {@code --to-datetime}, the offsets found for that time). Requested
 * positions outside {@code [earliest, latest]} are clamped to that range, as Kafka does.
 */
public final class OffsetResetPlanner {

    /** The strategies Kafka offers, each with its argument (unused ones zero). */
    public enum Strategy { TO_EARLIEST, TO_LATEST, TO_CURRENT, TO_OFFSET, SHIFT_BY, TO_DATETIME }

    private final Strategy strategy;
    private final long argument;

    public OffsetResetPlanner(Strategy strategy, long argument) {
        this.strategy = strategy;
        this.argument = argument;
    }

    /**
     * @param byTime offsets found for the {@code --to-datetime} timestamp; -1 (none at or after it) means latest
     */
    public Map<TopicPartition, Long> plan(Iterable<TopicPartition> partitions, Map<TopicPartition, Long> earliest,
                                          Map<TopicPartition, Long> latest, Map<TopicPartition, Long> committed,
                                          Map<TopicPartition, Long> byTime) {
        Map<TopicPartition, Long> result = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (TopicPartition tp : partitions) {
            long low = require(earliest, tp, "earliest");
            long high = require(latest, tp, "latest");
            long target = switch (strategy) {
                case TO_EARLIEST -> low;
                case TO_LATEST -> high;
                case TO_CURRENT -> committed.getOrDefault(tp, high);
                case TO_OFFSET -> argument;
                case SHIFT_BY -> committed.getOrDefault(tp, high) + argument;
                case TO_DATETIME -> {
                    long found = byTime.getOrDefault(tp, -1L);
                    yield found < 0 ? high : found;
                }
            };
            result.put(tp, Math.max(low, Math.min(high, target)));
        }
        return result;
    }

    private static long require(Map<TopicPartition, Long> offsets, TopicPartition tp, String what) {
        Long value = offsets.get(tp);
        if (value == null) {
            throw new ToolException("no " + what + " offset for " + tp + " (does the partition exist?)");
        }
        return value;
    }
}
