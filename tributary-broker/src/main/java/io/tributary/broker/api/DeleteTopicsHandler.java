package io.tributary.broker.api;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.ImageWaiter;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Marks topics for deletion and answers once they are gone from the cluster (or on timeout). */
public final class DeleteTopicsHandler implements RequestHandler {

    private final TopicAdmin admin;
    private final ImageWaiter waiter;
    private final MetadataHandler.ClusterImageSource images;

    public DeleteTopicsHandler(TopicAdmin admin, ImageWaiter waiter, MetadataHandler.ClusterImageSource images) {
        this.admin = admin;
        this.waiter = waiter;
        this.images = images;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        List<String> names = new ArrayList<>();
        List<UUID> requestedIds = new ArrayList<>();
        if (context.version() >= 6) {
            for (Struct topic : request.getStructs("topics")) {
                boolean byName = topic.getString("name") != null;
                names.add(byName ? topic.getString("name") : nameOf(topic.getUuid("topic_id")));
                requestedIds.add(byName ? null : topic.getUuid("topic_id"));
            }
        } else {
            names.addAll(request.getList("topic_names"));
        }
        List<String> deleting = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Struct result = response.addChild("responses").set("name", name);
            if (i < requestedIds.size() && requestedIds.get(i) != null) {
                result.set("topic_id", requestedIds.get(i)); // echoed as Kafka does, also when no topic has it
            }
            try {
                if (name == null) {
                    throw new ApiException(Errors.UNKNOWN_TOPIC_ID, "Unknown topic id");
                }
                if (!context.isAuthorizedOnTopic(AclOperation.DELETE, name)) {
                    throw new ApiException(Errors.TOPIC_AUTHORIZATION_FAILED, "Authorization failed.");
                }
                var topic = images.image().topic(name);
                if (topic != null) {
                    result.set("topic_id", topic.topicId());
                }
                admin.delete(name);
                deleting.add(name);
            } catch (ApiException e) {
                result.set("error_code", e.error().code()).set("error_message", e.getMessage());
            }
        }
        if (deleting.isEmpty()) {
            responder.send(response);
            return;
        }
        waiter.await(image -> deleting.stream().allMatch(name -> gone(image, name)), request.getInt("timeout_ms"),
                () -> responder.send(response));
    }

    private String nameOf(UUID id) {
        if (id == null || id.equals(new UUID(0, 0))) {
            return null;
        }
        return images.image().topics().values().stream().filter(t -> t.topicId().equals(id))
                .map(t -> t.name()).findFirst().orElse(null);
    }

    private static boolean gone(ClusterImage image, String name) {
        return image.topic(name) == null;
    }
}
