package dev.cinnabar.engine;

import dev.cinnabar.engine.table.Dict;
import dev.cinnabar.engine.value.VolatileFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Active expiry of hash fields (Redis 7.4's per-field TTLs): reclaims expired fields of hashes that
 * no client touches, and deletes a hash whose last field expired.
 *
 * <h2>How</h2>
 * Expired fields are invisible from the moment their time is past, because every hash command
 * first removes them ({@link Keyspace#expireFields}); this cycle only gives the memory back and
 * deletes emptied hashes without waiting for a command. It is the key expire cycle's idea applied
 * one level down:
 * <ul>
 *   <li>each {@link Database} lists the keys whose value has fields with expire times (a third
 *       table beside the keys and the expires, filled when a command gives a field an expire time
 *       or a key is added with such a value, emptied with the key);</li>
 *   <li>the server cron samples that list through a persistent SCAN cursor per database, 20 keys
 *       at a time; for each it asks the value for its earliest field expire time (O(1): a
 *       listpackex keeps its fields sorted by time, a hashtable keeps a time-ordered index) and,
 *       when that time is past, removes the expired fields, earliest first, up to a quota per
 *       visit so that one huge hash cannot stall the server;</li>
 *   <li>it keeps sampling a database while more than 10% of a sample had expired fields, within a
 *       CPU budget per cron tick (10% of a tick, plus 1% per active-expire-effort step above 1).</li>
 * </ul>
 * Entries that no longer apply (the key now holds another value, or no field has an expire time
 * any more) are dropped when met. Each hash that lost fields is reported once per visit ("hexpired",
 * then "del" if it was emptied), like Redis's active field expiry.
 *
 * <p>Redis 7.4 keeps such hashes in a structure ordered by their next expire time instead of
 * sampling them; sampling needs no ordering to maintain on every HEXPIRE and still reclaims
 * everything within a few cron ticks, at the cost of looking at some hashes that have nothing to
 * reclaim yet.
 */
final class FieldExpireCycle {
    private static final int KEYS_PER_LOOP = 20;
    private static final int FIELDS_PER_VISIT = 1000;
    private static final int TIME_PERCENT = 10;
    private static final int ACCEPTABLE_STALE = 10;

    private final Keyspace keyspace;
    private final List<KeyEntry> batch = new ArrayList<>();

    FieldExpireCycle(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** One cycle within its share of a cron tick at {@code hz}. */
    void run(int hz, int effortSetting) {
        int effort = Math.max(0, Math.min(9, effortSetting - 1));
        long start = System.nanoTime();
        long budgetNanos = (long) (TIME_PERCENT + effort) * 1_000_000_000L / Math.max(1, hz) / 100;
        for (int j = 0; j < keyspace.databaseCount(); j++) {
            Database db = keyspace.database(j);
            while (db.fieldExpiresSize() > 0) {
                int sampled = sample(db);
                int reclaimed = 0;
                long now = keyspace.now();
                for (KeyEntry e : batch) {
                    if (db.find(e.key()) != e || !(e.value() instanceof VolatileFields fields)) {
                        db.untrackFieldExpiry(e);
                        continue;
                    }
                    long next = fields.nextFieldExpiry();
                    if (next == VolatileFields.NONE) {
                        db.untrackFieldExpiry(e);
                    } else if (next < now) {
                        fields.removeExpiredFields(now, FIELDS_PER_VISIT);
                        keyspace.fieldsExpired(db, e, fields);
                        reclaimed++;
                    }
                }
                if (System.nanoTime() - start > budgetNanos) {
                    return;
                }
                if (sampled == 0 || reclaimed * 100 / sampled <= ACCEPTABLE_STALE) {
                    break;
                }
            }
        }
    }

    /** Collects up to {@link #KEYS_PER_LOOP} listed keys into {@link #batch}, continuing the scan. */
    private int sample(Database db) {
        batch.clear();
        Dict table = db.fieldExpires();
        long target = Math.min(table.size(), KEYS_PER_LOOP);
        long maxBuckets = target * 20;
        for (long buckets = 0; batch.size() < target && buckets < maxBuckets; buckets++) {
            db.fieldExpireCursor = table.scan(db.fieldExpireCursor, entry -> batch.add((KeyEntry) entry.value()));
            if (db.fieldExpireCursor == 0) {
                break;
            }
        }
        return batch.size();
    }
}
