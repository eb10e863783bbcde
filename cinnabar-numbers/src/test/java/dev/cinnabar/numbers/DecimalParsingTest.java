package dev.cinnabar.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact decimal shortcut against Java's correctly rounded parser, and what it declines. */
class DecimalParsingTest {
    private static double parse(String text) {
        byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.ISO_8859_1);
        return DecimalParsing.parseShortDecimal(b, 2, text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1", "1.25", "-2.5", "0.1", "123456789012345", "12345.678901234", "1e3", "1E-7",
        "1.5e+10", "-1.0000000000000001e-05", "0.000012345", ".5", "5.", "1e22", "1e-22", "123456789012345e7",
        "1234567890123456", "0.10000000000000001", "19.989999999999998", "999999999999999999", "9007199254740993",
        "2251799813685248.25", "2251799813685248.75", "18014398509481986", "1.7976931348623157e-5",
        "123456789012345678e22", "0.00000000000000000000001"})
    void agreesWithJavasParser(String text) {
        double shortcut = parse(text);
        if (!Double.isNaN(shortcut)) {
            assertThat(Double.doubleToRawLongBits(shortcut)).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "1e", "1e+", "1.2.3", "abc", "1x", " 1", "1 ", "inf", "nan", "0x10",
        "1234567890123456789", "0.000000000000000000001", "1e1234", "1e-400"})
    void declinesWhatItDoesNotTake(String text) {
        assertThat(parse(text)).as(text).isNaN();
    }

    /** Whether the shortcut took {@code text}; when it did, its value must be Java's, bit for bit. */
    private static boolean agreesWhenTaken(String text, long seed) {
        double shortcut = parse(text);
        if (Double.isNaN(shortcut)) {
            return false;
        }
        assertThat(Double.doubleToRawLongBits(shortcut)).as("%s %s", text, DoubleTextTest.replay(seed))
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        return true;
    }

    /** Decimals of 16 to 18 digits, including exact midpoints between two doubles (ties to even). */
    @Test
    void longerDecimalsAreTakenAndExact() {
        long seed = DoubleTextTest.seed(0x5eed_0018L);
        Random rnd = new Random(seed);
        int taken = 0;
        for (int i = 0; i < 300_000; i++) {
            String text = switch (rnd.nextInt(4)) {
                case 0 -> {
                    String digits = Long.toString(rnd.nextLong(1_000_000_000_000_000L, 1_000_000_000_000_000_000L));
                    int point = rnd.nextInt(digits.length() + 1);
                    yield digits.substring(0, point) + "." + digits.substring(point)
                            + (rnd.nextBoolean() ? "e" + (rnd.nextInt(15) - 7) : "");
                }
                // Midpoints: odd integers in [2^53, 2^54), quarters in [2^51, 2^52), 2 mod 4 above 2^54.
                case 1 -> Long.toString((1L << 53) + 2 * rnd.nextLong(1L << 52) + 1);
                case 2 -> Long.toString((1L << 51) + rnd.nextLong(1L << 51)) + (rnd.nextBoolean() ? ".25" : ".75");
                // What %.17g writes for a double with a fraction.
                default -> DoubleText.format17g(rnd.nextInt(1_000_000_000) / Math.pow(10, rnd.nextInt(12)));
            };
            if (agreesWhenTaken(text, seed)) {
                taken++;
            }
        }
        assertThat(taken).isGreaterThan(250_000);
    }

    @Test
    void decimalsUpToFifteenDigitsAreTakenAndExact() {
        long seed = DoubleTextTest.seed(0x5eed_0015L);
        Random rnd = new Random(seed);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            long mantissa = rnd.nextLong(1, 1_000_000_000_000_000L);
            String digits = Long.toString(mantissa);
            int point = rnd.nextInt(digits.length() + 1);
            String text = (rnd.nextBoolean() ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point)
                    + (rnd.nextInt(3) == 0 ? "e" + (rnd.nextInt(41) - 20) : "");
            if (agreesWhenTaken(text, seed)) {
                taken++;
            }
        }
        assertThat(taken).isGreaterThan(150_000);
    }

    /** What DoubleText writes for a score reads back to the same double whenever a shortcut takes it. */
    @Test
    void scoresWrittenBy17gReadBack() {
        long seed = DoubleTextTest.seed(0x5eed_0016L);
        Random rnd = new Random(seed);
        byte[] text = new byte[DoubleText.MAX_LENGTH];
        int taken = 0;
        for (int i = 0; i < 100_000; i++) {
            double d = rnd.nextInt(2_000_000) / Math.pow(10, rnd.nextInt(7)) - 1000;
            int length = DoubleText.write17g(d, text, 0);
            double back = DecimalParsing.parseShortDecimal(text, 0, length);
            if (!Double.isNaN(back)) {
                taken++;
                assertThat(back).as("%s %s", d, DoubleTextTest.replay(seed)).isEqualTo(d);
            }
        }
        assertThat(taken).isGreaterThan(95_000);
    }
}
