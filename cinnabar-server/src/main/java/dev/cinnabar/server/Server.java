package dev.cinnabar.server;

import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.pubsub.KeyspaceNotifier;
import dev.cinnabar.server.pubsub.PubSubRegistry;
import dev.cinnabar.server.tracking.ClientTracking;
import dev.cinnabar.server.client.ClientConnection;
import dev.cinnabar.server.client.ClientRegistry;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.command.CommandTable;
import dev.cinnabar.server.config.ConfigException;
import dev.cinnabar.server.config.ServerConfig;
import dev.cinnabar.server.family.Families;
import dev.cinnabar.server.net.NetworkServer;
import dev.cinnabar.server.stats.LatencyMonitor;
import dev.cinnabar.server.stats.ServerStats;
import dev.cinnabar.server.stats.Slowlog;
import dev.cinnabar.server.util.Repr;
import dev.cinnabar.server.util.ServerLog;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running Cinnabar server: configuration, keyspace, clients, command table, statistics and
 * the network listener, all owned by a single event-loop thread (DESIGN.md §3, phase 1).
 */
public final class Server implements ServerConfig.Effects {
    /** The Redis release whose behaviour Cinnabar follows, reported as redis_version. */
    public static final String REDIS_VERSION = "7.0.15";
    /** Cinnabar's own version, reported as cinnabar_version. */
    public static final String CINNABAR_VERSION = Versions.cinnabarVersion();

    private final ServerConfig config;
    private final ServerLog log;
    private final CommandTable commands = new CommandTable();
    private final ServerStats stats = new ServerStats();
    private final Slowlog slowlog = new Slowlog();
    private final LatencyMonitor latencyMonitor = new LatencyMonitor();
    private final ClientRegistry clients = new ClientRegistry();
    private final Map<Long, ClientConnection> connections = new ConcurrentHashMap<>();
    private final ClientPauses pauses = new ClientPauses(this);
    private final BlockingRegistry blocking = new BlockingRegistry(this);
    private final WatchRegistry watches = new WatchRegistry(this);
    private final PubSubRegistry pubsub = new PubSubRegistry(this::outputWritten);
    private final ClientTracking tracking = new ClientTracking(this);
    /** The client whose command is running (null between commands and in the cron). */
    private Client currentClient;
    private final Keyspace keyspace;
    private final Dispatcher dispatcher;
    private final NetworkServer network;
    private final String runId;
    private final long startMillis = System.currentTimeMillis();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final boolean exitProcessOnShutdown;
    private volatile boolean shuttingDown;
    private ScheduledFuture<?> cron;
    private volatile long eventLoopThreadId = -1;
    /** The cron frequency in use: configured hz, raised with many clients when dynamic-hz is on. */
    private volatile int effectiveHz;

    /**
     * Creates a server from a loaded configuration. {@code exitProcessOnShutdown} is true for the
     * standalone server (SHUTDOWN ends the JVM) and false when embedded.
     */
    public Server(ServerConfig config, ServerLog log, boolean exitProcessOnShutdown) {
        this.config = config;
        this.log = log;
        this.exitProcessOnShutdown = exitProcessOnShutdown;
        this.keyspace = new Keyspace(config.databases);
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        Families.registerAll(this, commands);
        commands.validate();
        this.dispatcher = new Dispatcher(this);
        this.network = new NetworkServer(this);
        clients.setFlushListener((client, bytes) -> {
            stats.netOutputBytes += bytes;
            stats.writesProcessed++;
        });
        config.setEffects(this);
        keyspace.addListener(watches);
        keyspace.addListener(blocking);
        keyspace.addListener(new KeyspaceNotifier(config, pubsub));
        keyspace.addListener(tracking);
        clients.setBeforeFlush(tracking::endOfBatch);
    }

    // ---- lifecycle ----

    /** Binds the listeners and starts the server cron; returns once clients can connect. */
    public void start() throws IOException {
        log.setLevel(config.logLevel);
        network.start();
        runOnLoop(() -> {
            eventLoopThreadId = Thread.currentThread().threadId();
            scheduleCron();
        });
        log.notice("Running mode=standalone, port=" + config.port + ".");
        log.warning("Server initialized");
        log.notice("Ready to accept connections tcp");
    }

