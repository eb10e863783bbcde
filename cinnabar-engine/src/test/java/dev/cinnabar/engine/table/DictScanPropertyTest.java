package dev.cinnabar.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCAN's guarantee (Redis's dictScan, reproduced by {@link Dict#scan}): a full scan, from cursor 0
 * until the cursor comes back to 0, returns every key that was present for the whole scan at least
 * once, however keys are added and removed between the calls and however the table grows, shrinks
 * and rehashes in the meantime. Keys removed (or added) during the scan may or may not be returned,
 * but nothing is returned that is not in the table at that moment. With no changes at all, a full
 * scan returns each key exactly once.
 */
class DictScanPropertyTest {
    static LongStream seeds() {
        return Seeds.seeds(300);
    }

    private static byte[] key(String prefix, int n) {
        return (prefix + n).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyKeyPresentForTheWholeScanIsReturnedDespiteChangesAndResizes(long seed) {
        String why = Seeds.describe(seed);
        Random random = new Random(seed);
        Dict dict = new Dict();
        KeyModel model = new KeyModel();
        int initial = switch (random.nextInt(6)) {
            case 0 -> 1 + random.nextInt(4);
            case 1 -> 5 + random.nextInt(30);
            case 2 -> 30 + random.nextInt(300);
            case 3 -> 300 + random.nextInt(3000);
            default -> random.nextInt(100);
        };
        int counter = 0;
        for (int i = 0; i < initial; i++) {
            byte[] k = key("s", counter++);
            dict.addAbsent(k, k);
            model.put(k, k);
        }
        if (random.nextBoolean()) {
            dict.rehash(Integer.MAX_VALUE);
        }
        // Present for the whole scan: the initial keys, minus those removed at any point.
        Set<ByteBuffer> stable = new HashSet<>(model.asMap().keySet());
        Set<ByteBuffer> returned = new HashSet<>();
        String[] phase = {"start"};
        int calls = 0;
        // A few more bursts of insertions or deletions, spread over the scan.
        int bursts = random.nextInt(5);
        long cursor = 0;
        do {
            int call = calls;
            cursor = dict.scan(cursor, e -> {
                if (!model.contains(e.key())) {
                    throw new AssertionError("call " + call + " returned " + new String(e.key(),
                            java.nio.charset.StandardCharsets.ISO_8859_1) + ", not in the table, " + why);
                }
                returned.add(ByteBuffer.wrap(e.key()));
            });
            calls++;
            assertThat(calls).as("the scan must end, %s", why).isLessThan(1 << 22);
            if (cursor == 0) {
                break;
            }
            long buckets = dict.buckets();
            // Between calls: a forced grow, then a forced shrink, then random changes.
            if (calls == 1) {
                phase[0] = "grow";
                // Enough new keys for the table to grow at least 16-fold, so that it can shrink later.
                int add = 16 * Math.max(model.size(), 4) + random.nextInt(64);
                for (int i = 0; i < add; i++) {
                    byte[] k = key("t", counter++);
                    dict.addAbsent(k, k);
                    model.put(k, k);
                }
                if (random.nextBoolean()) {
                    dict.rehash(Integer.MAX_VALUE);
                }
                assertThat(dict.buckets()).as("the table grows, %s", why).isGreaterThan(buckets);
            } else if (calls == 2) {
                phase[0] = "shrink";
                // Remove the temporary keys and a few of the stable ones; then the table is under 10% full.
                List<byte[]> present = new ArrayList<>();
                dict.forEach(e -> present.add(e.key()));
                for (byte[] k : present) {
                    if (k[0] == 't' || random.nextInt(20) == 0) {
                        remove(dict, model, stable, k);
                    }
                }
                dict.rehash(Integer.MAX_VALUE);
                assertThat(dict.shrinkIfNeeded()).as("the table shrinks, %s", why).isTrue();
                if (random.nextBoolean()) {
                    dict.rehash(random.nextInt(8));
                }
            } else {
                phase[0] = "random";
                boolean burst = bursts > 0 && random.nextInt(Math.max(1, (int) (dict.buckets() / 8))) == 0;
                if (burst) {
                    bursts--;
                }
                counter = randomChanges(random, dict, model, stable, counter, burst);
            }
            assertThat(dict.size()).as(why).isEqualTo(model.size());
        } while (true);

        Set<ByteBuffer> missing = new HashSet<>(stable);
        missing.removeAll(returned);
        assertThat(missing).as("keys present for the whole scan but not returned (%d calls, last phase %s), %s",
                calls, phase[0], why).isEmpty();
        if (initial > 0) {
            // A table has at least 4 buckets, so the scan goes on after the first and second calls:
            // the forced grow and shrink (asserted above) both happened during the scan.
            assertThat(calls).as(why).isGreaterThan(2);
        }
    }

    private static void remove(Dict dict, KeyModel model, Set<ByteBuffer> stable, byte[] key) {
        assertThat(dict.remove(key)).isNotNull();
        model.remove(key);
        stable.remove(ByteBuffer.wrap(key));
    }

    /** A few random changes between two calls of a scan. */
    private static int randomChanges(Random random, Dict dict, KeyModel model, Set<ByteBuffer> stable, int counter,
                                     boolean burst) {
        int kind = burst ? 85 + random.nextInt(15) : random.nextInt(85);
        if (kind < 30) {
            return counter; // no change
        }
        if (kind < 75) {
            for (int n = random.nextInt(4); n > 0; n--) {
                byte[] k = key("a", counter++);
                dict.addAbsent(k, k);
                model.put(k, k);
            }
            for (int n = random.nextInt(3); n > 0 && model.size() > 0; n--) {
                remove(dict, model, stable, model.randomKey(random));
            }
            if (random.nextBoolean()) {
                dict.find(key("nothing", 0)); // a lookup also moves a bucket
            }
        } else if (kind < 85) {
            dict.rehash(1 + random.nextInt(16));
        } else if (kind < 92) {
            // A burst of insertions: the table grows (and may be left mid-rehash).
            int add = Math.min(model.size(), 20_000) + 8 + random.nextInt(64);
            for (int i = 0; i < add; i++) {
                byte[] k = key("b", counter++);
                dict.addAbsent(k, k);
                model.put(k, k);
            }
        } else {
            // A burst of deletions of keys added during the scan, then a shrink when possible.
            List<byte[]> present = new ArrayList<>();
            dict.forEach(e -> present.add(e.key()));
            for (byte[] k : present) {
                if (k[0] != 's' && random.nextInt(10) > 0) {
                    remove(dict, model, stable, k);
                }
            }
            if (random.nextBoolean()) {
                dict.rehash(Integer.MAX_VALUE);
            }
            dict.shrinkIfNeeded();
        }
        return counter;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withoutChangesAFullScanReturnsEachKeyExactlyOnce(long seed) {
        String why = Seeds.describe(seed);
        Random random = new Random(seed);
        Dict dict = new Dict();
        int n = random.nextInt(random.nextBoolean() ? 40 : 4000);
        for (int i = 0; i < n; i++) {
            byte[] k = new byte[random.nextInt(12)];
            random.nextBytes(k);
            if (dict.find(k) == null) {
                dict.addAbsent(k, k);
            }
        }
        int mode = random.nextInt(3);
        if (mode == 0) {
            dict.rehash(Integer.MAX_VALUE);
        } else if (mode == 1 && dict.size() > 0) {
            // Mid-shrink: delete most keys, finish any grow, start a shrink and move a few buckets.
            List<byte[]> present = new ArrayList<>();
            dict.forEach(e -> present.add(e.key()));
            for (int i = 0; i < present.size() * 19 / 20; i++) {
                dict.remove(present.get(i));
            }
            dict.rehash(Integer.MAX_VALUE);
            dict.shrinkIfNeeded();
            dict.rehash(random.nextInt(3));
        } // else: as left by the insertions, possibly mid-grow
        boolean rehashing = dict.isRehashing();
        long buckets = dict.buckets();
        Map<ByteBuffer, Integer> counts = new HashMap<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = dict.scan(cursor, e -> counts.merge(ByteBuffer.wrap(e.key()), 1, Integer::sum));
            calls++;
        } while (cursor != 0);
        assertThat(dict.isRehashing()).as("a scan moves no bucket, %s", why).isEqualTo(rehashing);
        assertThat(dict.buckets()).as(why).isEqualTo(buckets);
        assertThat((long) counts.size()).as("keys returned, %s", why).isEqualTo(dict.size());
        assertThat(counts.values()).as("each key once, %s", why).allMatch(c -> c == 1);
        if (dict.size() > 0) {
            // One call per bucket; while rehashing, one per bucket of the smaller array.
            long expectedCalls = rehashing ? Long.lowestOneBit(buckets) : buckets;
            assertThat((long) calls).as("calls, %s", why).isEqualTo(expectedCalls);
        }
    }
}
