package dev.cinnabar.engine;

import dev.cinnabar.engine.table.Dict;
import dev.cinnabar.engine.value.VolatileFields;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.ObjIntConsumer;
import java.util.random.RandomGenerator;

/**
 * One numbered database: the keys (a {@link KeyDict}) and, as Redis keeps them, a second table of
 * the keys that have an expire time, which the active expire cycle samples. The expire time
 * itself lives in the key's entry, so both tables share the key array and the entry.
 *
 * <p>A third table lists the keys whose value has fields with expire times of their own (Redis
 * 7.4's hash field expiry, {@link VolatileFields}), for {@link FieldExpireCycle}. Keys enter it when
 * they are added with such a value or when a command gives one of their fields an expire time
 * ({@link #trackFieldExpiry}), and leave it when they are removed; an entry whose key later holds
 * another value, or no longer has such fields, is dropped by the cycle when it meets it.
 *
 * <p>This class only stores; the rules (lazy expiry, events, statistics) are in {@link Keyspace}.
 */
public final class Database {
    private final int index;
    private KeyDict keys = new KeyDict();
    /** Keys with an expire time: key array to the same {@link KeyEntry}. */
    private Dict expires = new KeyEntry.ExpireDict();
    /** Where the active expire cycle continues its scan of {@link #expires}. */
    long expireCursor;
    /** Running estimate of the average TTL of the keys sampled by the expire cycle (INFO avg_ttl). */
    long averageTtl;
    /** Keys whose value has fields with expire times: key array to the same {@link KeyEntry}. */
    private Dict fieldExpires = new Dict();
    /** Where the field expire cycle continues its scan of {@link #fieldExpires}. */
    long fieldExpireCursor;

    /** Where new keys take their initial access time (the keyspace's LRU clock). */
    private final IntSupplier lruClock;
    /** Told of every added key (the keyspace's "new" notification, Redis's dbAdd event). */
    private final ObjIntConsumer<byte[]> keyAdded;

    public Database(int index) {
        this(index, () -> 0, (key, db) -> { });
    }

    Database(int index, IntSupplier lruClock, ObjIntConsumer<byte[]> keyAdded) {
        this.index = index;
        this.lruClock = lruClock;
        this.keyAdded = keyAdded;
    }

    public int index() {
        return index;
    }

    /** Number of keys (expired keys not yet removed included, as in Redis). */
    public long size() {
        return keys.size();
    }

    /** Number of keys with an expire time. */
    public long expiresSize() {
        return expires.size();
    }

    public long averageTtl() {
        return averageTtl;
    }

    /** The entry of a key, expired or not. */
    public KeyEntry find(byte[] buf, int off, int len) {
        return (KeyEntry) keys.find(buf, off, len);
    }

    public KeyEntry find(byte[] key) {
        return (KeyEntry) keys.find(key, 0, key.length);
    }

    /**
     * Adds a key known to be absent. Its access time is now, as a new Redis object's LRU field is
     * (so OBJECT IDLETIME of a new key is 0).
     */
    public KeyEntry add(byte[] key, Object value) {
        KeyEntry e = (KeyEntry) keys.addAbsent(key, value);
        e.access = lruClock.getAsInt();
        keyAdded.accept(e.key(), index);
        if (value instanceof VolatileFields v && v.nextFieldExpiry() != VolatileFields.NONE) {
            fieldExpires.addAbsent(e.key(), e.hash(), e);
        }
        return e;
    }

    /** Removes a key (and its expire time); returns its entry or null. */
    public KeyEntry remove(byte[] buf, int off, int len) {
        KeyEntry e = (KeyEntry) keys.remove(buf, off, len);
        if (e != null && e.hasExpire()) {
            expires.remove(e.key());
        }
        if (e != null && !fieldExpires.isEmpty()) {
            fieldExpires.remove(e.key());
        }
        return e;
    }

    public KeyEntry remove(byte[] key) {
        return remove(key, 0, key.length);
    }

    /** Sets or changes the expire time of a key. */
    public void setExpire(KeyEntry e, long unixMillis) {
        if (e.expire == null) {
            e.expire = (KeyEntry.ExpireEntry) expires.addAbsent(e.key(), e.hash(), e);
        }
        e.expire.at = unixMillis;
    }

    /** Removes the expire time of a key; false when it had none. */
    public boolean removeExpire(KeyEntry e) {
        if (!e.hasExpire()) {
            return false;
        }
        expires.remove(e.key());
        e.expire = null;
        return true;
    }

    /**
     * Lists the key among those whose value has fields with expire times (after a command gave one
     * of its fields an expire time); nothing when it is listed already.
     */
    public void trackFieldExpiry(KeyEntry e) {
        if (fieldExpires.find(e.key()) == null) {
            fieldExpires.addAbsent(e.key(), e.hash(), e);
        }
    }

    /** Number of keys listed as having fields with expire times (some may no longer have any). */
    public long fieldExpiresSize() {
        return fieldExpires.size();
    }

    void untrackFieldExpiry(KeyEntry e) {
        fieldExpires.remove(e.key());
    }

    Dict fieldExpires() {
        return fieldExpires;
    }

    /** Forgets every key; returns the old tables so that large ones can be dropped off-thread. */
    public Dict[] clear() {
        Dict[] old = {keys, expires};
        keys = new KeyDict();
        expires = new KeyEntry.ExpireDict();
        fieldExpires = new Dict();
        expireCursor = 0;
        fieldExpireCursor = 0;
        averageTtl = 0;
        return old;
    }

    /** Exchanges the contents of two databases (SWAPDB). */
    public void swapWith(Database other) {
        KeyDict k = keys;
        keys = other.keys;
        other.keys = k;
        Dict x = expires;
        expires = other.expires;
        other.expires = x;
        long c = expireCursor;
        expireCursor = other.expireCursor;
        other.expireCursor = c;
        long a = averageTtl;
        averageTtl = other.averageTtl;
        other.averageTtl = a;
        Dict f = fieldExpires;
        fieldExpires = other.fieldExpires;
        other.fieldExpires = f;
        long fc = fieldExpireCursor;
        fieldExpireCursor = other.fieldExpireCursor;
        other.fieldExpireCursor = fc;
    }

    /** One SCAN step over the keys. */
    public long scan(long cursor, Consumer<Dict.Entry> visitor) {
        return keys.scan(cursor, visitor);
    }

    /** Every key (KEYS, DEBUG DIGEST); the visitor must not modify the database. */
    public void forEach(Consumer<Dict.Entry> visitor) {
        keys.forEach(visitor);
    }

    public KeyEntry randomEntry(RandomGenerator random) {
        return (KeyEntry) keys.randomEntry(random);
    }

    Dict expires() {
        return expires;
    }

    KeyDict keys() {
        return keys;
    }

    /** Resizes and rehashes the tables a little (the server cron's job). */
    public void maintainTables(long rehashMillis) {
        keys.shrinkIfNeeded();
        expires.shrinkIfNeeded();
        fieldExpires.shrinkIfNeeded();
        if (keys.isRehashing()) {
            keys.rehashFor(rehashMillis);
        } else if (expires.isRehashing()) {
            expires.rehashFor(rehashMillis);
        }
    }
}
