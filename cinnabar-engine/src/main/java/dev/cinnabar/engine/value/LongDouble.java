package dev.cinnabar.engine.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The x87 80-bit "long double" arithmetic that Redis uses for INCRBYFLOAT and HINCRBYFLOAT,
 * emulated exactly: a 64-bit significand, rounding to nearest-even after every operation, C's
 * strtold for parsing and {@code "%.17Lf"} (trailing zeros removed) for printing. With plain
 * doubles, {@code INCRBYFLOAT k 1.1} would print 1.10000000000000009 where Redis prints 1.1.
 *
 * <p>Values are kept as exact {@link BigDecimal}s that are always representable in 80 bits.
 * These commands are not on a hot path, so clarity wins over speed here.
 */
public final class LongDouble {
    private static final int SIGNIFICAND_BITS = 64;
    /** Largest binary exponent of a finite long double (max ≈ 1.19e4932). */
    private static final int MAX_EXPONENT = 16383;
    /** Smallest exponent of a normal long double; below, precision shrinks (subnormals). */
    private static final int MIN_EXPONENT = -16382;
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private LongDouble() {}

    /** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses texts of this length or more. */
    private static final int MAX_CHARS = 5 * 1024;
    /** The smallest long double is 2^-16445 (a subnormal): results are multiples of it. */
    private static final int SUBNORMAL_SHIFT = SIGNIFICAND_BITS - 1 - MIN_EXPONENT;
    private static final Pattern DECIMAL = Pattern.compile("(\\d*)(?:\\.(\\d*))?(?:e([+-]?\\d+))?");
    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]*)(?:\\.([0-9a-f]*))?(?:p([+-]?\\d+))?");
    /** An exponent beyond any finite long double, standing for longer exponents. */
    private static final long HUGE_EXPONENT = 1_000_000_000L;

    /**
     * Parses a number as Redis's string2ld does (strtold, then refusals): a finite exact value, or
     * null for invalid text, NaN, infinity (see {@link #isInfinity}), overflow, and values so small
     * that they round to zero.
     */
    public static BigDecimal parse(String text) {
        // strtold accepts leading spaces, but Redis refuses a leading space and an empty string,
        // and requires the whole string to be consumed.
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0)) || text.length() >= MAX_CHARS) {
            return null;
        }
        String t = text;
        boolean negative = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity") || lower.startsWith("nan")) {
            // Infinity parses (HUGE_VAL without ERANGE) but Redis then refuses the result of the
            // addition; NaN is refused at once. Both become "not a valid float" or the NaN/inf error
            // upstream, so report them as non-finite.
            return null;
        }
        BigDecimal exact = lower.startsWith("0x") ? parseHex(lower) : parseDecimal(lower);
        if (exact == null || exact.signum() == 0) {
            return exact;
        }
        if (negative) {
            exact = exact.negate();
        }
        return round(exact);
    }

    /** Whether {@code text} is "inf"/"infinity" with an optional sign (strtold accepts them). */
    public static boolean isInfinity(String text) {
        String t = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        t = t.toLowerCase(java.util.Locale.ROOT);
        return t.equals("inf") || t.equals("infinity");
    }

    /**
     * The exact value of a decimal number, zero, or null when it is invalid or certainly out of
     * range. The range is checked before any arithmetic: "1e-2000000" must not cost seconds of
     * BigDecimal work (strtold answers at once).
     */
    private static BigDecimal parseDecimal(String text) {
        Matcher m = DECIMAL.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String integer = m.group(1);
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (integer.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        String digits = stripLeadingZeros(integer + fraction);
        if (digits.isEmpty()) {
            return BigDecimal.ZERO; // zero, whatever its exponent
        }
        long scale = fraction.length() - exponent(m.group(3));
        // floor(log10(value)) = digits - 1 - scale. The largest long double is about 1.19e4932, and
        // anything below 1e-4951 is under half the smallest one (about 3.6e-4951): it rounds to zero.
        long log10 = digits.length() - 1 - scale;
        if (log10 > 4932 || log10 < -4951) {
            return null;
        }
        return new BigDecimal(new BigInteger(digits), (int) scale);
    }

    /** The exact value of a hex float ("0x", digits with an optional point, optional "p" exponent). */
    private static BigDecimal parseHex(String text) {
        Matcher m = HEX.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String integer = m.group(1);
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (integer.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        String digits = stripLeadingZeros(integer + fraction);
        if (digits.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigInteger significand = new BigInteger(digits, 16);
        long shift = exponent(m.group(3)) - 4L * fraction.length();
        // The value is in [2^e, 2^(e+1)); below 2^-16446 (half the smallest long double) it rounds to zero.
        long e = significand.bitLength() - 1 + shift;
        if (e > MAX_EXPONENT || e < -SUBNORMAL_SHIFT - 1) {
            return null;
        }
        // significand * 2^shift, exactly (for a negative shift: significand * 5^-shift / 10^-shift).
        return shift >= 0 ? new BigDecimal(significand.shiftLeft((int) shift))
                : new BigDecimal(significand.multiply(FIVE.pow((int) -shift)), (int) -shift);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** An exponent's value, clamped to plus or minus {@link #HUGE_EXPONENT}; 0 when absent. */
    private static long exponent(String text) {
        if (text == null) {
            return 0;
        }
        boolean negative = text.startsWith("-");
        String digits = stripLeadingZeros(negative || text.startsWith("+") ? text.substring(1) : text);
        long value = digits.length() > 9 ? HUGE_EXPONENT : Long.parseLong("0" + digits);
        return negative ? -value : value;
    }

    /** Adds two long doubles with one rounding, as the FPU does; null on overflow. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return round(a.add(b));
    }

    /**
     * Rounds an exact value to the nearest long double (ties to even); null when it overflows.
     * Subnormal results keep fewer bits, as on the FPU.
     */
    public static BigDecimal round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        boolean negative = exact.signum() < 0;
        // |exact| = num / den, in integers (BigDecimal arithmetic on values near 2^-16445 would
        // take tens of milliseconds; this takes well under one).
        BigInteger unscaled = exact.unscaledValue().abs();
        int scale = exact.scale();
        BigInteger num = scale < 0 ? unscaled.multiply(BigInteger.TEN.pow(-scale)) : unscaled;
        BigInteger den = scale > 0 ? BigInteger.TEN.pow(scale) : BigInteger.ONE;
        // The binary exponent e, with 2^e <= num/den < 2^(e+1), is k or k - 1.
        long k = (long) num.bitLength() - den.bitLength();
        boolean atLeast = k >= 0 ? num.compareTo(den.shiftLeft((int) k)) >= 0 : num.shiftLeft((int) -k).compareTo(den) >= 0;
        long e = atLeast ? k : k - 1;
        if (e > MAX_EXPONENT) {
            return null;
        }
        // Normal values keep 64 significant bits; subnormal ones (below 2^-16382) are multiples of
        // the smallest long double, 2^-16445, so they keep fewer bits, as on the FPU.
        int shift = e < MIN_EXPONENT ? SUBNORMAL_SHIFT : (int) (SIGNIFICAND_BITS - 1 - e);
        BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
        BigInteger d = shift >= 0 ? den : den.shiftLeft(-shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger significand = qr[0];
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && significand.testBit(0))) {
            significand = significand.add(BigInteger.ONE); // round half to even
        }
        if (significand.signum() == 0) {
            // Underflow to zero: strtold reports ERANGE with a zero result, which Redis refuses
            // (an exact zero never gets here).
            return null;
        }
        if (significand.bitLength() > SIGNIFICAND_BITS && e + 1 > MAX_EXPONENT) {
            // Rounding carried into a new bit, past the largest exponent.
            return null;
        }
        // significand * 2^-shift, exactly: significand * 5^shift / 10^shift.
        BigDecimal value = shift >= 0 ? new BigDecimal(significand.multiply(FIVE.pow(shift)), shift)
                : new BigDecimal(significand.shiftLeft(-shift));
        return negative ? value.negate() : value;
    }

    /** Redis's ld2string in human-friendly mode: "%.17Lf" with trailing zeros and dot removed. */
    public static String format(BigDecimal value) {
        String fixed = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (value.signum() == 0) {
            fixed = "0.00000000000000000";
        }
        if (fixed.indexOf('.') >= 0) {
            int end = fixed.length();
            while (fixed.charAt(end - 1) == '0') {
                end--;
            }
            if (fixed.charAt(end - 1) == '.') {
                end--;
            }
            fixed = fixed.substring(0, end);
        }
        return fixed;
    }
}