    /**
     * Stops the server: closes every client and the listeners. Safe to call more than once and
     * from any thread; returns when the event loop has terminated.
     */
    public void stop() {
        if (!shuttingDown) {
            shuttingDown = true;
            network.stop();
            log.warning("Cinnabar is now ready to exit, bye bye...");
            terminated.complete(null);
        }
    }

    /** Completes when the server has stopped (SHUTDOWN, SIGTERM or {@link #stop}). */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** SHUTDOWN from a client, or SIGTERM: stops the server and, when standalone, the process. */
    public void shutdownRequested(String reason) {
        log.notice(reason);
        // Clients see their connections end now, as when Redis exits, not when the event loop
        // has finished winding down (which a loaded machine can delay by seconds).
        runOnLoop(() -> {
            for (Client client : clients.snapshot()) {
                client.channel().close();
            }
        });
        Thread stopper = new Thread(() -> {
            stop();
            if (exitProcessOnShutdown) {
                System.exit(0);
            }
        }, "cinnabar-shutdown");
        stopper.start();
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Redis lets each cron tick visit about this many clients before it raises hz. */
    private static final int CLIENTS_PER_TICK = 200;
    private static final int MAX_HZ = 500;

    private void scheduleCron() {
        int hz = Math.max(1, config.hz);
        if (config.dynamicHz) {
            // As Redis: double the frequency while each tick would have too many clients to visit.
            while (clients.size() / hz > CLIENTS_PER_TICK && hz < MAX_HZ) {
                hz = Math.min(MAX_HZ, hz * 2);
            }
        }
        effectiveHz = hz;
        cron = network.eventLoop().schedule(this::cronTick, 1000 / hz, TimeUnit.MILLISECONDS);
    }

    /** The cron frequency in use (INFO's hz; configured_hz is the configured one). */
    public int effectiveHz() {
        return effectiveHz == 0 ? config.hz : effectiveHz;
    }

    /** serverCron: timeouts, pauses, statistics sampling; reschedules itself at the current hz. */
    private void cronTick() {
        if (shuttingDown) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            stats.sample(now);
            pauses.expire(now);
            if (pauses.mode() == ClientPauses.Mode.NONE) {
                // Like Redis, no key expires while clients are paused (a pause is meant to freeze writes).
                keyspace.cron(effectiveHz(), config.activeExpireEffort, now);
            }
            ClientHousekeeping.run(this, now);
            clients.flushPending();
        } catch (RuntimeException e) {
            log.log(ServerLog.Level.WARNING, "Unexpected error in the server cron", e);
        }
        scheduleCron();
    }

