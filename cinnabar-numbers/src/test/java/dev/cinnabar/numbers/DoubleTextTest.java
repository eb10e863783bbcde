package dev.cinnabar.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DoubleText} against C's printf: a table of Python's {@code '%.17g'} (which is printf),
 * a generated table of more than 10,000 doubles, and an independent BigDecimal rendering on
 * random doubles, with the fast path's range, its rounding ties and its decade carries drawn
 * on purpose.
 */
class DoubleTextTest {
    /** A fixed seed per test; {@code -Dcinnabar.seed=N} replays a failure or explores. */
    static long seed(long fixed) {
        String override = System.getProperty("cinnabar.seed");
        return override == null || override.isBlank() ? fixed : Long.decode(override.strip());
    }

    static String replay(long seed) {
        return "seed " + seed + " (replay with -Dcinnabar.seed=" + seed + ")";
    }

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
        assertWritesAgree(Double.parseDouble(input), expected, "");
    }

    @Test
    void roundingCarriesIntoTheNextDecade() {
        // 1e-14 is stored as 9.99999999999999998819...e-15; to 17 digits that is 1.0000000000000000e-14.
        assertThat(new BigDecimal(1e-14)).isLessThan(new BigDecimal("1e-14"));
        assertThat(DoubleText.format17g(1e-14)).isEqualTo("1e-14");
        // The largest double below 1 is 0.99999999999999988898; to 15 digits it becomes 1.
        double belowOne = Math.nextDown(1.0);
        assertThat(DoubleText.format17g(belowOne)).isEqualTo("0.99999999999999989");
        assertThat(DoubleText.formatG(belowOne, 16)).isEqualTo("0.9999999999999999");
        assertThat(DoubleText.formatG(belowOne, 15)).isEqualTo("1");
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
        assertThat(DoubleText.formatG(value, precision)).isEqualTo(expected);
    }

    @Test
    void agreesWithPrintfOnTheGeneratedTable() throws IOException {
        int rows = 0;
        try (InputStream in = DoubleTextTest.class.getResourceAsStream("double-17g.txt")) {
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
                assertWritesAgree(d, expected, "(bits " + line.substring(0, space) + ")");
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
        long seed = seed(0x5eed_0003L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (rnd.nextInt(5)) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> (rnd.nextLong() % 1_000_000_000_000L) / Math.pow(10, rnd.nextInt(25));
                case 2 -> (double) (rnd.nextLong() >> rnd.nextInt(64));
                case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
                default -> Math.scalb((double) rnd.nextInt(1 << 20), rnd.nextInt(200) - 100);
            };
            assertThat(DoubleText.format17g(d)).as("%s with %s", d, replay(seed))
                    .isEqualTo(reference17g(d));
        }
    }

    /** Every way of writing agrees: the String, the bytes, and into an array at an offset. */
    static void assertWritesAgree(double d, String expected, String context) {
        assertThat(DoubleText.format17g(d)).as("%s %s", d, context).isEqualTo(expected);
        assertThat(new String(DoubleText.bytes17g(d), StandardCharsets.ISO_8859_1)).as("%s %s", d, context)
                .isEqualTo(expected);
        byte[] out = new byte[3 + DoubleText.MAX_LENGTH + 3];
        int end = DoubleText.write17g(d, out, 3);
        assertThat(new String(out, 3, end - 3, StandardCharsets.ISO_8859_1)).as("%s %s", d, context).isEqualTo(expected);
        assertThat(out[end]).as("nothing written past the end").isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // Ties on the 17th digit, broken to even as glibc does (Python's '%.17g').
        "1000000000000000.25      | 1000000000000000.2",
        "1000000000000000.75      | 1000000000000000.8",
        "-1000000000000000.25     | -1000000000000000.2",
        "1000000000000000.125     | 1000000000000000.1",
        // The ends of the fast path's range and just outside them.
        "1e-11                    | 9.9999999999999994e-12",
        "1.4551915228366852e-11   | 1.4551915228366852e-11",
        "1.455191522836685e-11    | 1.455191522836685e-11",
        "99999999999999984        | 99999999999999984",
        "9.99999999999999e16      | 99999999999999904",
        "123.37                   | 123.37",
        // Exact longs from 1e17 to 2^63: 17 digits by division, ties to even, carries.
        "123456789012345678       | 1.2345678901234568e+17",
        "1.8446744073709552e18    | 1.8446744073709553e+18",
        "9.2233720368547748e18    | 9.2233720368547748e+18",
        "9.223372036854775807e18  | 9.2233720368547758e+18",
        "99999999999999999        | 1e+17",
        "1.0000000000000000e17    | 1e+17",
        "1732700000123456789      | 1.7327000001234568e+18",
        "100000000000000050       | 1.0000000000000005e+17",
        "1000000000000000500      | 1.0000000000000005e+18",
        "1732700000.123           | 1732700000.1229999",
    })
    void fastPathEdges(double value, String expected) {
        assertWritesAgree(value, expected, "");
    }

    @Test
    void randomDoublesOfTheFastRangeAgreeWithTheReference() {
        long seed = seed(0x5eed_0017L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 300_000; i++) {
            double d = switch (rnd.nextInt(6)) {
                // Any double of 2^-38 .. 2^57 (the fast range and a little beyond), uniformly in
                // its exponent.
                case 0 -> Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(96) - 38);
                // Scores people write: a few decimals.
                case 1 -> rnd.nextInt(10_000_000) / Math.pow(10, rnd.nextInt(8));
                // Ties: quarters and eighths above 1e15, where the 17th digit is the tenths.
                case 2 -> 1e15 + rnd.nextInt(1 << 20) * 0.125;
                // Close to powers of ten, where the decimal exponent estimate is off by one.
                case 3 -> {
                    double power = Math.pow(10, rnd.nextInt(28) - 11);
                    double near = power;
                    for (int steps = rnd.nextInt(4); steps > 0; steps--) {
                        near = rnd.nextBoolean() ? Math.nextUp(near) : Math.nextDown(near);
                    }
                    yield near;
                }
                // Timestamps in seconds with milliseconds, a common score.
                case 4 -> rnd.nextBoolean() ? 1.7e9 + rnd.nextInt(100_000_000) / 1000.0
                        // IDs and nanosecond timestamps: exact longs from 1e17 up to 2^63.
                        : (double) rnd.nextLong(100_000_000_000_000_000L, Long.MAX_VALUE);
                default -> -Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(96) - 38);
            };
            assertWritesAgree(d, reference17g(d), replay(seed));
        }
    }
}
