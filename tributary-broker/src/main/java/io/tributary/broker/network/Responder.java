package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;

/**
 * Completes one request. Exactly one of the methods must be called, once, from any thread; the
 * network layer sends responses in request order per connection regardless of completion order.
 */
public interface Responder {

    /** Sends this response body (schema of the request's API, encoded at the request's version). */
    void send(Struct response);

    /** The request expects no response (Produce with acks=0). */
    void noResponse();

    /** The request cannot be answered sensibly: close the connection (e.g. acks=0 produce error). */
    void closeConnection(String reason);
}
