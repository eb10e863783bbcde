package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Listpack#find} against the loop it replaces ({@code equalsAt} on every
 * {@code (skip + 1)}th entry, stepping with {@code next}), on random listpacks of every entry
 * encoding: small and large integers, and strings of the 6-bit, 12-bit and 32-bit lengths.
 */
class ListpackFindTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The reference: the loop the callers used before. */
    private static int loopFind(Listpack lp, byte[] s, int skip) {
        for (int p = lp.first(); p >= 0; ) {
            if (lp.equalsAt(p, s, 0, s.length)) {
                return p;
            }
            for (int i = 0; i <= skip && p >= 0; i++) {
                p = lp.next(p);
            }
        }
        return -1;
    }

    private static String randomEntry(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> Integer.toString(rnd.nextInt(128)); // 7-bit integer
            case 1 -> Integer.toString(rnd.nextInt(8192) - 4096); // 13-bit integer
            case 2 -> Long.toString(rnd.nextLong()); // 64-bit integer
            case 3 -> "x".repeat(64 + rnd.nextInt(200)); // 12-bit string length
            case 4 -> "y".repeat(4096 + rnd.nextInt(100)); // 32-bit string length
            case 5 -> "007"; // looks numeric, but is a string
            case 6 -> "";
            default -> "m:" + rnd.nextInt(50);
        };
    }

    @Test
    void findsWhatTheLoopFinds() {
        long seed = Seeds.seed(0x5eed_f1dL);
        Random rnd = new Random(seed);
        for (int round = 0; round < 3_000; round++) {
            Listpack lp = new Listpack();
            int entries = rnd.nextInt(40);
            for (int i = 0; i < entries; i++) {
                lp.append(text(randomEntry(rnd)));
            }
            for (int probe = 0; probe < 10; probe++) {
                byte[] s = text(rnd.nextInt(4) == 0 ? Integer.toString(rnd.nextInt(200) - 100) : randomEntry(rnd));
                int skip = rnd.nextInt(3);
                assertThat(lp.find(s, 0, s.length, skip)).as("%s skip %d, %s", new String(s, StandardCharsets.ISO_8859_1)
                        .substring(0, Math.min(s.length, 20)), skip, Seeds.describe(seed)).isEqualTo(loopFind(lp, s, skip));
            }
        }
    }

    @Test
    void skipsValuesAndComparesIntegersAsNumbers() {
        Listpack lp = new Listpack();
        for (String s : new String[] {"a", "b", "12", "a", "b", "c"}) {
            lp.append(text(s));
        }
        // Fields at 0, 2, 4 with skip 1: "a", "12", "b".
        assertThat(lp.find(text("b"), 0, 1, 1)).isEqualTo(lp.next(lp.next(lp.next(lp.next(lp.first())))));
        assertThat(lp.find(text("c"), 0, 1, 1)).isEqualTo(-1);
        assertThat(lp.find(text("12"), 0, 2, 1)).isEqualTo(lp.next(lp.next(lp.first())));
        assertThat(lp.find(text("012"), 0, 3, 1)).isEqualTo(-1);
        assertThat(lp.find(text("c"), 0, 1, 0)).isEqualTo(lp.last());
        assertThat(new Listpack().find(text("a"), 0, 1, 0)).isEqualTo(-1);
    }
}
