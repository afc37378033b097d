package io.tributary.broker.group;

import io.tributary.common.TopicPartition;
import java.util.Map;

/**
 * One group this broker coordinates, as it was at one moment: state, member count and committed offsets (the next
 * offset the group will read, per partition). For metrics and the admin endpoint. Immutable.
 */
public record GroupSnapshot(String groupId, String state, String protocolType, int members,
                            Map<TopicPartition, Long> committed) {
}
