package dev.cinnabar.server;

import dev.cinnabar.engine.KeyspaceListener;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandSpec;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clients blocked by BLPOP, BLMOVE, BZPOPMIN and the other blocking commands: the job-queue
 * contract of Redis.
 *
 * <ul>
 *   <li>A command that finds nothing to pop calls {@link #block} with its keys and timeout; the
 *       client stops being read and waits, in FIFO order per key.</li>
 *   <li>The keyspace reports every changed key ({@link #keyModified}); a key some client waits for
 *       becomes <em>ready</em>. Ready keys are served only after the command that changed them has
 *       finished ({@link #serveReadyKeys}, called by the dispatcher after every command, and so
 *       after a whole MULTI/EXEC or script), never in the middle of it.</li>
 *   <li>Serving re-runs the waiting client's command, oldest waiter first, telling it which key is
 *       ready ({@link #readyKey}); a command that still finds nothing stays blocked where it was
 *       (it keeps its place in line and its deadline). A client served from one key leaves the
 *       lines of all its keys. A command run this way may make other keys ready (BLMOVE pushes to
 *       its destination); they are served in the same pass.</li>
 *   <li>The timeout (0 = forever) is a timer on the event loop, precise to the millisecond; when
 *       it fires the command replies as on timeout. CLIENT UNBLOCK ends a wait early, as a
 *       timeout or with an error. A disconnecting client just leaves.</li>
 * </ul>
 */
public final class BlockingRegistry implements KeyspaceListener {
    /** How a blocked command replies when it times out (it knows its null reply: nil or nil array). */
    @FunctionalInterface
    public interface TimeoutReply {
        void reply(Client client);
    }

    /** A database and key, as a map key. */
    private record DatabaseKey(int db, ByteBuffer key) {
        static DatabaseKey of(int db, byte[] key) {
            return new DatabaseKey(db, ByteBuffer.wrap(key));
        }
    }

    /** What a blocked client waits for. */
    private static final class Wait {
        final Client client;
        final CommandSpec command;
        final CommandArguments arguments;
        final List<DatabaseKey> keys;
        final TimeoutReply onTimeout;
        ScheduledFuture<?> timer;
        byte[] readyKey;

        Wait(Client client, CommandSpec command, CommandArguments arguments, List<DatabaseKey> keys, TimeoutReply onTimeout) {
            this.client = client;
            this.command = command;
            this.arguments = arguments;
            this.keys = keys;
            this.onTimeout = onTimeout;
        }
    }

    private final Server server;
    private final Map<DatabaseKey, ArrayDeque<Wait>> waitingByKey = new HashMap<>();
    private final Map<Long, Wait> waitingByClient = new HashMap<>();
    private final LinkedHashSet<DatabaseKey> readyKeys = new LinkedHashSet<>();
    /** The wait being re-run now (so that a command blocking again keeps its place). */
    private Wait rerunning;
    private boolean serving;

    BlockingRegistry(Server server) {
        this.server = server;
    }

    /** Number of blocked clients (INFO blocked_clients). */
    public int size() {
        return waitingByClient.size();
    }

    /** Number of blocked clients with a timeout (INFO clients_in_timeout_table). */
    public int withTimeout() {
        int n = 0;
        for (Wait w : waitingByClient.values()) {
            if (w.timer != null) {
                n++;
            }
        }
        return n;
    }

    public boolean isBlocked(Client client) {
        return waitingByClient.containsKey(client.id());
    }

    /**
     * Whether blocking is possible now: not inside MULTI/EXEC or a script, where blocking commands
     * behave as their non-blocking forms and reply at once.
     */
    public boolean mayBlock(Client client) {
        return !client.inTransaction();
    }

    /**
     * The key whose readiness caused the current re-run of {@code client}'s command, or null on
     * the first run: a command waiting on several keys serves from this one first, as Redis does.
     */
    public byte[] readyKey(Client client) {
        return rerunning != null && rerunning.client == client ? rerunning.readyKey : null;
    }

    /**
     * Blocks {@code client} on {@code keys} (of its current database) until one is ready or
     * {@code timeoutMillis} pass (0: forever). Called by a command that found nothing; the command
     * writes no reply. When called during a re-run of the same wait, the wait stays as it was.
     */
    public void block(Client client, CommandSpec command, CommandArguments args, List<byte[]> keys, long timeoutMillis,
                      TimeoutReply onTimeout) {
        if (rerunning != null && rerunning.client == client) {
            rerunning = null;
            return;
        }
        List<DatabaseKey> dbKeys = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            DatabaseKey k = DatabaseKey.of(client.database(), key);
            if (!dbKeys.contains(k)) {
                dbKeys.add(k);
            }
        }
        CommandArguments saved = new CommandArguments();
        saved.setAll(args.copyAll());
        Wait wait = new Wait(client, command, saved, dbKeys, onTimeout);
        for (DatabaseKey k : dbKeys) {
            waitingByKey.computeIfAbsent(k, x -> new ArrayDeque<>()).addLast(wait);
        }
        waitingByClient.put(client.id(), wait);
        if (timeoutMillis > 0) {
            wait.timer = server.network().eventLoop().schedule(() -> timeout(wait), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        client.setBlocked(true);
        client.channel().config().setAutoRead(false);
    }

    private void timeout(Wait wait) {
        if (waitingByClient.get(wait.client.id()) != wait) {
            return;
        }
        wait.timer = null;
        remove(wait);
        wait.onTimeout.reply(wait.client);
        release(wait.client);
        server.clients().flushPending();
    }

    /**
     * CLIENT UNBLOCK: ends a client's wait as a timeout, or with the UNBLOCKED error. False when the
     * client is not blocked.
     */
    public boolean unblock(long clientId, boolean withError) {
        Wait wait = waitingByClient.get(clientId);
        if (wait == null) {
            return false;
        }
        remove(wait);
        if (withError) {
            wait.client.reply().error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else {
            wait.onTimeout.reply(wait.client);
        }
        release(wait.client);
        return true;
    }

    /** A client that disconnects stops waiting. */
    public void forget(Client client) {
        Wait wait = waitingByClient.get(client.id());
        if (wait != null) {
            remove(wait);
        }
    }

    private void remove(Wait wait) {
        waitingByClient.remove(wait.client.id());
        for (DatabaseKey k : wait.keys) {
            ArrayDeque<Wait> line = waitingByKey.get(k);
            if (line != null) {
                line.remove(wait);
                if (line.isEmpty()) {
                    waitingByKey.remove(k);
                }
            }
        }
        if (wait.timer != null) {
            wait.timer.cancel(false);
            wait.timer = null;
        }
    }

    /** Lets a client whose wait ended read and run commands again. */
    private void release(Client client) {
        client.setBlocked(false);
        client.requestFlush();
        if (!client.isClosed()) {
            client.channel().config().setAutoRead(true);
            server.connectionOf(client).continueInput();
        }
    }

    @Override
    public void keyModified(int db, byte[] key) {
        if (waitingByKey.isEmpty()) {
            return;
        }
        DatabaseKey k = DatabaseKey.of(db, key);
        if (waitingByKey.containsKey(k)) {
            readyKeys.add(k);
        }
    }

    @Override
    public void databaseFlushed(int db) {
        // Nothing becomes ready by being emptied.
    }

    @Override
    public void databasesSwapped(int db1, int db2) {
        // After SWAPDB, keys of the swapped databases that clients wait for may now exist.
        for (DatabaseKey k : new ArrayList<>(waitingByKey.keySet())) {
            if (k.db() == db1 || k.db() == db2) {
                readyKeys.add(k);
            }
        }
    }

    /**
     * Serves the clients waiting on keys that became ready, in the order the keys became ready and,
     * per key, in the order the clients blocked. Called after every command.
     */
    public void serveReadyKeys() {
        if (readyKeys.isEmpty() || serving) {
            return;
        }
        serving = true;
        try {
            while (!readyKeys.isEmpty()) {
                DatabaseKey k = readyKeys.iterator().next();
                readyKeys.remove(k);
                ArrayDeque<Wait> line = waitingByKey.get(k);
                if (line == null) {
                    continue;
                }
                for (Wait wait : new ArrayList<>(line)) {
                    if (waitingByClient.get(wait.client.id()) != wait) {
                        continue;
                    }
                    if (!rerun(wait, k)) {
                        // The key could not satisfy this client: the ones behind it cannot be
                        // served from it either (same command kinds pop the same way), except
                        // that commands differ; keep trying the rest of the line.
                        continue;
                    }
                }
            }
        } finally {
            serving = false;
        }
    }

    /** Re-runs a waiting command; true when it was served (replied and left the lines). */
    private boolean rerun(Wait wait, DatabaseKey key) {
        Client c = wait.client;
        int previousDb = c.database();
        c.selectDatabase(key.db());
        wait.readyKey = key.key().array();
        rerunning = wait;
        try {
            server.keyspace().setCommandTime(System.currentTimeMillis());
            wait.command.handler().execute(c, wait.arguments);
        } finally {
            c.selectDatabase(previousDb);
        }
        boolean blockedAgain = rerunning == null;
        rerunning = null;
        if (blockedAgain) {
            return false;
        }
        remove(wait);
        release(wait.client);
        return true;
    }
}
