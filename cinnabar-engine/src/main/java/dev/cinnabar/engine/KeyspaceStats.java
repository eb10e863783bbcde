package dev.cinnabar.engine;

/** Counters of the keyspace behind INFO stats (read and written by the owning thread). */
public final class KeyspaceStats {
    public long hits;
    public long misses;
    public long expiredKeys;
    /** Running estimate of the share of logically expired keys found by the expire cycle (percent). */
    public double expiredStalePercent;
    public long expiredTimeCapReached;
    public long expireCycleMicros;
    public long changesSinceSave;

    public void reset() {
        hits = 0;
        misses = 0;
        expiredKeys = 0;
        expiredStalePercent = 0;
        expiredTimeCapReached = 0;
        expireCycleMicros = 0;
    }
}
