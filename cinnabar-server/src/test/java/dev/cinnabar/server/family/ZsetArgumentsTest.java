package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.CommandArguments;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Score parsing: the integer shortcut must give exactly what the strtod path gives. */
class ZsetArgumentsTest {
    private static double[] viaParseScore(String text) {
        CommandArguments a = new CommandArguments();
        a.setAll(new byte[][] {text.getBytes(StandardCharsets.US_ASCII)});
        double[] out = new double[1];
        return ZsetArguments.parseScore(a, 0, out) ? out : null;
    }

    private static Double viaStrtod(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        ZsetArguments.Parsed p = ZsetArguments.strtod(b, 0, b.length, new ZsetArguments.Parsed());
        return p.end == b.length ? p.value : null;
    }

    /**
     * Gives {@code check} each fixed text, then {@code count} texts drawn by {@code draw}, with a
     * description naming the text and the seed.
     */
    private static void forEachText(String[] fixed, int count, Function<Random, String> draw,
            BiConsumer<String, String> check) {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < fixed.length + count; i++) {
            String text = i < fixed.length ? fixed[i] : draw.apply(random);
            check.accept(text, "'" + text + "' (seed " + seed + ")");
        }
    }

    private static void appendDigits(StringBuilder sb, Random random, int digits) {
        for (int d = 0; d < digits; d++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
    }

    @Test
    void integerScoresMatchStrtodBitForBit() {
        String[] fixed = {"0", "-0", "+0", "7", "-7", "000000012345", "999999999999999", "-999999999999999",
            "1000000000000000", "12345678901234567890", "+", "-", "1-", "--1", "0x10"};
        forEachText(fixed, 20_000, random -> {
            StringBuilder sb = new StringBuilder();
            int sign = random.nextInt(4);
            sb.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
            appendDigits(sb, random, 1 + random.nextInt(19));
            return sb.toString();
        }, (text, description) -> {
            double[] shortcut = viaParseScore(text);
            Double full = viaStrtod(text);
            if (full == null) {
                assertThat(shortcut).as(description).isNull();
            } else {
                assertThat(shortcut).as(description).isNotNull();
                assertThat(Double.doubleToRawLongBits(shortcut[0])).as(description)
                        .isEqualTo(Double.doubleToRawLongBits(full));
            }
        });
    }

    /**
     * Decimals with fractions and exponents (score bounds such as "(1.5" or "2.5e3"): strtod's
     * shortcut for short ones must give the correctly rounded value, which Java's parser gives too.
     */
    @Test
    void decimalsMatchJavasCorrectlyRoundedParserBitForBit() {
        String[] fixed = {"0.1", "0.3", "-0.0", "1.", ".5", "123456789012345", "1234567890.12345", "1e22", "1e23",
            "123456789012345e22", "1e-22", "5e-324", "0.000000000000001", "9007199254740993", "4.35", "1E5", "2.5e+3"};
        forEachText(fixed, 50_000, random -> {
            StringBuilder sb = new StringBuilder();
            sb.append(random.nextBoolean() ? "-" : "");
            int whole = random.nextInt(10);
            int fraction = random.nextInt(10);
            appendDigits(sb, random, whole);
            if (fraction > 0 || whole == 0) {
                sb.append('.');
                appendDigits(sb, random, Math.max(fraction, whole == 0 ? 1 : 0));
            }
            if (random.nextInt(3) == 0) {
                sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "");
                sb.append(random.nextInt(40));
            }
            return sb.toString();
        }, (text, description) -> {
            Double parsed = viaStrtod(text);
            assertThat(parsed).as(description).isNotNull();
            assertThat(Double.doubleToRawLongBits(parsed)).as(description)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        });
    }
}
