package dev.cinnabar.engine;

import dev.cinnabar.engine.table.Dict;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's adaptive active expire cycle (expire.c, "slow" cycle run by the server cron): frees
 * expired keys that no client touches.
 *
 * <p>For each database it samples keys with an expire time, walking the expires table with a
 * persistent SCAN cursor, deletes those whose time is up, and keeps sampling that database while
 * more than an acceptable share of the sample was expired. The whole cycle is bounded to a share
 * of the CPU: 25% of each cron tick (plus 2% per active-expire-effort step above 1), checked
 * every 16 sampling rounds. So a keyspace where most keys expire is cleaned quickly, and one
 * where few do costs almost nothing.
 */
final class ActiveExpireCycle {
    private static final int KEYS_PER_LOOP = 20;
    private static final int SLOW_TIME_PERCENT = 25;
    private static final int ACCEPTABLE_STALE = 10;
    private static final int DATABASES_PER_CALL = 16;

    private final Keyspace keyspace;
    private int nextDatabase;
    /** Whether the previous cycle stopped at its time limit. */
    private boolean previousTimeUp;
    private final List<KeyEntry> expiredBatch = new ArrayList<>();

    ActiveExpireCycle(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** One cycle within the time budget of a cron tick at {@code hz}. */
    void run(int hz, int effortSetting) {
        int effort = Math.max(0, Math.min(9, effortSetting - 1));
        int keysPerLoop = KEYS_PER_LOOP + KEYS_PER_LOOP / 4 * effort;
        int slowTimePercent = SLOW_TIME_PERCENT + 2 * effort;
        int acceptableStale = ACCEPTABLE_STALE - effort;
        long start = System.nanoTime();
        long budgetNanos = (long) slowTimePercent * 1_000_000_000L / Math.max(1, hz) / 100;
        KeyspaceStats stats = keyspace.stats();
        long totalSampled = 0;
        long totalExpired = 0;
        boolean timeUp = false;
        // After a cycle that ran out of time, visit every database (Redis does the same).
        int databases = previousTimeUp ? keyspace.databaseCount()
                : Math.min(DATABASES_PER_CALL, keyspace.databaseCount());
        // Counted over the whole call, as in Redis: the clock is read every 16 sampling rounds.
        int iteration = 0;
        for (int j = 0; j < databases && !timeUp; j++) {
            Database db = keyspace.database(nextDatabase % keyspace.databaseCount());
            nextDatabase++;
            boolean repeat;
            do {
                long expiresCount = db.expiresSize();
                if (expiresCount == 0) {
                    db.averageTtl = 0;
                    break;
                }
                long now = keyspace.now();
                long target = Math.min(expiresCount, keysPerLoop);
                long maxBuckets = target * 20;
                long checkedBuckets = 0;
                long[] sampled = {0};
                long[] ttlSum = {0};
                long[] ttlSamples = {0};
                expiredBatch.clear();
                Dict expires = db.expires();
                while (sampled[0] < target && checkedBuckets < maxBuckets) {
                    db.expireCursor = expires.scan(db.expireCursor, entry -> {
                        KeyEntry e = (KeyEntry) entry.value();
                        sampled[0]++;
                        long ttl = e.expireAt() - now;
                        if (ttl < 0) {
                            // Past its time (Redis: now > when); at exactly its time a key lives on.
                            expiredBatch.add(e);
                        } else if (ttl > 0) {
                            ttlSum[0] += ttl;
                            ttlSamples[0]++;
                        }
                    });
                    checkedBuckets++;
                    if (db.expireCursor == 0) {
                        break;
                    }
                }
                for (KeyEntry e : expiredBatch) {
                    keyspace.expire(db, e);
                }
                long expired = expiredBatch.size();
                totalExpired += expired;
                totalSampled += sampled[0];
                if (ttlSamples[0] > 0) {
                    // Redis's running average, 2% weight for the new sample, integer arithmetic and
                    // all: the first sample seeds the average and is then averaged with itself
                    // (so a first sample of 1049 gives 1000).
                    long averageTtl = ttlSum[0] / ttlSamples[0];
                    if (db.averageTtl == 0) {
                        db.averageTtl = averageTtl;
                    }
                    db.averageTtl = (db.averageTtl / 50) * 49 + averageTtl / 50;
                }
                if ((++iteration & 0xf) == 0 && System.nanoTime() - start > budgetNanos) {
                    timeUp = true;
                    stats.expiredTimeCapReached++;
                }
                repeat = sampled[0] == 0 || expired * 100 / sampled[0] > acceptableStale;
            } while (repeat && !timeUp);
        }
        previousTimeUp = timeUp;
        stats.expireCycleMicros += (System.nanoTime() - start) / 1000;
        double current = totalSampled == 0 ? 0 : (double) totalExpired / totalSampled;
        stats.expiredStalePercent = current * 100 * 0.05 + stats.expiredStalePercent * 0.95;
    }
}
