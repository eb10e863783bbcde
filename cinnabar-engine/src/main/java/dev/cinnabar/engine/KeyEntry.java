package dev.cinnabar.engine;

import dev.cinnabar.engine.table.Dict;

/**
 * A key of the keyspace. Besides key and value it holds the expire time (so that reading a key
 * costs one hash lookup even when the database has expiring keys) and the LRU clock of its last
 * access (OBJECT IDLETIME). With compact object headers the entry is 40 bytes.
 */
public final class KeyEntry extends Dict.Entry {
    /** No expire time. */
    public static final long PERSISTENT = -1;

    long expireAt = PERSISTENT;
    int access;

    KeyEntry(byte[] key, int hash, Object value) {
        super(key, hash, value);
    }

    /** Unix time in milliseconds when the key expires, or {@link #PERSISTENT}. */
    public long expireAt() {
        return expireAt;
    }

    public boolean hasExpire() {
        return expireAt != PERSISTENT;
    }

    /** The LRU clock (seconds, 24 bits as Redis) of the last access. */
    public int access() {
        return access;
    }

    public void touch(int lruClock) {
        access = lruClock;
    }
}
