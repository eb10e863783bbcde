package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IntSet} against a TreeSet model: random additions and removals of values of every
 * width (so the set is upgraded from 16 to 32 to 64-bit elements at random moments), with the
 * encoded bytes compared after every step with Redis's layout built independently here.
 */
class IntSetPropertyTest {
    static LongStream seeds() {
        return Seeds.seeds(40);
    }

    private static long value(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> r.nextInt(200) - 100;
            case 1 -> r.nextInt(65536) - 32768;
            case 2 -> (long) r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE, Short.MIN_VALUE - 1, Short.MAX_VALUE + 1,
                Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L, Long.MIN_VALUE,
                Long.MAX_VALUE, 0, -1}[r.nextInt(12)];
            default -> r.nextInt(40) - 20;
        };
    }

    /** Redis's layout of a sorted set of values at the narrowest width that holds the widest value seen. */
    private static byte[] expectedLayout(TreeSet<Long> model, int width) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLe(out, width, 4);
        writeLe(out, model.size(), 4);
        for (long v : model) {
            writeLe(out, v, width);
        }
        return out.toByteArray();
    }

    private static void writeLe(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    private static int widthFor(long v) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? 2 : v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 4 : 8;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void behavesLikeATreeSetInRedisLayout(long seed) {
        String why = Seeds.describe(seed);
        Random r = new Random(seed);
        IntSet set = new IntSet();
        TreeSet<Long> model = new TreeSet<>();
        int width = 2;
        int steps = 400 + r.nextInt(400);
        for (int step = 0; step < steps; step++) {
            long v = r.nextInt(3) == 0 && !model.isEmpty() ? pickExisting(model, r) : value(r);
            String at = why + ", step " + step + ", value " + v;
            switch (r.nextInt(6)) {
                case 0, 1, 2 -> {
                    assertThat(set.add(v)).as("add, %s", at).isEqualTo(model.add(v));
                    width = Math.max(width, widthFor(v));
                }
                case 3, 4 -> assertThat(set.remove(v)).as("remove, %s", at).isEqualTo(model.remove(v));
                default -> assertThat(set.contains(v)).as("contains, %s", at).isEqualTo(model.contains(v));
            }
            set.verify();
            assertThat(set.length()).as("length, %s", at).isEqualTo(model.size());
            // Redis never narrows the elements again after removals.
            assertThat(set.width()).as("width, %s", at).isEqualTo(width);
            assertThat(set.toByteArray()).as("layout, %s", at).isEqualTo(expectedLayout(model, width));
            assertThat(set.blobLength()).as("blob length, %s", at).isEqualTo(8 + model.size() * width);
            if (!model.isEmpty()) {
                assertThat(set.min()).as("min, %s", at).isEqualTo(model.first());
                assertThat(set.max()).as("max, %s", at).isEqualTo(model.last());
            }
        }
    }

    private static long pickExisting(TreeSet<Long> model, Random r) {
        int index = r.nextInt(model.size());
        for (long v : model) {
            if (index-- == 0) {
                return v;
            }
        }
        throw new AssertionError();
    }

    @Test
    void upgradesPutTheNewValueAtTheRightEnd() {
        IntSet set = new IntSet();
        set.add(5);
        set.add(-3);
        set.add(1_000_000);
        assertThat(set.width()).isEqualTo(4);
        set.add(Long.MIN_VALUE);
        assertThat(set.width()).isEqualTo(8);
        assertThat(new long[] {set.get(0), set.get(1), set.get(2), set.get(3)})
                .containsExactly(Long.MIN_VALUE, -3, 5, 1_000_000);
        assertThat(set.search(4)).isEqualTo(-2 - 1);
        assertThat(set.contains(Long.MAX_VALUE)).isFalse();
        IntSet copy = set.copy();
        copy.remove(5);
        assertThat(set.contains(5)).isTrue();
        assertThat(copy.contains(5)).isFalse();
    }
}
