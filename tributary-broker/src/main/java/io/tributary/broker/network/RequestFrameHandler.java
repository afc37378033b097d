package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.MalformedMessageException;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import io.tributary.common.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each request frame into a header and body and hands it to its connection. Anything that is
 * not a well-formed request of an API and version we serve closes this connection, with one log
 * line, and affects no other client; the close waits its turn behind the answers owed for the
 * requests before the bad frame, and frames after it are dropped unread. A Produce request is decoded from the frame itself, which stays
 * retained until its handler returns; every other request from a heap copy, since it may outlive the
 * frame. Runs on the channel's event loop.
 */
final class RequestFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RequestFrameHandler.class);
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();
    private static final Runnable NOTHING = () -> { };
    /** Kafka's sasl.server.max.receive.size default: the largest frame accepted before authentication. */
    static final int MAX_UNAUTHENTICATED_BYTES = 512 * 1024;

    private final ApiRegistry registry;
    private final Executor handlerPool;
    private final Time time;
    private final RequestObserver observer;
    private final Session session;
    private final ListenerSecurity security;
    private Connection connection;

    RequestFrameHandler(ApiRegistry registry, Executor handlerPool, Time time, RequestObserver observer,
                        Session session, ListenerSecurity security) {
        this.registry = registry;
        this.handlerPool = handlerPool;
        this.time = time;
        this.observer = observer;
        this.session = session;
        this.security = security;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // Through TLS, segment bytes must be encrypted in the heap: zero-copy sendfile is for plain sockets only.
        connection = new Connection(ctx.channel(), "conn-" + CONNECTION_IDS.incrementAndGet(), handlerPool, time,
                observer, !security.usesTls());
        if (session.sasl() != null) {
            session.sasl().attach(ctx.channel().eventLoop());
        }
        super.channelActive(ctx);
    }

    /**
     * The TLS handshake completes before the first request is decrypted: on an SSL listener its client
     * certificate (if any) names the principal now; a failed handshake was already logged by exceptionCaught.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                ctx.close();
                return;
            }
            if (!session.securityProtocol().usesSasl()) {
                session.authenticated(TlsPrincipal.of(ctx.pipeline().get(SslHandler.class).engine(),
                        security.principalMapper()));
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            connection.onChannelClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (connection.closeQueued()) {
            frame.release(); // after a bad frame: its requests will not be answered, so they are not run
            return;
        }
        if (!session.isAuthenticated() && session.sasl() != null && !preAuthenticationFrame(ctx, frame)) {
            return;
        }
        ByteBuffer bytes;
        Runnable release;
        if (isProduce(frame)) {
            // Produce is handled synchronously up to the append, and nothing keeps its record bytes after
            // it, so the handler reads them straight from the frame, released once the handler returns.
            bytes = frame.nioBuffer();
            release = frame::release;
        } else {
            // One copy into the heap: other requests may outlive this frame (group metadata, parked fetches).
            try {
                byte[] copy = new byte[frame.readableBytes()];
                frame.readBytes(copy);
                bytes = ByteBuffer.wrap(copy);
            } finally {
                frame.release();
            }
            release = NOTHING;
        }
        boolean dispatched = false;
        try {
            dispatched = decodeAndDispatch(ctx, bytes, release);
        } finally {
            if (!dispatched) {
                release.run();
            }
        }
    }

    /**
     * Before SASL authentication completes a frame may be at most 512 KiB (Kafka's cap on SASL tokens), and
     * after SaslHandshake v0 it is a bare token, not a request. Returns false when the frame was consumed here.
     */
    private boolean preAuthenticationFrame(ChannelHandlerContext ctx, ByteBuf frame) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        int size = frame.readableBytes();
        if (size > MAX_UNAUTHENTICATED_BYTES) {
            frame.release();
            reject(ctx, peer, "a " + size + "-byte frame before SASL authentication (at most "
                    + MAX_UNAUTHENTICATED_BYTES + ")");
            return false;
        }
        if (!session.sasl().expectsRawToken()) {
            return true;
        }
        byte[] token = new byte[frame.readableBytes()];
        frame.readBytes(token);
        frame.release();
        SaslAuthenticator sasl = session.sasl();
        long now = time.nanoseconds();
        connection.dispatchRawToken(slot -> SaslApis.handleRawToken(sasl, String.valueOf(peer), token, now, slot));
        return false;
    }

    /**
     * Until a SASL connection is authenticated only ApiVersions, SaslHandshake and SaslAuthenticate are served;
     * anything else closes it, as Kafka does. Checked when the request runs, after the requests before it, so a
     * request pipelined behind a successful SaslAuthenticate is served.
     */
    private RequestHandler gated(ApiKey api, RequestHandler handler) {
        if (session.sasl() == null || api == ApiKey.API_VERSIONS || api == ApiKey.SASL_HANDSHAKE
                || api == ApiKey.SASL_AUTHENTICATE) {
            return handler;
        }
        return (context, body, responder) -> {
            if (session.isAuthenticated() && session.sasl().expired(context.receivedNanos())) {
                log.warn("Closing connection from {}: its authentication on listener {} outlived "
                        + "connections.max.reauth.ms without re-authentication", context.clientAddress(),
                        session.listenerName());
                responder.closeConnection("authentication expired");
            } else if (session.isAuthenticated()) {
                handler.handle(context, body, responder);
            } else {
                log.warn("Closing connection from {}: {} before SASL authentication on listener {}",
                        context.clientAddress(), api.spec().name(), session.listenerName());
                responder.closeConnection("request before authentication");
            }
        };
    }

    private static boolean isProduce(ByteBuf frame) {
        return frame.readableBytes() >= 2 && frame.getShort(frame.readerIndex()) == ApiKey.PRODUCE.id();
    }

    /** Returns true when the request went to the connection, which then runs {@code release} after it. */
    private boolean decodeAndDispatch(ChannelHandlerContext ctx, ByteBuffer bytes, Runnable release) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        RequestHeader header = null;
        try {
            ProtocolReader reader = new ProtocolReader(bytes);
            header = RequestHeader.read(reader);
            ApiKey api = ApiKey.forId(header.apiKey());
            ApiRegistry.Registration registration = registry.get(api);
            if (registration == null) {
                reject(ctx, peer, "unknown API key " + header.apiKey());
                return false;
            }
            RequestContext context = new RequestContext(header, api, peer, connection.id(), time.nanoseconds(), session);
            if (!registration.implemented().contains(header.apiVersion())) {
                if (api == ApiKey.API_VERSIONS) {
                    answerUnsupportedApiVersions(context);
                } else {
                    reject(ctx, peer, api.spec().name() + " v" + header.apiVersion() + " is not supported");
                }
                return false;
            }
            Struct body = MessageCodec.readRequest(api, header.apiVersion(), reader);
            connection.dispatch(context, body, gated(api, registration.handler()), release);
            return true;
        } catch (MalformedMessageException e) {
            reject(ctx, peer, "malformed request " + (header == null ? "header" : header) + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * An ApiVersions request newer than we know: answer in v0 with UNSUPPORTED_VERSION and our
     * ranges, so the client retries with a version we speak (KIP-511).
     */
    private void answerUnsupportedApiVersions(RequestContext context) {
        RequestHeader v0Header = new RequestHeader(context.header().apiKey(), (short) 0,
                context.header().correlationId(), context.clientId());
        RequestContext v0 = new RequestContext(v0Header, context.api(), context.clientAddress(),
                context.connectionId(), context.receivedNanos(), context.session());
        Struct response = MessageCodec.newResponse(ApiKey.API_VERSIONS);
        response.set("error_code", io.tributary.protocol.Errors.UNSUPPORTED_VERSION.code());
        ApiRegistry.Registration self = registry.get(ApiKey.API_VERSIONS);
        response.addChild("api_keys")
                .set("api_key", ApiKey.API_VERSIONS.id())
                .set("min_version", self.advertised().lowest())
                .set("max_version", self.advertised().highest());
        connection.respondDirectly(v0, response);
    }

    private void reject(ChannelHandlerContext ctx, InetSocketAddress peer, String why) {
        log.warn("Closing connection from {} after the answers it is owed: {}", peer, why);
        connection.closeAfterAnswersOwed(why);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException tls) {
            // A failed handshake, an untrusted certificate or plain text on a TLS port: this connection only.
            log.warn("Closing connection from {} on listener {}: TLS failed: {}", peer, session.listenerName(),
                    tls.getMessage());
            ctx.close();
        } else if (cause instanceof IOException) {
            log.debug("Connection from {} failed: {}", peer, cause.toString());
            ctx.close(); // the socket itself failed: no answer can reach the client
        } else if (cause instanceof TooLongFrameException) {
            reject(ctx, peer, "request larger than socket.request.max.bytes (" + cause.getMessage() + ")");
        } else {
            reject(ctx, peer, cause.toString());
        }
    }
}
