package dev.cinnabar.engine.value;

import dev.cinnabar.numbers.DecimalParsing;
import java.nio.charset.StandardCharsets;

/**
 * How a listpack stores a score: integral values within +-LLONG_MAX/2 as packed integers, the rest
 * as their {@code %.17g} text ({@link dev.cinnabar.numbers.DoubleText}, which also writes the
 * scores of replies, DEBUG DIGEST and ZSCAN).
 */
public final class ScoreText {
    private ScoreText() {}

    /** Integral doubles within +-LLONG_MAX/2 are stored as integers (Redis's double2ll). */
    private static final double SAFE_LIMIT = (double) (Long.MAX_VALUE / 2);

    /**
     * Whether a listpack stores {@code d} as an integer (Redis's double2ll): integral values within
     * +-LLONG_MAX/2. Note that -0.0 is integral: a listpack keeps it as 0, a skiplist as -0.
     */
    static boolean isSafeInteger(double d) {
        return d >= -SAFE_LIMIT && d <= SAFE_LIMIT && d == (double) (long) d;
    }

    /** Reads a score stored as text by d2string (or any text C's strtod reads completely). */
    static double parseStored(byte[] b, int off, int len) {
        double shortcut = DecimalParsing.parseShortDecimal(b, off, len);
        if (!Double.isNaN(shortcut)) {
            return shortcut;
        }
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
