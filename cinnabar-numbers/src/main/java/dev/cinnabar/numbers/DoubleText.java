package dev.cinnabar.numbers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Doubles as C's {@code printf("%.17g")} writes them, which is how Redis 7.0 writes every score:
 * in replies (ZSCORE, WITHSCORES, ZINCRBY), in a listpack that stores a fractional score as text,
 * in DEBUG DIGEST and ZSCAN. That is 17 significant digits of the exact binary value rounded
 * half-even, trailing zeros dropped, exponent form ({@code 1.5e-07}, {@code 1e+20}) when the
 * decimal exponent is below -4 or at least 17, and {@code inf}, {@code -inf}, {@code nan}.
 *
 * <h2>The fast path</h2>
 * A double is {@code m * 2^e}. For {@code 2^-36 (about 1.5e-11) <= |d| < 1e17} the 17 digits are
 * {@code round(m * 10^k * 2^e)} with {@code k = 16 - X} between 0 and 27 (X the decimal exponent),
 * and {@code m * 10^k * 2^e = m * 5^k * 2^(k+e)}: {@code 5^k} fits an unsigned long, the product
 * {@code m * 5^k} fits 128 bits, and the power of two is a shift whose shifted-out bits decide the
 * rounding exactly (above half, below, or a tie broken to even, as glibc does). So the digits
 * come from two multiplications and a shift, without allocation, where the general path
 * ({@link BigDecimal} of the exact value, rounded) costs about half a microsecond. From 1e17 to
 * 2^63 a double is an exact long, rounded to 17 digits by a division. Scores outside those ranges
 * (and every other precision) take the general path.
 */
public final class DoubleText {
    private DoubleText() {}

    /** The longest text written: {@code -2.2250738585072014e-308}. */
    public static final int MAX_LENGTH = 24;

    private static final int DIGITS = 17;
    private static final long TEN_TO_16 = 10_000_000_000_000_000L;
    private static final long TEN_TO_17 = 100_000_000_000_000_000L;
    /** The fast path's range of magnitudes: from 2^-36 up, k stays within {@link PowersOfFive}. */
    private static final double FAST_MIN = 0x1p-36;
    private static final double FAST_LIMIT = 1e17;
    /**
     * From 1e17 to 2^63 (IDs and nanosecond timestamps used as scores) a double is an integer that
     * a long holds exactly: its 17 digits are a long division, rounded half-even on the remainder.
     */
    private static final double LONG_LIMIT = 0x1p63;
    /** Integral doubles below this print as their digits (no rounding can occur under 17 digits). */
    private static final double INTEGRAL_LIMIT = 1e15;


