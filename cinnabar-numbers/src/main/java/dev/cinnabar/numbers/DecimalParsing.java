package dev.cinnabar.numbers;

/**
 * The exact shortcut of decimal-to-double parsing (Clinger's fast path), shared by the score
 * arguments of commands and the listpack's scores stored as text: a decimal of at most 15 digits
 * makes an integer below 2^53, and a power of ten up to 10^22 is an exact double, so one
 * multiplication or division rounds once and gives the correctly rounded value that C's strtod
 * (and Java's parser) give, without building a String. Anything else is left to the full parser.
 */
public final class DecimalParsing {
    private DecimalParsing() {}

    /** The most digits the shortcut takes: their integer stays below 2^53. */
    public static final int MAX_DIGITS = 15;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /**
     * The value of an unsigned decimal already checked by the caller: digits with at most one
     * point from {@code start} to {@code mantissaEnd} (at most {@link #MAX_DIGITS} digits), then
     * either nothing or an exponent ({@code e}, an optional sign, digits) up to {@code end}. NaN
     * when the shortcut does not apply (more than 15 digits, more than three exponent digits, or a
     * power of ten beyond 10^22 after the fraction is taken into account).
     */
    public static double exactDecimal(byte[] b, int start, int mantissaEnd, int end) {
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean inFraction = false;
        for (int i = start; i < mantissaEnd; i++) {
            if (b[i] == '.') {
                inFraction = true;
            } else {
                mantissa = mantissa * 10 + (b[i] - '0');
                digits++;
                if (inFraction) {
                    fractionDigits++;
                }
            }
        }
        if (digits > MAX_DIGITS) {
            return Double.NaN; // the integer would no longer be exact
        }
        int exponent = 0;
        if (mantissaEnd < end) {
            int i = mantissaEnd + 1;
            boolean negativeExponent = b[i] == '-';
            if (negativeExponent || b[i] == '+') {
                i++;
            }
            if (end - i > 3) {
                return Double.NaN;
            }
            for (; i < end; i++) {
                exponent = exponent * 10 + (b[i] - '0');
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (mantissa == 0) {
            return 0;
        }
        int scale = exponent - fractionDigits;
        if (scale >= 0 && scale < POWERS_OF_TEN.length) {
            return mantissa * POWERS_OF_TEN[scale];
        }
        if (scale < 0 && -scale < POWERS_OF_TEN.length) {
            return mantissa / POWERS_OF_TEN[-scale];
        }
        return Double.NaN;
    }

    /**
     * A whole text {@code [-]digits[.digits][e[+-]digits]} through the shortcut (what
     * {@link DoubleText} writes for scores of up to 15 significant digits), or NaN when the text
     * has another form or the shortcut does not apply: the caller then parses it in full.
     */
    public static double parseShortDecimal(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        boolean negative = p < end && b[p] == '-';
        if (negative) {
            p++;
        }
        int start = p;
        int digits = 0;
        boolean point = false;
        for (; p < end; p++) {
            byte c = b[p];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0 || digits > MAX_DIGITS) {
            return Double.NaN;
        }
        int mantissaEnd = p;
        if (p < end) {
            if (b[p] != 'e' && b[p] != 'E') {
                return Double.NaN;
            }
            int q = p + 1;
            if (q < end && (b[q] == '+' || b[q] == '-')) {
                q++;
            }
            if (q == end) {
                return Double.NaN;
            }
            for (; q < end; q++) {
                if (b[q] < '0' || b[q] > '9') {
                    return Double.NaN;
                }
            }
        }
        double v = exactDecimal(b, start, mantissaEnd, end);
        return negative ? -v : v;
    }
}
