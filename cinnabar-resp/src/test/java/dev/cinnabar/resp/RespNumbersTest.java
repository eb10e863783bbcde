package dev.cinnabar.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RespNumbersTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isLong(String s) {
        byte[] b = ascii(s);
        return RespNumbers.isLong(b, 0, b.length);
    }

    private static long parseLong(String s) {
        byte[] b = ascii(s);
        return RespNumbers.parseLong(b, 0, b.length);
    }

    // ---- string2ll ----

    @ParameterizedTest(name = "[{0}] is a long")
    @ValueSource(strings = {"0", "1", "-1", "9", "10", "-10", "1234567890", "9223372036854775807",
        "-9223372036854775808", "9223372036854775806", "-9223372036854775807", "1000000000000000000"})
    void validLongs(String text) {
        assertThat(isLong(text)).isTrue();
        assertThat(parseLong(text)).isEqualTo(Long.parseLong(text));
        assertThat(RespNumbers.parseLongOr(ascii(text), 0, text.length(), 42)).isEqualTo(Long.parseLong(text));
    }

    /** Every one of these is rejected by Redis 7.0 (checked with INCRBY against redis-server). */
    @ParameterizedTest(name = "[{0}] is not a long")
    @ValueSource(strings = {"", "-", "-0", "00", "01", "-01", "-09", "+1", "+0", " 1", "1 ", "1a", "a1", "1.0",
        "1e3", "0x10", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "99999999999999999999", "-99999999999999999999", "00000000000000000001", "123456789012345678901",
        "--1", "1-", "\u00001", "1\u0000", "\t1", "1\r", "１"})
    void invalidLongs(String text) {
        assertThat(isLong(text)).as("[%s]", text).isFalse();
        byte[] b = ascii(text);
        assertThat(RespNumbers.parseLongOr(b, 0, b.length, 42)).isEqualTo(42);
    }

    @Test
    void twentyOneCharactersAreRejectedEvenWhenTheValueWouldFit() {
        // string2ll refuses anything of LONG_STR_SIZE (21) bytes or more before looking at it.
        assertThat(isLong("-09223372036854775808")).isFalse();
        assertThat(isLong("-9223372036854775808")).isTrue();
    }

    @Test
    void parsesInsideALargerArray() {
        byte[] b = ascii("xx-12345yy");
        assertThat(RespNumbers.isLong(b, 2, 6)).isTrue();
        assertThat(RespNumbers.parseLong(b, 2, 6)).isEqualTo(-12345);
        assertThat(RespNumbers.isLong(b, 2, 7)).isFalse();
        assertThat(RespNumbers.isLong(b, 1, 7)).isFalse();
        assertThat(RespNumbers.isLong(b, 3, 1)).isTrue();
        assertThat(RespNumbers.parseLong(b, 3, 1)).isEqualTo(1);
        assertThat(RespNumbers.isLong(b, 3, 0)).isFalse();
    }

    /** string2ll's language: "0", or an optional '-' and a non-zero digit then digits, in range, at most 20 bytes. */
    private static final Pattern STRING2LL = Pattern.compile("0|-?[1-9][0-9]*");

    private static boolean referenceIsLong(String s) {
        if (s.length() > 20 || !STRING2LL.matcher(s).matches()) {
            return false;
        }
        BigInteger v = new BigInteger(s);
        return v.bitLength() <= 63;
    }

    @Test
    void randomStringsAgreeWithTheString2llRules() {
        long seed = Seeds.seed(0x5eed_0001L);
        Random rnd = Seeds.random(seed);
        String alphabet = "0123456789-+ .e";
        for (int iteration = 0; iteration < 200_000; iteration++) {
            String s;
            switch (rnd.nextInt(4)) {
                case 0 -> s = Long.toString(rnd.nextLong() >> rnd.nextInt(64));
                case 1 -> {
                    // Near the limits, where overflow checks matter.
                    BigInteger base = BigInteger.valueOf(rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
                    s = base.add(BigInteger.valueOf(rnd.nextInt(41) - 20)).toString();
                    if (rnd.nextInt(4) == 0) {
                        s = s + rnd.nextInt(10);
                    }
                }
                default -> {
                    StringBuilder sb = new StringBuilder();
                    int len = rnd.nextInt(23);
                    for (int i = 0; i < len; i++) {
                        sb.append(i > 0 && rnd.nextInt(4) != 0 ? (char) ('0' + rnd.nextInt(10))
                                : alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                    s = sb.toString();
                }
            }
            boolean expected = referenceIsLong(s);
            assertThat(isLong(s)).as("[%s] with %s", s, Seeds.replay(seed)).isEqualTo(expected);
            if (expected) {
                assertThat(parseLong(s)).as("[%s] with %s", s, Seeds.replay(seed)).isEqualTo(Long.parseLong(s));
            }
        }
    }

    // ---- decimal output ----

    private static List<Long> edgeLongs() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, -9L, 10L, -10L, 11L, 99L, 100L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
                (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE));
        long p = 1;
        for (int i = 0; i < 19; i++) {
            values.add(p);
            values.add(p - 1);
            values.add(p + 1);
            values.add(-p);
            values.add(-p + 1);
            values.add(-p - 1);
            p *= 10;
        }
        return values;
    }

    private static String written(long v) {
        ByteBuf b = Unpooled.buffer(1, 64);
        b.writeByte('[');
        RespNumbers.writeDecimal(b, v);
        b.writeByte(']');
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everySmallNumberIsWrittenLikeLongToString() {
        // The numbers below 10,000 take a shortcut of their own: check every one.
        for (long v = 0; v <= 10_000; v++) {
            assertThat(written(v)).isEqualTo("[" + v + "]");
        }
    }

    @Test
    void decimalOutputOfEdgeValues() {
        for (long v : edgeLongs()) {
            String expected = Long.toString(v);
            assertThat(RespNumbers.decimalLength(v)).as("length of %d", v).isEqualTo(expected.length());
            assertThat(new String(RespNumbers.toBytes(v), StandardCharsets.ISO_8859_1)).isEqualTo(expected);
            assertThat(written(v)).isEqualTo("[" + expected + "]");
        }
    }

    @Test
    void writeDecimalAppendsAtTheWriterIndexOfAnyBuffer() {
        ByteBuf direct = Unpooled.directBuffer(4);
        try {
            direct.writeBytes(ascii("abc"));
            direct.readerIndex(2);
            RespNumbers.writeDecimal(direct, Long.MIN_VALUE);
            RespNumbers.writeDecimal(direct, 7);
            assertThat(direct.toString(StandardCharsets.ISO_8859_1)).isEqualTo("c-92233720368547758087");
        } finally {
            direct.release();
        }
    }

    @Test
    void randomLongsAreWrittenLikeLongToString() {
        long seed = Seeds.seed(0x5eed_0002L);
        Random rnd = Seeds.random(seed);
        ByteBuf b = Unpooled.buffer(32);
        for (int i = 0; i < 100_000; i++) {
            long v = rnd.nextLong() >> rnd.nextInt(64);
            String expected = Long.toString(v);
            b.clear();
            RespNumbers.writeDecimal(b, v);
            assertThat(b.toString(StandardCharsets.ISO_8859_1)).as(Seeds.replay(seed)).isEqualTo(expected);
            assertThat(RespNumbers.decimalLength(v)).as(Seeds.replay(seed)).isEqualTo(expected.length());
            assertThat(RespNumbers.toBytes(v)).as(Seeds.replay(seed)).isEqualTo(ascii(expected));
            // What is written is what string2ll reads back.
            byte[] bytes = RespNumbers.toBytes(v);
            assertThat(RespNumbers.isLong(bytes, 0, bytes.length)).isTrue();
            assertThat(RespNumbers.parseLong(bytes, 0, bytes.length)).isEqualTo(v);
        }
    }
}
