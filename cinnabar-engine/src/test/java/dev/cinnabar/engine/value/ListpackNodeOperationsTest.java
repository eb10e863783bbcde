package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listpack operations quicklist nodes need: copies from bytes, appending whole listpacks, reading in place. */
class ListpackNodeOperationsTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The elements in order, integers in their decimal text. */
    static List<String> contents(Listpack lp) {
        List<String> out = new ArrayList<>();
        for (int p = lp.first(); p != -1; p = lp.next(p)) {
            lp.read(p, ListValueModelTest.collector(out));
        }
        return out;
    }

    @Test
    void fromBytesReadsRedisBytesAndCountsPastTheHeaderLimit() {
        Listpack lp = new Listpack();
        for (int i = 0; i < 70_000; i++) {
            lp.append(b(Integer.toString(i % 100)));
        }
        byte[] bytes = lp.toByteArray();
        // 65535 in the header means "count unknown": the entries are counted.
        assertThat(bytes[4] & 0xFF).isEqualTo(0xFF);
        assertThat(bytes[5] & 0xFF).isEqualTo(0xFF);
        Listpack copy = Listpack.fromBytes(bytes, bytes.length);
        assertThat(copy.count()).isEqualTo(70_000);
        assertThat(copy.bytes()).isEqualTo(lp.bytes());
        Listpack small = new Listpack();
        small.append(b("x"));
        small.append(b("12"));
        Listpack smallCopy = Listpack.fromBytes(small.toByteArray(), small.bytes());
        assertThat(contents(smallCopy)).containsExactly("x", "12");
        Listpack empty = Listpack.fromBytes(new Listpack().toByteArray(), 7);
        assertThat(empty.count()).isZero();
        assertThat(empty.first()).isEqualTo(-1);
        assertThatThrownBy(() -> Listpack.fromBytes(new byte[] {7, 0, 0, 0, 0, 0, 0}, 7))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendAllConcatenatesAndCopiesAreIndependent() {
        Listpack a = new Listpack();
        a.append(b("a"));
        a.append(b("-5"));
        Listpack c = a.copy();
        Listpack other = new Listpack();
        other.append(b("y".repeat(100)));
        other.append(b("7"));
        a.appendAll(other);
        a.appendAll(new Listpack());
        assertThat(contents(a)).containsExactly("a", "-5", "y".repeat(100), "7");
        assertThat(a.count()).isEqualTo(4);
        assertThat(a.bytes()).isEqualTo(c.bytes() + other.bytes() - 7);
        assertThat(a.previous(a.last())).isEqualTo(a.seek(2));
        assertThat(contents(c)).containsExactly("a", "-5");
        assertThat(a.entrySize(a.first())).isEqualTo(3);
        assertThat(Listpack.entrySizeOf(b("y".repeat(100)), 0, 100)).isEqualTo(2 + 100 + 1);
    }
}
