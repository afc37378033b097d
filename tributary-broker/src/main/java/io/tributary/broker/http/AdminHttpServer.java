package io.tributary.broker.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.broker.config.AdminListener;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint: its own event loop and its own bounded pool of worker threads, so neither a slow route
 * nor a flood of admin requests touches the Kafka listeners' threads. Bounds that keep a slow or huge client from
 * exhausting memory: request bodies up to 1 MiB (413 beyond), at most {@code admin.max.connections} connections,
 * a 30 s read timeout, a queue of 64 waiting requests (503 beyond) and replies that are bounded by their routes.
 * Thread-safe: started and closed by the broker; requests run on the worker pool.
 */
public final class AdminHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpServer.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int QUEUED_REQUESTS = 64;
    private static final int READ_TIMEOUT_SECONDS = 30;

    private final AdminRoutes routes;
    private final NioEventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("admin-http", true));
    private final ThreadPoolExecutor workers;
    private final int maxConnections;
    private final AtomicInteger connections = new AtomicInteger();
    private Channel serverChannel;

    public AdminHttpServer(AdminRoutes routes, int threads, int maxConnections) {
        this.routes = routes;
        this.maxConnections = maxConnections;
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), new DefaultThreadFactory("admin-worker", true));
    }

    /** Binds; returns the bound address (port 0 picks a free one). */
    public InetSocketAddress bind(AdminListener listener) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 4 * 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                                .addLast(new HttpServerCodec(4096, 16 * 1024, 8192))
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new Dispatcher());
                    }
                });
        InetSocketAddress address = new InetSocketAddress(listener.host(), listener.port());
        serverChannel = bootstrap.bind(address).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("Admin endpoint serving http://{}:{}", listener.host(), bound.getPort());
        return bound;
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        workers.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Runs on the admin event loop: hands each complete request to the worker pool and writes its reply. */
    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (connections.incrementAndGet() > maxConnections) {
                log.warn("Closing admin connection from {}: more than admin.max.connections ({})",
                        ctx.channel().remoteAddress(), maxConnections);
                ctx.close();
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            connections.decrementAndGet();
            super.channelInactive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess()) {
                Throwable cause = request.decoderResult().cause();
                int status = cause instanceof TooLongFrameException ? 431 : 400;
                write(ctx, HttpReply.error(status, "malformed HTTP request: " + cause.getMessage(), null), false);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String method = request.method().name();
            byte[] body = ByteBufUtil.getBytes(request.content());
            try {
                workers.execute(() -> write(ctx, answer(method, uri, body), keepAlive));
            } catch (RejectedExecutionException e) {
                write(ctx, HttpReply.error(503, "the admin endpoint is busy; retry shortly", null), false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                write(ctx, HttpReply.error(413, "request body larger than " + MAX_BODY_BYTES + " bytes", null), false);
            } else {
                log.debug("Admin connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
                ctx.close();
            }
        }
    }

    /** Runs on a worker: routes and answers, turning every failure into a JSON error. */
    private HttpReply answer(String method, QueryStringDecoder uri, byte[] body) {
        String path = uri.path();
        try {
            AdminRoutes.Match match = routes.match(method, path);
            if (match == null) {
                return HttpReply.error(404, "no such path: " + path, null);
            }
            if (!match.methodAllowed()) {
                return HttpReply.error(405, method + " is not allowed on " + path, null);
            }
            return match.route().handle(new AdminRequest(method, path, match.pathParams(), uri.parameters(), body));
        } catch (BadRequestException e) {
            return HttpReply.error(e.status(), e.getMessage(), e.parameter());
        } catch (Exception e) {
            log.warn("Admin request {} {} failed", method, path, e);
            return HttpReply.error(500, e.toString(), null);
        }
    }

    private static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
