package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.CommandArguments;
import java.nio.charset.StandardCharsets;
import java.util.Random;
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

    @Test
    void integerScoresMatchStrtodBitForBit() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        String[] fixed = {"0", "-0", "+0", "7", "-7", "000000012345", "999999999999999", "-999999999999999",
            "1000000000000000", "12345678901234567890", "+", "-", "1-", "--1", "0x10"};
        for (int i = 0; i < 20_000 + fixed.length; i++) {
            String text;
            if (i < fixed.length) {
                text = fixed[i];
            } else {
                StringBuilder sb = new StringBuilder();
                int sign = random.nextInt(4);
                sb.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
                int digits = 1 + random.nextInt(19);
                for (int d = 0; d < digits; d++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
                text = sb.toString();
            }
            double[] shortcut = viaParseScore(text);
            Double full = viaStrtod(text);
            if (full == null) {
                assertThat(shortcut).as("'%s' (seed %d)", text, seed).isNull();
            } else {
                assertThat(shortcut).as("'%s' (seed %d)", text, seed).isNotNull();
                assertThat(Double.doubleToRawLongBits(shortcut[0])).as("'%s' (seed %d)", text, seed)
                        .isEqualTo(Double.doubleToRawLongBits(full));
            }
        }
    }
}
