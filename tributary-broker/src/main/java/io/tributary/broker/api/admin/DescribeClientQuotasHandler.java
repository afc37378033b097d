package io.tributary.broker.api.admin;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.security.acl.AclOperation;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;

/**
 * DescribeClientQuotas: this broker enforces no client quotas, so the truthful answer is that none applies (an
 * empty list), which is what kafka-configs --describe of a user needs before it shows the user's SCRAM
 * credentials. Needs DESCRIBE_CONFIGS on the cluster, as in Kafka. Stateless.
 */
public final class DescribeClientQuotasHandler implements RequestHandler {

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        if (!context.isAuthorizedOnCluster(AclOperation.DESCRIBE_CONFIGS)) {
            responder.send(response.set("error_code", Errors.CLUSTER_AUTHORIZATION_FAILED.code())
                    .set("error_message", "Authorization failed.").set("entries", null));
            return;
        }
        responder.send(response.set("error_code", Errors.NONE.code()).set("error_message", null));
    }
}
