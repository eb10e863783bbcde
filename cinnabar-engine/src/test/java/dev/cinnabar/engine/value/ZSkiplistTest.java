package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The skiplist's rank and span invariants: after every insertion, deletion, score update and range
 * deletion of a random sequence, {@link ZSkiplist#checkInvariants} holds, and rank / byRank agree
 * with the position in a sorted model list. The checker itself is shown to catch broken spans,
 * links, backward pointers and lengths.
 */
class ZSkiplistTest {
    static LongStream seeds() {
        return Seeds.seeds(20);
    }

    private static byte[] member(int i) {
        return ("m" + i).getBytes(StandardCharsets.ISO_8859_1);
    }

    private record Element(byte[] member, double score) {}

    private static int compare(Element a, Element b) {
        if (a.score < b.score) {
            return -1;
        }
        if (a.score > b.score) {
            return 1;
        }
        return Arrays.compareUnsigned(a.member, b.member);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ranksAndSpansStayRightThroughRandomChanges(long seed) {
        Random random = new Random(seed);
        String why = Seeds.describe(seed);
        ZSkiplist list = new ZSkiplist();
        List<Element> model = new ArrayList<>();
        int tallest = 0;
        for (int step = 0; step < 4000; step++) {
            int op = random.nextInt(10);
            int m = random.nextInt(600);
            byte[] name = member(m);
            int index = indexOf(model, name);
            double score = random.nextInt(4) == 0 ? 7 : random.nextInt(200) / 4.0;
            if (op < 5) {
                if (index < 0) {
                    list.insert(score, name);
                    model.add(new Element(name, score));
                }
            } else if (op < 7) {
                assertThat(list.delete(name, 0, name.length)).isEqualTo(index >= 0);
                if (index >= 0) {
                    model.remove(index);
                }
            } else if (op < 9) {
                if (index >= 0) {
                    ZSkiplist.Node node = list.find(name, 0, name.length);
                    ZSkiplist.Node now = list.updateScore(node, score);
                    assertThat(list.find(name, 0, name.length)).isSameAs(now);
                    model.set(index, new Element(name, score));
                }
            } else if (!model.isEmpty()) {
                model.sort(ZSkiplistTest::compare);
                int start = 1 + random.nextInt(model.size());
                int end = Math.min(model.size(), start + random.nextInt(5));
                assertThat(list.deleteRangeByRank(start, end)).isEqualTo(end - start + 1);
                model.subList(start - 1, end).clear();
            }
            model.sort(ZSkiplistTest::compare);
            try {
                list.checkInvariants();
            } catch (IllegalStateException e) {
                throw new AssertionError(why + ", step " + step + ": " + e.getMessage(), e);
            }
            assertThat(list.length()).as("length, %s", why).isEqualTo(model.size());
            if (step % 10 == 0) {
                for (int i = 0; i < model.size(); i++) {
                    Element e = model.get(i);
                    assertThat(list.rank(e.score, e.member)).as("rank, %s", why).isEqualTo(i + 1);
                    assertThat(list.byRank(i + 1).member()).as("byRank, %s", why).isEqualTo(e.member);
                }
                assertThat(list.byRank(model.size() + 1)).isNull();
                assertThat(list.byRank(0)).isNull();
            }
            for (ZSkiplist.Node n = list.first(); n != null; n = n.next()) {
                tallest = Math.max(tallest, n.height());
            }
        }
        // A few hundred nodes make multi-level lists: the spans above level 0 were exercised.
        assertThat(tallest).as("tallest node, %s", why).isGreaterThanOrEqualTo(3);
    }

    private static int indexOf(List<Element> model, byte[] name) {
        for (int i = 0; i < model.size(); i++) {
            if (Arrays.equals(model.get(i).member, name)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void levelsFollowTheQuarterProbability() {
        int[] counts = new int[ZSkiplist.MAX_LEVEL + 1];
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            counts[ZSkiplist.randomLevel()]++;
        }
        // P(level >= k) = 4^-(k-1): about 75% at level 1, 18.75% at 2, 4.7% at 3.
        assertThat(counts[1] / (double) n).isBetween(0.74, 0.76);
        assertThat(counts[2] / (double) n).isBetween(0.18, 0.195);
        assertThat(counts[3] / (double) n).isBetween(0.04, 0.054);
        assertThat(counts[0]).isZero();
    }

    private static ZSkiplist sample() {
        ZSkiplist list = new ZSkiplist();
        for (int i = 0; i < 300; i++) {
            list.insert(i, member(i));
        }
        list.checkInvariants();
        return list;
    }

    /** The tallest node that has a successor at its top level (levels are random, so search). */
    private static ZSkiplist.Node tallNode(ZSkiplist list) {
        ZSkiplist.Node best = null;
        for (ZSkiplist.Node n = list.first(); n != null; n = n.next()) {
            if (n.forward(n.height() - 1) != null && (best == null || n.height() > best.height())) {
                best = n;
            }
        }
        return best;
    }

    @Test
    void theCheckerCatchesABrokenSpan() {
        ZSkiplist list = sample();
        ZSkiplist.Node node = tallNode(list);
        int top = node.height() - 1;
        node.setSpan(top, node.span(top) + 1);
        assertThatThrownBy(list::checkInvariants).isInstanceOf(IllegalStateException.class).hasMessageContaining("span");
    }

    @Test
    void theCheckerCatchesASkippedNode() {
        ZSkiplist list = sample();
        ZSkiplist.Node node = tallNode(list);
        int top = node.height() - 1;
        ZSkiplist.Node next = node.forward(top);
        node.setForward(top, next.forward(top));
        node.setSpan(top, node.span(top) + next.span(top));
        assertThatThrownBy(list::checkInvariants).isInstanceOf(IllegalStateException.class).hasMessageContaining("skips");
    }

    @Test
    void theCheckerCatchesABrokenBackwardPointerAndOrder() {
        ZSkiplist list = sample();
        list.byRank(10).backward = list.byRank(5);
        assertThatThrownBy(list::checkInvariants).hasMessageContaining("backward");
        ZSkiplist other = sample();
        other.byRank(10).score = 1000;
        assertThatThrownBy(other::checkInvariants).hasMessageContaining("order");
    }

    @Test
    void theCheckerCatchesAStaleCopyOfTheNextScore() {
        ZSkiplist list = new ZSkiplist();
        for (int i = 0; i < 20; i++) {
            list.insert(i * 10, member(i));
        }
        list.checkInvariants();
        // Still in order, but the link into the node carries its old score.
        list.byRank(5).score = 41;
        assertThatThrownBy(list::checkInvariants).hasMessageContaining("stale copy");
    }

    @Test
    void aScoreUpdateInPlaceKeepsTheCopiesInTheLinksIntoTheNode() {
        ZSkiplist list = new ZSkiplist();
        for (int i = 0; i < 200; i++) {
            list.insert(i * 10, member(i));
        }
        // Every node moves within the gap to its neighbours, which updates it in place; tall
        // nodes among them take the searched path.
        for (int i = 0; i < 200; i++) {
            ZSkiplist.Node node = list.find(member(i), 0, member(i).length);
            assertThat(list.updateScore(node, i * 10 + 5)).isSameAs(node);
        }
        list.checkInvariants();
        assertThat(list.rank(1995, member(199))).isEqualTo(200);
    }

    @Test
    void rankOfTheHeaderIsNeverReported() {
        ZSkiplist list = new ZSkiplist();
        assertThat(list.rank(0, member(1))).isZero();
        assertThat(list.byRank(1)).isNull();
        list.insert(0, new byte[0]);
        assertThat(list.rank(0, new byte[0])).isEqualTo(1);
        assertThat(list.rank(0, member(1))).isZero();
        list.checkInvariants();
    }
}
