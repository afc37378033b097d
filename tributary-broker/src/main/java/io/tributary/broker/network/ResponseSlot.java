package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The place of one request in its connection's response order. Completed once, from any thread;
 * the connection writes completed slots strictly in arrival order.
 */
final class ResponseSlot implements Responder {

    enum Outcome { PENDING, RESPOND, RESPOND_THEN_CLOSE, RAW, SILENT, CLOSE }

    private final RequestContext context;
    private final Connection connection;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Outcome outcome = Outcome.PENDING;
    private volatile Struct response;
    private volatile String closeReason;
    private volatile byte[] raw;

    ResponseSlot(RequestContext context, Connection connection) {
        this.context = context;
        this.connection = connection;
    }

    RequestContext context() {
        return context;
    }

    Outcome outcome() {
        return outcome;
    }

    Struct response() {
        return response;
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public void send(Struct body) {
        complete(Outcome.RESPOND, body, null);
    }

    /** Sends the response, then closes the connection (a failed SASL authentication). */
    void sendThenClose(Struct body) {
        complete(Outcome.RESPOND_THEN_CLOSE, body, null);
    }

    /** Sends bare size-prefixed bytes, not a Kafka response: a SASL token after SaslHandshake v0. */
    void sendRaw(byte[] bytes) {
        this.raw = bytes;
        complete(Outcome.RAW, null, null);
    }

    byte[] raw() {
        return raw;
    }

    @Override
    public void noResponse() {
        complete(Outcome.SILENT, null, null);
    }

    @Override
    public void closeConnection(String reason) {
        complete(Outcome.CLOSE, null, reason);
    }

    private void complete(Outcome result, Struct body, String reason) {
        if (!completed.compareAndSet(false, true)) {
            throw new IllegalStateException("request " + (context == null ? "(SASL token)" : context.header())
                    + " completed twice");
        }
        this.response = body;
        this.closeReason = reason;
        this.outcome = result; // volatile write last: publishes the fields above
        connection.onSlotCompleted();
    }
}
