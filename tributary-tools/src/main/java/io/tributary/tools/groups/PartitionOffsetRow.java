package io.tributary.tools.groups;

import java.util.List;

/**
 * One line of {@code consumer-groups --describe}: a partition with the group's committed offset, the log end and
 * the member holding it. Absent values (no committed offset, unassigned partition, member without partitions) are
 * null and print as {@code -}.
 */
public record PartitionOffsetRow(String group, String topic, Integer partition, Long currentOffset,
                                 Long logEndOffset, String consumerId, String host, String clientId) {

    /** LOG-END-OFFSET minus CURRENT-OFFSET, or null when either is unknown. */
    public Long lag() {
        return currentOffset == null || logEndOffset == null ? null : Math.max(0, logEndOffset - currentOffset);
    }

    List<String> cells() {
        return List.of(group, dash(topic), dash(partition), dash(currentOffset), dash(logEndOffset), dash(lag()),
                dash(consumerId), dash(host), dash(clientId));
    }

    static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
