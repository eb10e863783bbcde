package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Coverage;
import dev.cinnabar.engine.testing.Seeds;
import dev.cinnabar.numbers.DoubleText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SortedSet} against a plain java.util model (a map from member to score, sorted on demand):
 * random ZADD-style updates with every flag combination, removals, lookups, ranks, rank / score /
 * lexicographic ranges with offsets and limits in both directions, counts, range removals, pops,
 * random members, scans, copies and digests, under small and changing encoding thresholds so that
 * the seeds convert listpack to skiplist (by length and by member size) and back (as the STORE
 * commands do) several times each on average. After every step the structure's invariants hold
 * and, for sets of a manageable size, the whole content equals the model.
 */
class SortedSetModelTest {
    static LongStream seeds() {
        return Seeds.seeds(40);
    }

    private static final Coverage COVERAGE = new Coverage();

    /** The seeds together exercised what the runs are about, or they prove nothing. */
    @AfterAll
    static void theSeedsConvertedBothWays() {
        COVERAGE.assertAverageAtLeast("listpack to skiplist conversions", 4);
        COVERAGE.assertAverageAtLeast("skiplist to listpack conversions", 4);
    }

    private static final String[] MEMBERS = {"a", "b", "c", "d", "e", "f", "g", "h", "", "0", "1", "-1", "7", "10",
        "-4096", "4096", "12345678901", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "007",
        "1.5", "a\u0000b", "\u00ff", "\u00fe\u00ff", "abc", "abcd", "abcdefghij", "x".repeat(40), "y".repeat(70),
        "z".repeat(200)};

