package io.tributary.broker.api;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.metadata.ImageWaiter;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates topics and answers once every new partition has a leader (or the request's timeout
 * passes), so a client that creates then produces finds leaders at once.
 */
public final class CreateTopicsHandler implements RequestHandler {

    private final TopicAdmin admin;
    private final ImageWaiter waiter;

    public CreateTopicsHandler(TopicAdmin admin, ImageWaiter waiter) {
        this.admin = admin;
        this.waiter = waiter;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        boolean validateOnly = request.getBoolean("validate_only");
        List<String> created = new ArrayList<>();
        boolean clusterCreate = context.isAuthorizedOnCluster(AclOperation.CREATE);
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("name");
            Struct result = response.addChild("topics").set("name", name);
            try {
                if (!clusterCreate && !context.isAuthorizedOnTopic(AclOperation.CREATE, name)) {
                    throw new ApiException(Errors.TOPIC_AUTHORIZATION_FAILED, "Authorization failed.");
                }
                Map<Integer, List<Integer>> manual = new HashMap<>();
                for (Struct assignment : topic.getStructs("assignments")) {
                    manual.put(assignment.getInt("partition_index"), assignment.getList("broker_ids"));
                }
                Map<String, String> configs = new LinkedHashMap<>();
                for (Struct config : topic.getStructs("configs")) {
                    configs.put(config.getString("name"), config.getString("value"));
                }
                TopicAdmin.Plan plan = admin.plan(name, topic.getInt("num_partitions"), topic.getShort("replication_factor"),
                        manual, configs);
                if (!validateOnly) {
                    admin.create(plan);
                    created.add(name);
                }
                result.set("topic_id", plan.topicId())
                        .set("num_partitions", plan.partitions())
                        .set("replication_factor", (short) plan.replicationFactor());
            } catch (ApiException e) {
                result.set("error_code", e.error().code()).set("error_message", e.getMessage());
            }
        }
        if (created.isEmpty()) {
            responder.send(response);
            return;
        }
        waiter.await(image -> created.stream().allMatch(name -> image.topic(name) != null
                        && image.leadersElected(name, image.topic(name).partitionCount())),
                request.getInt("timeout_ms"), () -> responder.send(response));
    }


}
