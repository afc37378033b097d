package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The place of one request in its connection's response order. Completed once, from any thread;
 * the connection writes completed slots strictly in arrival order. A slot without a request context
 * stands for a close the connection decided itself (a bad frame) and is only ever closed. Also carries the
 * request's moments for its {@link RequestObserver}: each set once, by the thread that passes that point.
 */
final class ResponseSlot implements Responder, RequestTimes {

    enum Outcome { PENDING, RESPOND, RESPOND_THEN_CLOSE, RAW, SILENT, CLOSE }

    private final RequestContext context;
    private final Connection connection;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Outcome outcome = Outcome.PENDING;
    private volatile Struct response;
    private volatile String closeReason;
    private final Struct request;
    private volatile long dequeuedNanos;
    private volatile long handledNanos;
    private volatile long completedNanos;
    private long writeStartNanos;
    private long sentNanos;
    private volatile byte[] raw;

    ResponseSlot(RequestContext context, Struct request, Connection connection) {
        this.context = context;
        this.request = request;
        this.connection = connection;
    }

    Struct request() {
        return request;
    }

    void markDequeued(long nanos) {
        dequeuedNanos = nanos;
    }

    void markHandled(long nanos) {
        handledNanos = nanos;
    }

    /** Event loop only. */
    void markWritten(long startNanos, long endNanos) {
        writeStartNanos = startNanos;
        sentNanos = endNanos;
    }

    @Override
    public long receivedNanos() {
        return context.receivedNanos();
    }

    @Override
    public long dequeuedNanos() {
        return dequeuedNanos == 0 ? context.receivedNanos() : dequeuedNanos;
    }

    @Override
    public long localDoneNanos() {
        long handled = handledNanos == 0 ? completedNanos : handledNanos;
        return Math.min(handled, completedNanos);
    }

    @Override
    public long completedNanos() {
        return Math.max(completedNanos, handledNanos);
    }

    @Override
    public long writeStartNanos() {
        return writeStartNanos;
    }

    @Override
    public long sentNanos() {
        return sentNanos;
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
            throw new IllegalStateException("request " + (context == null ? "(close or SASL token)" : context.header())
                    + " completed twice");
        }
        this.response = body;
        this.closeReason = reason;
        this.completedNanos = connection.nanoseconds();
        this.outcome = result; // volatile write last: publishes the fields above
        connection.onSlotCompleted();
    }
}
