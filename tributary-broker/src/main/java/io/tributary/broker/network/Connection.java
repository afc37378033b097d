package io.tributary.broker.network;

import io.netty.channel.Channel;
import io.tributary.protocol.ApiSpec;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: runs its requests one after another on the handler pool and writes the
 * responses in request order. The in-flight queue is touched only on the channel's event loop;
 * slots may be completed from any thread.
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
    private boolean closing;

    Connection(Channel channel, String id, Executor handlerPool, boolean zeroCopy) {
        this.channel = channel;
        this.zeroCopy = zeroCopy;
        this.id = id;
        this.requests = new SerialExecutor(handlerPool);
    }

    String id() {
        return id;
    }

    /**
     * Called on the event loop for each parsed request. {@code afterHandle} runs once the handler has
     * returned (or thrown): the request's bytes may be released then.
     */
    void dispatch(RequestContext context, Struct body, RequestHandler handler, Runnable afterHandle) {
        ResponseSlot slot = new ResponseSlot(context, this);
        inFlight.add(slot);
        if (inFlight.size() >= PAUSE_READING_AT) {
            channel.config().setAutoRead(false);
        }
        requests.execute(() -> {
            try {
                handler.handle(context, body, slot);
            } catch (RuntimeException e) {
                log.warn("Closing connection {} from {}: {} v{} failed: {}", id, context.clientAddress(),
                        context.api().spec().name(), context.version(), e.toString(), e);
                slot.closeConnection(e.toString());
            } finally {
                afterHandle.run();
            }
        });
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
                    writeResponse(slot);
                    wrote = true;
                }
                case RAW -> {
                    channel.write(channel.alloc().buffer(4 + slot.raw().length).writeInt(slot.raw().length)
                            .writeBytes(slot.raw()));
                    wrote = true;
                }
                case RESPOND_THEN_CLOSE -> {
                    writeResponse(slot);
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
        if (inFlight.size() <= RESUME_READING_AT && !channel.config().isAutoRead() && !closing) {
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
        ResponseSlot slot = new ResponseSlot(null, this);
        inFlight.add(slot);
        requests.execute(() -> task.accept(slot));
    }

    /** Writes a reply that precedes normal dispatch (ApiVersions downgrade), keeping order. */
    void respondDirectly(RequestContext context, Struct body) {
        ResponseSlot slot = new ResponseSlot(context, this);
        inFlight.add(slot);
        slot.send(body);
    }

}
