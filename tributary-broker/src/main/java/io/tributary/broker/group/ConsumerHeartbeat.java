package io.tributary.broker.group;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * One ConsumerGroupHeartbeat as read from the request; null fields did not change since the last
 * heartbeat. {@code owned} is null when the member did not report what it owns. Immutable.
 */
record ConsumerHeartbeat(String groupId, String memberId, int memberEpoch, String instanceId, String rackId,
                         int rebalanceTimeoutMs, List<String> topicNames, String regex, Pattern pattern,
                         String assignor, ConsumerAssignment owned, String clientId, String clientHost) {

    /** Kafka's checks of a heartbeat's fields; the reason, or null if valid. */
    String invalidReason() {
        if (groupId() == null || groupId().isEmpty()) {
            return "GroupId can't be empty.";
        }
        if ("".equals(instanceId())) {
            return "InstanceId can't be empty.";
        }
        if ("".equals(rackId())) {
            return "RackId can't be empty.";
        }
        if (memberId() == null || memberId().isEmpty()) {
            return "MemberId can't be empty.";
        }
        if (memberEpoch() < ConsumerGroupService.STATIC_LEAVE_EPOCH) {
            return "MemberEpoch is invalid.";
        }
        if (memberEpoch() == ConsumerGroupService.STATIC_LEAVE_EPOCH && instanceId() == null) {
            return "InstanceId can't be null when MemberEpoch is -2.";
        }
        if (memberEpoch() == 0) {
            if (rebalanceTimeoutMs() == -1) {
                return "RebalanceTimeoutMs must be provided in first request.";
            }
            if (owned() == null || !owned().isEmpty()) {
                return "TopicPartitions must be empty when (re-)joining.";
            }
            if (topicNames() == null && regex() == null) {
                return "SubscribedTopicNames or SubscribedTopicRegex must be set in first request.";
            }
        }
        return null;
    }
}
