package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ListValue} against an ArrayList model: random pushes, pops, reads, replacements,
 * insertions, removals and range deletions, with the list grown to a target size and emptied
 * again in phases, so that every seed crosses the listpack/quicklist conversion in both
 * directions, with byte-limited and count-limited node fills and with compression. After every
 * step the contents agree with the model (elements read through every access path) and the
 * structure's invariants hold; the encoding agrees with Redis 7.2's conversion rules.
 */
class ListValueModelTest {
    private static final int[] TARGETS = {0, 2, 12, 60, 300, 1200};
    /** Encoding overhead of a batch of up to 20 pushed elements: how far past the limit a listpack may get. */
    private static final long SLACK = 20 * 8;
    /** The largest element the runs push. */
    private static final long MAX_ELEMENT = 9000;
    private static final int[] FILLS = {-1, -2, -3, -5, -9, 0, 1, 3, 8, 50, 128};

    static LongStream seeds() {
        return Seeds.seeds(24);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void behavesLikeAnArrayListAcrossEncodings(long seed) {
        Run run = new Run(seed);
        run.run();
        String why = Seeds.describe(seed);
        assertThat(run.toQuicklist).as("listpack to quicklist conversions, %s", why).isGreaterThanOrEqualTo(2);
        if (Quicklist.countLimit(run.fill) / 2 == 0) {
            // With one element per node, half the limit is zero: a quicklist never turns back.
            assertThat(run.toListpack).as("quicklist to listpack conversions, %s", why).isZero();
        } else {
            assertThat(run.toListpack).as("quicklist to listpack conversions, %s", why).isGreaterThanOrEqualTo(1);
        }
        assertThat(run.multiNodeSteps).as("steps on multi-node quicklists, %s", why).isGreaterThan(100);
        if (run.depth > 0) {
            assertThat(run.compressedSteps).as("steps with compressed nodes, %s", why).isGreaterThan(100);
        }
    }

    private static final class Run {
        final long seed;
        final String why;
        final Random random;
        final List<String> model = new ArrayList<>();
        ListValue list = new ListValue();
        int fill;
        int depth;
        int step;
        int toQuicklist;
        int toListpack;
        int multiNodeSteps;
        int compressedSteps;
        String lastOperation = "";

        Run(long seed) {
            this.seed = seed;
            this.why = Seeds.describe(seed);
            this.random = new Random(seed);
        }

        void run() {
            // The fill and depth stay fixed for a run, as a quicklist keeps the ones it was made with.
            fill = FILLS[(int) Math.floorMod(seed, (long) FILLS.length)];
            depth = (int) Math.floorMod(seed / FILLS.length, 3L);
            for (int phase = 0; phase < 14; phase++) {
                int target = TARGETS[random.nextInt(TARGETS.length)];
                if (phase % 2 == 0) {
                    // Large enough to need several nodes, even of 64 KiB.
                    target = Math.max(target, fill <= -3 ? 1500 : 300);
                }
                int budget = 4 * target + 200;
                while (budget-- > 0 && model.size() != target) {
                    boolean grow = model.size() < target;
                    operation(grow ? 0.7 : 0.3);
                }
                for (int i = 0; i < 40; i++) {
                    operation(0.5);
                }
            }
        }

        String element() {
            return switch (random.nextInt(12)) {
                case 0 -> Integer.toString(random.nextInt(200) - 20);
                case 1 -> Long.toString(random.nextLong());
                case 2 -> new String[] {"0", "127", "128", "-4096", "4095", "-32768", "32767", "8388607",
                    "-8388608", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808",
                    "9223372036854775808", "05", "+5", "-0", " 1", "1 ", ""}[random.nextInt(20)];
                case 3 -> "x".repeat(random.nextInt(100) + 50);
                case 4 -> randomText(60 + random.nextInt(200));
                case 5 -> random.nextInt(8) == 0 ? "y".repeat(3000 + random.nextInt(6000)) : "z" + random.nextInt(5);
                case 6 -> "bin\u0000\u00ff\r\n" + random.nextInt(3);
                default -> "e" + random.nextInt(12);
            };
        }

        String randomText(int n) {
            StringBuilder b = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                b.append((char) random.nextInt(256));
            }
            return b.toString();
        }

        static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Redis 7.2's growth check, applied before adding elements. */
        void grow(List<String> added) {
            long bytes = 0;
            for (String s : added) {
                bytes += bytes(s).length;
            }
            boolean wasQuicklist = list.isQuicklist();
            list.prepareToGrow(bytes, added.size(), fill, depth);
            if (!wasQuicklist && list.isQuicklist()) {
                toQuicklist++;
            }
        }

        void shrink() {
            boolean wasQuicklist = list.isQuicklist();
            list.shrunk(fill);
            if (wasQuicklist && !list.isQuicklist()) {
                toListpack++;
            }
        }

        void operation(double growBias) {
            step++;
            if (list.nodeCount() > 1) {
                multiNodeSteps++;
            }
            if (list.compressedNodeCount() > 0) {
                compressedSteps++;
            }
            boolean grow = random.nextDouble() < growBias;
            boolean bulk = growBias < 0.5;
            int n = model.size();
            if (grow) {
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        boolean head = random.nextBoolean();
                        List<String> added = new ArrayList<>();
                        int k = 1 + (random.nextInt(4) == 0 ? random.nextInt(20) : 0);
                        for (int i = 0; i < k; i++) {
                            added.add(element());
                        }
                        lastOperation = (head ? "LPUSH " : "RPUSH ") + k;
                        grow(added);
                        for (String s : added) {
                            list.push(head, bytes(s));
                            if (head) {
                                model.addFirst(s);
                            } else {
                                model.add(s);
                            }
                        }
                    }
                    case 2 -> {
                        String pivot = n > 0 && random.nextInt(5) > 0 ? model.get(random.nextInt(n)) : element();
                        String value = element();
                        boolean after = random.nextBoolean();
                        lastOperation = "LINSERT " + (after ? "AFTER" : "BEFORE");
                        grow(List.of(value));
                        byte[] p = bytes(pivot);
                        boolean found = list.insert(after, p, 0, p.length, bytes(value), 0, bytes(value).length);
                        int at = model.indexOf(pivot);
                        assertThat(found).as("insert found the pivot, step %d, %s", step, why).isEqualTo(at >= 0);
                        if (at >= 0) {
                            model.add(after ? at + 1 : at, value);
                        }
                    }
                    default -> {
                        long index = n == 0 ? random.nextInt(3) - 1 : random.nextInt(n * 2 + 2) - n - 1;
                        String value = element();
                        lastOperation = "LSET " + index;
                        grow(List.of(value));
                        boolean done = list.set(index, bytes(value), 0, bytes(value).length);
                        long i = index < 0 ? n + index : index;
                        boolean inRange = i >= 0 && i < n;
                        assertThat(done).as("set in range, step %d, %s", step, why).isEqualTo(inRange);
                        if (inRange) {
                            model.set((int) i, value);
                            shrink();
                        }
                    }
                }
            } else {
                switch (random.nextInt(6)) {
                    case 0, 1 -> {
                        boolean head = random.nextBoolean();
                        lastOperation = head ? "LPOP" : "RPOP";
                        Captured got = new Captured();
                        boolean popped = list.pop(head, got);
                        assertThat(popped).as("pop, step %d, %s", step, why).isEqualTo(n > 0);
                        if (n > 0) {
                            String expected = head ? model.removeFirst() : model.removeLast();
                            assertThat(got.text()).as("popped element, step %d, %s", step, why).isEqualTo(expected);
                            shrink();
                        }
                    }
                    case 2 -> {
                        String value = n > 0 && random.nextInt(4) > 0 ? model.get(random.nextInt(n)) : element();
                        long count = random.nextInt(7) - 3;
                        if (random.nextInt(30) == 0) {
                            count = Long.MIN_VALUE;
                        }
                        lastOperation = "LREM " + count;
                        long removed = list.remove(count, bytes(value), 0, bytes(value).length);
                        long expected = removeFromModel(count, value);
                        assertThat(removed).as("removed, step %d, %s", step, why).isEqualTo(expected);
                        if (removed > 0) {
                            shrink();
                        }
                    }
                    case 3 -> {
                        if (n == 0) {
                            break;
                        }
                        long start = random.nextInt(n);
                        // Large deletions only while shrinking, or the list could never grow big.
                        long count = 1 + random.nextInt(bulk ? Math.max(1, n / (random.nextBoolean() ? 2 : 10)) : 8);
                        count = Math.min(count, n - start);
                        lastOperation = "delete " + start + " " + count;
                        list.deleteRange(start, count);
                        model.subList((int) start, (int) (start + count)).clear();
                        shrink();
                    }
                    default -> {
                        if (n == 0) {
                            break;
                        }
                        // LTRIM-like: keep a middle range.
                        int left = random.nextInt(bulk ? Math.max(1, n / 8) : 4);
                        int right = random.nextInt(bulk ? Math.max(1, n / 8) : 4);
                        left = Math.min(left, n);
                        if (left + right > n) {
                            right = n - left;
                        }
                        lastOperation = "trim " + left + " " + right;
                        list.deleteRange(0, left);
                        list.deleteRange(n - left - right, right);
                        model.subList(0, left).clear();
                        model.subList(model.size() - right, model.size()).clear();
                        shrink();
                    }
                }
            }
            if (model.isEmpty()) {
                // An emptied list is deleted with its key; the next push makes a new one.
                assertThat(list.isEmpty()).isTrue();
                list = new ListValue();
            }
            verify();
        }

        long removeFromModel(long count, String value) {
            long removed = 0;
            if (count >= 0) {
                for (int i = 0; i < model.size() && (count == 0 || removed < count); ) {
                    if (model.get(i).equals(value)) {
                        model.remove(i);
                        removed++;
                    } else {
                        i++;
                    }
                }
            } else {
                long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
                for (int i = model.size() - 1; i >= 0 && removed < limit; i--) {
                    if (model.get(i).equals(value)) {
                        model.remove(i);
                        removed++;
                    }
                }
            }
            return removed;
        }

        void verify() {
            String where = "after " + lastOperation + " at step " + step + " (fill " + fill + ", depth " + depth + "), " + why;
            assertThat(list.checkInvariants(step % 20 == 0)).as("invariants %s", where).isNull();
            assertThat(list.length()).as("length %s", where).isEqualTo(model.size());
            assertThat(list.isEmpty()).isEqualTo(model.isEmpty());
            assertThat(list.encoding()).isEqualTo(list.isQuicklist() ? "quicklist" : "listpack");
            if (!list.isQuicklist()) {
                // A listpack never holds more than the limit allows (the byte check is Redis's
                // estimate: the element lengths, not their encoded size).
                assertThat((long) model.size()).as("listpack size %s", where)
                        .isLessThanOrEqualTo(Quicklist.countLimit(fill));
                assertThat(list.uncompressedSize()).as("listpack bytes %s", where)
                        .isLessThanOrEqualTo(Math.min(Quicklist.sizeLimit(fill), Quicklist.SIZE_SAFETY_LIMIT * (fill < 0 ? 8L : 1L))
                                + SLACK);
            } else {
                // Nodes stay near the limit. As in Redis they may pass it: the node that was the
                // listpack by a few bytes (a listpack's growth is checked against the elements'
                // lengths, not their encoded sizes), and a piece of a node split by LINSERT by the
                // element inserted into it.
                long limit = Math.min(Quicklist.sizeLimit(fill), fill < 0 ? Long.MAX_VALUE : Quicklist.SIZE_SAFETY_LIMIT);
                assertThat(list.quicklist().largestMultiElementNode()).as("node bytes %s", where)
                        .isLessThanOrEqualTo(limit + MAX_ELEMENT + SLACK);
            }
            boolean full = model.size() < 400 || step % 25 == 0;
            if (full) {
                List<String> all = new ArrayList<>();
                list.range(0, model.size(), false, collector(all));
                assertThat(all).as("contents %s", where).isEqualTo(model);
                List<String> reversed = new ArrayList<>();
                if (!model.isEmpty()) {
                    list.range(model.size() - 1, model.size(), true, collector(reversed));
                }
                List<String> expected = new ArrayList<>(model);
                Collections.reverse(expected);
                assertThat(reversed).as("reversed contents %s", where).isEqualTo(expected);
            }
            int n = model.size();
            for (int k = 0; k < 3; k++) {
                long index = random.nextInt(2 * n + 4) - n - 2;
                Captured got = new Captured();
                boolean found = list.get(index, got);
                long i = index < 0 ? n + index : index;
                assertThat(found).as("get %d %s", index, where).isEqualTo(i >= 0 && i < n);
                if (found) {
                    assertThat(got.text()).as("get %d %s", index, where).isEqualTo(model.get((int) i));
                }
            }
            if (step % 50 == 0) {
                ListValue copy = list.duplicate();
                List<String> copied = new ArrayList<>();
                copy.range(0, copy.length(), false, collector(copied));
                assertThat(copied).as("duplicate %s", where).isEqualTo(model);
                assertThat(copy.checkInvariants(true)).isNull();
                byte[] d1 = new byte[20];
                byte[] d2 = new byte[20];
                ValueDigest digest = new ValueDigest();
                list.digest(digest, d1);
                for (String s : model) {
                    digest.mix(d2, bytes(s));
                }
                assertThat(d1).as("digest %s", where).isEqualTo(d2);
            }
        }
    }

    static Listpack.EntryVisitor collector(List<String> into) {
        return new Listpack.EntryVisitor() {
            @Override
            public void string(byte[] buffer, int offset, int length) {
                into.add(new String(buffer, offset, length, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void integer(long value) {
                into.add(Long.toString(value));
            }
        };
    }

    static final class Captured implements Listpack.EntryVisitor {
        String value;

        @Override
        public void string(byte[] buffer, int offset, int length) {
            value = new String(buffer, offset, length, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void integer(long v) {
            value = Long.toString(v);
        }

        String text() {
            return value;
        }
    }
}
