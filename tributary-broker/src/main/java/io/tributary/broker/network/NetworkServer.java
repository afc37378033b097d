package io.tributary.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.common.Time;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts client connections on the configured listeners (native epoll where available) and
 * feeds framed requests to the handlers. Owns the event loops and the request-handler pool.
 */
public final class NetworkServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkServer.class);

    private final ApiRegistry registry;
    private final int maxRequestBytes;
    private final Time time;
    private final RequestObserver observer;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Class<? extends ServerChannel> channelType;
    private final ExecutorService handlerPool;
    private final List<Channel> serverChannels = new ArrayList<>();

    public NetworkServer(ApiRegistry registry, int networkThreads, int ioThreads, int maxRequestBytes, Time time) {
        this(registry, networkThreads, ioThreads, maxRequestBytes, time, RequestObserver.NONE);
    }

    public NetworkServer(ApiRegistry registry, int networkThreads, int ioThreads, int maxRequestBytes, Time time,
                         RequestObserver observer) {
        this.registry = registry;
        this.observer = observer;
        this.maxRequestBytes = maxRequestBytes;
        this.time = time;
        boolean epoll = Epoll.isAvailable();
        this.bossGroup = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("acceptor", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("acceptor", true));
        this.workerGroup = epoll ? new EpollEventLoopGroup(networkThreads, new DefaultThreadFactory("network", true))
                : new NioEventLoopGroup(networkThreads, new DefaultThreadFactory("network", true));
        this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.handlerPool = new ThreadPoolExecutor(ioThreads, ioThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("request-handler", true));
        log.info("Network transport: {}", epoll ? "epoll" : "nio");
    }

    /**
     * Binds one listener; returns the bound address (port 0 picks a free port). A TLS listener's connections
     * start with an SslHandler, so nothing but TLS records is ever read on them.
     */
    public InetSocketAddress bind(Endpoint listener, ListenerSecurity security) throws InterruptedException {
        if (listener.securityProtocol().usesTls() != security.usesTls()
                || listener.securityProtocol().usesSasl() != security.usesSasl()) {
            throw new IllegalArgumentException("listener " + listener + " needs TLS and SASL set up exactly when its "
                    + "protocol says so");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (security.usesTls()) {
                            ch.pipeline().addLast("tls", security.sslContext().newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast("frames", new LengthFieldBasedFrameDecoder(maxRequestBytes, 0, 4, 0, 4))
                                .addLast("requests", new RequestFrameHandler(registry, handlerPool, time, observer,
                                        Session.of(listener, security), security));
                    }
                });
        InetSocketAddress address = listener.host().isEmpty() ? new InetSocketAddress(listener.port())
                : new InetSocketAddress(listener.host(), listener.port());
        Channel channel = bootstrap.bind(address).sync().channel();
        serverChannels.add(channel);
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().awaitUninterruptibly();
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        handlerPool.shutdown();
        try {
            handlerPool.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
