package dev.cinnabar.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link Dict}: the documented behaviour case by case (the properties are in DictPropertyTest). */
class DictTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A dict of {@code n} keys "k0".."k(n-1)" with their rehash finished. */
    private static Dict filled(int n) {
        Dict d = new Dict();
        for (int i = 0; i < n; i++) {
            d.addAbsent(b("k" + i), i);
        }
        while (d.rehash(1000)) {
            // finish
        }
        return d;
    }

    /** Adds keys until a rehash (a grow) starts, and returns the dict in that state. */
    private static Dict midGrow(int atLeast) {
        Dict d = new Dict();
        int i = 0;
        while (d.size() < atLeast || !d.isRehashing()) {
            d.addAbsent(b("g" + i++), i);
            if (d.size() < atLeast && d.isRehashing()) {
                d.rehash(Integer.MAX_VALUE);
            }
        }
        return d;
    }

    private static Set<String> scanAll(Dict d, List<Long> cursors) {
        Set<String> keys = new HashSet<>();
        long cursor = 0;
        do {
            cursor = d.scan(cursor, e -> assertThat(keys.add(s(e.key()))).as("returned twice: %s", s(e.key())).isTrue());
            cursors.add(cursor);
        } while (cursor != 0);
        return keys;
    }

    @Test
    void anEmptyDictHasNothingAndNoBuckets() {
        Dict d = new Dict();
        assertThat(d.size()).isZero();
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.buckets()).isZero();
        assertThat(d.isRehashing()).isFalse();
        assertThat(d.find(b("x"))).isNull();
        assertThat(d.remove(b("x"))).isNull();
        assertThat(d.randomEntry(new Random(1))).isNull();
        assertThat(d.sample(new Dict.Entry[4], 4, new Random(1))).isZero();
        assertThat(d.scan(0, e -> { throw new AssertionError("visited"); })).isZero();
        assertThat(d.shrinkIfNeeded()).isFalse();
        assertThat(d.rehash(10)).isFalse();
        d.forEach(e -> { throw new AssertionError("visited"); });
    }

    @Test
    void theFirstKeyAllocatesFourBucketsAndTheFifthStartsAGrowToEight() {
        Dict d = new Dict();
        d.addAbsent(b("a"), 1);
        assertThat(d.buckets()).isEqualTo(Dict.INITIAL_SIZE);
        for (String k : List.of("b", "c", "d")) {
            d.addAbsent(b(k), k);
        }
        assertThat(d.isRehashing()).isFalse();
        assertThat(d.buckets()).isEqualTo(4);
        d.addAbsent(b("e"), 5);
        assertThat(d.isRehashing()).isTrue();
        assertThat(d.buckets()).isEqualTo(4 + 8);
        while (d.rehash(1)) {
            // one bucket at a time
        }
        assertThat(d.buckets()).isEqualTo(8);
        assertThat(d.size()).isEqualTo(5);
        for (String k : List.of("a", "b", "c", "d", "e")) {
            assertThat(d.find(b(k))).as(k).isNotNull();
        }
    }

    @Test
    void growsToThePowerOfTwoAboveItsSizeAsRedisDoes() {
        // Redis expands to used+1 rounded up to a power of two when used reaches the size.
        Dict d = filled(8);
        assertThat(d.buckets()).isEqualTo(8);
        d.addAbsent(b("x"), 0);
        assertThat(d.isRehashing()).isTrue();
        assertThat(d.buckets()).isEqualTo(8 + 16);
        assertThat(filled(1000).buckets()).isEqualTo(1024);
        assertThat(filled(1025).buckets()).isEqualTo(2048);
    }

    @Test
    void putAddsOrReplacesAndReturnsTheEntry() {
        Dict d = new Dict();
        Dict.Entry first = d.put(b("k"), "v1");
        assertThat(first.value()).isEqualTo("v1");
        Dict.Entry second = d.put(b("k"), "v2");
        assertThat(second).isSameAs(first);
        assertThat(d.size()).isOne();
        assertThat(d.find(b("k")).value()).isEqualTo("v2");
        second.setValue("v3");
        assertThat(d.find(b("k")).value()).isEqualTo("v3");
    }

    @Test
    void keysAreBinarySafeAndFoundWithinLargerBuffers() {
        Dict d = new Dict();
        byte[][] keys = {b(""), {0}, {0, 0}, {(byte) 0xff}, b("abc"), b("abc\0"), b("abcdefgh"), b("abcdefghi"),
            b("abcdefgh\0"), {(byte) 0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}};
        for (int i = 0; i < keys.length; i++) {
            d.addAbsent(keys[i], i);
        }
        assertThat(d.size()).isEqualTo(keys.length);
        for (int i = 0; i < keys.length; i++) {
            byte[] buffer = new byte[keys[i].length + 7];
            java.util.Arrays.fill(buffer, (byte) 'z');
            System.arraycopy(keys[i], 0, buffer, 3, keys[i].length);
            assertThat(d.find(buffer, 3, keys[i].length).value()).as("key %d", i).isEqualTo(i);
            assertThat(d.find(buffer, 3, keys[i].length, ByteHashing.hash(buffer, 3, keys[i].length)).value()).isEqualTo(i);
        }
        assertThat(d.find(b("ab"))).isNull();
        assertThat(d.find(b("abc\0\0"))).isNull();
        byte[] buffer = b("__abc__");
        assertThat(d.remove(buffer, 2, 3).value()).isEqualTo(4);
        assertThat(d.find(b("abc"))).isNull();
        assertThat(d.find(b("abc\0")).value()).isEqualTo(5);
    }

    @Test
    void theKeyArrayIsKeptAndItsHashCached() {
        Dict d = new Dict();
        byte[] key = b("some key");
        Dict.Entry e = d.addAbsent(key, 1);
        assertThat(e.key()).isSameAs(key);
        assertThat(e.hash()).isEqualTo(ByteHashing.hash(key));
        assertThat(ByteHashing.hash(b("__some key__"), 2, 8)).isEqualTo(ByteHashing.hash(key));
    }

    @Test
    void removeFindsKeysInBothArraysWhileRehashing() {
        Dict d = midGrow(64);
        assertThat(d.isRehashing()).isTrue();
        long size = d.size();
        // Keys already moved to the new array and keys still in the old one are all removable.
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < size; i += 3) {
            Dict.Entry e = d.remove(b("g" + i));
            assertThat(e).as("g%d", i).isNotNull();
            assertThat(s(e.key())).isEqualTo("g" + i);
            removed.add("g" + i);
        }
        assertThat(d.size()).isEqualTo(size - removed.size());
        for (int i = 0; i < size; i++) {
            assertThat(d.find(b("g" + i)) == null).as("g%d", i).isEqualTo(i % 3 == 0);
        }
        assertThat(d.remove(b("g0"))).isNull();
    }

    @Test
    void everyOperationMovesABucketAndTheRehashEnds() {
        Dict d = midGrow(200);
        long buckets = d.buckets();
        int operations = 0;
        while (d.isRehashing()) {
            d.find(b("absent"));
            operations++;
            assertThat(operations).isLessThan(10_000);
        }
        assertThat(d.buckets()).isLessThan(buckets);
        assertThat(d.size()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void shrinksWhenLessThanTenPercentFull() {
        Dict d = filled(100);
        assertThat(d.buckets()).isEqualTo(128);
        assertThat(d.shrinkIfNeeded()).isFalse();
        for (int i = 0; i < 87; i++) {
            d.remove(b("k" + i));
        }
        // 13 keys in 128 buckets: 10% full, not less.
        assertThat(d.shrinkIfNeeded()).isFalse();
        d.remove(b("k87"));
        assertThat(d.shrinkIfNeeded()).isTrue();
        assertThat(d.isRehashing()).isTrue();
        assertThat(d.shrinkIfNeeded()).as("already rehashing").isFalse();
        assertThat(d.buckets()).isEqualTo(128 + 16);
        while (d.rehash(1)) {
            // move
        }
        assertThat(d.buckets()).isEqualTo(16);
        for (int i = 88; i < 100; i++) {
            assertThat(d.find(b("k" + i)).value()).isEqualTo(i);
        }
    }

    @Test
    void shrinksAnEmptiedTableToTheInitialSizeButNoFurther() {
        Dict d = filled(40);
        for (int i = 0; i < 40; i++) {
            d.remove(b("k" + i));
        }
        assertThat(d.shrinkIfNeeded()).isTrue();
        d.rehash(Integer.MAX_VALUE);
        assertThat(d.buckets()).isEqualTo(Dict.INITIAL_SIZE);
        assertThat(d.shrinkIfNeeded()).isFalse();
        d.addAbsent(b("again"), 1);
        assertThat(d.find(b("again")).value()).isEqualTo(1);
    }

    @Test
    void clearForgetsEverythingEvenMidRehash() {
        Dict d = midGrow(100);
        d.clear();
        assertThat(d.size()).isZero();
        assertThat(d.isRehashing()).isFalse();
        assertThat(d.buckets()).isZero();
        assertThat(d.find(b("g1"))).isNull();
        d.addAbsent(b("g1"), "new");
        assertThat(d.find(b("g1")).value()).isEqualTo("new");
        assertThat(d.size()).isOne();
    }

    @Test
    void rehashMovesAtMostTheGivenNumberOfBucketsAndReportsWhetherItContinues() {
        Dict d = midGrow(1000);
        assertThat(d.rehash(1)).isTrue();
        assertThat(d.isRehashing()).isTrue();
        d.rehashFor(1000);
        assertThat(d.isRehashing()).isFalse();
        assertThat(d.rehash(1)).isFalse();
    }

    @Test
    void theScanCursorCountsInReversedBitOrder() {
        // 8 buckets: the cursors are 0, 4, 2, 6, 1, 5, 3, 7, then 0 again (the scan is over).
        Dict d = filled(8);
        assertThat(d.buckets()).isEqualTo(8);
        List<Long> cursors = new ArrayList<>();
        Set<String> keys = scanAll(d, cursors);
        assertThat(cursors).containsExactly(4L, 2L, 6L, 1L, 5L, 3L, 7L, 0L);
        assertThat(keys).hasSize(8);
    }

    @Test
    void aScanWhileRehashingWalksTheLargerTablesCursorsAndReturnsEachKeyOnce() {
        Dict d = midGrow(32); // 32 keys in 32 buckets, the 33rd started a grow to 64
        assertThat(d.isRehashing()).isTrue();
        assertThat(d.buckets()).isEqualTo(32 + 64);
        d.rehash(5);
        List<Long> cursors = new ArrayList<>();
        Set<String> keys = scanAll(d, cursors);
        assertThat(keys).hasSize((int) d.size());
        // One call per bucket of the smaller table; each covers that bucket's two buckets in the larger one.
        assertThat(cursors).hasSize(32);
        assertThat(d.isRehashing()).as("a scan does not move buckets").isTrue();
    }

    @Test
    void aScanVisitorMayDeleteTheEntryItIsGiven() {
        Dict d = midGrow(300);
        long size = d.size();
        long[] visited = {0};
        long cursor = 0;
        do {
            cursor = d.scan(cursor, e -> {
                visited[0]++;
                assertThat(d.remove(e.key())).isSameAs(e);
            });
        } while (cursor != 0);
        assertThat(visited[0]).isEqualTo(size);
        assertThat(d.size()).isZero();
    }

    @Test
    void forEachVisitsEveryEntryOnceAndMovesNothing() {
        Dict d = midGrow(500);
        d.rehash(3);
        long buckets = d.buckets();
        Map<String, Integer> counts = new HashMap<>();
        d.forEach(e -> counts.merge(s(e.key()), 1, Integer::sum));
        assertThat(counts).hasSize((int) d.size());
        assertThat(counts.values()).containsOnly(1);
        assertThat(d.buckets()).isEqualTo(buckets);
        assertThat(d.isRehashing()).isTrue();
    }

    @Test
    void randomEntryReachesEveryKeyInBothArrays() {
        long seed = Seeds.seed(42);
        for (Dict d : List.of(filled(10), midGrow(16))) {
            Set<String> seen = new HashSet<>();
            Random random = new Random(seed);
            for (int i = 0; i < 20_000 && seen.size() < d.size(); i++) {
                Dict.Entry e = d.randomEntry(random);
                assertThat(d.find(e.key())).isSameAs(e);
                seen.add(s(e.key()));
            }
            assertThat(seen).as(Seeds.describe(seed)).hasSize((int) d.size());
        }
    }

    @Test
    void sampleReturnsDistinctPresentEntries() {
        long seed = Seeds.seed(7);
        String why = Seeds.describe(seed);
        Random random = new Random(seed);
        long total = 0;
        for (int n : new int[] {1, 2, 3, 5, 16, 100, 1000}) {
            for (Dict d : List.of(filled(n), midGrow(n))) {
                for (int count : new int[] {1, 3, 16, 50, 2000}) {
                    Dict.Entry[] out = new Dict.Entry[count];
                    int found = d.sample(out, count, random);
                    // May find fewer (it gives up after 10 * count buckets), never more than there are.
                    assertThat(found).as("n=%d count=%d, %s", n, count, why).isBetween(0, (int) Math.min(count, d.size()));
                    total += found;
                    Set<Dict.Entry> distinct = new HashSet<>();
                    for (int i = 0; i < found; i++) {
                        assertThat(d.find(out[i].key())).isSameAs(out[i]);
                        assertThat(distinct.add(out[i])).as("n=%d count=%d: %s twice, %s", n, count, s(out[i].key()), why).isTrue();
                    }
                }
            }
        }
        assertThat(total).isPositive();
    }

    @Test
    void nextPowerOfTwoStartsAtTheInitialSizeAndIsCapped() {
        assertThat(Dict.nextPowerOfTwo(0)).isEqualTo(4);
        assertThat(Dict.nextPowerOfTwo(4)).isEqualTo(4);
        assertThat(Dict.nextPowerOfTwo(5)).isEqualTo(8);
        assertThat(Dict.nextPowerOfTwo(1 << 20)).isEqualTo(1 << 20);
        assertThat(Dict.nextPowerOfTwo((1 << 20) + 1)).isEqualTo(1 << 21);
        assertThat(Dict.nextPowerOfTwo(Long.MAX_VALUE)).isEqualTo(1 << 30);
    }
}
