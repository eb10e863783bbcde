package dev.cinnabar.engine.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

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

    private LongDouble() {}

    /** The outcome of parsing or computing: a finite exact value, or null for overflow/NaN/invalid. */
    public static BigDecimal parse(String text) {
        // strtold accepts leading spaces, but Redis refuses a leading space and an empty string,
        // and requires the whole string to be consumed.
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0)) || text.length() > 5 * 1024) {
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
        BigDecimal exact;
        try {
            if (lower.startsWith("0x")) {
                exact = parseHex(lower.substring(2));
            } else {
                if (!lower.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
                    return null;
                }
                exact = new BigDecimal(lower);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
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

    private static BigDecimal parseHex(String hex) {
        String mantissa = hex;
        int exponent = 0;
        int p = hex.indexOf('p');
        if (p >= 0) {
            mantissa = hex.substring(0, p);
            exponent = Integer.parseInt(hex.substring(p + 1).replace("+", ""));
        }
        int dot = mantissa.indexOf('.');
        String digits = mantissa.replace(".", "");
        if (digits.isEmpty() || !digits.matches("[0-9a-f]+")) {
            throw new NumberFormatException(hex);
        }
        int fractionDigits = dot < 0 ? 0 : mantissa.length() - dot - 1;
        BigDecimal value = new BigDecimal(new BigInteger(digits, 16));
        int shift = exponent - 4 * fractionDigits;
        BigDecimal two = BigDecimal.valueOf(2);
        return shift >= 0 ? value.multiply(two.pow(shift)) : value.divide(two.pow(-shift));
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
        BigDecimal magnitude = exact.abs();
        // Find e with 2^e <= magnitude < 2^(e+1).
        int e = magnitude.toBigInteger().bitLength() - 1;
        if (e < 0) {
            // Below 1: count the halvings needed.
            BigDecimal scaled = magnitude;
            e = 0;
            BigDecimal two = BigDecimal.valueOf(2);
            // Scale by large powers first to keep this fast for tiny values.
            while (scaled.compareTo(BigDecimal.ONE) < 0) {
                int step = scaled.compareTo(new BigDecimal("1e-100")) < 0 ? 300 : 1;
                scaled = scaled.multiply(two.pow(step));
                e -= step;
            }
            e += scaled.toBigInteger().bitLength() - 1;
        }
        if (e > MAX_EXPONENT) {
            return null;
        }
        int precision = SIGNIFICAND_BITS;
        if (e < MIN_EXPONENT) {
            precision -= MIN_EXPONENT - e;
            if (precision <= 0) {
                // Rounds to zero (or the smallest subnormal, which Redis's ERANGE check refuses anyway).
                return null;
            }
        }
        int shift = precision - 1 - e;
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal scaled = shift >= 0 ? magnitude.multiply(two.pow(shift)) : magnitude.divide(two.pow(-shift));
        BigInteger significand = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        if (significand.bitLength() > precision) {
            // Rounding carried into a new bit: still exact, one exponent up.
            if (e + 1 > MAX_EXPONENT) {
                return null;
            }
        }
        BigDecimal value = new BigDecimal(significand);
        value = shift >= 0 ? value.divide(two.pow(shift)) : value.multiply(two.pow(-shift));
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
