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

    // ---- %.17g ----

    /** Expected strings produced by Python's '%.17g' (C's printf). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0.1                      | 0.10000000000000001",
        "-0.1                     | -0.10000000000000001",
        "1.1                      | 1.1000000000000001",
        "0.5                      | 0.5",
        "123.456                  | 123.456",
        "1e20                     | 1e+20",
        "1e-5                     | 1.0000000000000001e-05",
        "-0.00001                 | -1.0000000000000001e-05",
        "2.5e-5                   | 2.5000000000000001e-05",
        "1e-4                     | 0.0001",
        "0.000123                 | 0.00012300000000000001",
        "0.0000123                | 1.2300000000000001e-05",
        "0.001                    | 0.001",
        "123456789012345678       | 1.2345678901234568e+17",
        "12345678901234567        | 12345678901234568",
        "9223372036854775807      | 9.2233720368547758e+18",
        "1e15                     | 1000000000000000",
        "999999999999999          | 999999999999999",
        "1e16                     | 10000000000000000",
        "1e17                     | 1e+17",
        "99999999999999999        | 1e+17",
        "1e100                    | 1e+100",
        "-0.0                     | -0",
        "0.0                      | 0",
        "1                        | 1",
        "-1.5                     | -1.5",
        "100                      | 100",
        "3.14159                  | 3.1415899999999999",
        "0.30000000000000004      | 0.30000000000000004",
        "4.9e-324                 | 4.9406564584124654e-324",
        "1e-310                   | 9.9999999999999694e-311",
        "2.2250738585072014E-308  | 2.2250738585072014e-308",
        "2.225073858507201E-308   | 2.2250738585072009e-308",
        "1.7976931348623157E308   | 1.7976931348623157e+308",
        "-1.7976931348623157E308  | -1.7976931348623157e+308",
        "9.9999999999999999e22    | 9.9999999999999992e+22",
        "1e23                     | 9.9999999999999992e+22",
        "1.0000000000000001e23    | 1.0000000000000001e+23",
        // Doubles just below a power of ten whose 17-digit rounding carries into the next decade.
        "1e-14                    | 1e-14",
        "1e-175                   | 1e-175",
        "1e-305                   | 1e-305",
        "Infinity                 | inf",
        "-Infinity                | -inf",
        "NaN                      | nan",
    })
    void formatsLikePrintf17g(String input, String expected) {
        assertThat(RespNumbers.formatDouble17g(Double.parseDouble(input))).isEqualTo(expected);
    }

    @Test
    void roundingCarriesIntoTheNextDecade() {
        // 1e-14 is stored as 9.99999999999999998819...e-15; to 17 digits that is 1.0000000000000000e-14.
        assertThat(new BigDecimal(1e-14)).isLessThan(new BigDecimal("1e-14"));
        assertThat(RespNumbers.formatDouble17g(1e-14)).isEqualTo("1e-14");
        // The largest double below 1 is 0.99999999999999988898; to 15 digits it becomes 1.
        double belowOne = Math.nextDown(1.0);
        assertThat(RespNumbers.formatDouble17g(belowOne)).isEqualTo("0.99999999999999989");
        assertThat(RespNumbers.formatG(belowOne, 16)).isEqualTo("0.9999999999999999");
        assertThat(RespNumbers.formatG(belowOne, 15)).isEqualTo("1");
    }

    /** Python's '%.<p>g' for other precisions. */
    @ParameterizedTest(name = "%.{1}g of {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "0.1          | 1  | 0.1",
        "123456.789   | 1  | 1e+05",
        "2.5          | 1  | 2",
        "999999.5     | 1  | 1e+06",
        "123456.789   | 5  | 1.2346e+05",
        "0.000123456  | 5  | 0.00012346",
        "123456.789   | 6  | 123457",
        "999999.5     | 6  | 1e+06",
        "999999.5     | 10 | 999999.5",
        "1e22         | 16 | 1e+22",
        "0.1          | 21 | 0.100000000000000005551",
        "123456.789   | 21 | 123456.789000000004307",
        "1e-5         | 21 | 1.0000000000000000818e-05",
        "0.000123456  | 21 | 0.000123456000000000005188",
        "2.5          | 0  | 2",
    })
    void otherPrecisionsFollowPrintfToo(double value, int precision, String expected) {
        assertThat(RespNumbers.formatG(value, precision)).isEqualTo(expected);
    }

    @Test
    void agreesWithPrintfOnTheGeneratedTable() throws IOException {
        int rows = 0;
        try (InputStream in = RespNumbersTest.class.getResourceAsStream("double-17g.txt")) {
            assertThat(in).as("test resource double-17g.txt").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                double d = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, space), 16));
                String expected = line.substring(space + 1);
                assertThat(RespNumbers.formatDouble17g(d)).as("%.17g of %s (bits %s)", d, line.substring(0, space))
                        .isEqualTo(expected);
                rows++;
            }
        }
        assertThat(rows).isGreaterThan(10_000);
    }

    /**
     * An independent rendering of C's %.17g, from the definition: round the exact binary value
     * to 17 significant digits (half-even), take the exponent X of the result, print %e style
     * when X < -4 or X >= 17 and %f style otherwise, then drop trailing zeros.
     */
    static String reference17g(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) == 0 ? "0" : "-0";
        }
        BigDecimal r = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int x = r.precision() - r.scale() - 1;
        String body;
        String suffix = "";
        if (x < -4 || x >= 17) {
            body = r.movePointLeft(x).setScale(16, RoundingMode.UNNECESSARY).toPlainString();
            suffix = String.format("e%c%02d", x < 0 ? '-' : '+', Math.abs(x));
        } else {
            body = r.setScale(16 - x, RoundingMode.UNNECESSARY).toPlainString();
        }
        if (body.indexOf('.') >= 0) {
            body = body.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return body + suffix;
    }

    @Test
    void referenceAgreesWithTheTableRowsItIsCheckedAgainst() {
        assertThat(reference17g(0.1)).isEqualTo("0.10000000000000001");
        assertThat(reference17g(1e20)).isEqualTo("1e+20");
        assertThat(reference17g(1e-14)).isEqualTo("1e-14");
        assertThat(reference17g(-1.7976931348623157E308)).isEqualTo("-1.7976931348623157e+308");
        assertThat(reference17g(100)).isEqualTo("100");
        assertThat(reference17g(0.000123)).isEqualTo("0.00012300000000000001");
    }

    @Test
    void randomDoublesAgreeWithTheReference() {
        long seed = Seeds.seed(0x5eed_0003L);
        Random rnd = Seeds.random(seed);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (rnd.nextInt(5)) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> (rnd.nextLong() % 1_000_000_000_000L) / Math.pow(10, rnd.nextInt(25));
                case 2 -> (double) (rnd.nextLong() >> rnd.nextInt(64));
                case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
                default -> Math.scalb((double) rnd.nextInt(1 << 20), rnd.nextInt(200) - 100);
            };
            assertThat(RespNumbers.formatDouble17g(d)).as("%s with %s", d, Seeds.replay(seed))
                    .isEqualTo(reference17g(d));
        }
    }
}
