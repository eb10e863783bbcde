package dev.cinnabar.server.client;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.RequestDecoder;
import dev.cinnabar.server.command.CommandSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * The state of one client connection: protocol, database, authentication, name, flags, the
 * request decoder and the reply writer. Owned by the event-loop thread.
 */
public final class Client {

    /** What CLIENT REPLY asked for. */
    public enum ReplyMode {
        ON, OFF,
        /** Skip the reply of the next command only. */
        SKIP_NEXT,
        /** The command running now is the one whose reply is skipped. */
        SKIP
    }

    /** The kind of client, for CLIENT LIST TYPE, CLIENT KILL TYPE and output buffer limits. */
    public enum Kind {
        NORMAL, REPLICA, PUBSUB, MASTER
    }

    private final long id;
    private final Channel channel;
    private final ClientRegistry registry;
    private final RequestDecoder decoder = new RequestDecoder();
    private final ReplyWriter reply;
    private final long createdMillis;
    private final String remoteAddress;
    private final String localAddress;
    private final int fd;
    private final boolean local;

    private long lastInteractionMillis;
    private int database;
    private boolean authenticated;
    private String name = "";
    private String libraryName = "";
    private String libraryVersion = "";
    private ReplyMode replyMode = ReplyMode.ON;
    private boolean monitor;
    private boolean noEvict;
    private boolean noTouch;
    private boolean closeAfterReply;
    private boolean closeAsap;
    private boolean closed;
    private CommandSpec lastCommand;
    private boolean pendingWrite;
    /** Set while the client waits for CLIENT PAUSE to end; its current command is re-run then. */
    private boolean postponed;
    /** Set while the client waits in a blocking command (BLPOP...). */
    private boolean blocked;
    /** Commands queued since MULTI (null when not in MULTI). */
    private java.util.List<QueuedCommand> transaction;
    /** A command was refused while queueing: EXEC must abort (Redis's CLIENT_DIRTY_EXEC). */
    private boolean transactionAborted;
    /** A watched key changed: EXEC must fail (Redis's CLIENT_DIRTY_CAS). */
    private boolean watchedKeyChanged;
    /** Set while EXEC runs the queued commands. */
    private boolean executingTransaction;
    /** Number of keys watched (CLIENT LIST's watch count is not shown in 7.0; kept for the flags). */
    private int watchedKeys;

    /** Pub/sub subscriptions (null until the first subscribe command). */
    private Subscriptions subscriptions;
    /** Client-side caching settings (the last ones while tracking is off). */
    private TrackingState tracking;
    private boolean trackingOn;

    /** A command queued inside MULTI: its spec and a copy of its arguments. */
    public record QueuedCommand(dev.cinnabar.server.command.CommandSpec spec, byte[][] arguments) {}
    /** Input received while the client could not run commands. */
    private ByteBuf heldInput;
    /** When the output first went over the soft limit (0 when it is not over). */
    private long softLimitSinceMillis;
    private long commandsProcessed;
    private long netInputBytes;

