package dev.cinnabar.engine;

/**
 * What the rest of the server hangs off the keyspace (DESIGN.md §2): WATCH, client-side caching
 * invalidation, keyspace notifications, blocked-client wake-ups and persistence all listen here,
 * instead of commands calling each of them.
 */
public interface KeyspaceListener {
    /**
     * A key was created, changed or deleted (Redis's signalModifiedKey). Reported once per key by
     * every command that changes it, and by expiry.
     */
    default void keyModified(int db, byte[] key) {}

    /**
     * Whether this listener wants {@link #keyEvent} calls of this class now; lets the keyspace
     * skip building events nobody hears (notifications are off by default).
     */
    default boolean wantsEvent(KeyEventClass type) {
        return false;
    }

    /** A keyspace notification: the event class and the event name, e.g. STRING "set". */
    default void keyEvent(KeyEventClass type, String event, int db, byte[] key) {}

    /** A database is about to be emptied (FLUSHDB; {@code db} is -1 for FLUSHALL): its keys are still there. */
    default void databaseFlushed(int db) {}

    /** Two databases are about to exchange their contents (SWAPDB). */
    default void databasesSwapped(int db1, int db2) {}
}
