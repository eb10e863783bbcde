package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SetValue} against a plain model ({@link SetModel}: a list of members plus the test's own
 * statement of Redis 7.2's encoding rules). Each run uses one set of thresholds (tiny ones, so
 * that every conversion happens many times, or Redis's defaults) and changes them now and then,
 * as CONFIG SET would; members mix small and large integers, strings that only look like
 * integers ("01", "+1", "-0"), short and long strings. The operations are SADD with several
 * members (on a new key too), SREM, membership, single and counted SPOP, SRANDMEMBER with
 * positive and negative counts, COPY, SSCAN and DEBUG DIGEST-VALUE. After every step: the
 * structure's own checks, the same members, the expected encoding, and the order an intset or a
 * listpack must list its members in. A set that becomes empty is dropped, as its key would be.
 */
class SetValuePropertyTest {
    static LongStream seeds() {
        return Seeds.seeds(30);
    }

    private static final String[] WORDS = {"a", "b", "c", "hello", "x y", "", "\u00ff\u0000", "01", "+1", "-0", " 7",
        "1.5", "1e3", "9223372036854775808", "-9223372036854775809", "0x10"};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void behavesLikeTheModel(long seed) {
        new Run(seed).run();
    }

    private static final class Run {
        final String why;
        final Random r;
        final SplittableRandom valueRandom;
        SetValue.Limits limits;
        SetValue set;
        SetModel model;
        int step;
        final Set<String> encodingsSeen = new HashSet<>();

        Run(long seed) {
            this.why = Seeds.describe(seed);
            this.r = new Random(seed);
            this.valueRandom = new SplittableRandom(seed * 31 + 7);
            this.limits = randomLimits();
        }

        SetValue.Limits randomLimits() {
            return switch (r.nextInt(5)) {
                case 0 -> SetValue.Limits.DEFAULT;
                case 1 -> new SetValue.Limits(r.nextInt(10), r.nextInt(12), r.nextInt(12));
                case 2 -> {
                    // An intset limit at or above the listpack one, so that intsets reach the listpack limit.
                    int listpack = 1 + r.nextInt(10);
                    yield new SetValue.Limits(listpack + r.nextInt(6), listpack, 1 + r.nextInt(10));
                }
                default -> new SetValue.Limits(1 + r.nextInt(24), 1 + r.nextInt(24), 1 + r.nextInt(20));
            };
        }

        /** How often a member is a small integer: phases of mostly integers let intsets grow to their limits. */
        double integerShare = 0.3;

        String member() {
            if (r.nextDouble() < integerShare) {
                return Integer.toString(r.nextInt(60) - 20);
            }
            return switch (r.nextInt(10)) {
                case 0, 1, 2 -> Integer.toString(r.nextInt(60) - 20);
                case 3 -> Long.toString(r.nextLong() >> r.nextInt(64));
                case 4 -> new String[] {"9223372036854775807", "-9223372036854775808", "32767", "-32768", "32768",
                    "2147483648", "-2147483649"}[r.nextInt(7)];
                case 5, 6 -> WORDS[r.nextInt(WORDS.length)];
                case 7 -> "m" + r.nextInt(80);
                case 8 -> "s".repeat(r.nextInt(30));
                default -> Character.toString('a' + r.nextInt(26)) + r.nextInt(40);
            };
        }

        String at() {
            return why + ", step " + step + ", limits " + limits;
        }

        void run() {
            int steps = 1000 + r.nextInt(1000);
            for (step = 0; step < steps; step++) {
                if (r.nextInt(100) == 0) {
                    integerShare = new double[] {0, 0.3, 0.9, 0.97}[r.nextInt(4)];
                }
                if (r.nextInt(200) == 0) {
                    limits = randomLimits();
                    if (model != null) {
                        model.limits = limits;
                    }
                }
                oneStep();
                check();
            }
            assertThat(encodingsSeen).as("encodings exercised, %s", why).contains("listpack", "hashtable");
        }

        void oneStep() {
            int op = r.nextInt(100);
            if (set == null || op < 30) {
                sadd();
            } else if (op < 45) {
                srem();
            } else if (op < 55) {
                String m = member();
                assertThat(set.contains(SetModel.bytes(m), 0, m.length())).as("contains %s, %s", m, at())
                        .isEqualTo(model.contains(m));
                if (SetModel.isInteger(m)) {
                    assertThat(set.containsInteger(Long.parseLong(m))).as("containsInteger, %s", at())
                            .isEqualTo(model.contains(m));
                }
            } else if (op < 60) {
                byte[] popped = set.popRandom(valueRandom);
                String m = text(popped);
                assertThat(model.remove(m)).as("popped %s must be a member, %s", m, at()).isTrue();
                dropIfEmpty();
            } else if (op < 68) {
                spopCount();
            } else if (op < 80) {
                srandmember();
            } else if (op < 85) {
                List<String> seen = new ArrayList<>();
                set.randomMember(valueRandom, collector(seen));
                assertThat(model.contains(seen.get(0))).as("random member, %s", at()).isTrue();
            } else if (op < 90) {
                SetValue copy = set.duplicate();
                assertThat(copy.encoding()).as("copy encoding, %s", at()).isEqualTo(set.encoding());
                if (set.encoding().equals("hashtable")) {
                    // A copied table may hold its members in other buckets (its resize history differs).
                    assertThat(new HashSet<>(members(copy))).as("copy members, %s", at())
                            .isEqualTo(new HashSet<>(members(set)));
                } else {
                    assertThat(members(copy)).as("copy members, %s", at()).isEqualTo(members(set));
                }
                copy.verify();
                copy.add(SetModel.bytes("only-in-copy"), 0, 12, limits);
                assertThat(set.contains(SetModel.bytes("only-in-copy"), 0, 12)).as("copy independent, %s", at())
                        .isEqualTo(model.contains("only-in-copy"));
            } else if (op < 95) {
                scan();
            } else {
                digest();
            }
        }

        void sadd() {
            // Mostly one member at a time, so that sizes pass through every value up to the limits.
            int n = r.nextBoolean() ? 1 : 1 + r.nextInt(r.nextInt(5) == 0 ? 40 : 5);
            List<String> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(member());
            }
            if (set == null) {
                String first = args.get(0);
                set = SetValue.create(SetModel.bytes(first), 0, first.length(), n, limits);
                model = new SetModel(SetModel.createdFor(first, n, limits), limits);
                assertThat(set.encoding()).as("created for %s (%d members), %s", first, n, at()).isEqualTo(model.encoding);
            } else {
                set.prepareFor(n, limits);
                model.prepareFor(n);
            }
            for (String m : args) {
                byte[] b = SetModel.bytes(m);
                // Add from the middle of a larger array, as members arrive from the argument arena.
                byte[] padded = new byte[b.length + 6];
                System.arraycopy(b, 0, padded, 3, b.length);
                boolean added = r.nextInt(8) == 0 && SetModel.isInteger(m)
                        ? set.addInteger(Long.parseLong(m), limits) : set.add(padded, 3, b.length, limits);
                assertThat(added).as("add %s, %s", m, at()).isEqualTo(model.add(m));
                assertThat(set.encoding()).as("encoding after adding %s, %s", m, at()).isEqualTo(model.encoding);
            }
        }

        void srem() {
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n && set != null; i++) {
                String m = r.nextBoolean() && !model.members.isEmpty()
                        ? model.members.get(r.nextInt(model.members.size())) : member();
                boolean removed = r.nextInt(6) == 0 && SetModel.isInteger(m) ? set.removeInteger(Long.parseLong(m))
                        : set.remove(SetModel.bytes(m), 0, m.length());
                assertThat(removed).as("remove %s, %s", m, at()).isEqualTo(model.remove(m));
                dropIfEmpty();
            }
        }

        void spopCount() {
            long size = set.size();
            if (size < 2) {
                return;
            }
            long count = 1 + r.nextInt((int) size - 1);
            String before = set.encoding();
            List<String> popped = new ArrayList<>();
            set.popRandom(count, valueRandom, limits, collector(popped));
            assertThat(popped).as("SPOP %d, %s", count, at()).hasSize((int) count).doesNotHaveDuplicates();
            assertThat(model.members).as("popped members, %s", at()).containsAll(popped);
            List<String> kept = new ArrayList<>(model.members);
            kept.removeAll(popped);
            long remaining = size - count;
            if (remaining * 5 > count) {
                model.members.removeAll(popped);
            } else {
                // Rebuilt: a listpack keeps its order; an intset stays one; a hashtable becomes a listpack.
                String start = before.equals("intset") ? SetModel.INTSET : SetModel.LISTPACK;
                SetModel rebuilt = SetModel.built(start, kept, limits);
                if (before.equals("hashtable") && rebuilt.encoding.equals(SetModel.LISTPACK)) {
                    // The members that stay were drawn at random: adopt the value's order after checking the content.
                    List<String> actual = members(set);
                    assertThat(new HashSet<>(actual)).as("kept, %s", at()).isEqualTo(new HashSet<>(kept));
                    rebuilt.members.clear();
                    rebuilt.members.addAll(actual);
                }
                model = rebuilt;
            }
            assertThat(set.encoding()).as("encoding after SPOP %d of %d (was %s), %s", count, size, before, at())
                    .isEqualTo(model.encoding);
        }

        void srandmember() {
            long size = set.size();
            long count = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt((int) size + 3);
            boolean distinct = r.nextBoolean();
            List<String> got = new ArrayList<>();
            set.randomMembers(count, distinct, valueRandom, collector(got), () -> false);
            assertThat(model.members).as("SRANDMEMBER members, %s", at()).containsAll(got);
            if (distinct && count > 1) {
                assertThat(got).as("SRANDMEMBER %d distinct, %s", count, at()).hasSize((int) Math.min(count, size))
                        .doesNotHaveDuplicates();
            } else {
                assertThat(got).as("SRANDMEMBER -%d, %s", count, at()).hasSize((int) count);
            }
        }

        void scan() {
            List<String> seen = new ArrayList<>();
            long cursor = 0;
            int calls = 0;
            do {
                cursor = set.scan(cursor, 1 + r.nextInt(5), b -> seen.add(text(b)));
                calls++;
                assertThat(calls).as("SSCAN calls, %s", at()).isLessThan(100_000);
            } while (cursor != 0);
            assertThat(new HashSet<>(seen)).as("SSCAN sees every member, %s", at())
                    .isEqualTo(new HashSet<>(model.members));
            if (!set.encoding().equals("hashtable")) {
                assertThat(calls).as("a compact set is scanned in one call, %s", at()).isEqualTo(1);
                assertThat(seen).as("SSCAN order, %s", at()).isEqualTo(model.expectedOrder());
            }
        }

        void digest() {
            ValueDigest vd = new ValueDigest();
            byte[] expected = new byte[20];
            for (String m : model.members) {
                vd.xor(expected, SetModel.bytes(m));
            }
            byte[] actual = new byte[20];
            set.digest(vd, actual);
            assertThat(ValueDigest.hex(actual)).as("digest, %s", at()).isEqualTo(ValueDigest.hex(expected));
        }

        void dropIfEmpty() {
            if (set.isEmpty()) {
                assertThat(model.members).as("model empty too, %s", at()).isEmpty();
                set = null;
                model = null;
            }
        }

        void check() {
            if (set == null) {
                return;
            }
            set.verify();
            encodingsSeen.add(set.encoding());
            assertThat(set.size()).as("size, %s", at()).isEqualTo(model.members.size());
            assertThat(set.encoding()).as("encoding, %s", at()).isEqualTo(model.encoding);
            List<String> actual = members(set);
            if (model.encoding.equals(SetModel.HASHTABLE)) {
                assertThat(new HashSet<>(actual)).as("members, %s", at()).isEqualTo(new HashSet<>(model.members));
            } else {
                assertThat(actual).as("members in order, %s", at()).isEqualTo(model.expectedOrder());
            }
            assertThat(set.isEmpty()).isFalse();
            assertThat(set.footprint()).as("footprint, %s", at()).isPositive();
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static List<String> members(SetValue set) {
        List<String> out = new ArrayList<>();
        set.forEach(collector(out));
        return out;
    }

    static SetValue.MemberVisitor collector(List<String> out) {
        return new SetValue.MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                out.add(new String(bytes, off, len, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void integer(long value) {
                out.add(Long.toString(value));
            }
        };
    }
}
