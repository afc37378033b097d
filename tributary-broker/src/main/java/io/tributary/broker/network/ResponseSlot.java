package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The place of one request in its connection's response order. Completed once, from any thread;
 * the connection writes completed slots strictly in arrival order. A slot without a request context
 * stands for a close the connection decided itself (a bad frame) and is only ever closed.
 */
final class ResponseSlot implements Responder {

    enum Outcome { PENDING, RESPOND, SILENT, CLOSE }

    private final RequestContext context;
    private final Connection connection;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Outcome outcome = Outcome.PENDING;
    private volatile Struct response;
    private volatile String closeReason;

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

    @Override
    public void noResponse() {
        complete(Outcome.SILENT, null, null);
    }

    @Override
    public void closeConnection(String reason) {
        complete(Outcome.CLOSE, null, reason);
    }

    /**
     * Closes the connection in this request's turn unless the handler already completed the slot before it
     * failed (a handler may answer and then throw); never throws.
     */
    void closeConnectionIfPending(String reason) {
        if (outcome == Outcome.PENDING) {
            try {
                closeConnection(reason);
            } catch (IllegalStateException completedMeanwhile) {
                // Completed by the handler's own path between the check and here: its answer stands.
            }
        }
    }

    private void complete(Outcome result, Struct body, String reason) {
        if (!completed.compareAndSet(false, true)) {
            throw new IllegalStateException("request " + (context == null ? "(close)" : context.header())
                    + " completed twice");
        }
        this.response = body;
        this.closeReason = reason;
        this.outcome = result; // volatile write last: publishes the fields above
        connection.onSlotCompleted();
    }
}
