package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;

/**
 * Told once of every request this broker answered (or, for acks=0 produce, handled without an answer), with the
 * moments it passed through the broker: the single hook of request metrics and the request log. Called on the
 * connection's event loop right after the response was written, so implementations must be quick and must not
 * block. Requests that closed their connection are not reported.
 */
public interface RequestObserver {

    RequestObserver NONE = (context, request, times) -> { };

    /**
     * @param request the request body; for Produce its record bytes may already be released, so only the header
     *                fields of a Produce body may be read
     */
    void onCompleted(RequestContext context, Struct request, RequestTimes times);

    /** Both, in order. */
    static RequestObserver both(RequestObserver first, RequestObserver second) {
        return (context, request, times) -> {
            first.onCompleted(context, request, times);
            second.onCompleted(context, request, times);
        };
    }
}
