package dev.cinnabar.engine.value;

import static dev.cinnabar.engine.value.ListpackNodeOperationsTest.b;
import static dev.cinnabar.engine.value.ListpackNodeOperationsTest.contents;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Views over bare listpack arrays ({@link Listpack#over}), as small hashes and sorted sets keep
 * them: what the header says is what the view sees, and changes through a view leave an array
 * that a new view reads back whole.
 */
class ListpackViewTest {
    @Test
    void aViewOfAnEmptyArrayIsEmptyAndGrowsFromIt() {
        byte[] array = Listpack.emptyArray();
        Listpack view = Listpack.over(array);
        assertThat(view.count()).isZero();
        assertThat(view.first()).isEqualTo(-1);
        view.append(b("field"));
        view.append(b("42"));
        Listpack again = Listpack.over(view.array());
        assertThat(contents(again)).containsExactly("field", "42");
        assertThat(again.bytes()).isEqualTo(view.bytes());
    }

    @Test
    void countsEntriesWhenTheHeaderCountSaturates() {
        Listpack lp = new Listpack();
        for (int i = 0; i < 70_000; i++) {
            lp.append(b(Integer.toString(i % 100)));
        }
        Listpack view = Listpack.over(lp.array());
        assertThat(view.count()).isEqualTo(70_000);
        view.delete(view.first());
        assertThat(Listpack.over(view.array()).count()).isEqualTo(69_999);
    }

    /**
     * Random appends, inserts, replacements and deletions, each through a fresh view of the array
     * the previous change left, against a list; a growing change of a small listpack allocates the
     * size class of its new length, and a change that fits the array's spare room stays in it.
     */
    @Test
    void changesThroughFreshViewsKeepTheContent() {
        Random random = new Random(20261127);
        List<String> model = new ArrayList<>();
        byte[] array = Listpack.emptyArray();
        for (int step = 0; step < 6_000; step++) {
            Listpack view = Listpack.over(array);
            String value = random.nextBoolean() ? Integer.toString(random.nextInt(100_000) - 50_000)
                    : "v".repeat(random.nextInt(70));
            // About 40 entries at first (under the size-class limit), then about 400 (over it).
            int target = step < 2_500 ? 40 : 400;
            int op = model.isEmpty() ? 0 : random.nextInt(model.size() > target ? 5 : 3);
            int index = model.isEmpty() ? 0 : random.nextInt(model.size());
            switch (op) {
                case 0 -> {
                    view.append(b(value));
                    model.add(value);
                }
                case 1 -> {
                    view.insertBefore(view.seek(index), b(value), 0, value.length());
                    model.add(index, value);
                }
                case 2 -> {
                    view.replace(view.seek(index), b(value), 0, value.length());
                    model.set(index, value);
                }
                default -> {
                    view.delete(view.seek(index));
                    model.remove(index);
                }
            }
            byte[] after = view.array();
            if (view.bytes() <= Listpack.SIZE_CLASS_LIMIT) {
                if (view.bytes() <= array.length) {
                    assertThat(after).as("a change that fits, step %d", step).isSameAs(array);
                } else {
                    assertThat(after.length).as("the array after growing, step %d", step)
                            .isEqualTo(Listpack.sizeClassCapacity(view.bytes()));
                }
            }
            array = after;
            Listpack check = Listpack.over(array);
            assertThat(check.count()).as("count, step %d", step).isEqualTo(model.size());
            assertThat(check.bytes()).isEqualTo(view.bytes());
        }
        assertThat(Listpack.over(array).bytes()).as("the last phase is past the size-class limit")
                .isGreaterThan(Listpack.SIZE_CLASS_LIMIT);
        assertThat(contents(Listpack.over(array))).isEqualTo(model);
    }

    /** A listpack's bytes in jemalloc's small size classes, plus what the array header's alignment leaves. */
    @Test
    void growsToJemallocSizeClasses() {
        int[] classes = {16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896,
            1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120};
        int previous = 0;
        for (int sizeClass : classes) {
            int aligned = ((sizeClass + 12 + 7) & ~7) - 12;
            for (int needed = previous + 1; needed <= sizeClass; needed++) {
                assertThat(Listpack.sizeClassCapacity(needed)).as("capacity for %d bytes", needed).isEqualTo(aligned);
            }
            previous = sizeClass;
        }
    }

    @Test
    void trimKeepsAViewsSizeClassAndShrinksToASmallerOne() {
        Listpack view = Listpack.over(Listpack.emptyArray());
        for (int i = 0; i < 40; i++) {
            view.append(b("value-" + i));
        }
        int used = view.bytes();
        view.trim();
        assertThat(view.array().length).isEqualTo(Listpack.sizeClassCapacity(used));
        while (view.count() > 4) {
            view.delete(view.first());
        }
        view.trim();
        assertThat(view.array().length).isEqualTo(Listpack.sizeClassCapacity(view.bytes()));
        assertThat(contents(Listpack.over(view.array()))).containsExactly("value-36", "value-37", "value-38",
                "value-39");
    }

    /** A view that shrinks back across a size class boundary keeps its array (no copy per push and pop). */
    @Test
    void aViewThatShrinksALittleKeepsItsArray() {
        Listpack view = Listpack.over(Listpack.emptyArray());
        int previousCapacity;
        do {
            previousCapacity = view.array().length;
            view.append(b("value"));
        } while (view.bytes() <= 160 || view.array().length == previousCapacity);
        byte[] grown = view.array();
        assertThat(grown.length).isEqualTo(Listpack.sizeClassCapacity(view.bytes()));
        while (view.bytes() > 160) {
            view.delete(view.last());
        }
        assertThat(Listpack.sizeClassCapacity(view.bytes())).as("back within the smaller class")
                .isEqualTo(previousCapacity);
        view.trim();
        assertThat(view.array()).isSameAs(grown);
    }
}
