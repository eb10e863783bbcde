package dev.cinnabar.engine.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Scores as text, the way Redis writes them: C's {@code %.17g} (replies, DEBUG DIGEST, ZSCAN), and
 * how a listpack stores a score: integral values within +-LLONG_MAX/2 as packed integers, the rest
 * as their {@code %.17g} text.
 */
public final class ScoreText {
    private ScoreText() {}

    /** Integral doubles within +-LLONG_MAX/2 are stored as integers (Redis's double2ll). */
    private static final double SAFE_LIMIT = (double) (Long.MAX_VALUE / 2);

    /** C's {@code %.17g}: 17 significant digits, trailing zeros dropped, "inf", "-inf", "-0". */
    public static String format17g(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        StringBuilder digits = new StringBuilder(rounded.unscaledValue().abs().toString());
        while (digits.length() < 17) {
            digits.append('0');
        }
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        String significant = digits.substring(0, end);
        StringBuilder out = new StringBuilder(32);
        if (d < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 17) {
            out.append(significant.charAt(0));
            if (significant.length() > 1) {
                out.append('.').append(significant, 1, significant.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (exponent >= 0) {
            if (significant.length() <= exponent + 1) {
                out.append(significant);
                for (int i = significant.length(); i <= exponent; i++) {
                    out.append('0');
                }
            } else {
                out.append(significant, 0, exponent + 1).append('.').append(significant, exponent + 1, significant.length());
            }
        } else {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            out.append(significant);
        }
        return out.toString();
    }

    /** {@link #format17g} as bytes. */
    public static byte[] bytes17g(double d) {
        return format17g(d).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether a listpack stores {@code d} as an integer (Redis's double2ll): integral values within
     * +-LLONG_MAX/2. Note that -0.0 is integral: a listpack keeps it as 0, a skiplist as -0.
     */
    static boolean isSafeInteger(double d) {
        return d >= -SAFE_LIMIT && d <= SAFE_LIMIT && d == (double) (long) d;
    }

    /** Reads a score stored as text by d2string (or any text C's strtod reads completely). */
    static double parseStored(byte[] b, int off, int len) {
        String s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        switch (s) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                return Double.parseDouble(s);
            }
        }
    }
}
