package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Coverage;
import dev.cinnabar.engine.testing.Seeds;
import dev.cinnabar.engine.value.HashValue.Condition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HashValue} against a plain java.util model: random sets (with and without keeping the
 * expire time), deletions, reads, field expire times (HEXPIRE's conditions, HPERSIST, lazy and
 * bounded removal of expired fields, as the clock moves on), random selections, scans, copies and
 * digests. Each seed builds many hashes with small, random thresholds, so hashes cross from
 * listpack (or listpackex) to hashtable often, then shrink again (a hashtable stays one).
 *
 * <p>After every step the value's structure is checked ({@link HashValue#validate}) and its whole
 * content is compared with the model: field, value and expire time of every field, the encoding
 * Redis would report, and for the listpack encodings the exact order Redis keeps (insertion order;
 * for listpackex, fields sorted by expire time, newest first among equal times, persistent ones
 * last).
 */
class HashValueModelTest {
    static LongStream seeds() {
        return Seeds.seeds(40);
    }

    private static final Coverage COVERAGE = new Coverage();

    /** The seeds together exercised what the runs are about, or they prove nothing. */
    @AfterAll
    static void theSeedsConvertedAndExpired() {
        COVERAGE.assertAverageAtLeast("conversions to hashtable", 4);
        COVERAGE.assertAverageAtLeast("expired fields removed", 1);
        COVERAGE.assertAverageAtLeast("listpackex hashes", 1);
    }

    private static final String[] FIELDS = {"a", "b", "c", "field", "f1", "f2", "", "1", "-1", "007", "42",
        "9223372036854775807", "12345678901234567890", "bin\u0000\u00ff", "x y", "long-field-name"};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void behavesLikeTheModel(long seed) {
        Run run = new Run(seed);
        for (int hash = 0; hash < 25; hash++) {
            run.oneHash();
        }
        COVERAGE.run();
        COVERAGE.add("conversions to hashtable", run.conversions);
        COVERAGE.add("expired fields removed", run.expiredRemoved);
        COVERAGE.add("listpackex hashes", run.tripletHashes);
    }

    private static final class Run {
        final long seed;
        final String why;
        final Random random;
        long now = 1_700_000_000_000L;
        int conversions;
        int expiredRemoved;
        int tripletHashes;
        int step;

        // The model of the current hash.
        HashValue hash;
        long maxEntries;
        long maxValue;
        String encoding;
        final Map<String, String> values = new HashMap<>();
        final Map<String, Long> ttls = new HashMap<>();
        /** Storage order while compact. */
        final List<String> order = new ArrayList<>();

        Run(long seed) {
            this.seed = seed;
            this.why = Seeds.describe(seed);
            this.random = new Random(seed);
        }

        void oneHash() {
            hash = new HashValue();
            values.clear();
            ttls.clear();
            order.clear();
            encoding = "listpack";
            maxEntries = new long[] {0, 1, 2, 3, 5, 8, 16, 128}[random.nextInt(8)];
            maxValue = new long[] {0, 2, 5, 10, 64}[random.nextInt(5)];
            int steps = 50 + random.nextInt(250);
            boolean sawTriplets = false;
            for (int i = 0; i < steps; i++) {
                step++;
                if (random.nextInt(4) == 0) {
                    now += random.nextInt(4);
                }
                oneStep();
                sawTriplets |= encoding.equals("listpackex");
                hash.validate();
                verify();
            }
            if (sawTriplets) {
                tripletHashes++;
            }
        }

        String field() {
            return random.nextInt(6) == 0 ? "g" + random.nextInt(40) : FIELDS[random.nextInt(FIELDS.length)];
        }

        String value() {
            return switch (random.nextInt(8)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> Integer.toString(random.nextInt(200) - 100);
                case 2 -> "v".repeat(random.nextInt(20));
                case 3 -> "";
                default -> "val" + random.nextInt(100);
            };
        }

        static byte[] b(String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }

        static String s(byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }

        boolean compact() {
            return !encoding.equals("hashtable");
        }

        void toHashtable() {
            if (compact()) {
                encoding = "hashtable";
                conversions++;
            }
        }

        /** Redis's listpackex placement: before the first field without TTL or with a TTL not earlier. */
        void placeSorted(String f) {
            order.remove(f);
            Long ttl = ttls.get(f);
            if (ttl == null || !encoding.equals("listpackex")) {
                order.add(f);
                return;
            }
            for (int i = 0; i < order.size(); i++) {
                Long t = ttls.get(order.get(i));
                if (t == null || t >= ttl) {
                    order.add(i, f);
                    return;
                }
            }
            order.add(f);
        }

        void removeField(String f) {
            values.remove(f);
            ttls.remove(f);
            order.remove(f);
        }