    /** Runs a task on the event loop (now if already there). */
    public void runOnLoop(Runnable task) {
        EventLoop loop = network.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    // ---- accessors ----

    public ServerConfig config() {
        return config;
    }

    public ServerLog log() {
        return log;
    }

    public CommandTable commands() {
        return commands;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public ServerStats stats() {
        return stats;
    }

    public Slowlog slowlog() {
        return slowlog;
    }

    public LatencyMonitor latencyMonitor() {
        return latencyMonitor;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public ClientPauses pauses() {
        return pauses;
    }

    public WatchRegistry watches() {
        return watches;
    }

    public PubSubRegistry pubsub() {
        return pubsub;
    }

    public ClientTracking tracking() {
        return tracking;
    }

    /** The client whose command is running, or null (Redis's server.current_client). */
    public Client currentClient() {
        return currentClient;
    }

    /** Sets the running command's client; returns the previous one (EXEC nests commands). */
    Client enterCommand(Client client) {
        Client previous = currentClient;
        currentClient = client;
        return previous;
    }

    void leaveCommand(Client previous) {
        currentClient = previous;
    }

    /**
     * Output was added to a client other than by its own command (a message, an invalidation):
     * its output limit is checked at once, so a client that does not read is dropped early.
     */
    public void outputWritten(Client client) {
        ClientHousekeeping.checkOutputLimits(this, client);
    }

    public BlockingRegistry blocking() {
        return blocking;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public NetworkServer network() {
        return network;
    }

    public String runId() {
        return runId;
    }

    public long startMillis() {
        return startMillis;
    }

    /** The actual TCP port (the bound one when started on an ephemeral port). */
    public int port() {
        return config.port;
    }

    // ---- connections ----

    /** Registers a new client and its connection. */
    public void clientConnected(Client client, ClientConnection connection) {
        clients.add(client);
        connections.put(client.id(), connection);
        stats.connectionsReceived++;
    }

    /** Forgets a client whose connection closed. */
    public void clientDisconnected(Client client) {
        client.markClosed();
        clients.remove(client);
        connections.remove(client.id());
        pauses.forget(client);
        blocking.forget(client);
        watches.unwatchAll(client);
        pubsub.forget(client);
        tracking.disable(client);
        client.reply().release();
    }

    public ClientConnection connectionOf(Client client) {
        return connections.get(client.id());
    }

    /** Whether a client must authenticate before running commands other than no_auth ones. */
    public boolean authenticationRequired(Client client) {
        return !config.requirePass.isEmpty() && !client.isAuthenticated();
    }

    /** Whether a yes/no/local gate lets this client through (enable-debug-command and friends). */
    public boolean allows(ServerConfig.Access access, Client client) {
        return access == ServerConfig.Access.YES || (access == ServerConfig.Access.LOCAL && client.isLocal());
    }

    /** Closes a client at once (CLIENT KILL, limits), logging why. */
    public void killClient(Client client, String why) {
        if (why != null) {
            // Redis logs this at warning level: it is the only trace of a client the server dropped.
            log.warning(why);
        }
        ClientConnection connection = connections.get(client.id());
        client.setCloseAsap();
        if (connection != null) {
            connection.closeNow();
        }
    }

    /**
     * Applies client-output-buffer-limit now: a command that writes a very long reply calls this
     * as it goes (Redis checks on every write), so a client over its hard limit is closed and the
     * command can stop early.
     */
    public void checkOutputLimits(Client client) {
        ClientHousekeeping.checkOutputLimits(this, client, System.currentTimeMillis());
    }

    // ---- MONITOR ----

    /** Sends a command to every MONITOR client in Redis's line format. */
    void feedMonitors(Client source, CommandArguments args) {
        long now = System.currentTimeMillis();
        long micros = (System.nanoTime() / 1000) % 1000;
        StringBuilder line = new StringBuilder(64);
        line.append(now / 1000).append('.');
        String fraction = Long.toString((now % 1000) * 1000 + micros);
        for (int i = fraction.length(); i < 6; i++) {
            line.append('0');
        }
        line.append(fraction).append(" [").append(source.database()).append(' ')
                .append(source.remoteAddress()).append(']');
        for (int i = 0; i < args.count(); i++) {
            line.append(' ');
            Repr.appendQuoted(line, args.arrayOf(i), args.offsetOf(i), args.length(i));
        }
        String text = line.toString();
        for (Client monitor : clients.monitors()) {
            if (!monitor.isClosed()) {
                monitor.reply().simple(text);
                monitor.requestFlush();
            }
        }
    }

    // ---- after every command ----

    /**
     * Per-command follow-up: output limits, then the clients blocked on keys the command made
     * ready (served after the command, never during it); propagation arrives with persistence.
     */
    void afterCommand(Client client, CommandSpec spec) {
        ClientHousekeeping.checkOutputLimits(this, client);
        if (!client.executingTransaction()) {
            tracking.commandDone(client, spec);
        }
        if (!client.inTransaction()) {
            blocking.serveReadyKeys();
        }
    }

    // ---- configuration side effects ----

    @Override
    public void listenAddressesChanged() throws ConfigException {
        if (network.isStarted()) {
            network.rebind();
        }
    }

    @Override
    public void logLevelChanged() {
        log.setLevel(config.logLevel);
    }

    @Override
    public void passwordChanged() {
        // Connections already authenticated stay so, as with Redis's default user.
    }

    @Override
    public void slowlogLengthChanged() {
        slowlog.trim(config.slowlogMaxLength);
    }

    /** The id of the thread that runs commands (for INFO cpu's main-thread figures). */
    public long eventLoopThreadId() {
        return eventLoopThreadId;
    }

    /** Uptime in seconds. */
    public long uptimeSeconds() {
        return (System.currentTimeMillis() - startMillis) / 1000;
    }
}
