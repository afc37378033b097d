package io.tributary.broker.group;

import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.security.acl.ResourceType;
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
 * Answers FindCoordinator: the coordinator of a key is the leader of its partition of the key type's
 * internal topic ({@link CoordinatorKeySpace}: groups in {@code __consumer_offsets}, transactional ids in
 * {@code __transaction_state}). The topic is created on first use; until the key's partition has a live
 * leader, and, when that leader is this broker, until the partition is loaded, the answer is
 * COORDINATOR_NOT_AVAILABLE so clients retry. The coordinator is named by its endpoint on the listener
 * the client asked on. v0-3 ask for one key; v4+ for a batch. Thread-safe (stateless over the cluster image).
 */
public final class FindCoordinatorHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(FindCoordinatorHandler.class);
    private static final byte GROUP_KEY = 0;
    private static final byte TRANSACTION_KEY = 1;

    private final Supplier<ClusterImage> images;
    private final Map<Byte, CoordinatorKeySpace> keySpaces;
    private final int localBrokerId;

    public FindCoordinatorHandler(Supplier<ClusterImage> images, TopicAdmin topicAdmin, GroupCoordinator coordinator,
                                  int localBrokerId) {
        this(images, Map.of(GROUP_KEY, groupKeySpace(topicAdmin, coordinator)), localBrokerId);
    }

    /** With a transaction coordinator's key space too (key type 1). */
    public FindCoordinatorHandler(Supplier<ClusterImage> images, TopicAdmin topicAdmin, GroupCoordinator coordinator,
                                  CoordinatorKeySpace transactions, int localBrokerId) {
        this(images, Map.of(GROUP_KEY, groupKeySpace(topicAdmin, coordinator), TRANSACTION_KEY, transactions),
                localBrokerId);
    }

    private FindCoordinatorHandler(Supplier<ClusterImage> images, Map<Byte, CoordinatorKeySpace> keySpaces,
                                   int localBrokerId) {
        this.images = images;
        this.keySpaces = keySpaces;
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
        CoordinatorKeySpace space = keySpaces.get(keyType);
        if (space == null) {
            return keyType == TRANSACTION_KEY
                    ? Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "Transactions are not served by this broker")
                    : Answer.unavailable(Errors.INVALID_REQUEST, "Unknown coordinator key type " + keyType);
        }
        Errors invalid = space.validate(key);
        if (invalid != Errors.NONE) {
            return Answer.unavailable(invalid, "The coordinator key must not be empty");
        }
        ClusterImage image = images.get();
        if (image.topic(space.topic()) == null) {
            try {
                space.createTopic(image);
            } catch (ApiException e) {
                if (e.error() != Errors.TOPIC_ALREADY_EXISTS) {
                    log.warn("Cannot create {} yet: {}", space.topic(), e.getMessage());
                }
            }
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The topic " + space.topic() + " is being created");
        }
        int partition = space.partitionFor(key);
        PartitionState state = image.partition(new TopicPartition(space.topic(), partition));
        BrokerInfo leader = state == null ? null : image.brokers().get(state.leader());
        if (leader == null) {
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The coordinator has no leader yet");
        }
        if (leader.id() == localBrokerId && !space.isLoaded(partition)) {
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The coordinator is loading");
        }
        Endpoint endpoint = leader.endpoint(listenerName);
        if (endpoint == null) {
            return Answer.unavailable(Errors.COORDINATOR_NOT_AVAILABLE, "The coordinator has no listener " + listenerName);
        }
        return new Answer(Errors.NONE, null, leader.id(), endpoint.host(), endpoint.port());
    }

    /** Groups: {@code __consumer_offsets}, created with the configured replication factor once enough brokers live. */
    private static CoordinatorKeySpace groupKeySpace(TopicAdmin topicAdmin, GroupCoordinator coordinator) {
        return new CoordinatorKeySpace() {
            @Override
            public String topic() {
                return TopicNames.CONSUMER_OFFSETS;
            }

            @Override
            public int partitionFor(String key) {
                return coordinator.partitionFor(key);
            }

            @Override
            public boolean isLoaded(int partition) {
                return coordinator.isLoaded(partition);
            }

            @Override
            public Errors validate(String key) {
                return key == null || key.isEmpty() ? Errors.INVALID_GROUP_ID : Errors.NONE;
            }

            @Override
            public void createTopic(ClusterImage image) {
                GroupCoordinatorConfig config = coordinator.config();
                topicAdmin.create(topicAdmin.plan(TopicNames.CONSUMER_OFFSETS, config.offsetsTopicPartitions(),
                        config.offsetsTopicReplicationFactor(), null,
                        Map.of("cleanup.policy", "compact",
                                "segment.bytes", String.valueOf(config.offsetsTopicSegmentBytes()))));
                log.info("Created {} with {} partitions and replication factor {}", TopicNames.CONSUMER_OFFSETS,
                        config.offsetsTopicPartitions(), config.offsetsTopicReplicationFactor());
            }
        };
    }
}