        void oneStep() {
            String f = field();
            byte[] fb = b(f);
            switch (random.nextInt(16)) {
                case 0, 1, 2, 3 -> set(f, value(), random.nextInt(4) == 0);
                case 4 -> {
                    boolean existed = values.containsKey(f);
                    assertThat(hash.delete(fb, 0, fb.length)).as("delete %s, %s", f, why).isEqualTo(existed);
                    removeField(f);
                }
                case 5 -> {
                    // A slice of a larger array must work like the array itself.
                    byte[] padded = b("<<" + f + ">>");
                    byte[] got = hash.get(padded, 2, fb.length);
                    assertThat(got == null ? null : s(got)).as("get %s, %s", f, why).isEqualTo(values.get(f));
                    assertThat(hash.contains(padded, 2, fb.length)).as("contains, %s", why).isEqualTo(values.containsKey(f));
                    int length = values.containsKey(f) ? b(values.get(f)).length : -1;
                    assertThat(hash.valueLength(fb, 0, fb.length)).as("value length, %s", why).isEqualTo(length);
                }
                case 6 -> {
                    hash.enableFieldTtls();
                    if (encoding.equals("listpack")) {
                        encoding = "listpackex";
                    }
                }
                case 7, 8 -> setExpire(f);
                case 9 -> persist(f);
                case 10 -> removeExpired(random.nextInt(3) == 0 ? 1 + random.nextInt(2) : Integer.MAX_VALUE);
                case 11 -> randomFields();
                case 12 -> scan();
                case 13 -> copyAndDigest();
                case 14 -> {
                    long expected = ttls.containsKey(f) ? ttls.get(f) : values.containsKey(f) ? -1 : -2;
                    long visible = expected;
                    if (expected >= 0 && (compact() ? expected <= now : expected < now)) {
                        visible = -2;
                    }
                    assertThat(hash.expireTime(fb, 0, fb.length)).as("expire time of %s, %s", f, why).isEqualTo(expected);
                    assertThat(hash.visibleExpireTime(fb, 0, fb.length, now)).as("visible, %s", why).isEqualTo(visible);
                }
                default -> {
                    long next = ttls.values().stream().mapToLong(Long::longValue).min().orElse(VolatileFields.NONE);
                    assertThat(hash.nextFieldExpiry()).as("next field expiry, %s", why).isEqualTo(next);
                }
            }
        }

        void set(String f, String v, boolean keepTtl) {
            boolean existed = values.containsKey(f);
            if (compact() && (b(f).length > maxValue || b(v).length > maxValue)) {
                toHashtable();
            }
            boolean added;
            if (random.nextBoolean()) {
                added = hash.set(b(f), b(v), maxEntries, maxValue, keepTtl);
            } else {
                // Slices of larger arrays, as a command's arguments are; the arrays are reused after.
                byte[] fb = b("##" + f + "##");
                byte[] vb = b("$" + v);
                added = hash.set(fb, 2, b(f).length, vb, 1, b(v).length, maxEntries, maxValue, keepTtl);
                Arrays.fill(fb, (byte) '!');
                Arrays.fill(vb, (byte) '?');
            }
            assertThat(added).as("set %s at step %d, %s", f, step, why).isEqualTo(!existed);
            values.put(f, v);
            if (!existed) {
                order.add(f);
            } else if (!keepTtl && ttls.remove(f) != null) {
                placeSorted(f);
            }
            if (values.size() > maxEntries) {
                toHashtable();
            }
        }

        void setExpire(String f) {
            hash.enableFieldTtls();
            if (encoding.equals("listpack")) {
                encoding = "listpackex";
            }
            Condition condition = Condition.values()[random.nextInt(Condition.values().length)];
            long when = now + random.nextInt(40) - 5;
            int expected;
            Long current = ttls.get(f);
            if (!values.containsKey(f)) {
                expected = HashValue.EXPIRE_NO_FIELD;
            } else if (current == null ? condition == Condition.XX || condition == Condition.GT
                    : condition == Condition.NX || (condition == Condition.GT && current >= when)
                    || (condition == Condition.LT && current <= when)) {
                expected = HashValue.EXPIRE_NOT_MET;
            } else if (when <= now) {
                expected = HashValue.EXPIRE_DELETED;
            } else {
                expected = HashValue.EXPIRE_SET;
            }
            byte[] fb = b(f);
            int got = hash.setExpire(fb, 0, fb.length, when, condition, now);
            assertThat(got).as("setExpire %s %s %d (now %d) step %d, %s", f, condition, when, now, step, why)
                    .isEqualTo(expected);
            if (expected == HashValue.EXPIRE_DELETED) {
                removeField(f);
            } else if (expected == HashValue.EXPIRE_SET) {
                ttls.put(f, when);
                placeSorted(f);
            }
        }

        void persist(String f) {
            Long current = ttls.get(f);
            int expected = !values.containsKey(f) ? -2 : current == null ? -1 : current < now ? -2 : 1;
            byte[] fb = b(f);
            assertThat(hash.persist(fb, 0, fb.length, now)).as("persist %s, %s", f, why).isEqualTo(expected);
            if (expected == 1) {
                ttls.remove(f);
                placeSorted(f);
            }
        }

