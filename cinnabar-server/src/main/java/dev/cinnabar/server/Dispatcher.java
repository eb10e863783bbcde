package dev.cinnabar.server;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandFlag;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.command.CommandTable;
import dev.cinnabar.server.config.ServerConfig;
import dev.cinnabar.server.stats.ServerStats;
import dev.cinnabar.server.util.ServerLog;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The one place every command passes through, in Redis's order (processCommand, then call):
 *
 * <ol>
 *   <li><b>lookup</b> in the command table (unknown command / unknown subcommand);</li>
 *   <li><b>arity</b>;</li>
 *   <li><b>protected commands</b>: DEBUG is gated by enable-debug-command;</li>
 *   <li><b>authentication</b>: NOAUTH unless the command is flagged no_auth;</li>
 *   <li><b>transactions</b>: commands flagged no_multi are refused inside MULTI (any refusal
 *       inside MULTI makes the later EXEC abort);</li>
 *   <li><b>out-of-memory refusal</b> (hook {@link #memoryGate}): denyoom commands refused over
 *       maxmemory (arrives with maxmemory);</li>
 *   <li><b>replica-like clients</b>: a MONITOR client may not run keyspace commands;</li>
 *   <li><b>client pause</b>: under CLIENT PAUSE the client is postponed and the same command is run
 *       again when the pause ends;</li>
 *   <li><b>MULTI queueing</b>: inside MULTI, everything but EXEC, DISCARD, MULTI, WATCH, QUIT and
 *       RESET is queued (a copy of its arguments) and answered +QUEUED;</li>
 *   <li><b>call</b>: the handler runs; then, once for all commands, the statistics behind INFO
 *       commandstats / errorstats / latencystats, SLOWLOG and LATENCY, the MONITOR feed, and the
 *       after-command hook {@link #afterCommand} where keyspace change events, write propagation
 *       and blocked-client wake-ups are dispatched (they arrive with the keyspace, persistence and
 *       blocking issues).</li>
 * </ol>
 * CLIENT REPLY OFF/SKIP is applied here too, by dropping whatever the command wrote.
 * An exception thrown by a handler never reaches the client as a trace: the partial reply is
 * dropped, the client gets an -ERR, the server log gets the stack trace once, and the connection
 * carries on.
 */
public final class Dispatcher {
    private final Server server;
    private final CommandTable table;
    private final ServerStats stats;
    private final ServerLog log;
    private final ServerConfig config;
    /** Command/exception pairs already logged with a stack trace. */
    private final Set<String> loggedFailures = new HashSet<>();
    private final boolean[] redacted = new boolean[64];
    private boolean anyRedacted;

    Dispatcher(Server server) {
        this.server = server;
        this.table = server.commands();
        this.stats = server.stats();
        this.log = server.log();
        this.config = server.config();
    }

    /** Runs the command held in {@code client.args()}. */
    public void execute(Client client) {
        ReplyWriter reply = client.reply();
        long mark = reply.mark();
        if (client.replyMode() == Client.ReplyMode.SKIP_NEXT) {
            client.setReplyMode(Client.ReplyMode.SKIP);
        }
        admitAndCall(client);
        switch (client.replyMode()) {
            case OFF -> reply.rewind(mark);
            case SKIP -> {
                reply.rewind(mark);
                client.setReplyMode(Client.ReplyMode.ON);
            }
            default -> { }
        }
    }

    private void admitAndCall(Client client) {
        CommandArguments args = client.args();
        CommandSpec spec = table.lookup(args);
        if (spec == null) {
            rejectUnknown(client, args);
            return;
        }
        client.setLastCommand(spec);
        if (!spec.arityAccepts(args.count())) {
            reject(client, spec, "ERR wrong number of arguments for '" + spec.fullName() + "' command");
            return;
        }
        if (spec.has(CommandFlag.PROTECTED) && !server.allows(config.enableDebugCommand, client)) {
            reject(client, spec, "ERR " + spec.upperName() + " command not allowed. If the enable-debug-command"
                    + " option is set to \"local\", you can run it from a local connection, otherwise you need"
                    + " to set this option in the configuration file, and then restart the server.");
            return;
        }
        if (!spec.has(CommandFlag.NO_AUTH) && server.authenticationRequired(client)) {
            reject(client, spec, "NOAUTH Authentication required.");
            return;
        }
        if (client.inMulti() && spec.has(CommandFlag.NO_MULTI)) {
            reject(client, spec, "ERR Command not allowed inside a transaction");
            return;
        }
        if (!memoryGate(client, spec)) {
            return;
        }
        if (client.inSubscribedMode() && !SUBSCRIBED_MODE.contains(spec.fullName())) {
            reject(client, spec, "ERR Can't execute '" + spec.fullName()
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return;
        }
        if (client.isMonitor() && (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.READONLY)
                || spec.has(CommandFlag.MAY_REPLICATE))) {
            // A MONITOR client is a replica-like client in Redis: it may not touch the keyspace.
            reject(client, spec, "ERR Replica can't interact with the keyspace");
            return;
        }
        if (!client.isMonitor() && server.pauses().mustPostpone(client, spec)) {
            server.pauses().postpone(client);
            return;
        }
        if (client.inMulti() && !TRANSACTION_CONTROL.contains(spec.fullName())) {
            client.queuedCommands().add(new Client.QueuedCommand(spec, args.copyAll()));
            client.reply().raw(dev.cinnabar.resp.SharedReplies.QUEUED);
            return;
        }
        call(client, spec, args);
    }

    /** The commands a RESP2 client may run while subscribed. */
    private static final Set<String> SUBSCRIBED_MODE = Set.of("subscribe", "ssubscribe", "psubscribe",
            "unsubscribe", "sunsubscribe", "punsubscribe", "ping", "quit", "reset");

    /** The commands that run at once inside MULTI instead of being queued. */
    private static final Set<String> TRANSACTION_CONTROL = Set.of("exec", "discard", "multi", "watch", "quit", "reset");

    /**
     * Refusal of denyoom commands when used memory is over maxmemory. Without maxmemory (it
     * arrives with eviction) nothing is refused.
     */
    private boolean memoryGate(Client client, CommandSpec spec) {
        return true;
    }

    /** Runs the handler and does the once-per-command bookkeeping. */
    void call(Client client, CommandSpec spec, CommandArguments args) {
        ReplyWriter reply = client.reply();
        long mark = reply.mark();
        long errorsBefore = stats.errorReplies;
        clearRedactions();
        // One clock reading per command: nothing expires halfway through it.
        server.keyspace().setCommandTime(System.currentTimeMillis());
        long start = System.nanoTime();
        Client previous = server.enterCommand(client);
        try {
            spec.handler().execute(client, args);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            handlerFailed(client, spec, mark, e);
        } finally {
            server.leaveCommand(previous);
        }
        long nanos = System.nanoTime() - start;
        if (client.tracking() != null && spec.has(CommandFlag.READONLY)) {
            server.tracking().commandRead(client, spec, args);
        }
        long micros = nanos / 1000;
        spec.recordCall(nanos, config.latencyTracking);
        if (stats.errorReplies > errorsBefore) {
            spec.failedCalls++;
        }
        stats.commandsProcessed++;
        client.countCommand();
        if (!spec.has(CommandFlag.SKIP_SLOWLOG)) {
            server.slowlog().record(redactedView(args), micros, config.slowlogLogSlowerThan, config.slowlogMaxLength,
                    client.remoteAddress(), client.name());
        }
        server.latencyMonitor().record(spec.has(CommandFlag.FAST) ? "fast-command" : "command", micros / 1000,
                config.latencyMonitorThreshold);
        if (!server.clients().monitors().isEmpty() && !spec.has(CommandFlag.ADMIN) && !spec.has(CommandFlag.SKIP_MONITOR)) {
            server.feedMonitors(client, redactedView(args));
        }
        afterCommand(client, spec);
    }

    /**
     * Runs after every executed command: where keyspace change events are turned into WATCH
     * invalidation, keyspace notifications, client-tracking invalidation and blocked-client
     * wake-ups, and where writes are propagated to the AOF and replicas. Those consumers arrive
     * with the issues that build them; the order of this method is the contract they plug into.
     */
    private void afterCommand(Client client, CommandSpec spec) {
        server.afterCommand(client, spec);
    }

    private void handlerFailed(Client client, CommandSpec spec, long mark, Throwable e) {
        client.reply().rewind(mark);
        client.reply().error("ERR internal error while running '" + spec.fullName()
                + "': the server log has the details");
        stats.unexpectedErrorReplies++;
        String key = spec.fullName() + "/" + e.getClass().getName();
        if (loggedFailures.add(key)) {
            log.log(ServerLog.Level.WARNING, "Unexpected " + e.getClass().getName() + " in command '"
                    + spec.fullName() + "' from " + client + ": " + e.getMessage(), e);
        } else {
            log.warning("Unexpected " + e.getClass().getName() + " in command '" + spec.fullName()
                    + "' from " + client + " (stack trace logged before)");
        }
    }

    private void reject(Client client, CommandSpec spec, String error) {
        spec.rejectedCalls++;
        client.abortTransaction();
        client.reply().error(error);
    }

    /** Runs a command queued by MULTI, from EXEC: no admission checks, the same bookkeeping. */
    public void callQueued(Client client, CommandSpec spec, CommandArguments args) {
        call(client, spec, args);
    }

    private void rejectUnknown(Client client, CommandArguments args) {
        client.abortTransaction();
        CommandSpec container = table.lookupTopLevel(args);
        if (container != null && container.isContainer()) {
            container.rejectedCalls++;
            client.reply().error("ERR unknown subcommand '" + cString(args, 1, 128) + "'. Try "
                    + container.upperName() + " HELP.");
            return;
        }
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < args.count() && rest.length() < 128; i++) {
            String arg = cString(args, i, 128 - rest.length());
            rest.append('\'').append(arg).append("' ");
        }
        client.reply().error("ERR unknown command '" + cString(args, 0, 128) + "', with args beginning with: " + rest);
    }

    /** Up to {@code max} bytes of an argument, stopping at a NUL byte as C's "%.*s" does. */
    static String cString(CommandArguments args, int index, int max) {
        byte[] a = args.arrayOf(index);
        int off = args.offsetOf(index);
        int len = Math.min(args.length(index), Math.max(0, max));
        for (int i = 0; i < len; i++) {
            if (a[off + i] == 0) {
                len = i;
                break;
            }
        }
        return new String(a, off, len, StandardCharsets.ISO_8859_1);
    }

    // ---- redaction of secrets (AUTH passwords and the like) in SLOWLOG and MONITOR ----

    /** Marks argument {@code index} of the running command as secret: shown as "(redacted)". */
    public void redact(int index) {
        if (index < redacted.length) {
            redacted[index] = true;
            anyRedacted = true;
        }
    }

    private void clearRedactions() {
        if (anyRedacted) {
            java.util.Arrays.fill(redacted, false);
            anyRedacted = false;
        }
    }

    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.ISO_8859_1);

    private CommandArguments redactedView(CommandArguments args) {
        if (!anyRedacted) {
            return args;
        }
        byte[][] argv = args.copyAll();
        for (int i = 0; i < argv.length && i < redacted.length; i++) {
            if (redacted[i]) {
                argv[i] = REDACTED;
            }
        }
        CommandArguments view = new CommandArguments();
        view.setAll(argv);
        return view;
    }
}
