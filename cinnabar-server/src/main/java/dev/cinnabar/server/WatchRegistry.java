package dev.cinnabar.server;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyspaceListener;
import dev.cinnabar.server.client.Client;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WATCH: which clients watch which keys, and Redis 7.0's optimistic-locking rules.
 *
 * <ul>
 *   <li>A change to a watched key (any command's change event, or its deletion by expiry) marks
 *       each client watching it: its EXEC will reply nil. A marked client stops watching
 *       everything (there is nothing more to learn).</li>
 *   <li>A key that was already expired when watched is special: its deletion (by expiry or
 *       otherwise) is no logical change, so it only clears that state; any other change to it
 *       leaves the client unmarked and, as Redis 7.0 does, ends the scan of that key's watchers.</li>
 *   <li>FLUSHDB/FLUSHALL and SWAPDB mark clients watching keys that existed in the emptied
 *       database (or exist in the database swapped in), with the same special cases for keys that
 *       were or are expired.</li>
 *   <li>At EXEC, a key that was live when watched and has expired since also fails the EXEC.</li>
 * </ul>
 */
public final class WatchRegistry implements KeyspaceListener {
    private record DatabaseKey(int db, ByteBuffer key) {
        byte[] bytes() {
            return key.array();
        }
    }

    /** One client watching one key. */
    private static final class Watch {
        final DatabaseKey key;
        final Client client;
        boolean expired;

        Watch(DatabaseKey key, Client client, boolean expired) {
            this.key = key;
            this.client = client;
            this.expired = expired;
        }
    }

    private final Server server;
    private final Map<DatabaseKey, List<Watch>> watchers = new HashMap<>();
    private final Map<Long, List<Watch>> byClient = new HashMap<>();

    WatchRegistry(Server server) {
        this.server = server;
    }

    /** WATCH of one key in the client's current database. */
    public void watch(Client client, byte[] key) {
        DatabaseKey k = new DatabaseKey(client.database(), ByteBuffer.wrap(key));
        List<Watch> mine = byClient.computeIfAbsent(client.id(), id -> new ArrayList<>());
        for (Watch w : mine) {
            if (w.key.equals(k)) {
                return;
            }
        }
        Watch w = new Watch(k, client, isExpired(k.db(), k));
        mine.add(w);
        watchers.computeIfAbsent(k, x -> new ArrayList<>()).add(w);
        client.setWatchedKeys(mine.size());
    }

    /** Stops watching every key (UNWATCH, EXEC, DISCARD, RESET, disconnection, or once marked). */
    public void unwatchAll(Client client) {
        List<Watch> mine = byClient.remove(client.id());
        if (mine == null) {
            return;
        }
        for (Watch w : mine) {
            List<Watch> list = watchers.get(w.key);
            if (list != null) {
                list.remove(w);
                if (list.isEmpty()) {
                    watchers.remove(w.key);
                }
            }
        }
        client.setWatchedKeys(0);
    }

    /** Whether a key that was live when watched has expired since (EXEC then fails). */
    public boolean watchedKeyExpired(Client client) {
        List<Watch> mine = byClient.get(client.id());
        if (mine == null) {
            return false;
        }
        for (Watch w : mine) {
            if (!w.expired && isExpired(w.key.db(), w.key)) {
                return true;
            }
        }
        return false;
    }

    private boolean exists(int db, DatabaseKey k) {
        return server.keyspace().database(db).find(k.bytes()) != null;
    }

    /** Present but past its expire time (not yet removed). */
    private boolean isExpired(int db, DatabaseKey k) {
        KeyEntry e = server.keyspace().database(db).find(k.bytes());
        return e != null && server.keyspace().isExpired(e);
    }

    @Override
    public void keyModified(int db, byte[] key) {
        if (watchers.isEmpty()) {
            return;
        }
        DatabaseKey k = new DatabaseKey(db, ByteBuffer.wrap(key));
        List<Watch> list = watchers.get(k);
        if (list == null) {
            return;
        }
        for (Watch w : new ArrayList<>(list)) {
            if (w.expired) {
                if (!exists(db, k)) {
                    // The expired key is gone: logically nothing changed.
                    w.expired = false;
                    continue;
                }
                break;
            }
            w.client.setWatchedKeyChanged(true);
            unwatchAll(w.client);
        }
    }

    /** Before FLUSHDB/FLUSHALL: the emptied databases' watched keys that exist change. */
    @Override
    public void databaseFlushed(int db) {
        for (int i = 0; i < server.keyspace().databaseCount(); i++) {
            if (db == -1 || db == i) {
                touchAll(i, -1);
            }
        }
    }

    /** Before SWAPDB: each database's watched keys that exist in it or in the other change. */
    @Override
    public void databasesSwapped(int db1, int db2) {
        touchAll(db1, db2);
        touchAll(db2, db1);
    }

    /** Redis's touchAllWatchedKeysInDb: {@code replacement} is -1 for a flush. */
    private void touchAll(int emptied, int replacement) {
        for (DatabaseKey k : new ArrayList<>(watchers.keySet())) {
            if (k.db() != emptied) {
                continue;
            }
            boolean existsInEmptied = exists(emptied, k);
            boolean existsInReplacement = replacement >= 0 && exists(replacement, k);
            if (!existsInEmptied && !existsInReplacement) {
                continue;
            }
            List<Watch> list = watchers.get(k);
            if (list == null) {
                continue;
            }
            for (Watch w : new ArrayList<>(list)) {
                if (w.expired) {
                    if (!existsInReplacement) {
                        w.expired = false;
                        continue;
                    }
                    if (isExpired(replacement, k)) {
                        continue;
                    }
                } else if (!existsInEmptied && isExpired(replacement, k)) {
                    w.expired = true;
                    continue;
                }
                w.client.setWatchedKeyChanged(true);
            }
        }
    }
}
