package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;

/**
 * Handles one API. Called on a request-handler thread, never on a network event loop, so it may
 * touch the disk, but it must not wait for other events (long polls, acks=all, rebalances): those
 * park the responder and complete it later from the event that satisfies them.
 */
@FunctionalInterface
public interface RequestHandler {

    void handle(RequestContext context, Struct request, Responder responder);
}
