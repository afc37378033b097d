package io.tributary.broker.api;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Metadata from the current cluster image: brokers, controller, cluster id, and each
 * topic's partitions with leader, epoch, replicas and ISR. Unknown topics are created on the fly
 * when allowed (answered LEADER_NOT_AVAILABLE until their leaders exist, so clients retry).
 * Version rules: v0 empty list = all topics; v1+ null = all, empty = none.
 */
public final class MetadataHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(MetadataHandler.class);

    private final ClusterImageSource images;
    private final TopicAdmin topicAdmin;
    private final boolean autoCreateEnabled;

    /** Supplies the current image. */
    public interface ClusterImageSource {
        ClusterImage image();
    }

    public MetadataHandler(ClusterImageSource images, TopicAdmin topicAdmin, boolean autoCreateEnabled) {
        this.images = images;
        this.topicAdmin = topicAdmin;
        this.autoCreateEnabled = autoCreateEnabled;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        short version = context.version();
        ClusterImage image = images.image();
        Struct response = new Struct(context.api().spec().response());
        String listenerName = context.listenerName();
        for (BrokerInfo broker : image.brokers().values()) {
            Endpoint endpoint = broker.endpoint(listenerName);
            if (endpoint == null) {
                continue; // as Kafka: brokers are described by their endpoint on the listener asked on
            }
            response.addChild("brokers")
                    .set("node_id", broker.id())
                    .set("host", endpoint.host())
                    .set("port", endpoint.port())
                    .set("rack", broker.rack());
        }
        response.set("cluster_id", image.clusterId());
        response.set("controller_id", image.controllerId());

        List<Struct> requested = request.getStructs("topics");
        boolean allTopics = requested == null || (version == 0 && requested.isEmpty());
        boolean allowAutoCreate = autoCreateEnabled && (version < 4 || request.getBoolean("allow_auto_topic_creation"));
        if (allTopics) {
            for (TopicInfo topic : image.topics().values()) {
                // Topics the requester may not describe are left out, as Kafka does.
                if (!image.topicsBeingDeleted().contains(topic.name())
                        && context.isAuthorizedOnTopic(AclOperation.DESCRIBE, topic.name())) {
                    describeTopic(response, image, topic, listenerName);
                }
            }
        } else {
            for (Struct wanted : requested) {
                String name = wanted.getString("name");
                // v10+ may name a topic by id alone (Kafka serves that from v12): resolve it, never create it.
                java.util.UUID id = name == null && version >= 10 ? wanted.getUuid("topic_id") : null;
                TopicInfo topic = name != null ? image.topics().get(name) : byId(image, id);
                String described = topic != null ? topic.name() : name;
                if (described != null && !context.isAuthorizedOnTopic(AclOperation.DESCRIBE, described)) {
                    response.addChild("topics").set("name", described)
                            .set("error_code", Errors.TOPIC_AUTHORIZATION_FAILED.code());
                } else if (topic == null && name != null && allowAutoCreate && TopicNames.problemWith(name) == null
                        && !context.isAuthorizedOnCluster(AclOperation.CREATE)
                        && !context.isAuthorizedOnTopic(AclOperation.CREATE, name)) {
                    // Auto-creation needs CREATE on the cluster or the topic.
                    response.addChild("topics").set("name", name)
                            .set("error_code", Errors.TOPIC_AUTHORIZATION_FAILED.code());
                } else if (topic != null && !image.topicsBeingDeleted().contains(topic.name())) {
                    describeTopic(response, image, topic, listenerName);
                } else if (name == null) {
                    response.addChild("topics").set("name", version >= 12 ? null : "").set("topic_id", id == null ? new java.util.UUID(0, 0) : id)
                            .set("error_code", Errors.UNKNOWN_TOPIC_ID.code());
                } else {
                    response.addChild("topics").set("name", name)
                            .set("error_code", missingTopicError(name, allowAutoCreate).code());
                }
            }
        }
        responder.send(response);
    }

    private static TopicInfo byId(ClusterImage image, java.util.UUID id) {
        if (id == null || id.equals(new java.util.UUID(0, 0))) {
            return null;
        }
        return image.topics().values().stream().filter(t -> t.topicId().equals(id)).findFirst().orElse(null);
    }

    private Errors missingTopicError(String name, boolean allowAutoCreate) {
        if (name == null) {
            return Errors.UNKNOWN_TOPIC_ID;
        }
        if (TopicNames.problemWith(name) != null) {
            return Errors.INVALID_TOPIC_EXCEPTION;
        }
        if (!allowAutoCreate || TopicNames.isInternal(name)) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        try {
            topicAdmin.create(topicAdmin.plan(name, -1, -1, null, Map.of()));
            log.info("Auto-created topic {}", name);
            return Errors.LEADER_NOT_AVAILABLE;
        } catch (ApiException e) {
            return e.error() == Errors.TOPIC_ALREADY_EXISTS ? Errors.LEADER_NOT_AVAILABLE : e.error();
        }
    }

    private static void describeTopic(Struct response, ClusterImage image, TopicInfo topic, String listenerName) {
        Struct entry = response.addChild("topics")
                .set("name", topic.name())
                .set("topic_id", topic.topicId())
                .set("is_internal", TopicNames.isInternal(topic.name()));
        boolean anyWithoutState = false;
        for (Map.Entry<Integer, List<Integer>> assignment : topic.assignment().entrySet()) {
            PartitionState state = image.partition(new TopicPartition(topic.name(), assignment.getKey()));
            if (state == null) {
                anyWithoutState = true;
                continue;
            }
            List<Integer> offline = new ArrayList<>();
            for (int replica : assignment.getValue()) {
                if (!image.isAlive(replica)) {
                    offline.add(replica);
                }
            }
            // A leader without the client's listener is as unreachable to it as a dead one (Kafka's answer too).
            boolean leaderAlive = state.leader() >= 0 && image.isAlive(state.leader())
                    && image.brokers().get(state.leader()).endpoint(listenerName) != null;
            entry.addChild("partitions")
                    .set("error_code", (leaderAlive ? Errors.NONE : Errors.LEADER_NOT_AVAILABLE).code())
                    .set("partition_index", assignment.getKey())
                    .set("leader_id", leaderAlive ? state.leader() : -1)
                    .set("leader_epoch", state.leaderEpoch())
                    .set("replica_nodes", new ArrayList<Object>(assignment.getValue()))
                    .set("isr_nodes", new ArrayList<Object>(state.isr()))
                    .set("offline_replicas", new ArrayList<Object>(offline));
        }
        if (anyWithoutState) {
            // Partitions are still being created: the client retries until every leader exists.
            entry.set("error_code", Errors.LEADER_NOT_AVAILABLE.code());
            entry.getStructs("partitions").clear();
        }
    }
}
