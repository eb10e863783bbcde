package dev.cinnabar.engine;

/**
 * One numbered database of the keyspace (SELECT's index).
 *
 * <p>The key table arrives with the data types; until then a database is always empty, which is
 * what DBSIZE, INFO keyspace and DEBUG DIGEST report.
 */
public final class Database {
    private final int index;

    public Database(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    /** Number of keys. */
    public long size() {
        return 0;
    }

    /** Number of keys with an expire time. */
    public long expiresSize() {
        return 0;
    }
}