    private static final double[] SCORES = {0, -0.0, 1, -1, 2, 3, 1.5, 0.1, 0.30000000000000004, -2.5, 1e20, -1e20,
        1e-300, 4503599627370495.0, 4503599627370496.0, -4503599627370495.0, 9007199254740993.0, 1e16,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 123456.789};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void behavesLikeTheModel(long seed) {
        Run run = new Run(seed);
        run.run(5000);
        COVERAGE.run();
        COVERAGE.add("listpack to skiplist conversions", run.toSkiplist);
        COVERAGE.add("skiplist to listpack conversions", run.toListpack);
        assertThat(run.maxSize).as("largest set, %s", Seeds.describe(seed)).isGreaterThan(20);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** An element of the model. */
    private record Element(String member, double score) {
        static int compare(Element x, Element y) {
            if (x.score < y.score) {
                return -1;
            }
            if (x.score > y.score) {
                return 1;
            }
            return Arrays.compareUnsigned(bytes(x.member), bytes(y.member));
        }

        @Override
        public String toString() {
            return member + "=" + DoubleText.format17g(score);
        }
    }

    private static final class Run {
        final long seed;
        final String why;
        final Random random;
        SortedSet set = new SortedSet();
        final Map<String, Double> model = new HashMap<>();
        long maxEntries = 128;
        long maxValue = 64;
        boolean lexMode;
        /** Phases: a wide member pool and mostly additions grow the set past the listpack limits. */
        boolean wide;
        boolean growing;
        boolean shrinking;
        int toSkiplist;
        int toListpack;
        long maxSize;
        int step;

        Run(long seed) {
            this.seed = seed;
            this.why = Seeds.describe(seed);
            this.random = new Random(seed);
        }

        String where() {
            return why + ", step " + step + ", encoding " + set.encoding();
        }

        List<Element> sorted() {
            List<Element> all = new ArrayList<>();
            model.forEach((m, s) -> all.add(new Element(m, s)));
            all.sort(Element::compare);
            return all;
        }

        List<Element> contents(SortedSet s) {
            List<Element> out = new ArrayList<>();
            s.forEach((m, sc) -> out.add(new Element(text(m), sc)));
            return out;
        }

        String member() {
            if (random.nextBoolean()) {
                return MEMBERS[random.nextInt(MEMBERS.length)];
            }
            int n = random.nextInt(wide ? 400 : 40);
            return random.nextInt(4) == 0 ? Integer.toString(n - 20) : "n" + n;
        }

        double score() {
            if (lexMode) {
                return 0;
            }
            return random.nextInt(3) == 0 ? random.nextInt(20) - 10 : SCORES[random.nextInt(SCORES.length)];
        }

        void run(int steps) {
            for (step = 0; step < steps; step++) {
                if (step % 500 == 0) {
                    lexMode = random.nextInt(3) == 0;
                    if (lexMode) {
                        model.clear();
                        set = new SortedSet();
                    }
                }
                if (step % 250 == 0) {
                    int phase = random.nextInt(3);
                    growing = phase == 0;
                    shrinking = phase == 1;
                    wide = random.nextBoolean();
                }
                if (random.nextInt(50) == 0) {
                    maxEntries = new long[] {0, 1, 2, 4, 8, 16, 128}[random.nextInt(7)];
                    maxValue = new long[] {0, 1, 3, 8, 64}[random.nextInt(5)];
                }
                String before = set.encoding();
                operation();
                if (set.encoding().equals("listpack")) {
                    // A listpack stores integral scores as integers, so -0 is kept as 0.
                    model.replaceAll((m, sc) -> sc == 0 ? 0.0 : sc);
                }
                if (before.equals("listpack") && set.encoding().equals("skiplist")) {
                    toSkiplist++;
                }
                if (before.equals("skiplist") && set.encoding().equals("listpack")) {
                    toListpack++;
                }
                maxSize = Math.max(maxSize, model.size());
                try {
                    set.checkInvariants();
                } catch (IllegalStateException e) {
                    throw new AssertionError(where() + ": " + e.getMessage(), e);
                }
                assertThat(set.size()).as("size, %s", where()).isEqualTo(model.size());
                if (model.size() < 60 || step % 20 == 0) {
                    assertThat(contents(set)).as("contents, %s", where()).isEqualTo(sorted());
                }
            }
        }

        void operation() {
            int op = random.nextInt(100);
            if (shrinking && random.nextInt(3) != 0) {
                switch (random.nextInt(4)) {
                    case 0 -> pop();
                    case 1 -> removeRangeByRank();
                    case 2 -> set.convertToListpackIfSmall(maxEntries, maxValue);
                    default -> {
                        String m = member();
                        assertThat(set.remove(bytes(m), 0, bytes(m).length)).isEqualTo(model.remove(m) != null);
                    }
                }
                return;
            }
            if (op < 35 || (growing && random.nextInt(3) != 0)) {
                add();
            } else if (op < 45) {
                String m = member();
                boolean removed = set.remove(bytes(m), 0, bytes(m).length);
                assertThat(removed).as("remove %s, %s", m, where()).isEqualTo(model.remove(m) != null);
            } else if (op < 50) {
                String m = member();
                double s = set.score(bytes(m), 0, bytes(m).length);
                Double expected = model.get(m);
                if (expected == null) {
                    assertThat(s).as("score %s, %s", m, where()).isNaN();
                } else {
                    assertThat(Double.doubleToRawLongBits(s)).as("score %s, %s", m, where())
                            .isEqualTo(Double.doubleToRawLongBits(expected));
                }
            } else if (op < 55) {
                rank();
            } else if (op < 60) {
                rangeByRank();
            } else if (op < 66) {
                rangeByScore();
            } else if (op < 71) {
                rangeByLex();
            } else if (op < 74) {
                removeRangeByRank();
            } else if (op < 77) {
                removeRangeByScore();
            } else if (op < 79) {
                removeRangeByLex();
            } else if (op < 83) {
                pop();
            } else if (op < 86) {
                randoms();
            } else if (op < 88) {
                scan();
            } else if (op < 92) {
                set.convertToListpackIfSmall(maxEntries, maxValue);
                boolean fits = model.size() <= maxEntries
                        && model.keySet().stream().allMatch(m -> bytes(m).length <= maxValue);
                if (fits) {
                    assertThat(set.encoding()).as("convert back, %s", where()).isEqualTo("listpack");
                }
            } else if (op < 94) {
                SortedSet copy = set.duplicate();
                assertThat(copy.encoding()).isEqualTo(set.encoding());
                assertThat(contents(copy)).as("copy, %s", where()).isEqualTo(sorted());
                copy.checkInvariants();
                set = copy;
            } else if (op < 96) {
                digest();
            } else if (op < 98) {
                counts();
            } else {
                set.trim();
            }
        }

        void add() {
            int flags = switch (random.nextInt(10)) {
                case 0 -> SortedSet.NX;
                case 1 -> SortedSet.XX;
                case 2 -> SortedSet.GT;
                case 3 -> SortedSet.LT;
                case 4 -> SortedSet.XX | SortedSet.GT;
                case 5 -> SortedSet.INCR;
                case 6 -> SortedSet.INCR | (random.nextBoolean() ? SortedSet.GT : SortedSet.XX);
                default -> 0;
            };
            String m = member();
            double score = score();
            double[] out = {Double.MIN_NORMAL};
            byte[] b = bytes(m);
            String encodingBefore = set.encoding();
            int result = set.add(b, 0, b.length, score, flags, out, maxEntries, maxValue);
            // The model: Redis's zsetAdd rules.
            Double current = model.get(m);
            int expected;
            double expectedScore = score;
            if (current != null) {
                if ((flags & SortedSet.NX) != 0) {
                    expected = SortedSet.OUT_NOP;
                } else {
                    if ((flags & SortedSet.INCR) != 0) {
                        expectedScore = score + current;
                    }
                    if (Double.isNaN(expectedScore)) {
                        expected = SortedSet.OUT_NAN;
                    } else if (((flags & SortedSet.LT) != 0 && expectedScore >= current)
                            || ((flags & SortedSet.GT) != 0 && expectedScore <= current)) {
                        expected = SortedSet.OUT_NOP;
                    } else if (expectedScore != current) {
                        expected = SortedSet.OUT_UPDATED;
                        model.put(m, expectedScore);
                    } else {
                        expected = 0;
                    }
                }
            } else if ((flags & SortedSet.XX) != 0) {
                expected = SortedSet.OUT_NOP;
            } else {
                expected = SortedSet.OUT_ADDED;
                model.put(m, score);
                if (encodingBefore.equals("listpack") && (model.size() > maxEntries || b.length > maxValue)) {
                    assertThat(set.encoding()).as("converted on add, %s", where()).isEqualTo("skiplist");
                }
            }
            assertThat(result).as("add %s %s flags %s, %s", m, score, flags, where()).isEqualTo(expected);
            if (expected == 0 || expected == SortedSet.OUT_ADDED || expected == SortedSet.OUT_UPDATED) {
                assertThat(Double.doubleToRawLongBits(out[0])).as("new score, %s", where())
                        .isEqualTo(Double.doubleToRawLongBits(expectedScore));
            }
            if (encodingBefore.equals("listpack") && expected != SortedSet.OUT_ADDED) {
                assertThat(set.encoding()).as("no conversion without an addition, %s", where()).isEqualTo("listpack");
            }
        }

        void rank() {
            String m = member();
            boolean reverse = random.nextBoolean();
            double[] score = {0};
            long r = set.rank(bytes(m), 0, bytes(m).length, reverse, score);
            List<Element> all = sorted();
            long expected = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).member.equals(m)) {
                    expected = reverse ? all.size() - 1 - i : i;
                }
            }
            assertThat(r).as("rank %s, %s", m, where()).isEqualTo(expected);
            if (expected >= 0) {
                assertThat(score[0]).isEqualTo(model.get(m));
            }
        }

        void rangeByRank() {
            List<Element> all = sorted();
            if (all.isEmpty()) {
                return;
            }
            int start = random.nextInt(all.size());
            int end = start + random.nextInt(all.size() - start);
            boolean reverse = random.nextBoolean();
            List<Element> got = new ArrayList<>();
            set.rangeByRank(start, end, reverse, (m, s) -> got.add(new Element(text(m), s)));
            List<Element> expected = new ArrayList<>(all);
            if (reverse) {
                java.util.Collections.reverse(expected);
            }
            assertThat(got).as("range %d..%d rev %s, %s", start, end, reverse, where())
                    .isEqualTo(expected.subList(start, end + 1));
        }

        ScoreRange scoreRange() {
            double a = score();
            double b = random.nextInt(4) == 0 ? a : score();
            if (random.nextInt(4) != 0 && a > b) {
                double t = a;
                a = b;
                b = t;
            }
            return new ScoreRange(a, b, random.nextInt(3) == 0, random.nextInt(3) == 0);
        }

        LexRange lexRange() {
            return new LexRange(lexBound(LexRange.MIN), random.nextBoolean(), lexBound(LexRange.MAX), random.nextBoolean());
        }

        byte[] lexBound(byte[] infinite) {
            return switch (random.nextInt(8)) {
                case 0 -> infinite;
                case 1 -> infinite == LexRange.MIN ? LexRange.MAX : LexRange.MIN;
                default -> bytes(member());
            };
        }

        void rangeByScore() {
            ScoreRange range = scoreRange();
            boolean reverse = random.nextBoolean();
            long offset = random.nextInt(5) == 0 ? random.nextInt(5) - 1 : 0;
            long limit = random.nextInt(3) == 0 ? random.nextInt(6) - 1 : -1;
            List<Element> got = new ArrayList<>();
            long n = set.rangeByScore(range, reverse, offset, limit, (m, s) -> got.add(new Element(text(m), s)));
            List<Element> matching = new ArrayList<>();
            for (Element e : sorted()) {
                if (range.contains(e.score)) {
                    matching.add(e);
                }
            }
            if (reverse) {
                java.util.Collections.reverse(matching);
            }
            assertThat(got).as("score range %s rev %s offset %d limit %d, %s", range, reverse, offset, limit, where())
                    .isEqualTo(window(matching, offset, limit));
            assertThat(n).isEqualTo(got.size());
        }

        List<Element> window(List<Element> matching, long offset, long limit) {
            if (offset < 0 || (offset > 0 && offset >= model.size())) {
                return List.of();
            }
            List<Element> out = new ArrayList<>();
            for (long i = offset; i < matching.size() && (limit < 0 || out.size() < limit); i++) {
                out.add(matching.get((int) i));
            }
            return out;
        }

        void rangeByLex() {
            if (!lexMode) {
                return;
            }
            LexRange range = lexRange();
            boolean reverse = random.nextBoolean();
            long offset = random.nextInt(5) == 0 ? random.nextInt(5) - 1 : 0;
            long limit = random.nextInt(3) == 0 ? random.nextInt(6) - 1 : -1;
            List<Element> got = new ArrayList<>();
            set.rangeByLex(range, reverse, offset, limit, (m, s) -> got.add(new Element(text(m), s)));
            List<Element> matching = new ArrayList<>();
            for (Element e : sorted()) {
                if (range.contains(bytes(e.member))) {
                    matching.add(e);
                }
            }
            if (reverse) {
                java.util.Collections.reverse(matching);
            }
            assertThat(got).as("lex range %s rev %s offset %d limit %d, %s", range, reverse, offset, limit, where())
                    .isEqualTo(window(matching, offset, limit));
        }

        void counts() {
            ScoreRange range = scoreRange();
            long expected = model.values().stream().filter(range::contains).count();
            assertThat(set.count(range)).as("count %s, %s", range, where()).isEqualTo(expected);
            if (lexMode) {
                LexRange lex = lexRange();
                long expectedLex = model.keySet().stream().filter(m -> lex.contains(bytes(m))).count();
                assertThat(set.count(lex)).as("lex count %s, %s", lex, where()).isEqualTo(expectedLex);
            }
        }

        void removeRangeByRank() {
            List<Element> all = sorted();
            if (all.isEmpty()) {
                return;
            }
            int start = random.nextInt(all.size());
            int end = start + random.nextInt(Math.min(4, all.size() - start));
            long removed = set.removeRangeByRank(start, end);
            assertThat(removed).isEqualTo(end - start + 1);
            for (Element e : all.subList(start, end + 1)) {
                model.remove(e.member);
            }
        }

        void removeRangeByScore() {
            ScoreRange range = scoreRange();
            long removed = set.removeRange(range);
            long expected = 0;
            for (Element e : sorted()) {
                if (range.contains(e.score)) {
                    model.remove(e.member);
                    expected++;
                }
            }
            assertThat(removed).as("remove range %s, %s", range, where()).isEqualTo(expected);
        }

        void removeRangeByLex() {
            if (!lexMode) {
                return;
            }
            LexRange range = lexRange();
            long removed = set.removeRange(range);
            long expected = 0;
            for (Element e : sorted()) {
                if (range.contains(bytes(e.member))) {
                    model.remove(e.member);
                    expected++;
                }
            }
            assertThat(removed).as("remove lex range %s, %s", range, where()).isEqualTo(expected);
        }

        void pop() {
            boolean highest = random.nextBoolean();
            int count = random.nextInt(4);
            List<Element> got = new ArrayList<>();
            set.pop(highest, count, (m, s) -> got.add(new Element(text(m), s)));
            List<Element> all = sorted();
            if (highest) {
                java.util.Collections.reverse(all);
            }
            List<Element> expected = all.subList(0, Math.min(count, all.size()));
            assertThat(got).as("pop %s %d, %s", highest ? "max" : "min", count, where()).isEqualTo(expected);
            for (Element e : expected) {
                model.remove(e.member);
            }
        }

        void randoms() {
            if (model.isEmpty()) {
                return;
            }
            SplittableRandom r = new SplittableRandom(random.nextLong());
            List<Element> got = new ArrayList<>();
            set.randomElement(r, (m, s) -> got.add(new Element(text(m), s)));
            set.randomWithRepeats(5, r, (m, s) -> got.add(new Element(text(m), s)));
            for (Element e : got) {
                assertThat(model).as("random member, %s", where()).containsEntry(e.member, e.score);
            }
            long count = 1 + random.nextInt(model.size());
            if (count < model.size()) {
                Set<String> distinct = new HashSet<>();
                set.randomDistinct(count, r, (m, s) -> {
                    assertThat(model).containsEntry(text(m), s);
                    assertThat(distinct.add(text(m))).as("distinct, %s", where()).isTrue();
                });
                assertThat(distinct).hasSize((int) count);
            }
        }

        void scan() {
            Set<String> seen = new HashSet<>();
            long cursor = 0;
            int calls = 0;
            do {
                cursor = set.scan(cursor, 1 + random.nextInt(10), (m, s) -> {
                    double score = ScoreText.parseStored(s, 0, s.length);
                    assertThat(model.get(text(m))).isEqualTo(score);
                    seen.add(text(m));
                });
                assertThat(++calls).isLessThan(100_000);
            } while (cursor != 0);
            assertThat(seen).as("scan, %s", where()).isEqualTo(model.keySet());
        }

        void digest() {
            ValueDigest digest = new ValueDigest();
            byte[] mine = new byte[20];
            set.digest(digest, mine);
            // The same content in the other encoding digests the same.
            SortedSet other = set.encoding().equals("listpack") ? SortedSet.skiplistEncoded() : new SortedSet();
            double[] out = new double[1];
            for (Element e : sorted()) {
                byte[] b = bytes(e.member);
                other.add(b, 0, b.length, e.score, 0, out, Long.MAX_VALUE, Long.MAX_VALUE);
            }
            byte[] theirs = new byte[20];
            other.digest(digest, theirs);
            boolean negativeZero = model.values().stream().anyMatch(v -> Double.doubleToRawLongBits(v) == Long.MIN_VALUE);
            if (negativeZero && other.encoding().equals("listpack")) {
                return; // the listpack turns -0 into 0, which digests differently (as in Redis)
            }
            assertThat(theirs).as("digest across encodings, %s", where()).isEqualTo(mine);
        }
    }
}