    /** {@code %.17g} of {@code d} as a String. */
    public static String format17g(double d) {
        byte[] out = new byte[MAX_LENGTH];
        int end = write17g(d, out, 0);
        return new String(out, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** {@code %.17g} of {@code d} as ASCII bytes. */
    public static byte[] bytes17g(double d) {
        byte[] out = new byte[MAX_LENGTH];
        int end = write17g(d, out, 0);
        return Arrays.copyOf(out, end);
    }

    /**
     * Writes {@code %.17g} of {@code d} into {@code out} at {@code pos} and returns the position
     * after it; at most {@link #MAX_LENGTH} bytes are written.
     */
    public static int write17g(double d, byte[] out, int pos) {
        if (Double.isNaN(d)) {
            return putAscii(out, pos, "nan");
        }
        if (Double.isInfinite(d)) {
            return putAscii(out, pos, d > 0 ? "inf" : "-inf");
        }
        if (d == 0) {
            return putAscii(out, pos, 1 / d < 0 ? "-0" : "0");
        }
        double magnitude = Math.abs(d);
        if (magnitude == Math.rint(magnitude) && magnitude < INTEGRAL_LIMIT) {
            return putLong(out, pos, (long) d);
        }
        if (magnitude < FAST_MIN || magnitude >= LONG_LIMIT) {
            return putAscii(out, pos, formatG(d, DIGITS));
        }
        if (d < 0) {
            out[pos++] = '-';
        }
        if (magnitude >= FAST_LIMIT) {
            // 18 or 19 digits of an exact long (every double from 2^53 up is an integer).
            return putRoundedLong(out, pos, (long) magnitude);
        }
        long bits = Double.doubleToRawLongBits(magnitude);
        // Magnitudes from 2^-36 up are normal numbers: the implicit leading bit is always there.
        long significand = (bits & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L;
        int binaryExponent = (int) (bits >>> 52) - 1075;
        int floorLog2 = 52 + binaryExponent;
        // floor(floorLog2 * log10(2)) (78913 / 2^18 is log10(2) to enough bits for this range):
        // the decimal exponent is this or one more.
        int decimalExponent = (floorLog2 * 78913) >> 18;
        long digits = scaledDigits(significand, binaryExponent, DIGITS - 1 - decimalExponent);
        if (digits < 0) {
            decimalExponent++;
            digits = scaledDigits(significand, binaryExponent, DIGITS - 1 - decimalExponent);
        }
        if (digits == TEN_TO_17) {
            // Rounding carried into the next decade (9.99...95 to 10.0...0).
            digits = TEN_TO_16;
            decimalExponent++;
        }
        return putDigits(out, pos, digits, decimalExponent);
    }

    /**
     * {@code round-half-even(significand * 10^k * 2^binaryExponent)}, or -1 when its integer part
     * has more than 17 digits (the decimal exponent was underestimated by one).
     */
    private static long scaledDigits(long significand, int binaryExponent, int k) {
        long power = PowersOfFive.of(k);
        long high = Math.unsignedMultiplyHigh(significand, power);
        long low = significand * power;
        int shift = -(k + binaryExponent);
        if (shift <= 0) {
            // Values of 2^53 and more: an exact integer below 10^18, nothing to round.
            long quotient = low << -shift;
            return quotient >= TEN_TO_17 ? -1 : quotient;
        }
        // shift < 63: m * 5^k is below 2^116 and the quotient at least 10^16 (above 2^53).
        long quotient = (high << (64 - shift)) | (low >>> shift);
        long remainder = low & ((1L << shift) - 1);
        // The shifted-out bits against one half: below, a tie (broken to even), or above.
        int comparison = Long.compareUnsigned(remainder, 1L << (shift - 1));
        if (quotient >= TEN_TO_17) {
            return -1;
        }
        if (comparison > 0 || (comparison == 0 && (quotient & 1) != 0)) {
            quotient++;
        }
        return quotient;
    }

    /** {@code %.17g} of a positive long of 18 or 19 digits. */
    private static int putRoundedLong(byte[] out, int pos, long value) {
        int exponent = value >= 1_000_000_000_000_000_000L ? 18 : 17;
        long divisor = exponent == 18 ? 100 : 10;
        long digits = value / divisor;
        long remainder = value % divisor;
        long twiceRemainder = 2 * remainder;
        // Half-even as everywhere else, though no tie occurs here: these doubles are multiples
        // of 16 or more, so a remainder of exactly 5 or 50 is impossible.
        if (twiceRemainder > divisor || (twiceRemainder == divisor && (digits & 1) != 0)) {
            digits++;
        }
        if (digits == TEN_TO_17) {
            digits = TEN_TO_16;
            exponent++;
        }
        return putDigits(out, pos, digits, exponent);
    }

    /** Writes 17 digits {@code digits} with decimal exponent {@code exponent} in %g's layout. */
    private static int putDigits(byte[] out, int pos, long digits, int exponent) {
        int significant = DIGITS;
        while (digits % 10 == 0) {
            digits /= 10;
            significant--;
        }
        if (exponent < -4 || exponent >= DIGITS) {
            long leading = digits;
            for (int i = 1; i < significant; i++) {
                leading /= 10;
            }
            out[pos++] = (byte) ('0' + leading);
            if (significant > 1) {
                out[pos++] = '.';
                putFixedDigits(out, pos, digits, significant - 1);
                pos += significant - 1;
            }
            out[pos++] = 'e';
            out[pos++] = (byte) (exponent < 0 ? '-' : '+');
            int absolute = Math.abs(exponent);
            if (absolute < 10) {
                out[pos++] = '0';
            }
            return putLong(out, pos, absolute);
        }
        if (exponent < 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int i = -1; i > exponent; i--) {
                out[pos++] = '0';
            }
            putFixedDigits(out, pos, digits, significant);
            return pos + significant;
        }
        int integerDigits = exponent + 1;
        if (significant <= integerDigits) {
            putFixedDigits(out, pos, digits, significant);
            pos += significant;
            for (int i = significant; i < integerDigits; i++) {
                out[pos++] = '0';
            }
            return pos;
        }
        // Digits, then the point moved into them: write all, shift the fraction right by one.
        putFixedDigits(out, pos, digits, significant);
        System.arraycopy(out, pos + integerDigits, out, pos + integerDigits + 1, significant - integerDigits);
        out[pos + integerDigits] = '.';
        return pos + significant + 1;
    }

    /** Writes the last {@code count} decimal digits of {@code value} at {@code pos}. */
    private static void putFixedDigits(byte[] out, int pos, long value, int count) {
        for (int i = pos + count - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int putLong(byte[] out, int pos, long value) {
        if (value < 0) {
            out[pos++] = '-';
            value = -value;
        }
        int count = 1;
        for (long v = value; v >= 10; v /= 10) {
            count++;
        }
        putFixedDigits(out, pos, value, count);
        return pos + count;
    }

    private static int putAscii(byte[] out, int pos, String text) {
        for (int i = 0; i < text.length(); i++) {
            out[pos++] = (byte) text.charAt(i);
        }
        return pos;
    }

    /**
     * C's {@code %.<precision>g} for any precision, with glibc's exact round-half-even on the
     * binary value: the general path, through {@link BigDecimal}.
     */
    public static String formatG(double d, int precision) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        if (precision == 0) {
            precision = 1;
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        // The decimal exponent X of the rounded value, as %e would print it.
        int exponent = rounded.precision() - rounded.scale() - 1;
        StringBuilder all = new StringBuilder(rounded.unscaledValue().abs().toString());
        // Pad to exactly 'precision' digits (BigDecimal may have dropped trailing zeros).
        while (all.length() < precision) {
            all.append('0');
        }
        StringBuilder out = new StringBuilder(32);
        if (rounded.signum() < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= precision) {
            out.append(all.charAt(0));
            String fraction = stripTrailingZeros(all.substring(1));
            if (!fraction.isEmpty()) {
                out.append('.').append(fraction);
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int absExponent = Math.abs(exponent);
            if (absExponent < 10) {
                out.append('0');
            }
            out.append(absExponent);
        } else if (exponent >= 0) {
            out.append(all, 0, exponent + 1);
            String fraction = stripTrailingZeros(all.substring(exponent + 1));
            if (!fraction.isEmpty()) {
                out.append('.').append(fraction);
            }
        } else {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            out.append(stripTrailingZeros(all.toString()));
        }
        return out.toString();
    }

    private static String stripTrailingZeros(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }
}
