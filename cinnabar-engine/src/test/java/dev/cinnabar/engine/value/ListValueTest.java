package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoding rules of lists (Redis 7.2's conversions, node filling, compression) on fixed cases. */
class ListValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void push(ListValue list, boolean head, String s, int fill, int depth) {
        list.prepareToGrow(b(s).length, 1, fill, depth);
        list.push(head, b(s));
    }

    private static List<String> contents(ListValue list) {
        List<String> out = new ArrayList<>();
        list.range(0, list.length(), false, ListValueModelTest.collector(out));
        return out;
    }

    @Test
    void byteLimitedListpackConvertsWhenItsSizePlusTheNewElementsPassTheLimit() {
        // fill -2: 8 KiB. A listpack of n 100-byte strings takes 6 + 1 + n * (2 + 100 + 1) bytes.
        ListValue list = new ListValue();
        String element = "v".repeat(100);
        int n = 0;
        while (7 + 103L * (n + 1) - 3 <= 8192) {
            // Before the push: bytes + 100 must stay within 8192.
            if (7 + 103L * n + 100 > 8192) {
                break;
            }
            push(list, false, element, -2, 0);
            n++;
            assertThat(list.encoding()).isEqualTo("listpack");
        }
        assertThat(n).isEqualTo(79);
        assertThat(list.uncompressedSize()).isEqualTo(7 + 103 * 79);
        push(list, false, element, -2, 0);
        assertThat(list.encoding()).isEqualTo("quicklist");
        // The old listpack is the first node; the new element did not fit in it.
        assertThat(list.nodeCount()).isEqualTo(2);
        // Shrinking: back to a listpack only with one node of at most 4096 bytes.
        Listpack.EntryVisitor ignore = ListValueModelTest.collector(new ArrayList<>());
        list.pop(false, ignore);
        list.shrunk(-2);
        assertThat(list.encoding()).as("one node, but 8144 bytes").isEqualTo("quicklist");
        while (list.uncompressedSize() > 4096) {
            list.pop(true, ignore);
            list.shrunk(-2);
            if (list.uncompressedSize() > 4096) {
                assertThat(list.encoding()).isEqualTo("quicklist");
            }
        }
        assertThat(list.encoding()).isEqualTo("listpack");
        assertThat(list.length()).isEqualTo(39);
        assertThat(list.checkInvariants(true)).isNull();
    }

    @Test
    void countLimitedListpackConvertsPastTheCountAndBackAtHalf() {
        ListValue list = new ListValue();
        for (int i = 0; i < 128; i++) {
            push(list, false, "e" + i, 128, 0);
        }
        assertThat(list.encoding()).isEqualTo("listpack");
        push(list, false, "one more", 128, 0);
        assertThat(list.encoding()).isEqualTo("quicklist");
        Listpack.EntryVisitor ignore = ListValueModelTest.collector(new ArrayList<>());
        // 129 elements in two nodes (128 + 1): popping the single tail leaves one node of 128.
        list.pop(false, ignore);
        list.shrunk(128);
        assertThat(list.nodeCount()).isEqualTo(1);
        assertThat(list.encoding()).isEqualTo("quicklist");
        while (list.length() > 64) {
            assertThat(list.encoding()).isEqualTo("quicklist");
            list.pop(true, ignore);
            list.shrunk(128);
        }
        assertThat(list.encoding()).isEqualTo("listpack");
    }

    @Test
    void aMultiElementPushIsCheckedAsAWhole() {
        ListValue list = new ListValue();
        list.prepareToGrow(5, 5, 4, 0);
        assertThat(list.encoding()).isEqualTo("quicklist");
        ListValue big = new ListValue();
        big.prepareToGrow(9000, 1, -2, 0);
        assertThat(big.encoding()).as("an element over the limit makes a quicklist at once").isEqualTo("quicklist");
        big.push(false, b("x".repeat(9000)));
        assertThat(big.nodeCount()).isEqualTo(1);
        big.push(false, b("y"));
        assertThat(big.nodeCount()).as("nothing fits next to a node over the limit").isEqualTo(2);
    }

    @Test
    void aQuicklistKeepsTheFillItWasMadeWith() {
        ListValue list = new ListValue();
        list.prepareToGrow(2, 2, 1, 0);
        list.push(false, b("a"));
        list.push(false, b("b"));
        assertThat(list.nodeCount()).isEqualTo(2);
        // A later, larger fill (CONFIG SET) changes conversions but not how this quicklist fills.
        list.prepareToGrow(1, 1, 100, 0);
        list.push(false, b("c"));
        assertThat(list.nodeCount()).isEqualTo(3);
    }

    @Test
    void innerNodesAreCompressedBeyondTheDepth() {
        ListValue list = new ListValue();
        for (int i = 0; i < 10; i++) {
            push(list, false, "a fairly compressible element, number " + i % 3 + " " + "z".repeat(40), 20, 2);
        }
        for (int i = 10; i < 200; i++) {
            push(list, i % 2 == 0, "a fairly compressible element, number " + i % 3 + " " + "z".repeat(40), 20, 2);
        }
        // 20 from the listpack, then 95 pushed at each end, 20 per node: 1 + 5 + 5 nodes.
        assertThat(list.nodeCount()).isEqualTo(11);
        assertThat(list.compressedNodeCount()).as("all but two at each end").isEqualTo(7);
        assertThat(list.checkInvariants(true)).isNull();
        // Reading a compressed node inflates a copy and leaves the node compressed.
        List<String> all = contents(list);
        assertThat(all).hasSize(200);
        assertThat(list.compressedNodeCount()).isEqualTo(7);
        // Changing it compresses it again afterwards.
        assertThat(list.set(100, b("replaced"), 0, 8)).isTrue();
        assertThat(list.compressedNodeCount()).isEqualTo(7);
        assertThat(contents(list).get(100)).isEqualTo("replaced");
        assertThat(list.checkInvariants(true)).isNull();
    }

    @Test
    void digestMatchesRedis() {
        // RPUSH l x 1 yy on Redis 7.0.15: DEBUG DIGEST-VALUE l (see the research notes).
        ListValue list = new ListValue();
        for (String s : List.of("x", "1", "yy")) {
            push(list, false, s, -2, 0);
        }
        byte[] d = new byte[20];
        ValueDigest digest = new ValueDigest();
        digest.mixInt(d, ValueType.LIST.code());
        list.digest(digest, d);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("74dacded7513adeae5b89e9d9a4326b66291a688");
    }

    @Test
    void integersAreStoredAsIntegers() {
        ListValue list = new ListValue();
        for (String s : List.of("1", "-1", "12345678901", "abc", "05")) {
            push(list, false, s, -2, 0);
        }
        // 1 byte + backlen, 2 + 1, 9 + 1, 4 + 1, 3 + 1 on top of the 7-byte frame.
        assertThat(list.uncompressedSize()).isEqualTo(7 + 2 + 3 + 10 + 5 + 4);
        assertThat(contents(list)).containsExactly("1", "-1", "12345678901", "abc", "05");
    }
}
