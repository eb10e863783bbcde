package dev.cinnabar.numbers;

/**
 * Exact shortcuts of decimal-to-double parsing, shared by the score arguments of commands and the
 * listpack's scores stored as text, giving the correctly rounded value that C's strtod (and Java's
 * parser) give without building a String. Anything else is left to the full parser.
 *
 * <ul>
 *   <li>Up to 15 digits (Clinger's fast path): the digits make an integer below 2^53 and a power
 *       of ten up to 10^22 is an exact double, so one multiplication or division rounds once.</li>
 *   <li>16 to 18 digits, which is what {@code %.17g} writes for most fractions
 *       ({@code 0.10000000000000001}): the same arithmetic lands within a few units in the last
 *       place of the answer, and the answer is then found exactly by comparing the decimal with
 *       the midpoints between neighbouring doubles in 128-bit integers ({@code w * 5^q} against
 *       {@code (2m + 1) * 2^(e - 1)}, each side scaled by its power of two).</li>
 * </ul>
 */
public final class DecimalParsing {
    private DecimalParsing() {}

    /** The most digits the shortcuts take: their integer stays below 10^18, inside a long. */
    public static final int MAX_DIGITS = 18;
    /** Up to this many digits the integer is an exact double (below 2^53). */
    private static final int EXACT_DOUBLE_DIGITS = 15;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /**
     * The value of an unsigned decimal already checked by the caller: digits with at most one
     * point from {@code start} to {@code mantissaEnd}, then either nothing or an exponent
     * ({@code e}, an optional sign, digits) up to {@code end}. NaN when the shortcuts do not apply
     * (more than {@link #MAX_DIGITS} digits, more than three exponent digits, or a power of ten
     * beyond 10^22 after the fraction is taken into account).
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
            return Double.NaN; // the integer would overflow a long
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
        if (scale >= POWERS_OF_TEN.length || -scale >= POWERS_OF_TEN.length) {
            return Double.NaN;
        }
        double approximation = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
        if (digits <= EXACT_DOUBLE_DIGITS) {
            return approximation; // rounded once from exact operands
        }
        return corrected(mantissa, scale, approximation);
    }

    /**
     * The double nearest to {@code w * 10^q} (ties to even), from an approximation within a few
     * units in the last place: while the decimal lies beyond the midpoint to a neighbour, move to
     * that neighbour. NaN (the full parser decides) if that does not settle in a few steps.
     */
    private static double corrected(long w, int q, double approximation) {
        double candidate = approximation;
        for (int step = 0; step < 4; step++) {
            int aboveUpperMidpoint = compareWithMidpointAbove(w, q, candidate);
            if (aboveUpperMidpoint > 0 || (aboveUpperMidpoint == 0 && isOdd(candidate))) {
                candidate = Math.nextUp(candidate);
                continue;
            }
            int aboveLowerMidpoint = compareWithMidpointAbove(w, q, Math.nextDown(candidate));
            if (aboveLowerMidpoint < 0 || (aboveLowerMidpoint == 0 && isOdd(candidate))) {
                candidate = Math.nextDown(candidate);
                continue;
            }
            return candidate;
        }
        return Double.NaN;
    }

    private static boolean isOdd(double d) {
        return (Double.doubleToRawLongBits(d) & 1) != 0;
    }

    /**
     * The sign of {@code w * 10^q - (2m + 1) * 2^(e - 1)}, where {@code x = m * 2^e} is a positive
     * normal double: the decimal against the midpoint between {@code x} and the next double up.
     */
    private static int compareWithMidpointAbove(long w, int q, double x) {
        long bits = Double.doubleToRawLongBits(x);
        long m = (bits & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L;
        int e = (int) (bits >>> 52) - 1075;
        long twiceMPlusOne = 2 * m + 1;
        if (q >= 0) {
            // w * 5^q * 2^q  against  (2m + 1) * 2^(e - 1)
            long power = PowersOfFive.of(q);
            return compareScaled(Math.unsignedMultiplyHigh(w, power), w * power, q, 0, twiceMPlusOne, e - 1);
        }
        // w  against  (2m + 1) * 5^-q * 2^(e - 1 - q)
        long power = PowersOfFive.of(-q);
        return compareScaled(0, w, 0, Math.unsignedMultiplyHigh(twiceMPlusOne, power), twiceMPlusOne * power, e - 1 - q);
    }

    /** The sign of {@code X * 2^xExponent - Y * 2^yExponent} for unsigned 128-bit X and Y. */
    private static int compareScaled(long xHigh, long xLow, int xExponent, long yHigh, long yLow, int yExponent) {
        int difference = xExponent - yExponent;
        return difference >= 0
                ? compareShifted(xHigh, xLow, difference, yHigh, yLow)
                : -compareShifted(yHigh, yLow, -difference, xHigh, xLow);
    }

    /** The sign of {@code X * 2^shift - Y} ({@code shift >= 0}). */
    private static int compareShifted(long xHigh, long xLow, int shift, long yHigh, long yLow) {
        if (xHigh == 0 && xLow == 0) {
            return yHigh == 0 && yLow == 0 ? 0 : -1;
        }
        int leadingZeros = xHigh != 0 ? Long.numberOfLeadingZeros(xHigh) : 64 + Long.numberOfLeadingZeros(xLow);
        if (shift > leadingZeros) {
            // At least 2^128, beyond any Y. Only a guard: the candidates stay within a few units
            // of the decimal, so both sides are within a factor of four and below 2^113.
            return 1;
        }
        long high;
        long low;
        if (shift == 0) {
            high = xHigh;
            low = xLow;
        } else if (shift < 64) {
            high = (xHigh << shift) | (xLow >>> (64 - shift));
            low = xLow << shift;
        } else {
            high = xLow << (shift - 64);
            low = 0;
        }
        int byHigh = Long.compareUnsigned(high, yHigh);
        return byHigh != 0 ? Integer.signum(byHigh) : Integer.signum(Long.compareUnsigned(low, yLow));
    }

    /**
     * A whole text {@code [-]digits[.digits][e[+-]digits]} through the shortcuts (what
     * {@link DoubleText} writes for scores from about 1e-5 up), or NaN when the text
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
