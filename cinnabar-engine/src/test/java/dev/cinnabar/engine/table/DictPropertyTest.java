package dev.cinnabar.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Coverage;
import dev.cinnabar.engine.testing.Seeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Dict} against a HashMap model: random sequences of insertions, replacements, deletions,
 * lookups (hits and misses, whole arrays and slices), clears, shrinks and rehash steps, in phases
 * that grow the table to a target size and empty it again, so that every seed goes through many
 * grow and shrink rehashes with operations in the middle of them. After every step the size and
 * the touched keys agree with the model; the whole contents (each key exactly once, with its value
 * and cached hash) are compared after every step while the table is small and every few steps
 * when it is large (and at the end). Random entries and samples must be present entries.
 */
class DictPropertyTest {
    private static final int[] LARGE_TARGETS = {120, 500, 2000};
    private static final int[] SMALL_TARGETS = {0, 1, 4, 9, 30};

    static LongStream seeds() {
        return Seeds.seeds(30);
    }

    private static final Coverage COVERAGE = new Coverage();

    /** The seeds together exercised what the runs are about, or they prove nothing. */
    @AfterAll
    static void theSeedsRehashedBothWays() {
        COVERAGE.assertAverageAtLeast("grow rehashes", 3);
        COVERAGE.assertAverageAtLeast("shrink rehashes", 2);
        COVERAGE.assertAverageAtLeast("operations mid-rehash", 101);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void behavesLikeAHashMapThroughGrowAndShrinkCycles(long seed) {
        Run run = new Run(seed);
        run.run();
        COVERAGE.run();
        COVERAGE.add("grow rehashes", run.grows);
        COVERAGE.add("shrink rehashes", run.shrinks);
        COVERAGE.add("operations mid-rehash", run.operationsWhileRehashing);
    }

    /** A value: a distinct object per insertion, with a mark for the contents check. */
    private static final class Value {
        int stamp;
    }

    private static final class Run {
        final long seed;
        final String why;
        final Random random;
        final Dict dict = new Dict();
        final KeyModel model = new KeyModel();
        int grows;
        int shrinks;
        int operationsWhileRehashing;
        int step;
        int verifications;

        Run(long seed) {
            this.seed = seed;
            this.why = Seeds.describe(seed);
            this.random = new Random(seed);
        }

        void run() {
            int phases = 14;
            for (int phase = 0; phase < phases; phase++) {
                // Alternate growing to a large target and falling back to a small one.
                int target = phase % 2 == 0 ? LARGE_TARGETS[random.nextInt(LARGE_TARGETS.length)]
                        : SMALL_TARGETS[random.nextInt(SMALL_TARGETS.length)];
                int universe = Math.max(8, target * (1 + random.nextInt(3)));
                int steps = 300 + Math.abs(target - model.size()) * 3;
                for (int i = 0; i < steps; i++) {
                    step++;
                    oneStep(target, universe);
                }
            }
            verifyContents();
        }

        private String at() {
            return "step " + step + ", " + why;
        }

        void oneStep(int target, int universe) {
            boolean wasRehashing = dict.isRehashing();
            long bucketsBefore = dict.buckets();
            boolean growing = model.size() < target;
            // Weights: insert, put, remove, then lookups and the rest (see below); a growing phase
            // mostly inserts, a shrinking one mostly removes.
            int op = random.nextInt(100);
            int insertEnd = growing ? 40 : 6;
            int putEnd = growing ? 50 : 12;
            int removeEnd = growing ? 58 : 72;
            byte[] touched = null;
            if (op < insertEnd) {
                touched = model.absentKey(random, universe);
                insertAbsent(touched);
            } else if (op < putEnd) {
                touched = KeyModel.randomKey(random, universe);
                Object value = new Value();
                Dict.Entry e = dict.put(touched, value);
                assertThat(e.key()).as(at()).isEqualTo(touched);
                assertThat(e.value()).as(at()).isSameAs(value);
                model.put(touched, value);
            } else if (op < removeEnd) {
                touched = model.size() > 0 && random.nextInt(8) > 0 ? model.randomKey(random)
                        : KeyModel.randomKey(random, universe);
                remove(touched);
            } else if (op < 88) {
                touched = random.nextBoolean() && model.size() > 0 ? model.randomKey(random)
                        : KeyModel.randomKey(random, universe);
                lookup(touched);
            } else if (op < 90) {
                if (model.size() > 0) {
                    touched = model.randomKey(random);
                    Object value = new Value();
                    Dict.Entry e = dict.find(touched);
                    assertThat(e).as("lookup of a present key, %s", at()).isNotNull();
                    e.setValue(value);
                    model.put(touched, value);
                }
            } else if (op < 93) {
                dict.shrinkIfNeeded();
            } else if (op < 95) {
                if (random.nextBoolean()) {
                    dict.rehashStep();
                } else {
                    dict.rehash(1 + random.nextInt(random.nextBoolean() ? 4 : 64));
                }
            } else if (op < 97) {
                Dict.Entry e = dict.randomEntry(random);
                if (model.size() == 0) {
                    assertThat(e).as(at()).isNull();
                } else {
                    assertThat(e).as(at()).isNotNull();
                    assertThat(model.get(e.key())).as("random entry is present, %s", at()).isSameAs(e.value());
                }
            } else if (op < 99) {
                sample();
            } else if (random.nextInt(400) == 0) {
                dict.clear();
                model.clear();
            } else {
                verifyContents();
            }
            if (!wasRehashing && dict.isRehashing()) {
                long added = dict.buckets() - bucketsBefore;
                if (added > bucketsBefore) {
                    grows++;
                } else {
                    shrinks++;
                }
                assertThat(Long.bitCount(added)).as("new array size %d, %s", added, at()).isOne();
            }
            if (wasRehashing) {
                operationsWhileRehashing++;
            }
            assertThat(dict.size()).as("size, %s", at()).isEqualTo(model.size());
            assertThat(dict.isEmpty()).as(at()).isEqualTo(model.size() == 0);
            if (!dict.isRehashing() && dict.buckets() != 0) {
                assertThat(Long.bitCount(dict.buckets())).as("buckets %d, %s", dict.buckets(), at()).isOne();
                assertThat(dict.buckets()).as(at()).isGreaterThanOrEqualTo(Dict.INITIAL_SIZE);
            }
            if (touched != null) {
                lookup(touched);
            }
            if (model.size() <= 64 || step % 128 == 0) {
                verifyContents();
            }
        }

        void insertAbsent(byte[] key) {
            Object value = new Value();
            Dict.Entry e;
            if (random.nextBoolean()) {
                e = dict.addAbsent(key, value);
            } else {
                e = dict.addAbsent(key, ByteHashing.hash(key), value);
            }
            assertThat(e.key()).as(at()).isSameAs(key);
            assertThat(e.value()).as(at()).isSameAs(value);
            model.put(key, value);
        }

        void remove(byte[] key) {
            boolean present = model.contains(key);
            Object expected = model.get(key);
            Dict.Entry e;
            if (random.nextBoolean()) {
                e = dict.remove(key);
            } else {
                byte[] buffer = embed(key);
                e = dict.remove(buffer, 3, key.length);
            }
            if (present) {
                assertThat(e).as("remove of a present key, %s", at()).isNotNull();
                assertThat(e.key()).as(at()).isEqualTo(key);
                assertThat(e.value()).as(at()).isSameAs(expected);
                model.remove(key);
            } else {
                assertThat(e).as("remove of an absent key, %s", at()).isNull();
            }
        }

        void lookup(byte[] key) {
            Object expected = model.get(key);
            Dict.Entry e = switch (random.nextInt(3)) {
                case 0 -> dict.find(key);
                case 1 -> dict.find(embed(key), 3, key.length);
                default -> {
                    byte[] buffer = embed(key);
                    yield dict.find(buffer, 3, key.length, ByteHashing.hash(buffer, 3, key.length));
                }
            };
            if (expected == null) {
                assertThat(e).as("lookup of absent %s, %s", Arrays.toString(key), at()).isNull();
            } else {
                assertThat(e).as("lookup of present %s, %s", Arrays.toString(key), at()).isNotNull();
                assertThat(e.key()).as(at()).isEqualTo(key);
                assertThat(e.value()).as(at()).isSameAs(expected);
            }
        }

        private byte[] embed(byte[] key) {
            byte[] buffer = new byte[key.length + 3 + random.nextInt(4)];
            random.nextBytes(buffer);
            System.arraycopy(key, 0, buffer, 3, key.length);
            return buffer;
        }

        void sample() {
            int count = random.nextInt(random.nextBoolean() ? 8 : 64);
            Dict.Entry[] out = new Dict.Entry[count];
            int found = dict.sample(out, count, random);
            assertThat(found).as("sample size, %s", at()).isBetween(0, Math.min(count, model.size()));
            Set<Dict.Entry> distinct = new HashSet<>();
            for (int i = 0; i < found; i++) {
                assertThat(model.get(out[i].key())).as("sampled entry is present, %s", at()).isSameAs(out[i].value());
                assertThat(distinct.add(out[i])).as("sampled twice, %s", at()).isTrue();
            }
        }

        void verifyContents() {
            // Every value is a distinct Value: each visit stamps it, so a second visit shows, and
            // "visited count == model size, every visit a model entry, none twice" is equality.
            int round = ++verifications;
            long[] visited = {0};
            long bucketsBefore = dict.buckets();
            dict.forEach(e -> {
                visited[0]++;
                if (e.hash() != ByteHashing.hash(e.key()) || model.get(e.key()) != e.value()) {
                    throw new AssertionError("entry " + Arrays.toString(e.key()) + ": cached hash " + e.hash()
                            + " (expected " + ByteHashing.hash(e.key()) + "), value " + e.value() + " (expected "
                            + model.get(e.key()) + "), " + at());
                }
                Value v = (Value) e.value();
                if (v.stamp == round) {
                    throw new AssertionError("forEach visited " + Arrays.toString(e.key()) + " twice, " + at());
                }
                v.stamp = round;
            });
            assertThat(dict.buckets()).as("forEach moves nothing, %s", at()).isEqualTo(bucketsBefore);
            assertThat(visited[0]).as("entries visited, %s", at()).isEqualTo(model.size());
        }
    }
}
