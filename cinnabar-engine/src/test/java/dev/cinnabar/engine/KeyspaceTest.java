package dev.cinnabar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Keyspace}: lazy expiry on every kind of lookup, statistics, change events,
 * set/delete/flush/swap, and the active expire cycle driven by {@link Keyspace#cron} with a
 * controlled clock.
 */
class KeyspaceTest {
    private static final long T0 = 1_700_000_000_000L;

    private Keyspace ks;
    private final List<String> events = new ArrayList<>();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @BeforeEach
    void setUp() {
        ks = new Keyspace(16);
        ks.setCommandTime(T0);
        ks.addListener(new KeyspaceListener() {
            @Override
            public void keyModified(int db, byte[] key) {
                events.add("modified " + db + " " + s(key));
            }

            @Override
            public boolean wantsEvent(KeyEventClass type) {
                return true;
            }

            @Override
            public void keyEvent(KeyEventClass type, String event, int db, byte[] key) {
                events.add(type + " " + event + " " + db + " " + s(key));
            }

            @Override
            public void databaseFlushed(int db) {
                events.add("flushed " + db);
            }

            @Override
            public void databasesSwapped(int db1, int db2) {
                events.add("swapped " + db1 + " " + db2);
            }
        });
    }

    /** Adds a string key with an expire time (or none when {@code expireAt} is negative). */
    private KeyEntry put(int db, String key, String value, long expireAt) {
        KeyEntry e = ks.set(db, b(key), b(value), false);
        if (expireAt >= 0) {
            ks.database(db).setExpire(e, expireAt);
        }
        return e;
    }

    private KeyEntry read(int db, String key) {
        byte[] k = b(key);
        return ks.lookupRead(db, k, 0, k.length, false);
    }

    private KeyEntry write(int db, String key) {
        byte[] k = b(key);
        return ks.lookupWrite(db, k, 0, k.length);
    }

    // ---- lazy expiry ----

    @Test
    void aKeyLivesUntilThePassingOfItsExpireTimeAsInRedis() {
        put(0, "k", "v", T0 + 100);
        ks.setCommandTime(T0 + 100);
        // Redis's keyIsExpired: expired when now > when. At its expire time the key is still there.
        assertThat(read(0, "k")).isNotNull();
        assertThat(ks.isExpired(ks.database(0).find(b("k")))).isFalse();
        ks.setCommandTime(T0 + 101);
        assertThat(ks.isExpired(ks.database(0).find(b("k")))).isTrue();
        assertThat(read(0, "k")).isNull();
    }

    @Test
    void aReadOfAnExpiredKeyDeletesItCountsItAndReportsItExpiredModifiedAndMissed() {
        put(0, "k", "v", T0 + 10);
        put(0, "other", "v", T0 + 10_000);
        ks.setCommandTime(T0 + 11);
        events.clear();
        assertThat(read(0, "k")).isNull();
        assertThat(ks.database(0).size()).isEqualTo(1);
        assertThat(ks.database(0).expiresSize()).isEqualTo(1);
        assertThat(ks.database(0).find(b("k"))).isNull();
        assertThat(ks.stats().expiredKeys).isEqualTo(1);
        assertThat(ks.stats().misses).isEqualTo(1);
        assertThat(ks.stats().hits).isZero();
        assertThat(events).containsExactly("EXPIRED expired 0 k", "modified 0 k", "KEY_MISS keymiss 0 k");
        // Gone for good: a second read is a plain miss.
        events.clear();
        assertThat(read(0, "k")).isNull();
        assertThat(ks.stats().expiredKeys).isEqualTo(1);
        assertThat(ks.stats().misses).isEqualTo(2);
        assertThat(events).containsExactly("KEY_MISS keymiss 0 k");
    }

    @Test
    void aWriteLookupOfAnExpiredKeyDeletesItWithoutHitOrMissStatistics() {
        put(2, "k", "v", T0 + 10);
        ks.setCommandTime(T0 + 20);
        events.clear();
        assertThat(write(2, "k")).isNull();
        assertThat(ks.database(2).size()).isZero();
        assertThat(ks.database(2).expiresSize()).isZero();
        assertThat(ks.stats().expiredKeys).isEqualTo(1);
        assertThat(ks.stats().hits).isZero();
        assertThat(ks.stats().misses).isZero();
        assertThat(events).containsExactly("EXPIRED expired 2 k", "modified 2 k");
    }

    @Test
    void expireIfNeededRemovesOnlyKeysWhoseTimeIsPast() {
        put(0, "old", "v", T0 - 1);
        put(0, "now", "v", T0);
        put(0, "later", "v", T0 + 1);
        put(0, "forever", "v", -1);
        events.clear();
        assertThat(ks.expireIfNeeded(0, b("forever"), 0, 7)).isFalse();
        assertThat(ks.expireIfNeeded(0, b("later"), 0, 5)).isFalse();
        assertThat(ks.expireIfNeeded(0, b("now"), 0, 3)).isFalse();
        assertThat(ks.expireIfNeeded(0, b("missing"), 0, 7)).isFalse();
        byte[] buffer = b("[old]");
        assertThat(ks.expireIfNeeded(0, buffer, 1, 3)).isTrue();
        assertThat(ks.database(0).size()).isEqualTo(3);
        assertThat(ks.stats().expiredKeys).isEqualTo(1);
        assertThat(ks.stats().hits + ks.stats().misses).isZero();
        assertThat(events).containsExactly("EXPIRED expired 0 old", "modified 0 old");
    }

    @Test
    void expiredKeysCountInTheDatabaseSizeUntilSomethingRemovesThem() {
        for (int i = 0; i < 10; i++) {
            put(0, "k" + i, "v", T0 + 5);
        }
        ks.setCommandTime(T0 + 1000);
        assertThat(ks.database(0).size()).isEqualTo(10);
        assertThat(ks.totalKeys()).isEqualTo(10);
        assertThat(read(0, "k3")).isNull();
        assertThat(ks.totalKeys()).isEqualTo(9);
    }

    // ---- statistics and access time ----

    @Test
    void readsCountHitsAndMissesAndWritesCountNothing() {
        put(0, "a", "1", -1);
        read(0, "a");
        read(0, "a");
        read(0, "b");
        write(0, "a");
        write(0, "b");
        assertThat(ks.stats().hits).isEqualTo(2);
        assertThat(ks.stats().misses).isEqualTo(1);
        ks.stats().reset();
        assertThat(ks.stats().hits + ks.stats().misses).isZero();
    }

    @Test
    void lookupsTouchTheAccessClockUnlessNoTouch() {
        KeyEntry e = put(0, "a", "1", -1);
        ks.setCommandTime(T0 + 5_000);
        byte[] k = b("a");
        ks.lookupRead(0, k, 0, 1, true);
        assertThat(e.access()).isNotEqualTo(ks.lruClock());
        ks.lookupRead(0, k, 0, 1, false);
        assertThat(e.access()).isEqualTo(ks.lruClock());
        ks.setCommandTime(T0 + 9_000);
        ks.lookupWrite(0, k, 0, 1);
        assertThat(e.access()).isEqualTo(ks.lruClock());
        assertThat(ks.lruClock()).isEqualTo((int) (((T0 + 9_000) / 1000) & 0xFFFFFF));
    }

    @Test
    void aNewKeyStartsWithTheCurrentAccessClock() {
        // Redis sets a new object's LRU field to the clock: OBJECT IDLETIME of a new key is 0.
        ks.setCommandTime(T0 + 7_000);
        assertThat(put(0, "a", "1", -1).access()).isEqualTo(ks.lruClock());
        ks.setCommandTime(T0 + 9_000);
        assertThat(ks.database(0).add(b("b"), b("2")).access()).isEqualTo(ks.lruClock());
        assertThat(ks.lruClock()).isNotZero();
    }

    // ---- changes ----

    @Test
    void setAddsKeepingTheKeyArrayOrReplacesTheValueAndDropsTheExpireUnlessKeepTtl() {
        byte[] key = b("k");
        KeyEntry e = ks.set(0, key, b("v1"), false);
        assertThat(e.key()).isSameAs(key);
        ks.database(0).setExpire(e, T0 + 100);
        assertThat(ks.set(0, b("k"), b("v2"), true)).isSameAs(e);
        assertThat(e.expireAt()).isEqualTo(T0 + 100);
        assertThat(ks.database(0).expiresSize()).isEqualTo(1);
        assertThat(ks.set(0, b("k"), b("v3"), false)).isSameAs(e);
        assertThat(e.hasExpire()).isFalse();
        assertThat(ks.database(0).expiresSize()).isZero();
        assertThat(s((byte[]) e.value())).isEqualTo("v3");
        assertThat(ks.database(0).size()).isEqualTo(1);
        // Only the key's creation is reported (as Redis's dbAdd does); the rest is the command's to report.
        assertThat(events).as("set leaves the reporting to the command").containsExactly("NEW new 0 k");
    }

    @Test
    void setWithKeepTtlOnAnExpiredKeyExpiresItFirstAsRedisSetKeyDoes() {
        // Redis's setKey looks the key up for writing, which deletes an expired key; the new value
        // then lives without an expire time. Keeping the past expire time would hide the new value.
        put(0, "k", "old", T0 + 10);
        ks.setCommandTime(T0 + 11);
        events.clear();
        KeyEntry e = ks.set(0, b("k"), b("new"), true);
        assertThat(e.hasExpire()).isFalse();
        assertThat(read(0, "k")).isSameAs(e);
        assertThat(ks.stats().expiredKeys).isEqualTo(1);
        assertThat(ks.database(0).expiresSize()).isZero();
        assertThat(events).startsWith("EXPIRED expired 0 k", "modified 0 k");
    }

    @Test
    void deleteRemovesTheKeyAndItsExpireTime() {
        put(1, "a", "v", T0 + 100);
        put(1, "b", "v", -1);
        events.clear();
        assertThat(ks.delete(1, b("xax"), 1, 1)).isTrue();
        assertThat(ks.delete(1, b("a"), 0, 1)).isFalse();
        assertThat(ks.database(1).size()).isEqualTo(1);
        assertThat(ks.database(1).expiresSize()).isZero();
        assertThat(ks.stats().expiredKeys).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void expireTimesCanBeChangedAndRemoved() {
        Database d = ks.database(0);
        KeyEntry e = put(0, "k", "v", T0 + 100);
        d.setExpire(e, T0 + 200);
        assertThat(d.expiresSize()).isEqualTo(1);
        assertThat(e.expireAt()).isEqualTo(T0 + 200);
        assertThat(d.removeExpire(e)).isTrue();
        assertThat(d.removeExpire(e)).isFalse();
        assertThat(e.expireAt()).isEqualTo(KeyEntry.PERSISTENT);
        assertThat(d.expiresSize()).isZero();
        ks.setCommandTime(T0 + 1_000_000);
        assertThat(read(0, "k")).isSameAs(e);
    }

    /**
     * Expire times live in the expires table's entries, which key entries point to: random
     * sets, changes and removals of expire times and deletions of keys, across the growth,
     * shrinking and incremental rehashing of both tables, against a map.
     */
    @Test
    void expireTimesFollowTheirKeysThroughTableGrowthAndShrinking() {
        Database d = ks.database(0);
        Random random = new Random(Seeds.seed(20261127));
        Map<String, Long> model = new HashMap<>();
        long largest = 0;
        long smallestAfterLargest = Long.MAX_VALUE;
        for (int step = 0; step < 60_000; step++) {
            // Phases of 20,000 steps: 8,000 that grow to about 3,000 keys, 12,000 that mostly delete.
            boolean shrinking = step % 20_000 >= 8_000;
            String key = "key:" + random.nextInt(4_000);
            KeyEntry e = d.find(b(key));
            int op = shrinking && random.nextInt(20) != 0 ? 4 : random.nextInt(5);
            switch (op) {
                case 0, 1 -> {
                    if (e == null) {
                        e = put(0, key, "v", -1);
                        model.put(key, KeyEntry.PERSISTENT);
                    }
                    long at = T0 + 1 + random.nextInt(1_000_000);
                    d.setExpire(e, at);
                    model.put(key, at);
                }
                case 2 -> {
                    if (e != null) {
                        assertThat(d.removeExpire(e)).isEqualTo(model.get(key) != KeyEntry.PERSISTENT);
                        model.put(key, KeyEntry.PERSISTENT);
                    }
                }
                default -> {
                    if (shrinking || random.nextBoolean()) {
                        assertThat(d.remove(b(key)) != null).isEqualTo(model.remove(key) != null);
                    } else if (e == null) {
                        put(0, key, "v", -1);
                        model.put(key, KeyEntry.PERSISTENT);
                    }
                }
            }
            largest = Math.max(largest, d.expiresSize());
            if (largest > 1_000) {
                smallestAfterLargest = Math.min(smallestAfterLargest, d.expiresSize());
            }
            d.maintainTables(1);
            if (step % 997 == 0 || step == 59_999) {
                long volatileKeys = model.values().stream().filter(at -> at != KeyEntry.PERSISTENT).count();
                assertThat(d.size()).as("keys at step %d", step).isEqualTo(model.size());
                assertThat(d.expiresSize()).as("expire times at step %d", step).isEqualTo(volatileKeys);
                model.forEach((k, at) -> assertThat(d.find(b(k)).expireAt()).as(k).isEqualTo(at));
            }
        }
        assertThat(largest).as("the expires table grew").isGreaterThan(1_000);
        assertThat(smallestAfterLargest).as("and shrank").isLessThan(largest / 4);
    }

    @Test
    void changedCountsAChangeAndReportsModificationAndEvent() {
        ks.changed(3, b("k"), KeyEventClass.STRING, "set");
        ks.notify(3, b("k"), KeyEventClass.GENERIC, "expire");
        assertThat(ks.stats().changesSinceSave).isEqualTo(1);
        assertThat(events).containsExactly("modified 3 k", "STRING set 3 k", "GENERIC expire 3 k");
    }

    @Test
    void flushEmptiesOneDatabaseOrAll() {
        put(0, "a", "v", T0 + 100);
        put(0, "b", "v", -1);
        put(5, "c", "v", -1);
        events.clear();
        assertThat(ks.flush(0)).isEqualTo(2);
        assertThat(ks.database(0).size()).isZero();
        assertThat(ks.database(0).expiresSize()).isZero();
        assertThat(ks.database(5).size()).isEqualTo(1);
        assertThat(ks.stats().changesSinceSave).isEqualTo(2);
        put(0, "a", "v", -1);
        assertThat(ks.flush(-1)).isEqualTo(2);
        assertThat(ks.totalKeys()).isZero();
        assertThat(events).containsExactly("flushed 0", "NEW new 0 a", "flushed -1");
    }

    @Test
    void swapExchangesKeysExpiresAndStatistics() {
        put(0, "a", "v", T0 + 100);
        put(0, "b", "v", -1);
        put(7, "c", "v", -1);
        ks.database(0).averageTtl = 1234;
        events.clear();
        ks.swap(0, 7);
        assertThat(ks.database(0).size()).isEqualTo(1);
        assertThat(ks.database(0).expiresSize()).isZero();
        assertThat(ks.database(0).averageTtl()).isZero();
        assertThat(ks.database(7).size()).isEqualTo(2);
        assertThat(ks.database(7).expiresSize()).isEqualTo(1);
        assertThat(ks.database(7).averageTtl()).isEqualTo(1234);
        assertThat(ks.database(0).index()).isZero();
        assertThat(ks.database(7).index()).isEqualTo(7);
        assertThat(read(7, "a")).isNotNull();
        assertThat(read(0, "a")).isNull();
        ks.swap(3, 3);
        assertThat(events).containsExactly("swapped 0 7", "KEY_MISS keymiss 0 a", "swapped 3 3");
        // Expiry in a swapped database is reported with its new number.
        events.clear();
        ks.setCommandTime(T0 + 101);
        assertThat(read(7, "a")).isNull();
        assertThat(events).contains("EXPIRED expired 7 a");
    }

    // ---- the active expire cycle ----

    @Test
    void theActiveCycleRemovesExpiredKeysOverRepeatedCyclesAndNoLiveKey() {
        long seed = Seeds.seed(11);
        String why = Seeds.describe(seed);
        Random random = new Random(seed);
        Map<String, Long> live = new HashMap<>();
        int expired = 0;
        for (int db : new int[] {0, 3, 15}) {
            for (int i = 0; i < 6000; i++) {
                String key = db + ":" + i;
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        put(db, key, "v", T0 - 1 - random.nextInt(1000));
                        expired++;
                    }
                    case 2 -> live.put(db + " " + key, T0 + random.nextInt(100_000));
                    default -> live.put(db + " " + key, -1L);
                }
            }
        }
        live.forEach((k, at) -> {
            String[] f = k.split(" ");
            put(Integer.parseInt(f[0]), f[1], "v", at);
        });
        long total = ks.totalKeys();
        int cycles = 0;
        // Each cycle samples at least 20 keys per database, resuming where the last one stopped,
        // so every expired key is found within a bounded number of cycles.
        while (ks.stats().expiredKeys < expired && cycles < 5_000) {
            ks.cron(10, 1, T0);
            cycles++;
        }
        assertThat(ks.stats().expiredKeys).as("expired keys removed after %d cycles, %s", cycles, why)
                .isEqualTo(expired);
        assertThat(ks.totalKeys()).as(why).isEqualTo(total - expired);
        assertThat(ks.totalKeys()).as(why).isEqualTo(live.size());
        for (String k : live.keySet()) {
            String[] f = k.split(" ");
            assertThat(ks.database(Integer.parseInt(f[0])).find(b(f[1]))).as("%s, %s", k, why).isNotNull();
        }
        assertThat(events.stream().filter(e -> e.startsWith("EXPIRED")).count()).as(why).isEqualTo(expired);
        assertThat(ks.stats().expiredStalePercent).as(why).isPositive();
        // More cycles change nothing.
        for (int i = 0; i < 100; i++) {
            ks.cron(10, 1, T0);
        }
        assertThat(ks.totalKeys()).as(why).isEqualTo(live.size());
    }

    @Test
    void aMostlyExpiredDatabaseIsCleanedInFewCyclesAndItsTablesShrink() {
        for (int i = 0; i < 20_000; i++) {
            put(0, "k" + i, "v", i % 100 == 0 ? T0 + 1_000_000 : T0 + 50);
        }
        long bucketsBefore = ks.database(0).keys().buckets();
        int cycles = 0;
        while (ks.database(0).size() > 200 + 2_000 && cycles < 1_000) {
            // The cycle keeps sampling a database while more than 10% of its sample was expired
            // (within its time budget), so most keys go in the first few cycles.
            ks.cron(10, 1, T0 + 1000);
            cycles++;
        }
        for (int i = 0; i < 1_000; i++) {
            ks.cron(10, 1, T0 + 1000);
        }
        assertThat(ks.database(0).size()).isEqualTo(200);
        assertThat(ks.database(0).expiresSize()).isEqualTo(200);
        assertThat(ks.stats().expiredKeys).isEqualTo(19_800);
        assertThat(ks.database(0).keys().buckets()).as("the cron shrinks the emptied table").isLessThan(bucketsBefore);
    }

    @Test
    void aKeyAtExactlyItsExpireTimeSurvivesTheCycle() {
        put(0, "edge", "v", T0 + 100);
        for (int i = 0; i < 10; i++) {
            ks.cron(10, 1, T0 + 100);
        }
        assertThat(ks.database(0).size()).isEqualTo(1);
        ks.cron(10, 1, T0 + 101);
        assertThat(ks.database(0).size()).isZero();
        assertThat(ks.stats().expiredKeys).isEqualTo(1);
    }

    @Test
    void noActiveExpiryWhenDisabled() {
        for (int i = 0; i < 100; i++) {
            put(0, "k" + i, "v", T0 + 1);
        }
        ks.setActiveExpireEnabled(false);
        assertThat(ks.activeExpireEnabled()).isFalse();
        for (int i = 0; i < 100; i++) {
            ks.cron(10, 1, T0 + 10);
        }
        assertThat(ks.database(0).size()).isEqualTo(100);
        assertThat(ks.stats().expiredKeys).isZero();
        // Lazy expiry still works, and so does the cycle once enabled again.
        assertThat(read(0, "k0")).isNull();
        ks.setActiveExpireEnabled(true);
        for (int i = 0; i < 100 && ks.database(0).size() > 0; i++) {
            ks.cron(10, 1, T0 + 10);
        }
        assertThat(ks.database(0).size()).isZero();
        assertThat(ks.stats().expiredKeys).isEqualTo(100);
    }

    @Test
    void higherEffortAlsoRemovesEverythingExpired() {
        for (int i = 0; i < 5_000; i++) {
            put(1, "k" + i, "v", i % 2 == 0 ? T0 : T0 + 10_000);
        }
        for (int i = 0; i < 500 && ks.database(1).size() > 2_500; i++) {
            ks.cron(100, 10, T0 + 1);
        }
        assertThat(ks.database(1).size()).isEqualTo(2_500);
    }

    @Test
    void theAverageTtlIsRedisRunningAverageOfTheSampledTtls() {
        put(0, "k", "v", T0 + 1049);
        ks.cron(10, 1, T0);
        // First sample 1049: the average starts at it and is averaged with it: 20 * 49 + 20 = 1000
        // (Redis 7.0.15 also shows this: its first avg_ttl is always a multiple of 50).
        assertThat(ks.database(0).averageTtl()).isEqualTo(1000);
        ks.cron(10, 1, T0 + 49);
        // Next sample 1000: 1000 / 50 * 49 + 1000 / 50 = 1000.
        assertThat(ks.database(0).averageTtl()).isEqualTo(1000);
        ks.cron(10, 1, T0 + 549);
        // Sample 500: 980 + 10 = 990.
        assertThat(ks.database(0).averageTtl()).isEqualTo(990);
        // Keys without a TTL left, or an expired one only: no sample; no expiring key: 0.
        ks.cron(10, 1, T0 + 2000);
        assertThat(ks.database(0).size()).isZero();
        assertThat(ks.database(0).averageTtl()).isZero();
    }

    @Test
    void theAverageTtlOfManyKeysStaysWithinTheirRange() {
        long seed = Seeds.seed(5);
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            put(4, "k" + i, "v", T0 + 10_000 + random.nextInt(10_000));
        }
        for (int i = 0; i < 200; i++) {
            ks.cron(10, 1, T0);
        }
        assertThat(ks.database(4).averageTtl()).as(Seeds.describe(seed)).isBetween(10_000L, 20_000L);
        assertThat(ks.database(4).size()).isEqualTo(2000);
        ks.flush(4);
        assertThat(ks.database(4).averageTtl()).isZero();
    }

    @Test
    void randomExpiryTimesAndCyclesNeverLoseALiveKey() {
        long seed = Seeds.seed(23);
        String why = Seeds.describe(seed);
        Random random = new Random(seed);
        Map<String, Long> expireAt = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String key = "k" + i;
            long at = random.nextInt(5) == 0 ? -1 : T0 + random.nextInt(2000);
            put(0, key, "v", at);
            expireAt.put(key, at);
        }
        long now = T0;
        for (int step = 0; step < 400; step++) {
            now += random.nextInt(10);
            ks.cron(10, 1 + random.nextInt(10), now);
            if (random.nextInt(4) == 0) {
                // A client reads a random key: it must be there exactly when its time is not past.
                String key = "k" + random.nextInt(3000);
                ks.setCommandTime(now);
                long at = expireAt.get(key);
                boolean alive = at < 0 || at >= now;
                assertThat(read(0, key) != null).as("%s expiring at %d, now %d, %s", key, at, now, why).isEqualTo(alive);
            }
            for (Map.Entry<String, Long> e : expireAt.entrySet()) {
                long at = e.getValue();
                if (at < 0 || at >= now) {
                    assertThat(ks.database(0).find(b(e.getKey()))).as("live %s at %d, %s", e.getKey(), now, why).isNotNull();
                }
            }
        }
    }
}
