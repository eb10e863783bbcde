package dev.cinnabar.engine;

/**
 * All databases of a server. Owned by the thread that runs commands; nothing here is
 * thread-safe, by design (DESIGN.md §3).
 */
public final class Keyspace {
    private final Database[] databases;

    public Keyspace(int databaseCount) {
        databases = new Database[databaseCount];
        for (int i = 0; i < databaseCount; i++) {
            databases[i] = new Database(i);
        }
    }

    public int databaseCount() {
        return databases.length;
    }

    public Database database(int index) {
        return databases[index];
    }

    /** Total keys over all databases. */
    public long totalKeys() {
        long total = 0;
        for (Database d : databases) {
            total += d.size();
        }
        return total;
    }
}
