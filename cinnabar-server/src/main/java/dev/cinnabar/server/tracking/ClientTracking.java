package dev.cinnabar.server.tracking;

import dev.cinnabar.engine.KeyspaceListener;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.client.TrackingState;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.command.KeyFinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client-side caching (Redis's tracking.c): which clients may have cached which keys, and the
 * invalidation messages sent when those keys change.
 *
 * <ul>
 *   <li>Default mode: the keys a tracking client reads (read-only commands) are remembered with its
 *       id, by key name alone, whatever the database. The first change to such a key sends one
 *       invalidation to every client remembered for it and forgets them all.</li>
 *   <li>OPTIN / OPTOUT: only reads after CLIENT CACHING YES (resp. not after CLIENT CACHING NO)
 *       are remembered.</li>
 *   <li>BCAST: nothing is remembered; every change to a key under one of the client's prefixes is
 *       collected and, once per event-loop batch, each prefix sends its keys in one message.</li>
 *   <li>A client's invalidations for keys it changed itself arrive after its command's reply
 *       (or never, with NOLOOP); FLUSHDB and FLUSHALL send a null invalidation to every tracking
 *       client.</li>
 *   <li>Messages are RESP3 pushes, or, with REDIRECT to a RESP2 client in subscribed mode,
 *       messages on the {@code __redis__:invalidate} channel.</li>
 *   <li>tracking-table-max-keys bounds the remembered keys: above it, the oldest keys are
 *       invalidated (Redis picks random ones) so the table shrinks back.</li>
 * </ul>
 */
public final class ClientTracking implements KeyspaceListener {
    private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIRECT_BROKEN = "tracking-redir-broken".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL_MESSAGE_HEADER =
            "*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A BCAST prefix: its clients, and the keys under it changed since the last broadcast. */
    private static final class Prefix {
        final LinkedHashSet<Client> clients = new LinkedHashSet<>();
        /** Changed key to the client that first changed it (null: the server itself, e.g. expiry). */
        final TreeMap<byte[], Client> changed = new TreeMap<>(Arrays::compareUnsigned);
    }

    private final Server server;
    /** Remembered keys to the ids of the clients that may have cached them, oldest key first. */
    private final LinkedHashMap<ByteBuffer, LinkedHashSet<Long>> keys = new LinkedHashMap<>();
    private final TreeMap<byte[], Prefix> prefixes = new TreeMap<>(Arrays::compareUnsigned);
    private long items;
    private int trackingClients;
    private boolean broadcastPending;
    /** Times in a row the table was found over its limit (the eviction effort grows with it). */
    private int overLimitRuns;

    public ClientTracking(Server server) {
        this.server = server;
    }

    // ---- CLIENT TRACKING ----

    /** Turns tracking on, or changes its options (the caller has validated them). */
    public void enable(Client c, long redirect, boolean broadcast, boolean optIn, boolean optOut, boolean noLoop,
                       List<byte[]> newPrefixes) {
        TrackingState state = c.tracking();
        if (state == null) {
            state = c.lastTracking() != null ? c.lastTracking() : new TrackingState();
            state.prefixes.clear();
            state.caching = false;
            c.setTracking(state);
            trackingClients++;
        }
        // As Redis does, re-enabling resets the mode flags but keeps CLIENT CACHING and prefixes.
        state.brokenRedirect = false;
        state.redirect = redirect;
        state.broadcast = broadcast;
        state.optIn = optIn;
        state.optOut = optOut;
        state.noLoop = noLoop;
        if (broadcast) {
            if (newPrefixes.isEmpty()) {
                addPrefix(c, new byte[0]);
            }
            for (byte[] prefix : newPrefixes) {
                addPrefix(c, prefix);
            }
        }
    }

    private void addPrefix(Client c, byte[] prefix) {
        Prefix p = prefixes.computeIfAbsent(prefix, k -> new Prefix());
        if (p.clients.add(c)) {
            c.tracking().prefixes.add(prefix);
        }
    }

    /** Turns tracking off (CLIENT TRACKING OFF, RESET, disconnection). */
    public void disable(Client c) {
        TrackingState state = c.tracking();
        if (state == null) {
            return;
        }
        for (byte[] prefix : state.prefixes) {
            Prefix p = prefixes.get(prefix);
            if (p != null) {
                p.clients.remove(c);
                if (p.clients.isEmpty()) {
                    prefixes.remove(prefix);
                }
            }
        }
        c.setTracking(null);
        trackingClients--;
    }

    /**
     * The error for BCAST prefixes that overlap each other or the client's existing ones, or null.
     * Two prefixes overlap when one starts with the other.
     */
    public static String prefixCollision(Client c, List<byte[]> newPrefixes) {
        for (int i = 0; i < newPrefixes.size(); i++) {
            byte[] prefix = newPrefixes.get(i);
            if (c.tracking() != null) {
                for (byte[] existing : c.tracking().prefixes) {
                    if (overlap(existing, prefix)) {
                        return "ERR Prefix '" + text(prefix) + "' overlaps with an existing prefix '" + text(existing)
                                + "'. Prefixes for a single client must not overlap.";
                    }
                }
            }
            for (int j = i + 1; j < newPrefixes.size(); j++) {
                if (overlap(prefix, newPrefixes.get(j))) {
                    return "ERR Prefix '" + text(prefix) + "' overlaps with another provided prefix '"
                            + text(newPrefixes.get(j)) + "'. Prefixes for a single client must not overlap.";
                }
            }
        }
        return null;
    }

    private static boolean overlap(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }

    /** Redis formats the prefixes with %s: the text stops at a zero byte. */
    private static String text(byte[] prefix) {
        int end = 0;
        while (end < prefix.length && prefix[end] != 0) {
            end++;
        }
        return new String(prefix, 0, end, StandardCharsets.ISO_8859_1);
    }

    // ---- remembering reads ----

    /** After a read-only command of a tracking client: remember its keys (unless BCAST or opted out). */
    public void commandRead(Client c, CommandSpec spec, CommandArguments args) {
        TrackingState state = c.tracking();
        if (state == null || state.broadcast) {
            return;
        }
        if ((state.optIn && !state.caching) || (state.optOut && state.caching)) {
            return;
        }
        for (KeyFinder.Key key : KeyFinder.find(spec, args, 0, args.count())) {
            ByteBuffer name = ByteBuffer.wrap(args.copy(key.position()));
            if (keys.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(c.id())) {
                items++;
            }
        }
    }

    /** After every command outside a transaction: CLIENT CACHING covers one command (or one MULTI). */
    public void commandDone(Client c, CommandSpec spec) {
        TrackingState state = c.lastTracking();
        if (state == null) {
            return;
        }
        if (!c.inMulti() && !spec.fullName().startsWith("client|")) {
            state.caching = false;
        }
        if (!state.pending.isEmpty()) {
            List<byte[]> pending = new ArrayList<>(state.pending);
            state.pending.clear();
            for (byte[] key : pending) {
                if (key == null) {
                    send(c, null, true);
                } else {
                    send(c, List.of(key), false);
                }
            }
        }
    }

    // ---- invalidation ----

    @Override
    public void keyModified(int db, byte[] key) {
        if (trackingClients == 0) {
            return;
        }
        Client current = server.currentClient();
        if (!prefixes.isEmpty()) {
            for (Map.Entry<byte[], Prefix> entry : prefixes.entrySet()) {
                byte[] prefix = entry.getKey();
                if (prefix.length <= key.length && Arrays.equals(prefix, 0, prefix.length, key, 0, prefix.length)) {
                    entry.getValue().changed.putIfAbsent(key, current);
                    broadcastPending = true;
                }
            }
        }
        invalidate(key, current);
    }

    /** Sends the invalidation of one remembered key to the clients that read it, and forgets it. */
    private void invalidate(byte[] key, Client current) {
        LinkedHashSet<Long> ids = keys.remove(ByteBuffer.wrap(key));
        if (ids == null) {
            return;
        }
        items -= ids.size();
        for (long id : ids) {
            Client target = server.clients().get(id);
            if (target == null || target.tracking() == null || target.tracking().broadcast) {
                continue;
            }
            if (target == current) {
                if (target.tracking().noLoop) {
                    continue;
                }
                // Said after the reply of the command that made the change, not inside it.
                target.tracking().pending.add(key);
                continue;
            }
            send(target, List.of(key), false);
        }
    }

    @Override
    public void databaseFlushed(int db) {
        if (trackingClients > 0) {
            Client current = server.currentClient();
            for (Client c : server.clients().all()) {
                if (c.tracking() == null) {
                    continue;
                }
                if (c == current) {
                    c.tracking().pending.add(null);
                } else {
                    send(c, null, true);
                }
            }
        }
        keys.clear();
        items = 0;
    }

    /**
     * Once per event-loop batch: each BCAST prefix sends the keys changed under it to its clients
     * (a NOLOOP client without the keys it changed itself), then the table is held to
     * tracking-table-max-keys.
     */
    public void endOfBatch() {
        if (broadcastPending) {
            broadcastPending = false;
            for (Prefix p : prefixes.values()) {
                if (p.changed.isEmpty()) {
                    continue;
                }
                List<byte[]> all = new ArrayList<>(p.changed.keySet());
                for (Client c : new ArrayList<>(p.clients)) {
                    List<byte[]> keysForClient = all;
                    if (c.tracking() != null && c.tracking().noLoop) {
                        keysForClient = new ArrayList<>();
                        for (Map.Entry<byte[], Client> e : p.changed.entrySet()) {
                            if (e.getValue() != c) {
                                keysForClient.add(e.getKey());
                            }
                        }
                        if (keysForClient.isEmpty()) {
                            continue;
                        }
                    }
                    send(c, keysForClient, false);
                }
                p.changed.clear();
            }
        }
        if (trackingClients > 0) {
            limitTableSize();
        }
    }

    private void limitTableSize() {
        long max = server.config().trackingTableMaxKeys;
        if (max == 0 || keys.size() <= max) {
            overLimitRuns = 0;
            return;
        }
        int effort = 100 * (overLimitRuns + 1);
        Iterator<ByteBuffer> oldest = keys.keySet().iterator();
        List<byte[]> evict = new ArrayList<>();
        while (effort-- > 0 && oldest.hasNext() && keys.size() - evict.size() > max) {
            evict.add(oldest.next().array());
        }
        for (byte[] key : evict) {
            invalidate(key, null);
        }
        overLimitRuns = keys.size() <= max ? 0 : overLimitRuns + 1;
    }

    /**
     * One invalidation message for {@code target}: {@code keys} as an array, or a null for a flush.
     * Goes to the redirection client when there is one.
     */
    private void send(Client target, List<byte[]> invalidated, boolean flush) {
        TrackingState state = target.lastTracking();
        Client receiver = target;
        boolean redirected = false;
        // The null of a flush is written in the tracking client's protocol, as Redis does.
        boolean nullInResp3 = target.reply().isResp3();
        if (state != null && state.redirect != 0) {
            Client other = server.clients().get(state.redirect);
            if (other == null || other.isClosed()) {
                state.brokenRedirect = true;
                if (target.reply().isResp3()) {
                    target.reply().pushHeader(2);
                    target.reply().bulk(REDIRECT_BROKEN);
                    target.reply().integer(state.redirect);
                    target.requestFlush();
                }
                return;
            }
            receiver = other;
            redirected = true;
        }
        ReplyWriter out = receiver.reply();
        if (out.isResp3()) {
            out.pushHeader(2);
            out.bulk(INVALIDATE);
        } else if (redirected && receiver.isSubscribed()) {
            out.raw(CHANNEL_MESSAGE_HEADER);
        } else {
            // A RESP2 connection cannot take a message between replies.
            return;
        }
        if (flush) {
            out.raw(nullInResp3 ? NULL3 : NULL2);
        } else {
            out.arrayHeader(invalidated.size());
            for (byte[] key : invalidated) {
                out.bulk(key);
            }
        }
        receiver.requestFlush();
        server.outputWritten(receiver);
    }

    private static final byte[] NULL2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);

    // ---- introspection ----

    public int trackingClients() {
        return trackingClients;
    }

    public int keyCount() {
        return keys.size();
    }

    public long items() {
        return items;
    }

    public int prefixCount() {
        return prefixes.size();
    }
}
