package io.tributary.broker.api;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.admin.ProducerIdAllocator;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives idempotent producers a fresh producer id with epoch 0; a request with a transactional id goes to
 * the transaction coordinator (or is refused with INVALID_REQUEST when there is none).
 */
public final class InitProducerIdHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final ProducerIdAllocator allocator;
    private final RequestHandler transactional;

    public InitProducerIdHandler(ProducerIdAllocator allocator) {
        this(allocator, null);
    }

    /** @param transactional serves requests that carry a transactional id */
    public InitProducerIdHandler(ProducerIdAllocator allocator, RequestHandler transactional) {
        this.allocator = allocator;
        this.transactional = transactional;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        String transactionalId = request.getString("transactional_id");
        Errors denied = transactionalId != null
                ? (context.isAuthorized(AclOperation.WRITE, io.tributary.broker.security.acl.ResourceType.TRANSACTIONAL_ID,
                        transactionalId) ? Errors.NONE : Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
                // An idempotent producer needs IDEMPOTENT_WRITE on the cluster or WRITE on any topic (KIP-679).
                : (context.isAuthorizedOnCluster(AclOperation.IDEMPOTENT_WRITE)
                        || context.isAuthorizedOnAny(AclOperation.WRITE, io.tributary.broker.security.acl.ResourceType.TOPIC)
                        ? Errors.NONE : Errors.CLUSTER_AUTHORIZATION_FAILED);
        if (denied != Errors.NONE) {
            responder.send(response.set("error_code", denied.code()));
            return;
        }
        if (transactionalId != null && transactional != null) {
            transactional.handle(context, request, responder);
            return;
        }
        if (transactionalId != null) {
            response.set("error_code", Errors.INVALID_REQUEST.code());
            responder.send(response);
            return;
        }
        try {
            response.set("producer_id", allocator.nextProducerId()).set("producer_epoch", (short) 0);
        } catch (Exception e) {
            log.warn("Could not allocate a producer id: {}", e.toString());
            response.set("error_code", Errors.COORDINATOR_NOT_AVAILABLE.code());
        }
        responder.send(response);
    }
}