    public Client(long id, Channel channel, ClientRegistry registry, ByteBufAllocator allocator,
                  String remoteAddress, String localAddress, int fd, boolean local, long nowMillis) {
        this.id = id;
        this.channel = channel;
        this.registry = registry;
        this.reply = new ReplyWriter(allocator);
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.fd = fd;
        this.local = local;
        this.createdMillis = nowMillis;
        this.lastInteractionMillis = nowMillis;
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public RequestDecoder decoder() {
        return decoder;
    }

    public CommandArguments args() {
        return decoder.arguments();
    }

    public ReplyWriter reply() {
        return reply;
    }

    public int protocol() {
        return reply.protocol();
    }

    public void setProtocol(int protocol) {
        reply.setProtocol(protocol);
    }

    public long createdMillis() {
        return createdMillis;
    }

    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    public void touch(long nowMillis) {
        lastInteractionMillis = nowMillis;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String localAddress() {
        return localAddress;
    }

    public int fd() {
        return fd;
    }

    /** Whether the peer is on the loopback interface (for protected mode and "local" gates). */
    public boolean isLocal() {
        return local;
    }

    public int database() {
        return database;
    }

    public void selectDatabase(int index) {
        database = index;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    public void setAuthenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String libraryName() {
        return libraryName;
    }

    public void setLibraryName(String libraryName) {
        this.libraryName = libraryName;
    }

    public String libraryVersion() {
        return libraryVersion;
    }

    public void setLibraryVersion(String libraryVersion) {
        this.libraryVersion = libraryVersion;
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    public void setReplyMode(ReplyMode mode) {
        this.replyMode = mode;
    }

    public boolean isMonitor() {
        return monitor;
    }

    public void setMonitor(boolean monitor) {
        this.monitor = monitor;
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void setNoEvict(boolean noEvict) {
        this.noEvict = noEvict;
    }

    public boolean noTouch() {
        return noTouch;
    }

    public void setNoTouch(boolean noTouch) {
        this.noTouch = noTouch;
    }

    /** Whether the connection is closed once the pending replies are written. */
    public boolean closeAfterReply() {
        return closeAfterReply;
    }

    public void setCloseAfterReply() {
        closeAfterReply = true;
    }

    /** Marked for closing as soon as possible (CLIENT KILL, output limits). */
    public boolean closeAsap() {
        return closeAsap;
    }

    public void setCloseAsap() {
        closeAsap = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public void markClosed() {
        closed = true;
    }

    public CommandSpec lastCommand() {
        return lastCommand;
    }

    public void setLastCommand(CommandSpec command) {
        lastCommand = command;
    }

    public boolean isPostponed() {
        return postponed;
    }

    public void setPostponed(boolean postponed) {
        this.postponed = postponed;
    }

    public boolean isBlocked() {
        return blocked;
    }

    public void setBlocked(boolean blocked) {
        this.blocked = blocked;
    }

    /** Whether the client cannot run commands now (paused or blocked): its input is held. */
    public boolean isSuspended() {
        return postponed || blocked;
    }

    /**
     * Whether the client is inside a transaction: queueing after MULTI, or running EXEC. Blocking
     * commands do not block then, and blocked clients are served only after EXEC.
     */
    public boolean inTransaction() {
        return transaction != null || executingTransaction;
    }

    /** Whether MULTI was called and EXEC/DISCARD not yet. */
    public boolean inMulti() {
        return transaction != null;
    }

    public void beginTransaction() {
        transaction = new java.util.ArrayList<>();
        transactionAborted = false;
    }

    public java.util.List<QueuedCommand> queuedCommands() {
        return transaction;
    }

    /** Leaves MULTI, forgetting the queue and the abort flags (the caller unwatches keys). */
    public void endTransaction() {
        transaction = null;
        transactionAborted = false;
        watchedKeyChanged = false;
    }

    public boolean transactionAborted() {
        return transactionAborted;
    }

    /** A command was refused inside MULTI: EXEC will reply EXECABORT. */
    public void abortTransaction() {
        if (transaction != null) {
            transactionAborted = true;
        }
    }

    public boolean watchedKeyChanged() {
        return watchedKeyChanged;
    }

    public void setWatchedKeyChanged(boolean changed) {
        watchedKeyChanged = changed;
    }

    public boolean executingTransaction() {
        return executingTransaction;
    }

    public void setExecutingTransaction(boolean executing) {
        executingTransaction = executing;
    }

    public int watchedKeys() {
        return watchedKeys;
    }

    public void setWatchedKeys(int count) {
        watchedKeys = count;
    }

    public ByteBuf heldInput() {
        return heldInput;
    }

    public void setHeldInput(ByteBuf input) {
        heldInput = input;
    }

    public long softLimitSinceMillis() {
        return softLimitSinceMillis;
    }

    public void setSoftLimitSinceMillis(long millis) {
        softLimitSinceMillis = millis;
    }

    public long commandsProcessed() {
        return commandsProcessed;
    }

    public void countCommand() {
        commandsProcessed++;
    }

    public long netInputBytes() {
        return netInputBytes;
    }

    public void countInput(long bytes) {
        netInputBytes += bytes;
    }

    /** Whether replies of this client wait in the registry's pending-write list. */
    public boolean pendingWrite() {
        return pendingWrite;
    }

    public void setPendingWrite(boolean pending) {
        pendingWrite = pending;
    }

    /** Queues this client's output for the flush at the end of the current event-loop batch. */
    public void requestFlush() {
        if (!pendingWrite && !closed) {
            pendingWrite = true;
            registry.queueFlush(this);
        }
    }

    /** The output-limit class: a client with any subscription is a pub/sub client, as in Redis. */
    public Kind kind() {
        return isSubscribed() ? Kind.PUBSUB : Kind.NORMAL;
    }

    /** This client's subscriptions (created on first use). */
    public Subscriptions subscriptions() {
        if (subscriptions == null) {
            subscriptions = new Subscriptions();
        }
        return subscriptions;
    }

    /** The tracking settings, or null when CLIENT TRACKING is off. */
    public TrackingState tracking() {
        return trackingOn ? tracking : null;
    }

    /**
     * The tracking settings last used, kept after CLIENT TRACKING OFF as Redis keeps them: an
     * invalidation already queued for after the current command is still delivered (through the
     * old redirection).
     */
    public TrackingState lastTracking() {
        return tracking;
    }

    /** Turns tracking on with {@code state}, or off (null) keeping the last settings. */
    public void setTracking(TrackingState state) {
        trackingOn = state != null;
        if (state != null) {
            tracking = state;
        }
    }

    /** Whether the client has any subscription (Redis's CLIENT_PUBSUB flag). */
    public boolean isSubscribed() {
        return subscriptions != null && subscriptions.total() > 0;
    }

    /**
     * RESP2 subscribed mode: only the subscribe commands, PING, QUIT and RESET may run, since
     * replies and messages share one stream that the client reads as messages. RESP3 tells pushes
     * apart, so a RESP3 subscriber may run anything.
     */
    public boolean inSubscribedMode() {
        return isSubscribed() && reply.protocol() == 2;
    }

    /**
     * Bytes of output not yet taken by the socket: the reply buffer being filled plus what Netty
     * still holds.
     */
    public long outputBytes() {
        long pending = reply.pendingBytes();
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        if (outbound != null) {
            pending += outbound.totalPendingWriteBytes();
        }
        return pending;
    }

    /** Redis's per-client static reply buffer, which its output limits do not count. */
    private static final int STATIC_REPLY_BUFFER = 16 * 1024;

    /**
     * The output that client-output-buffer-limit applies to: as in Redis, the first 16 KiB of
     * pending output (which Redis keeps in a fixed per-client buffer) do not count.
     */
    public long limitedOutputBytes() {
        return Math.max(0, outputBytes() - STATIC_REPLY_BUFFER);
    }

    /** The flags letters of CLIENT LIST, in Redis's order. */
    public String flagLetters() {
        StringBuilder f = new StringBuilder(4);
        if (monitor) {
            f.append('O');
        }
        if (isSubscribed()) {
            f.append('P');
        }
        if (transaction != null) {
            f.append('x');
        }
        if (postponed || blocked) {
            f.append('b');
        }
        if (trackingOn) {
            f.append('t');
            if (tracking.brokenRedirect) {
                f.append('R');
            }
            if (tracking.broadcast) {
                f.append('B');
            }
        }
        if (watchedKeyChanged) {
            f.append('d');
        }
        if (closeAfterReply) {
            f.append('c');
        }
        if (closeAsap) {
            f.append('A');
        }
        if (noEvict) {
            f.append('e');
        }
        if (noTouch) {
            f.append('T');
        }
        if (f.isEmpty()) {
            f.append('N');
        }
        return f.toString();
    }

    @Override
    public String toString() {
        return "client id=" + id + " addr=" + remoteAddress;
    }
}
