package io.tributary.broker.group;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.message.ConsumerGroupDescribeApi;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * ConsumerGroupDescribe: epochs, assignor, and each member's subscription, current and target
 * assignment of consumer-protocol groups. A classic or unknown group is GROUP_ID_NOT_FOUND, as Kafka
 * answers (the admin client then falls back to DescribeGroups). Thread-safe; reads each group under
 * its holder's monitor.
 */
final class ConsumerGroupDescriber {

    /** READ, DELETE and DESCRIBE, as bits of Kafka's AclOperation codes. */
    private static final int GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

    /** Member type of a member using the consumer protocol (ConsumerGroupDescribe v1). */
    private static final byte CONSUMER_MEMBER = 1;

    private final GroupRegistry registry;
    private final TopicCatalog catalog;
    private final String defaultAssignor;

    ConsumerGroupDescriber(GroupRegistry registry, TopicCatalog catalog, String defaultAssignor) {
        this.registry = registry;
        this.catalog = catalog;
        this.defaultAssignor = defaultAssignor;
    }

    void describe(RequestContext context, Struct request, Responder responder) {
        boolean withOperations = request.getBoolean("include_authorized_operations");
        Map<UUID, String> names = new HashMap<>();
        catalog.topics().forEach((name, topic) -> names.put(topic.id(), name));
        Struct response = MessageCodec.newResponse(ApiKey.CONSUMER_GROUP_DESCRIBE);
        for (String groupId : request.<String>getList("group_ids")) {
            Struct described = response.addChild("groups").set("group_id", groupId)
                    .set("authorized_operations", withOperations ? GROUP_OPERATIONS
                            : ConsumerGroupDescribeApi.AUTHORIZED_OPERATIONS_OMITTED);
            short error = registry.coordinatorError(groupId);
            if (error != Errors.NONE.code()) {
                described.set("error_code", error);
                continue;
            }
            ClassicGroup holder = registry.group(groupId);
            if (holder == null || !describe(holder, described, names)) {
                described.set("error_code", Errors.GROUP_ID_NOT_FOUND.code())
                        .set("error_message", "Group " + groupId + " is not a consumer group.");
            }
        }
        responder.send(response);
    }

    private boolean describe(ClassicGroup holder, Struct described, Map<UUID, String> names) {
        synchronized (holder) {
            ConsumerGroup group = holder.consumerGroup();
            if (group == null || holder.is(GroupState.DEAD)) {
                return false;
            }
            described.set("group_state", group.state().displayName())
                    .set("group_epoch", group.groupEpoch())
                    .set("assignment_epoch", group.assignmentEpoch())
                    .set("assignor_name", group.assignorName() == null ? defaultAssignor : group.assignorName());
            for (ConsumerGroupMember member : group.members()) {
                Struct m = described.addChild("members")
                        .set("member_id", member.memberId())
                        .set("instance_id", member.instanceId())
                        .set("rack_id", member.rackId())
                        .set("member_epoch", member.memberEpoch())
                        .set("client_id", member.clientId() == null ? "" : member.clientId())
                        .set("client_host", member.clientHost() == null ? "" : member.clientHost())
                        .set("subscribed_topic_names", new ArrayList<>(member.subscribedTopicNames()))
                        .set("subscribed_topic_regex", member.subscribedTopicRegex())
                        .set("member_type", CONSUMER_MEMBER);
                fill(m.getStruct("assignment"), member.assigned(), names);
                fill(m.getStruct("target_assignment"), group.target(member.memberId()), names);
            }
            return true;
        }
    }

    private static void fill(Struct assignment, ConsumerAssignment partitions, Map<UUID, String> names) {
        partitions.partitions().forEach((topic, indexes) -> assignment.addChild("topic_partitions")
                .set("topic_id", topic)
                .set("topic_name", names.getOrDefault(topic, ""))
                .set("partitions", new ArrayList<>(indexes)));
    }
}
