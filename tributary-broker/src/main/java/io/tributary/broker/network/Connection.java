package io.tributary.broker.network;

import io.netty.channel.Channel;
import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.MessageCodec;
import io.tributary.common.Time;
import io.tributary.protocol.types.Struct;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: runs its requests one after another on the handler pool and writes the
 * responses in request order. The in-flight queue is touched only on the channel's event loop;
 * slots may be completed from any thread. Each answered request is reported to the observer once
 * it is written, on the event loop.
 *
 * <p>A connection is closed only in turn: a bad frame, or a handler's request to close, takes its
 * place in the response order, so every answer owed for the requests before it is written first
 * (Kafka does the same). Once the connection is closed, or its close has been reached, requests
 * still queued behind it are dropped without running: nothing is appended whose answer cannot be
 * sent.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int PAUSE_READING_AT = 64;
    private static final int RESUME_READING_AT = 16;

    private final Channel channel;
    private final String id;
    private final SerialExecutor requests;
    private final boolean zeroCopy;
    private final ArrayDeque<ResponseSlot> inFlight = new ArrayDeque<>();
    private final Time time;
    private final RequestObserver observer;
    /** A close is queued behind the answers owed: read nothing more. Event loop only. */
    private boolean closeQueued;
    /** The close was reached or the channel is gone; set on the event loop, read by handler threads. */
    private volatile boolean closing;

    Connection(Channel channel, String id, Executor handlerPool, Time time, RequestObserver observer, boolean zeroCopy) {
        this.channel = channel;
        this.zeroCopy = zeroCopy;
        this.id = id;
        this.requests = new SerialExecutor(handlerPool);
        this.time = time;
        this.observer = observer;
    }

    long nanoseconds() {
        return time.nanoseconds();
    }

    String id() {
        return id;
    }

    /**
     * Called on the event loop for each parsed request. {@code afterHandle} runs once the handler has
     * returned (or thrown): the request's bytes may be released then.
     */
    void dispatch(RequestContext context, Struct body, RequestHandler handler, Runnable afterHandle) {
        ResponseSlot slot = new ResponseSlot(context, body, this);
        inFlight.add(slot);
        if (inFlight.size() >= PAUSE_READING_AT) {
            channel.config().setAutoRead(false);
        }
        requests.execute(() -> {
            if (closing) {
                afterHandle.run(); // queued behind the close: its answer could never be sent
                return;
            }
            slot.markDequeued(time.nanoseconds());
            try {
                handler.handle(context, body, slot);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // A request must never kill a handler thread (nor wedge this connection's queue): the handler
                // failed, so its client is cut off, and the thread goes on to the next request. After an
                // OutOfMemoryError the request's garbage is already unreachable; other requests may still fail.
                log.warn("Closing connection {} from {}: {} v{} failed: {}", id, context.clientAddress(),
                        context.api().spec().name(), context.version(), e.toString(), e);
                slot.closeConnectionIfPending(e.toString());
            } finally {
                slot.markHandled(time.nanoseconds());
                afterHandle.run();
            }
        });
    }

    /**
     * Called on the event loop when this connection must close for something the client sent (a frame
     * that does not parse, a request too large): stops reading, and closes once every request before it
     * has been answered.
     */
    void closeAfterAnswersOwed(String reason) {
        if (closeQueued) {
            return;
        }
        closeQueued = true;
        channel.config().setAutoRead(false);
        ResponseSlot close = new ResponseSlot(null, null, this);
        inFlight.add(close);
        close.closeConnection(reason);
    }

    /** Whether a close is queued, so later frames must be dropped unread. Event loop only. */
    boolean closeQueued() {
        return closeQueued;
    }

    /** Called on the event loop when the channel has closed, whoever closed it. */
    void onChannelClosed() {
        closing = true;
    }

    void onSlotCompleted() {
        channel.eventLoop().execute(this::writeCompleted);
    }

    private void writeCompleted() {
        boolean wrote = false;
        while (!closing && !inFlight.isEmpty() && inFlight.peek().outcome() != ResponseSlot.Outcome.PENDING) {
            ResponseSlot slot = inFlight.poll();
            switch (slot.outcome()) {
                case RESPOND -> {
                    long start = time.nanoseconds();
                    writeResponse(slot);
                    slot.markWritten(start, time.nanoseconds());
                    observer.onCompleted(slot.context(), slot.request(), slot);
                    wrote = true;
                }
                case SILENT -> {
                    long now = time.nanoseconds();
                    slot.markWritten(now, now);
                    observer.onCompleted(slot.context(), slot.request(), slot);
                }
                case RAW -> {
                    // A SASL token answered without a Kafka response header (handshake v0's bare tokens).
                    channel.write(channel.alloc().buffer(4 + slot.raw().length).writeInt(slot.raw().length)
                            .writeBytes(slot.raw()));
                    wrote = true;
                }
                case RESPOND_THEN_CLOSE -> {
                    writeResponse(slot);
                    if (slot.context() != null) {
                        observer.onCompleted(slot.context(), slot.request(), slot);
                    }
                    closing = true;
                    channel.flush();
                    channel.writeAndFlush(channel.alloc().buffer(0)).addListener(f -> channel.close());
                }
                case CLOSE -> {
                    closing = true;
                    channel.writeAndFlush(channel.alloc().buffer(0)).addListener(f -> channel.close());
                }
                default -> {
                }
            }
        }
        if (wrote) {
            channel.flush();
        }
        if (inFlight.size() <= RESUME_READING_AT && !channel.config().isAutoRead() && !closing && !closeQueued) {
            channel.config().setAutoRead(true);
        }
    }

    private void writeResponse(ResponseSlot slot) {
        RequestContext context = slot.context();
        ApiSpec spec = context.api().spec();
        short version = context.version();
        boolean flexibleHeader = spec.responseHeaderVersion(version) >= 1;
        int bodySize = MessageCodec.responseSize(context.api(), version, slot.response());
        int headerSize = 4 + (flexibleHeader ? 1 : 0);
        ChunkedWriter writer = new ChunkedWriter(channel.alloc(), 4 + headerSize + bodySize, zeroCopy);
        writer.writeInt(headerSize + bodySize);
        writer.writeInt(context.header().correlationId());
        if (flexibleHeader) {
            writer.writeUnsignedVarint(0);
        }
        MessageCodec.writeResponse(context.api(), version, slot.response(), writer);
        List<Object> chunks = writer.finish();
        for (Object chunk : chunks) {
            channel.write(chunk);
        }
    }

    /**
     * Runs a bare SASL token (after SaslHandshake v0) in order with the connection's requests; the task
     * answers through the slot's {@link ResponseSlot#sendRaw} or closes the connection.
     */
    void dispatchRawToken(java.util.function.Consumer<ResponseSlot> task) {
        ResponseSlot slot = new ResponseSlot(null, null, this);
        inFlight.add(slot);
        requests.execute(() -> task.accept(slot));
    }

    /** Writes a reply that precedes normal dispatch (ApiVersions downgrade), keeping order. */
    void respondDirectly(RequestContext context, Struct body) {
        ResponseSlot slot = new ResponseSlot(context, null, this);
        inFlight.add(slot);
        slot.send(body);
    }

}
