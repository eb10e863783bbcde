package dev.cinnabar.server.net;

import dev.cinnabar.resp.RequestDecoder;
import dev.cinnabar.server.ClientDescriptions;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.client.ClientConnection;
import dev.cinnabar.server.config.ServerConfig;
import dev.cinnabar.server.stats.ServerStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One client connection: admits it (maxclients, protected mode), feeds received bytes to the
 * request decoder, hands each complete command to the dispatcher, and flushes replies once per
 * read batch. Holds input back while the client is postponed.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter implements ClientConnection {
    private static final byte[] MAX_CLIENTS = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PROTECTED_MODE = ("-DENIED Redis is running in protected mode because protected "
            + "mode is enabled and no password is set for the default user. In this mode connections are only "
            + "accepted from the loopback interface. If you want to connect from external computers to Redis you "
            + "may adopt one of the following solutions: 1) Just disable protected mode sending the command "
            + "'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same "
            + "host the server is running, however MAKE SURE Redis is not publicly accessible from internet if "
            + "you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable "
            + "the protected mode by editing the Redis configuration file, and setting the protected mode option "
            + "to 'no', and then restarting the server. 3) If you started the server manually just for testing, "
            + "restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the "
            + "default user. NOTE: You only need to do one of the above things in order for the server to start "
            + "accepting connections from the outside.\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private final Server server;
    private Client client;
    private ChannelHandlerContext context;

    ConnectionHandler(Server server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = ctx;
        Channel ch = ctx.channel();
        ServerConfig config = server.config();
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ch.localAddress();
        // As in Redis, only the exact loopback addresses count as local (not 127.0.0.2).
        String remoteIp = hostOf(remote);
        boolean loopback = remoteIp.equals("127.0.0.1") || remoteIp.equals("::1");
        if (server.clients().size() >= config.maxClients) {
            refuse(ctx, MAX_CLIENTS, "Refusing connection from " + format(remote) + ": max number of clients reached ("
                    + config.maxClients + ")");
            return;
        }
        if (config.protectedMode && config.requirePass.isEmpty() && !loopback) {
            refuse(ctx, PROTECTED_MODE, "Refusing connection from " + format(remote)
                    + ": protected mode is on and no password is set");
            return;
        }
        int fd = ch instanceof EpollSocketChannel epollChannel ? epollChannel.fd().intValue() : -1;
        long now = System.currentTimeMillis();
        client = new Client(server.clients().nextId(), ch, server.clients(), io.netty.buffer.PooledByteBufAllocator.DEFAULT,
                format(remote), format(local), fd, loopback, now);
        client.reply().setErrorObserver(server.stats()::countError);
        server.clientConnected(client, this);
        server.log().verbose("Accepted " + format(remote));
        ctx.fireChannelActive();
    }

    private void refuse(ChannelHandlerContext ctx, byte[] message, String logLine) {
        server.stats().rejectedConnections++;
        server.log().notice(logLine);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(message)).addListener(ChannelFutureListener.CLOSE);
    }

    /** "ip:port" as Redis prints addresses (IPv6 compressed, without brackets). */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return hostOf(inet) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** The IP as inet_ntop prints it: dotted IPv4, or IPv6 with the longest zero run as "::". */
    static String hostOf(InetSocketAddress inet) {
        InetAddress ip = inet.getAddress();
        if (ip == null) {
            return inet.getHostString();
        }
        if (!(ip instanceof java.net.Inet6Address)) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (client == null || client.isClosed()) {
            in.release();
            return;
        }
        ServerStats stats = server.stats();
        stats.netInputBytes += in.readableBytes();
        stats.readsProcessed++;
        client.countInput(in.readableBytes());
        client.touch(System.currentTimeMillis());
        if (client.isSuspended() || client.heldInput() != null) {
            hold(in);
            return;
        }
        process(in);
    }

    /** Decodes and runs commands until the input is used up or the client must stop. */
    private void process(ByteBuf in) {
        ServerConfig config = server.config();
        RequestDecoder decoder = client.decoder();
        try {
            while (!client.closeAfterReply() && !client.closeAsap() && !client.isClosed()) {
                decoder.setMaxBulkLength(config.protoMaxBulkLength);
                decoder.setQueryBufferLimit(config.clientQueryBufferLimit);
                decoder.setAuthenticationRequired(server.authenticationRequired(client));
                int result = decoder.decode(in);
                if (result == RequestDecoder.COMMAND) {
                    server.dispatcher().execute(client);
                    if (client.isSuspended()) {
                        if (in.isReadable()) {
                            hold(in.retain());
                        }
                        break;
                    }
                } else if (result == RequestDecoder.NEED_MORE) {
                    break;
                } else if (result == RequestDecoder.PROTOCOL_ERROR) {
                    client.reply().error("ERR " + decoder.errorMessage());
                    client.setCloseAfterReply();
                    server.log().verbose("Protocol error (" + decoder.errorMessage() + ") from client: "
                            + ClientDescriptions.describe(server, client, System.currentTimeMillis()));
                    break;
                } else {
                    server.log().warning("Closing client that reached max query buffer length: "
                            + ClientDescriptions.describe(server, client, System.currentTimeMillis()));
                    closeNow();
                    break;
                }
            }
        } finally {
            in.release();
        }
        decoder.trim();
        if (!client.isClosed()) {
            client.requestFlush();
        }
    }

    /** Keeps input that arrives while the client cannot run commands. */
    private void hold(ByteBuf in) {
        ByteBuf held = client.heldInput();
        if (held == null) {
            // Copy rather than keep the read buffer: it is the event loop's shared one.
            ByteBuf copy = io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(in.readableBytes());
            copy.writeBytes(in);
            in.release();
            client.setHeldInput(copy);
        } else {
            ByteBuf combined = io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(held.readableBytes() + in.readableBytes());
            combined.writeBytes(held);
            combined.writeBytes(in);
            held.release();
            in.release();
            client.setHeldInput(combined);
        }
    }

    @Override
    public void resume() {
        if (client == null || client.isClosed()) {
            return;
        }
        client.setPostponed(false);
        server.dispatcher().execute(client);
        if (!client.isPostponed()) {
            ByteBuf held = client.heldInput();
            client.setHeldInput(null);
            if (held != null) {
                process(held);
            }
        }
        client.requestFlush();
    }

    @Override
    public void continueInput() {
        if (client == null || client.isClosed() || client.isSuspended()) {
            return;
        }
        ByteBuf held = client.heldInput();
        client.setHeldInput(null);
        if (held != null) {
            process(held);
        }
        client.requestFlush();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        server.clients().flushAfterReads(ctx.channel().eventLoop());
    }

    /**
     * The client closed its side (EOF). Replies are flushed after the event loop's round of reads
     * ({@link dev.cinnabar.server.client.ClientRegistry#flushAfterReads}), and the same read that
     * brought a client's last commands may bring its EOF: its replies are written now,
     * then the connection closes, as Redis answers what it read before it sees the EOF. The
     * round's flush runs early for that, with its end-of-round work first (BCAST invalidations
     * of the keys this client's last commands changed are among what it is owed).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (client != null && !client.isClosed()) {
                server.clients().flushPending();
                server.clients().flush(client);
            }
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) {
            ByteBuf held = client.heldInput();
            if (held != null) {
                client.setHeldInput(null);
                held.release();
            }
            server.clientDisconnected(client);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        server.log().verbose("Client connection error: " + cause.getMessage());
        ctx.close();
    }

    @Override
    public void closeNow() {
        if (client != null) {
            client.setCloseAsap();
            client.reply().release();
        }
        if (context != null) {
            context.close();
        }
    }
}
