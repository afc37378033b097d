package io.tributary.broker.group;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.security.acl.ResourceType;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers FindCoordinator: the coordinator of a group is the leader of its {@code __consumer_offsets}
 * partition. The topic is created on first use; until the group's partition has a live leader, and,
 * when that leader is this broker, until the partition is loaded, the answer is
 * COORDINATOR_NOT_AVAILABLE so clients retry. Transaction coordinators do not exist here. v0-3 ask
 * for one key; v4+ for a batch. Thread-safe (stateless over the cluster image).
 */
public final class FindCoordinatorHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(FindCoordinatorHandler.class);
    private static final byte GROUP_KEY = 0;
    private static final byte TRANSACTION_KEY = 1;

    private final Supplier<ClusterImage> images;
    private final TopicAdmin topicAdmin;
    private final GroupCoordinator coordinator;
    private final int localBrokerId;

    public FindCoordinatorHandler(Supplier<ClusterImage> images, TopicAdmin topicAdmin, GroupCoordinator coordinator,
                                  int localBrokerId) {
        this.images = images;
        this.topicAdmin = topicAdmin;
        this.coordinator = coordinator;
        this.localBrokerId = localBrokerId;
    }

    /** Where a key's coordinator is, or why it cannot be named. */
    private record Answer(Errors error, String message, int nodeId, String host, int port) {
        static Answer unavailable(Errors error, String message) {
            return new Answer(error, message, -1, "", -1);
        }
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        short version = context.version();
        byte keyType = version >= 1 ? request.getByte("key_type") : GROUP_KEY;
        Struct response = new Struct(context.api().spec().response());
        if (version < 4) {
            Answer answer = findAuthorized(context, keyType, request.getString("key"));
            response.set("error_code", answer.error().code())
                    .set("error_message", answer.message())
                    .set("node_id", answer.nodeId())
                    .set("host", answer.host())
                    .set("port", answer.port());
        } else {
            List<String> keys = request.getList("coordinator_keys");
            for (String key : keys) {
                Answer answer = findAuthorized(context, keyType, key);
                response.addChild("coordinators")
                        .set("key", key)
                        .set("node_id", answer.nodeId())
                        .set("host", answer.host())
                        .set("port", answer.port())
                        .set("error_code", answer.error().code())
                        .set("error_message", answer.message());
            }
        }
        responder.send(response);
    }

    /** Kafka's check first: DESCRIBE on the group (or transactional id) the key names. */
    private Answer findAuthorized(RequestContext context, byte keyType, String key) {
        if (keyType == GROUP_KEY && key != null
                && !context.isAuthorized(AclOperation.DESCRIBE, ResourceType.GROUP, key)) {
            return Answer.unavailable(Errors.GROUP_AUTHORIZATION_FAILED, "Authorization failed.");
        }
        if (keyType == TRANSACTION_KEY && key != null
                && !context.isAuthorized(AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, key)) {
            return Answer.unavailable(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, "Authorization failed.");
        }
        return find(keyType, key, context.listenerName());
    }

    /** Names the coordinator by its endpoint on {@code listenerName}, the listener the client asked on. */
    private Answer find(byte keyType, String key, String listenerName) {
        if (keyType == TRANSACTION_KEY) {
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "Transactions are not supported by this broker");
        }
        if (keyType != GROUP_KEY) {
            return Answer.unavailable(Errors.INVALID_REQUEST, "Unknown coordinator key type " + keyType);
        }
        if (key == null || key.isEmpty()) {
            return Answer.unavailable(Errors.INVALID_GROUP_ID, "The group id must not be empty");
        }
        ClusterImage image = images.get();
        if (image.topic(TopicNames.CONSUMER_OFFSETS) == null) {
            createOffsetsTopic();
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The offsets topic is being created");
        }
        int partition = coordinator.partitionFor(key);
        PartitionState state = image.partition(new TopicPartition(TopicNames.CONSUMER_OFFSETS, partition));
        BrokerInfo leader = state == null ? null : image.brokers().get(state.leader());
        if (leader == null) {
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The coordinator has no leader yet");
        }
        if (leader.id() == localBrokerId && !coordinator.isLoaded(partition)) {
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The coordinator is loading");
        }
        Endpoint endpoint = leader.endpoint(listenerName);
        if (endpoint == null) {
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The coordinator has no listener " + listenerName);
        }
        return new Answer(Errors.NONE, null, leader.id(), endpoint.host(), endpoint.port());
    }

    /** Creates the offsets topic; fails quietly (clients retry) while too few brokers are alive. */
    private void createOffsetsTopic() {
        GroupCoordinatorConfig config = coordinator.config();
        try {
            topicAdmin.create(topicAdmin.plan(TopicNames.CONSUMER_OFFSETS, config.offsetsTopicPartitions(),
                    config.offsetsTopicReplicationFactor(), null,
                    Map.of("cleanup.policy", "compact",
                            "segment.bytes", String.valueOf(config.offsetsTopicSegmentBytes()))));
            log.info("Created {} with {} partitions and replication factor {}", TopicNames.CONSUMER_OFFSETS,
                    config.offsetsTopicPartitions(), config.offsetsTopicReplicationFactor());
        } catch (ApiException e) {
            if (e.error() != Errors.TOPIC_ALREADY_EXISTS) {
                log.warn("Cannot create {} yet: {}", TopicNames.CONSUMER_OFFSETS, e.getMessage());
            }
        }
    }
}
