package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cinnabar.engine.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LZF: round trips of random and repetitive data, known encodings, and refusal of corrupt input. */
class LzfTest {
    static LongStream seeds() {
        return Seeds.seeds(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void roundTripsRandomData(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 50; i++) {
            int length = r.nextInt(i < 25 ? 300 : 70_000);
            byte[] data = new byte[length];
            int alphabet = 1 + r.nextInt(r.nextBoolean() ? 4 : 256);
            int p = 0;
            while (p < length) {
                if (p > 0 && r.nextInt(3) == 0) {
                    // Copy an earlier run (near or far) so that back references of every length occur.
                    int from = r.nextInt(p);
                    int run = Math.min(length - p, 1 + r.nextInt(300));
                    for (int k = 0; k < run; k++) {
                        data[p++] = data[from + k];
                    }
                } else {
                    data[p++] = (byte) r.nextInt(alphabet);
                }
            }
            byte[] out = new byte[length + length / 16 + 64];
            int n = Lzf.compress(data, length, out);
            String why = "length " + length + ", " + Seeds.describe(seed);
            if (length == 0) {
                assertThat(n).isZero();
                continue;
            }
            assertThat(n).as("compressed size, %s", why).isPositive();
            byte[] back = new byte[length];
            assertThat(Lzf.decompress(out, n, back)).as(why).isEqualTo(length);
            assertThat(back).as(why).isEqualTo(data);
            // Too small an output buffer is reported as "does not fit", never overrun.
            byte[] tight = new byte[Math.max(0, n - 1)];
            assertThat(Lzf.compress(data, length, tight)).as(why).isZero();
        }
    }

    @Test
    void repetitiveDataShrinks() {
        byte[] data = "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc".repeat(40).getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[data.length];
        int n = Lzf.compress(data, data.length, out);
        assertThat(n).isBetween(1, data.length / 50);
        byte[] back = new byte[data.length];
        Lzf.decompress(out, n, back);
        assertThat(back).isEqualTo(data);
    }

    @Test
    void decodesTheFormatAsSpecified() {
        // "ab" as literals, then copy 5 bytes from 2 back (overlapping): "ababababa"... then "!"
        byte[] in = {1, 'a', 'b', (byte) ((3 << 5) | 0), 1, 0, '!'};
        byte[] out = new byte[8];
        assertThat(Lzf.decompress(in, in.length, out)).isEqualTo(8);
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo("abababa!");
        // A long reference: 7 in the length bits, then the extra length byte.
        byte[] longRef = {0, 'z', (byte) (7 << 5), 10, 0};
        byte[] out2 = new byte[1 + 19];
        assertThat(Lzf.decompress(longRef, longRef.length, out2)).isEqualTo(20);
        byte[] zs = new byte[20];
        Arrays.fill(zs, (byte) 'z');
        assertThat(out2).isEqualTo(zs);
    }

    @Test
    void refusesCorruptInput() {
        byte[] out = new byte[16];
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {5, 'a'}, 2, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {(byte) (1 << 5), 0}, 2, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {0, 'a', (byte) (7 << 5)}, 3, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {31, 1, 2, 3}, 4, out)).isInstanceOf(IllegalArgumentException.class);
        byte[] small = new byte[2];
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {2, 'a', 'b', 'c'}, 4, small))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
