package dev.cinnabar.engine;

import dev.cinnabar.engine.table.Dict;

/**
 * A key of the keyspace. Besides key and value it holds the LRU clock of its last access (OBJECT
 * IDLETIME) and, for a key with an expire time, its entry in the database's expires table, which
 * holds the time: reading a key's expire time is one reference away, never a second hash lookup,
 * and a key without one does not pay 8 bytes for it. With compact object headers the entry is
 * 32 bytes.
 */
public final class KeyEntry extends Dict.Entry {
    /** No expire time. */
    public static final long PERSISTENT = -1;

    /** The entry of this key in the expires table, or null without an expire time. */
    ExpireEntry expire;
    int access;

    KeyEntry(byte[] key, int hash, Object value) {
        super(key, hash, value);
    }

    /** Unix time in milliseconds when the key expires, or {@link #PERSISTENT}. */
    public long expireAt() {
        ExpireEntry x = expire;
        return x == null ? PERSISTENT : x.at;
    }

    public boolean hasExpire() {
        return expire != null;
    }

    /** The LRU clock (seconds, 24 bits as Redis) of the last access. */
    public int access() {
        return access;
    }

    public void touch(int lruClock) {
        access = lruClock;
    }

    /**
     * An entry of a database's expires table: the key, its {@link KeyEntry} as the value (for the
     * active expire cycle, which samples this table), and the expire time.
     */
    static final class ExpireEntry extends Dict.Entry {
        long at;

        ExpireEntry(byte[] key, int hash, Object value) {
            super(key, hash, value);
        }
    }

    /** The expires table: its entries carry the expire time (see {@link ExpireEntry}). */
    static final class ExpireDict extends Dict {
        @Override
        protected Dict.Entry newEntry(byte[] key, int hash, Object value) {
            return new ExpireEntry(key, hash, value);
        }
    }
}
