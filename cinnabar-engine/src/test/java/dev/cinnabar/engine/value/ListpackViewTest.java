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
     * the previous change left, against a list; a growing change of a small listpack allocates no
     * more than the 8-byte alignment of the array, so that no trimming copy is needed after it.
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
            // About 40 entries at first (under the exact-growth limit), then about 400 (over it).
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
            if (after != array && view.bytes() <= Listpack.EXACT_GROWTH_LIMIT) {
                assertThat(after.length - view.bytes()).as("spare bytes after growing, step %d", step)
                        .isBetween(0, 7);
            }
            array = after;
            Listpack check = Listpack.over(array);
            assertThat(check.count()).as("count, step %d", step).isEqualTo(model.size());
            assertThat(check.bytes()).isEqualTo(view.bytes());
        }
        assertThat(Listpack.over(array).bytes()).as("the last phase is past the exact-growth limit")
                .isGreaterThan(Listpack.EXACT_GROWTH_LIMIT);
        assertThat(contents(Listpack.over(array))).isEqualTo(model);
    }
}
