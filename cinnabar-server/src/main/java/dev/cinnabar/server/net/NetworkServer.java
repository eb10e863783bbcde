package dev.cinnabar.server.net;

import dev.cinnabar.server.Server;
import dev.cinnabar.server.config.ConfigException;
import dev.cinnabar.server.config.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TCP listeners and the single event loop that owns the whole server (accepting, reading,
 * running commands and writing all happen on it, with no hand-off). Uses Linux epoll when
 * available and falls back to NIO elsewhere. Knows nothing about commands or data types.
 */
public final class NetworkServer {
    private final Server server;
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final List<Channel> listeners = new ArrayList<>();
    /** Only the event loop allocates read buffers, so one reusing allocator serves every connection. */
    private final ReadBufferAllocator readBuffers = new ReadBufferAllocator();
    private volatile boolean started;
    private int boundPort = -1;
    private List<String> boundAddresses = List.of();

    public NetworkServer(Server server) {
        this.server = server;
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread t = new Thread(runnable, "cinnabar-main");
            t.setDaemon(false);
            return t;
        }, factory);
    }

    /** The event loop that runs everything. */
    public EventLoop eventLoop() {
        return group.next();
    }

    /** "epoll" or "nio", for INFO's multiplexing_api. */
    public String multiplexingApi() {
        return epoll ? "epoll" : "nio";
    }

    public boolean isStarted() {
        return started;
    }

    /** Binds every configured address; fails when a mandatory one cannot be bound. */
    public void start() throws IOException {
        try {
            bindAll(server.config());
        } catch (ConfigException e) {
            throw new IOException(e.getMessage());
        }
        started = true;
    }

    /** CONFIG SET port/bind: binds the new addresses, then closes the old listeners. */
    public void rebind() throws ConfigException {
        if (server.config().port == boundPort && server.config().bind.equals(boundAddresses)) {
            // Nothing changed (CONFIG SET of the current value): keep the listeners, as Redis does.
            return;
        }
        List<Channel> old = new ArrayList<>(listeners);
        listeners.clear();
        try {
            bindAll(server.config());
        } catch (ConfigException e) {
            for (Channel c : listeners) {
                c.close();
            }
            listeners.clear();
            listeners.addAll(old);
            throw e;
        }
        for (Channel c : old) {
            c.close();
        }
    }

    private void bindAll(ServerConfig config) throws ConfigException {
        List<String> addresses = config.bind.isEmpty() ? List.of("*", "-::*") : config.bind;
        int port = config.port;
        for (String spec : addresses) {
            boolean optional = spec.startsWith("-");
            String host = optional ? spec.substring(1) : spec;
            if (host.equals("*")) {
                host = "0.0.0.0";
            } else if (host.equals("::*")) {
                host = "::";
            }
            try {
                Channel channel = bootstrap(config).bind(new InetSocketAddress(host, port)).sync().channel();
                listeners.add(channel);
                if (port == 0) {
                    // An ephemeral port: every other address listens on the same one.
                    port = ((InetSocketAddress) channel.localAddress()).getPort();
                }
            } catch (Exception e) {
                if (optional) {
                    continue;
                }
                server.log().warning("Warning: Could not create server TCP listening socket " + host + ":" + port
                        + ": " + e.getMessage());
                throw new ConfigException("Failed to bind to specified addresses.");
            }
        }
        if (listeners.isEmpty()) {
            throw new ConfigException("Failed to bind to specified addresses.");
        }
        config.port = port;
        boundPort = port;
        boundAddresses = config.bind;
    }

    private ServerBootstrap bootstrap(ServerConfig config) {
        Class<? extends ServerChannel> channelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, config.tcpBacklog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, readBuffers)
                // The end of a client's input reaches ConnectionHandler as an event, so that the
                // replies it is owed are written before the connection closes (see there).
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        configureKeepAlive(ch, server.config().tcpKeepAlive);
                        ch.pipeline().addLast(new ConnectionHandler(server));
                    }
                });
        return b;
    }

    /** tcp-keepalive: probes after that many idle seconds, every third of it, three times (as Redis). */
    private void configureKeepAlive(SocketChannel ch, int seconds) {
        if (seconds <= 0) {
            return;
        }
        try {
            ch.config().setOption(ChannelOption.SO_KEEPALIVE, true);
            if (epoll) {
                ch.config().setOption(EpollChannelOption.TCP_KEEPIDLE, seconds);
                ch.config().setOption(EpollChannelOption.TCP_KEEPINTVL, Math.max(1, seconds / 3));
                ch.config().setOption(EpollChannelOption.TCP_KEEPCNT, 3);
            }
        } catch (RuntimeException e) {
            // The kernel refuses values above its limits (32767 s); Redis ignores that and keeps
            // the connection, and so do we.
            server.log().verbose("Could not set TCP keepalive: " + e.getMessage());
        }
    }

    /** Closes listeners and connections and stops the event loop. */
    public void stop() {
        for (Channel c : listeners) {
            c.close();
        }
        listeners.clear();
        var terminated = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!eventLoop().inEventLoop()) {
            terminated.awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        started = false;
    }
}
