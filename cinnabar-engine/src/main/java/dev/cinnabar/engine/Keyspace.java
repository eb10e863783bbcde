package dev.cinnabar.engine;

import dev.cinnabar.engine.value.VolatileFields;
import java.util.SplittableRandom;

/**
 * All databases of a server and the rules that apply to every key: lazy expiry on access, the
 * active expire cycle, keyspace statistics and change events. Owned by the thread that runs
 * commands; nothing here is thread-safe, by design (DESIGN.md §3).
 *
 * <p>Time: commands see one clock reading, {@link #now()}, set before each command
 * ({@link #setCommandTime}), so that nothing expires halfway through a command.
 */
public final class Keyspace {
    private final Database[] databases;
    private final KeyspaceStats stats = new KeyspaceStats();
    /** An array rather than a list: walked on every change, and an iterator per walk is garbage. */
    private KeyspaceListener[] listeners = new KeyspaceListener[0];
    private final SplittableRandom random = new SplittableRandom();
    private final ActiveExpireCycle expireCycle = new ActiveExpireCycle(this);
    private final FieldExpireCycle fieldExpireCycle = new FieldExpireCycle(this);
    private long now = System.currentTimeMillis();
    private boolean activeExpireEnabled = true;

    public Keyspace(int databaseCount) {
        databases = new Database[databaseCount];
        for (int i = 0; i < databaseCount; i++) {
            databases[i] = new Database(i, this::lruClock, this::keyAdded);
        }
    }

    public int databaseCount() {
        return databases.length;
    }

    public Database database(int index) {
        return databases[index];
    }

    public KeyspaceStats stats() {
        return stats;
    }

    public SplittableRandom random() {
        return random;
    }

    public void addListener(KeyspaceListener listener) {
        listeners = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = listener;
    }

    /** Total keys over all databases. */
    public long totalKeys() {
        long total = 0;
        for (Database d : databases) {
            total += d.size();
        }
        return total;
    }

    // ---- time ----

    /** The command time snapshot, Unix milliseconds. */
    public long now() {
        return now;
    }

    public void setCommandTime(long unixMillis) {
        now = unixMillis;
    }

    /** Redis's LRU clock: seconds, 24 bits. */
    public int lruClock() {
        return (int) ((now / 1000) & ((1 << 24) - 1));
    }

    public boolean activeExpireEnabled() {
        return activeExpireEnabled;
    }

    public void setActiveExpireEnabled(boolean enabled) {
        activeExpireEnabled = enabled;
    }

    // ---- lookups ----

    /**
     * Looks a key up for reading: an expired key is deleted and reported missing; hits and misses
     * are counted; the access time is updated unless {@code noTouch}.
     */
    public KeyEntry lookupRead(int db, byte[] buf, int off, int len, boolean noTouch) {
        return lookupRead(db, buf, off, len, noTouch, true);
    }

    /**
     * {@link #lookupRead} with the "keymiss" notification optional: OBJECT looks keys up without
     * it (Redis's LOOKUP_NONOTIFY), though the miss is still counted.
     */
    public KeyEntry lookupRead(int db, byte[] buf, int off, int len, boolean noTouch, boolean notifyMiss) {
        Database d = databases[db];
        KeyEntry e = d.find(buf, off, len);
        if (e != null && isExpired(e)) {
            expire(d, e);
            e = null;
        }
        if (e == null) {
            stats.misses++;
            if (notifyMiss) {
                emitEvent(KeyEventClass.KEY_MISS, "keymiss", db, buf, off, len);
            }
            return null;
        }
        stats.hits++;
        if (!noTouch) {
            e.access = lruClock();
        }
        return e;
    }

    /** Looks a key up for writing: an expired key is deleted first; no statistics. */
    public KeyEntry lookupWrite(int db, byte[] buf, int off, int len) {
        Database d = databases[db];
        KeyEntry e = d.find(buf, off, len);
        if (e != null && isExpired(e)) {
            expire(d, e);
            return null;
        }
        if (e != null) {
            e.access = lruClock();
        }
        return e;
    }

    /**
     * Removes the key if its time is up (Redis's expireIfNeeded); true when it was removed.
     * Touches neither statistics nor access time.
     */
    public boolean expireIfNeeded(int db, byte[] buf, int off, int len) {
        Database d = databases[db];
        KeyEntry e = d.find(buf, off, len);
        if (e != null && isExpired(e)) {
            expire(d, e);
            return true;
        }
        return false;
    }

    /**
     * Whether the entry has expired by now (without removing it). As in Redis (keyIsExpired), a
     * key expires once the time is past its expire time: at exactly that millisecond it is still
     * there, with a TTL of 0. (Setting an expire time that is not in the future deletes the key at
     * once; that is the expire commands' rule.)
     */
    public boolean isExpired(KeyEntry e) {
        KeyEntry.ExpireEntry x = e.expire;
        return x != null && x.at < now;
    }

    /** Removes a key whose time is up: reports it as expired and modified. */
    void expire(Database d, KeyEntry e) {
        d.remove(e.key());
        stats.expiredKeys++;
        byte[] key = e.key();
        emitEvent(KeyEventClass.EXPIRED, "expired", d.index(), key, 0, key.length);
        for (KeyspaceListener l : listeners) {
            l.keyModified(d.index(), key);
        }
    }

    // ---- field expiry (hashes) ----

