package dev.cinnabar.engine.value;

import static dev.cinnabar.engine.value.SetValuePropertyTest.members;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed cases of {@link SetValue}: the encoding transitions at Redis 7.2's default thresholds,
 * and DEBUG DIGEST-VALUE against digests a real redis-server 7.0.15 printed (research notes §7).
 */
class SetValueTest {
    private static final SetValue.Limits DEFAULT = SetValue.Limits.DEFAULT;

    /** A set built as {@code SADD key members...} builds it. */
    private static SetValue sadd(SetValue set, SetValue.Limits limits, String... members) {
        if (set == null) {
            byte[] first = SetModel.bytes(members[0]);
            set = SetValue.create(first, 0, first.length, members.length, limits);
        } else {
            set.prepareFor(members.length, limits);
        }
        for (String m : members) {
            byte[] b = SetModel.bytes(m);
            set.add(b, 0, b.length, limits);
        }
        set.verify();
        return set;
    }

    private static String[] range(String prefix, int from, int toExclusive) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) {
            out.add(prefix + i);
        }
        return out.toArray(String[]::new);
    }

    private static String digestValue(SetValue set) {
        byte[] d = new byte[20];
        new ValueDigest().addValue(d, set, false);
        return ValueDigest.hex(d);
    }

    @Test
    void digestsAreRedis() {
        SetValue mixed = sadd(null, DEFAULT, "x", "1", "yy");
        assertThat(mixed.encoding()).isEqualTo("listpack");
        assertThat(digestValue(mixed)).isEqualTo("248d7ca0ddf3c19da26fe14672ddde56baef83f1");
        SetValue table = sadd(null, new SetValue.Limits(512, 0, 64), "x", "1", "yy");
        assertThat(table.encoding()).isEqualTo("hashtable");
        assertThat(digestValue(table)).isEqualTo("248d7ca0ddf3c19da26fe14672ddde56baef83f1");
        SetValue ints = sadd(null, DEFAULT, "1", "2", "-3");
        assertThat(ints.encoding()).isEqualTo("intset");
        assertThat(digestValue(ints)).isEqualTo("836878cc027f259476c1f062e588720a8848c1d0");
    }

    @Test
    void intsetHoldsUpTo512IntegersThenBecomesAHashtable() {
        SetValue set = sadd(null, DEFAULT, range("", 0, 512));
        assertThat(set.encoding()).isEqualTo("intset");
        set = sadd(set, DEFAULT, "512");
        assertThat(set.encoding()).isEqualTo("hashtable");
        assertThat(set.size()).isEqualTo(513);
    }

    @Test
    void aStringTurnsASmallIntsetIntoAListpackAndALargeOneIntoAHashtable() {
        SetValue small = sadd(null, DEFAULT, range("", 0, 127));
        small = sadd(small, DEFAULT, "a");
        assertThat(small.encoding()).isEqualTo("listpack");
        // The intset's members come first, ascending, then the new member.
        assertThat(members(small).subList(0, 3)).containsExactly("0", "1", "2");
        assertThat(members(small).get(127)).isEqualTo("a");

        SetValue large = sadd(null, DEFAULT, range("", 0, 128));
        large = sadd(large, DEFAULT, "a");
        assertThat(large.encoding()).isEqualTo("hashtable");

        // A member wider than set-max-listpack-value (as decimal text) keeps the intset out of a listpack.
        SetValue wide = sadd(null, new SetValue.Limits(512, 128, 5), "123456");
        wide = sadd(wide, new SetValue.Limits(512, 128, 5), "a");
        assertThat(wide.encoding()).isEqualTo("hashtable");
    }

    @Test
    void listpackLimitsOnCountAndLength() {
        SetValue set = sadd(null, DEFAULT, range("m", 0, 128));
        assertThat(set.encoding()).isEqualTo("listpack");
        SetValue grown = sadd(set.duplicate(), DEFAULT, "m128");
        assertThat(grown.encoding()).isEqualTo("hashtable");
        SetValue longMember = sadd(sadd(null, DEFAULT, "a"), DEFAULT, "x".repeat(65));
        assertThat(longMember.encoding()).isEqualTo("hashtable");
        SetValue at64 = sadd(sadd(null, DEFAULT, "a"), DEFAULT, "x".repeat(64));
        assertThat(at64.encoding()).isEqualTo("listpack");
    }

    @Test
    void saddChoosesTheEncodingFromItsFirstMemberAndArgumentCount() {
        // 129 arguments: too many for a listpack, but an intset takes them while they are integers.
        String[] args = range("", 0, 129);
        args[128] = "a";
        assertThat(sadd(null, DEFAULT, args).encoding()).isEqualTo("hashtable");
        // 129 strings go straight to a hashtable, even if they repeat down to two members.
        String[] repeated = new String[129];
        java.util.Arrays.fill(repeated, "a");
        repeated[1] = "b";
        SetValue set = sadd(null, DEFAULT, repeated);
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.encoding()).isEqualTo("hashtable");
        // A first member that is not an integer gives a listpack even if the rest are.
        assertThat(sadd(null, DEFAULT, "a", "1", "2").encoding()).isEqualTo("listpack");
        // More arguments than the listpack holds convert an existing listpack first.
        SetValue small = sadd(null, DEFAULT, "a");
        assertThat(sadd(small, DEFAULT, range("", 0, 129)).encoding()).isEqualTo("hashtable");
    }

    @Test
    void removingNeverConvertsBack() {
        SetValue set = sadd(null, DEFAULT, range("m", 0, 200));
        for (int i = 1; i < 200; i++) {
            byte[] b = SetModel.bytes("m" + i);
            assertThat(set.remove(b, 0, b.length)).isTrue();
        }
        assertThat(set.encoding()).isEqualTo("hashtable");
        assertThat(members(set)).containsExactly("m0");
        SetValue lp = sadd(null, DEFAULT, "a", "1");
        lp.remove(SetModel.bytes("a"), 0, 1);
        assertThat(lp.encoding()).isEqualTo("listpack");
    }

    @Test
    void integersAreCanonicalOnly() {
        SetValue set = sadd(null, DEFAULT, "1", "01", "+1", "-0", "1 ");
        assertThat(set.size()).isEqualTo(5);
        assertThat(set.encoding()).isEqualTo("listpack");
        assertThat(set.contains(SetModel.bytes("01"), 0, 2)).isTrue();
        assertThat(set.containsInteger(1)).isTrue();
        assertThat(set.containsInteger(0)).isFalse();
    }
}
