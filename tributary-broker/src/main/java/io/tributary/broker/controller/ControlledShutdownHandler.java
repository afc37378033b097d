package io.tributary.broker.controller;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.List;

/**
 * The controller's side of ControlledShutdown: a broker about to stop asks the controller to move
 * the leadership of its partitions to other in-sync replicas. The answer is sent once the new
 * partition states are written to ZooKeeper (every broker then learns its role from its watch),
 * listing the partitions the broker still leads because no other replica is in sync. A broker
 * that is not the controller answers NOT_CONTROLLER. Never blocks a handler thread: the work runs
 * on the controller thread and completes the responder from there.
 */
public final class ControlledShutdownHandler implements RequestHandler {

    private final Controller controller;

    public ControlledShutdownHandler(Controller controller) {
        this.controller = controller;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        if (!context.isAuthorizedOnCluster(AclOperation.CLUSTER_ACTION)) {
            responder.send(response.set("error_code", Errors.CLUSTER_AUTHORIZATION_FAILED.code()));
            return;
        }
        if (!controller.isActive()) {
            responder.send(response.set("error_code", Errors.NOT_CONTROLLER.code()));
            return;
        }
        controller.moveLeadershipAway(request.getInt("broker_id")).whenComplete((remaining, failure) -> {
            if (failure != null) {
                responder.send(response.set("error_code", Errors.NOT_CONTROLLER.code()));
                return;
            }
            response.set("error_code", Errors.NONE.code());
            addRemaining(response, remaining);
            responder.send(response);
        });
    }

    private static void addRemaining(Struct response, List<TopicPartition> remaining) {
        for (TopicPartition tp : remaining) {
            response.addChild("remaining_partitions").set("topic_name", tp.topic()).set("partition_index", tp.partition());
        }
    }
}
