package dev.cinnabar.engine.value;

import static dev.cinnabar.engine.value.SetValuePropertyTest.members;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SetOperations} against plain java.util set algebra, on random sets of every encoding
 * (built with tiny or default thresholds from a small universe of members, so they overlap), with
 * missing keys (null) and the same key given twice. Checks the content, the order of the replies
 * (an intersection follows its smallest set), and the encoding of the stored results as Redis 7.2
 * builds them.
 */
class SetOperationsPropertyTest {
    static LongStream seeds() {
        return Seeds.seeds(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesSetAlgebra(long seed) {
        String why = Seeds.describe(seed);
        Random r = new Random(seed);
        for (int round = 0; round < 150; round++) {
            SetValue.Limits limits = switch (r.nextInt(3)) {
                case 0 -> SetValue.Limits.DEFAULT;
                default -> new SetValue.Limits(1 + r.nextInt(12), 1 + r.nextInt(12), 1 + r.nextInt(6));
            };
            String at = why + ", round " + round + ", limits " + limits;
            int n = 1 + r.nextInt(4);
            SetValue[] sets = new SetValue[n];
            for (int i = 0; i < n; i++) {
                if (i > 0 && r.nextInt(8) == 0) {
                    sets[i] = sets[r.nextInt(i)];
                } else if (r.nextInt(10) == 0) {
                    sets[i] = null;
                } else {
                    sets[i] = randomSet(r, limits);
                }
            }
            checkUnion(sets, limits, at);
            checkDifference(sets, limits, at);
            if (Arrays.stream(sets).noneMatch(s -> s == null)) {
                checkIntersection(sets, limits, r, at);
            }
        }
    }

    private static String member(Random r) {
        return switch (r.nextInt(6)) {
            case 0, 1, 2 -> Integer.toString(r.nextInt(30) - 5);
            case 3 -> Long.toString(Long.MAX_VALUE - r.nextInt(3));
            case 4 -> "w" + r.nextInt(20);
            default -> "long-member-" + r.nextInt(10);
        };
    }

    /** A set built as SADD builds it, of a random size (up to a few dozen members). */
    private static SetValue randomSet(Random r, SetValue.Limits limits) {
        int size = 1 + r.nextInt(r.nextBoolean() ? 6 : 40);
        boolean integersOnly = r.nextInt(3) == 0;
        SetValue set = null;
        for (int i = 0; i < size; i++) {
            String m = integersOnly ? Integer.toString(r.nextInt(60) - 10) : member(r);
            byte[] b = SetModel.bytes(m);
            if (set == null) {
                set = SetValue.create(b, 0, b.length, 1, limits);
            }
            set.add(b, 0, b.length, limits);
        }
        return set;
    }

    private static Set<String> content(SetValue s) {
        return s == null ? Set.of() : new HashSet<>(members(s));
    }

    private static void checkUnion(SetValue[] sets, SetValue.Limits limits, String at) {
        SetValue union = SetOperations.union(sets, limits);
        union.verify();
        List<String> added = new ArrayList<>();
        for (SetValue s : sets) {
            if (s != null) {
                added.addAll(members(s));
            }
        }
        SetModel expected = SetModel.built(SetModel.INTSET, added, limits);
        assertThat(content(union)).as("union content, %s", at).isEqualTo(new LinkedHashSet<>(added));
        assertThat(union.encoding()).as("union encoding, %s", at).isEqualTo(expected.encoding);
        if (!expected.encoding.equals(SetModel.HASHTABLE)) {
            assertThat(members(union)).as("union order, %s", at).isEqualTo(expected.expectedOrder());
        }
    }

    private static void checkDifference(SetValue[] sets, SetValue.Limits limits, String at) {
        SetValue diff = SetOperations.difference(sets, limits);
        diff.verify();
        Set<String> expectedContent = new HashSet<>(content(sets[0]));
        boolean same = false;
        for (int j = 1; j < sets.length; j++) {
            expectedContent.removeAll(content(sets[j]));
            same |= sets[0] != null && sets[j] == sets[0];
        }
        assertThat(content(diff)).as("difference content, %s", at).isEqualTo(same ? Set.of() : expectedContent);
        if (sets[0] == null || same) {
            assertThat(diff.encoding()).as("empty difference, %s", at).isEqualTo("intset");
            return;
        }
        long walk = 0;
        long copy = 0;
        for (SetValue s : sets) {
            if (s != null) {
                walk += sets[0].size();
                copy += s.size();
            }
        }
        List<String> first = members(sets[0]);
        SetModel expected;
        if (walk / 2 <= copy) {
            List<String> survivors = new ArrayList<>(first);
            survivors.retainAll(expectedContent);
            expected = SetModel.built(SetModel.INTSET, survivors, limits);
        } else {
            expected = SetModel.built(SetModel.INTSET, first, limits);
            expected.members.retainAll(expectedContent);
        }
        assertThat(diff.encoding()).as("difference encoding, %s", at).isEqualTo(expected.encoding);
        if (!expected.encoding.equals(SetModel.HASHTABLE)) {
            assertThat(members(diff)).as("difference order, %s", at).isEqualTo(expected.expectedOrder());
        }
    }

    private static void checkIntersection(SetValue[] sets, SetValue.Limits limits, Random r, String at) {
        SetValue smallest = Arrays.stream(sets).min(Comparator.comparingLong(SetValue::size)).orElseThrow();
        List<String> expectedOrder = new ArrayList<>(members(smallest));
        for (SetValue s : sets) {
            expectedOrder.retainAll(content(s));
        }
        List<String> replied = new ArrayList<>();
        SetOperations.intersection(sets, SetValuePropertyTest.collector(replied));
        assertThat(replied).as("intersection in the smallest set's order, %s", at).isEqualTo(expectedOrder);

        long limit = r.nextInt(3) == 0 ? 0 : r.nextInt(6);
        long expectedCount = limit == 0 ? expectedOrder.size() : Math.min(limit, expectedOrder.size());
        assertThat(SetOperations.intersectionSize(sets, limit)).as("SINTERCARD LIMIT %d, %s", limit, at)
                .isEqualTo(expectedCount);

        SetValue stored = SetOperations.intersectionSet(sets, limits);
        stored.verify();
        assertThat(content(stored)).as("stored intersection, %s", at).isEqualTo(new HashSet<>(expectedOrder));
        if (expectedOrder.isEmpty()) {
            return;
        }
        // The sets were built with the same limits, so the result takes the most compact encoding it fits.
        boolean integers = expectedOrder.stream().allMatch(SetModel::isInteger);
        boolean fitsListpack = expectedOrder.size() <= limits.listpackEntries()
                && expectedOrder.stream().allMatch(m -> m.length() <= limits.listpackValue());
        String encoding = integers && expectedOrder.size() <= limits.intsetEntries() ? "intset"
                : fitsListpack ? "listpack" : "hashtable";
        assertThat(stored.encoding()).as("stored intersection encoding, %s", at).isEqualTo(encoding);
        if (encoding.equals("intset")) {
            assertThat(members(stored)).as("intset order, %s", at).isEqualTo(SetModel.numericOrder(expectedOrder));
        } else if (encoding.equals("listpack")) {
            assertThat(members(stored)).as("listpack order, %s", at).isEqualTo(expectedOrder);
        }
    }
}
