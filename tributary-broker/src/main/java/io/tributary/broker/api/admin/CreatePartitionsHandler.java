package io.tributary.broker.api.admin;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Grows topics (never shrinks them) and answers once every new partition has a leader, so a producer
 * that grows a topic and writes at once finds leaders; a topic still waiting at the request's
 * timeout is answered REQUEST_TIMED_OUT. Stateless; the wait parks no thread.
 */
public final class CreatePartitionsHandler implements RequestHandler {

    private final TopicAdmin admin;
    private final ImageWaiter waiter;
    private final Supplier<ClusterImage> images;

    public CreatePartitionsHandler(TopicAdmin admin, ImageWaiter waiter, Supplier<ClusterImage> images) {
        this.admin = admin;
        this.waiter = waiter;
        this.images = images;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        boolean validateOnly = request.getBoolean("validate_only");
        Map<String, Integer> grown = new LinkedHashMap<>();
        Map<String, Struct> results = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("name");
            Struct result = response.addChild("results").set("name", name);
            try {
                if (!seen.add(name)) {
                    throw new ApiException(Errors.INVALID_REQUEST, "Duplicate topic " + name + " in request");
                }
                if (!context.isAuthorizedOnTopic(AclOperation.ALTER, name)) {
                    throw new ApiException(Errors.TOPIC_AUTHORIZATION_FAILED, "Authorization failed.");
                }
                int count = topic.getInt("count");
                admin.addPartitions(name, count, manualAssignment(topic), validateOnly);
                if (!validateOnly) {
                    grown.put(name, count);
                    results.put(name, result);
                }
            } catch (ApiException e) {
                result.set("error_code", e.error().code()).set("error_message", e.getMessage());
            }
        }
        if (grown.isEmpty()) {
            responder.send(response);
            return;
        }
        waiter.await(image -> grown.entrySet().stream().allMatch(e -> image.leadersElected(e.getKey(), e.getValue())),
                request.getInt("timeout_ms"), () -> {
                    ClusterImage image = images.get();
                    grown.forEach((name, count) -> {
                        if (!image.leadersElected(name, count)) {
                            results.get(name).set("error_code", Errors.REQUEST_TIMED_OUT.code()).set("error_message",
                                    "Partitions of " + name + " were created but have no leader yet.");
                        }
                    });
                    responder.send(response);
                });
    }

    private static List<List<Integer>> manualAssignment(Struct topic) {
        List<Struct> assignments = topic.getStructs("assignments");
        if (assignments == null) {
            return null;
        }
        List<List<Integer>> manual = new ArrayList<>();
        for (Struct assignment : assignments) {
            manual.add(assignment.getList("broker_ids"));
        }
        return manual;
    }

}