        void removeExpired(int max) {
            List<String> expired = new ArrayList<>();
            for (Map.Entry<String, Long> e : ttls.entrySet()) {
                if (e.getValue() < now) {
                    expired.add(e.getKey());
                }
            }
            int removed = hash.removeExpiredFields(now, max);
            assertThat(removed).as("expired removed, %s", why).isEqualTo(Math.min(max, expired.size()));
            long latestRemoved = Long.MIN_VALUE;
            long earliestKept = Long.MAX_VALUE;
            for (String f : expired) {
                byte[] fb = b(f);
                if (hash.contains(fb, 0, fb.length)) {
                    earliestKept = Math.min(earliestKept, ttls.get(f));
                } else {
                    latestRemoved = Math.max(latestRemoved, ttls.get(f));
                    removeField(f);
                }
            }
            assertThat(latestRemoved).as("earliest expired fields go first, %s", why).isLessThanOrEqualTo(earliestKept);
            expiredRemoved += removed;
        }

        void randomFields() {
            if (values.isEmpty()) {
                return;
            }
            boolean distinct = random.nextBoolean();
            long count = 1 + random.nextInt(values.size() + 3);
            List<String> got = new ArrayList<>();
            hash.randomFields(count, distinct, random, (f, v) -> {
                assertThat(values.get(s(f))).as("random pair is a pair, %s", why).isEqualTo(s(v));
                got.add(s(f));
                return true;
            });
            if (distinct) {
                assertThat(got).as("distinct random fields, %s", why).doesNotHaveDuplicates()
                        .hasSize((int) Math.min(count, values.size()));
            } else {
                assertThat(got).as("random fields with repeats, %s", why).hasSize((int) count);
            }
            // The walk stops when the visitor says so.
            int[] calls = {0};
            hash.randomFields(count, distinct, random, (f, v) -> ++calls[0] < 1);
            assertThat(calls[0]).isEqualTo(1);
        }

        void scan() {
            Map<String, String> seen = new HashMap<>();
            long cursor = 0;
            int calls = 0;
            do {
                cursor = hash.scan(cursor, (f, v) -> {
                    seen.put(s(f), s(v));
                    return true;
                });
                assertThat(++calls).as("scan terminates, %s", why).isLessThan(100_000);
            } while (cursor != 0);
            assertThat(seen).as("scan sees everything, %s", why).isEqualTo(values);
            if (compact()) {
                assertThat(calls).as("a listpack scan is one call, %s", why).isEqualTo(1);
            }
        }

        void copyAndDigest() {
            HashValue copy = hash.duplicate();
            copy.validate();
            assertThat(copy.encoding()).isEqualTo(hash.encoding());
            assertThat(contents(copy)).isEqualTo(contents(hash));
            ValueDigest digest = new ValueDigest();
            byte[] a = new byte[20];
            byte[] b = new byte[20];
            hash.digest(digest, a);
            // The same pairs inserted in another order give the same digest (pairs are xored).
            HashValue other = new HashValue();
            List<String> fields = new ArrayList<>(values.keySet());
            java.util.Collections.shuffle(fields, random);
            for (String f : fields) {
                other.set(b(f), b(values.get(f)), 1000, 1000, false);
            }
            other.digest(digest, b);
            assertThat(b).as("digest, %s", why).isEqualTo(a);
            // The copy is independent.
            copy.set(b("only-in-copy"), b("1"), maxEntries, maxValue, false);
            assertThat(hash.contains(b("only-in-copy"), 0, 12)).isFalse();
        }

        static Map<String, String> contents(HashValue h) {
            Map<String, String> out = new LinkedHashMap<>();
            h.forEach((f, v) -> {
                out.put(s(f), s(v));
                return true;
            });
            return out;
        }

        void verify() {
            assertThat(hash.encoding()).as("encoding at step %d, %s", step, why).isEqualTo(encoding);
            assertThat(hash.size()).as("size at step %d, %s", step, why).isEqualTo(values.size());
            Map<String, String> got = contents(hash);
            assertThat(got).as("contents at step %d, %s", step, why).isEqualTo(values);
            if (compact()) {
                assertThat(new ArrayList<>(got.keySet())).as("order at step %d, %s", step, why).isEqualTo(order);
            }
            Set<String> withTtl = new HashSet<>();
            for (String f : values.keySet()) {
                byte[] fb = b(f);
                long t = hash.expireTime(fb, 0, fb.length);
                if (t >= 0) {
                    withTtl.add(f);
                    assertThat(t).as("expire time of %s, %s", f, why).isEqualTo(ttls.get(f));
                }
            }
            assertThat(withTtl).as("fields with expire times, %s", why).isEqualTo(ttls.keySet());
        }
    }
}