    /**
     * Lazy field expiry: removes the fields of the key's value whose time is past, before a command
     * uses it. Returns false when that emptied the value, which then went with its key (reported as
     * "hexpired" and "del"); true otherwise (also for a value without expiring fields).
     */
    public boolean expireFields(int db, KeyEntry e) {
        if (!(e.value() instanceof VolatileFields fields)) {
            return true;
        }
        long next = fields.nextFieldExpiry();
        if (next == VolatileFields.NONE || next >= now) {
            return true;
        }
        fields.removeExpiredFields(now, Integer.MAX_VALUE);
        return fieldsExpired(databases[db], e, fields);
    }

    /**
     * After fields of a key's value expired: reports "hexpired", deletes the key if the value is
     * now empty ("del"), and stops listing it for the field expire cycle when no field has an
     * expire time any more. Returns false when the key was deleted.
     */
    boolean fieldsExpired(Database d, KeyEntry e, VolatileFields fields) {
        byte[] key = e.key();
        emitEvent(KeyEventClass.HASH, "hexpired", d.index(), key, 0, key.length);
        boolean alive = !fields.isEmpty();
        if (!alive) {
            d.remove(key);
            emitEvent(KeyEventClass.GENERIC, "del", d.index(), key, 0, key.length);
        } else if (fields.nextFieldExpiry() == VolatileFields.NONE) {
            d.untrackFieldExpiry(e);
        }
        for (KeyspaceListener l : listeners) {
            l.keyModified(d.index(), key);
        }
        return alive;
    }

    // ---- changes ----

    /**
     * Stores {@code value} under {@code key} (Redis's setKey): adds the key or replaces its value;
     * the expire time is dropped unless {@code keepTtl}. The key array is kept when the key is new.
     * Like setKey, it looks the key up for writing first, so a key whose time is up is expired
     * (and reported) rather than given a new value under its old, past expire time.
     */
    public KeyEntry set(int db, byte[] key, Object value, boolean keepTtl) {
        Database d = databases[db];
        KeyEntry e = lookupWrite(db, key, 0, key.length);
        if (e == null) {
            return d.add(key, value);
        }
        e.setValue(value);
        if (!keepTtl && e.hasExpire()) {
            d.removeExpire(e);
        }
        return e;
    }

    /** Every key added to a database is reported as "new" (notification class n), as dbAdd does. */
    private void keyAdded(byte[] key, int db) {
        emitEvent(KeyEventClass.NEW, "new", db, key, 0, key.length);
    }

    /** Deletes a key if present (no events: the caller reports the change). */
    public boolean delete(int db, byte[] buf, int off, int len) {
        return databases[db].remove(buf, off, len) != null;
    }

    /**
     * Reports that a command changed a key: the modification signal (WATCH, caching, blocked
     * clients) and the keyspace notification {@code event}. Commands call this once per key.
     */
    public void changed(int db, byte[] key, KeyEventClass type, String event) {
        stats.changesSinceSave++;
        for (KeyspaceListener l : listeners) {
            l.keyModified(db, key);
            if (l.wantsEvent(type)) {
                l.keyEvent(type, event, db, key);
            }
        }
    }

    /**
     * Reports that a command changed a key, without a notification (Redis's signalModifiedKey on
     * its own), for the commands whose notification does not come at the same moment: SPOP
     * signals after its reply, SINTERSTORE notifies after its reply. Pair it with {@link #notify}.
     */
    public void modified(int db, byte[] key) {
        for (KeyspaceListener l : listeners) {
            l.keyModified(db, key);
        }
    }

    /** Reports a further notification for a key already reported (e.g. SET ... EX: "set" then "expire"). */
    public void notify(int db, byte[] key, KeyEventClass type, String event) {
        for (KeyspaceListener l : listeners) {
            if (l.wantsEvent(type)) {
                l.keyEvent(type, event, db, key);
            }
        }
    }

    private void emitEvent(KeyEventClass type, String event, int db, byte[] buf, int off, int len) {
        byte[] key = null;
        for (KeyspaceListener l : listeners) {
            if (l.wantsEvent(type)) {
                // Copied only when someone listens: a keymiss on every GET of a cache must cost nothing.
                if (key == null) {
                    key = off == 0 && len == buf.length ? buf : java.util.Arrays.copyOfRange(buf, off, off + len);
                }
                l.keyEvent(type, event, db, key);
            }
        }
    }

    /** Empties one database (or all, when {@code db} is -1); returns the number of keys removed. */
    public long flush(int db) {
        // Listeners hear of it first, while they can still see which keys existed.
        for (KeyspaceListener l : listeners) {
            l.databaseFlushed(db);
        }
        long removed = 0;
        for (Database d : databases) {
            if (db == -1 || d.index() == db) {
                removed += d.size();
                d.clear();
            }
        }
        stats.changesSinceSave += removed;
        return removed;
    }

    /** Exchanges two databases (SWAPDB). */
    public void swap(int db1, int db2) {
        for (KeyspaceListener l : listeners) {
            l.databasesSwapped(db1, db2);
        }
        if (db1 != db2) {
            databases[db1].swapWith(databases[db2]);
        }
    }

    // ---- periodic work ----

    /** The server cron's keyspace work: the active expire cycle and table maintenance. */
    public void cron(int hz, int effort, long nowMillis) {
        now = nowMillis;
        if (activeExpireEnabled) {
            expireCycle.run(hz, effort);
            fieldExpireCycle.run(hz, effort);
        }
        for (Database d : databases) {
            d.maintainTables(1);
        }
    }
}
