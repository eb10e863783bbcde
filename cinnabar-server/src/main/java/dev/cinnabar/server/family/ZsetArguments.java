package dev.cinnabar.server.family;

import dev.cinnabar.engine.value.LexRange;
import dev.cinnabar.engine.value.ScoreRange;
import dev.cinnabar.numbers.DecimalParsing;
import dev.cinnabar.resp.CommandArguments;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Argument parsing of the sorted-set commands, with the C library's number rules that Redis 7.0
 * relies on:
 * <ul>
 *   <li>scores (ZADD, ZINCRBY, WEIGHTS) are read with Redis's string2d: strtod must consume the
 *       whole argument, with no leading space, and NaN, overflow and underflow to zero are
 *       refused;</li>
 *   <li>score bounds (ZRANGEBYSCORE, ZCOUNT, ...) are read with a bare strtod, which skips leading
 *       white space, stops at a NUL byte, accepts an empty string as 0 and infinities from
 *       overflow; only trailing garbage and NaN are refused;</li>
 *   <li>lexicographic bounds are "-", "+", or "[" / "(" followed by the string;</li>
 *   <li>blocking timeouts are seconds read as a long double (string2ld) and truncated to
 *       milliseconds.</li>
 * </ul>
 */
final class ZsetArguments {
    private ZsetArguments() {}

    static final String MIN_MAX_NOT_FLOAT = "ERR min or max is not a float";
    static final String MIN_MAX_NOT_STRING = "ERR min or max not valid string range item";

    // ---- strtod ----

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean matchesIgnoreCase(byte[] b, int p, int end, String word) {
        if (end - p < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            int c = b[p + i] | 0x20;
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The result of {@link #strtod}: the value, where parsing stopped, and ERANGE. */
    static final class Parsed {
        double value;
        /** Index just past the last byte used; the start when nothing could be read. */
        int end;
        /** Overflow to infinity, or underflow to zero from non-zero digits (errno ERANGE). */
        boolean outOfRange;
    }

    /**
     * C's strtod on {@code b[off..off+len)} read as a C string (it ends at the first NUL byte):
     * leading white space, a sign, then a decimal number with optional exponent, a hexadecimal
     * number ("0x", optional binary exponent "p"), "inf"/"infinity" or "nan"/"nan(...)", any case.
     */
    static Parsed strtod(byte[] b, int off, int len, Parsed out) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == 0) {
                end = i;
                break;
            }
        }
        out.value = 0;
        out.end = off;
        out.outOfRange = false;
        int p = off;
        while (p < end && isSpace(b[p])) {
            p++;
        }
        boolean negative = false;
        if (p < end && (b[p] == '+' || b[p] == '-')) {
            negative = b[p] == '-';
            p++;
        }
        if (matchesIgnoreCase(b, p, end, "inf")) {
            p += matchesIgnoreCase(b, p, end, "infinity") ? 8 : 3;
            out.value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            out.end = p;
            return out;
        }
        if (matchesIgnoreCase(b, p, end, "nan")) {
            p += 3;
            if (p < end && b[p] == '(') {
                int q = p + 1;
                while (q < end && (isDigit(b[q]) || (b[q] | 0x20) >= 'a' && (b[q] | 0x20) <= 'z' || b[q] == '_')) {
                    q++;
                }
                if (q < end && b[q] == ')') {
                    p = q + 1;
                }
            }
            out.value = Double.NaN;
            out.end = p;
            return out;
        }
        if (p + 1 < end && b[p] == '0' && (b[p + 1] | 0x20) == 'x'
                && (p + 2 < end && (isHexDigit(b[p + 2]) || (b[p + 2] == '.' && p + 3 < end && isHexDigit(b[p + 3]))))) {
            return hex(b, p + 2, end, negative, out);
        }
        int mantissaStart = p;
        int digits = 0;
        boolean nonZero = false;
        while (p < end && isDigit(b[p])) {
            nonZero |= b[p] != '0';
            digits++;
            p++;
        }
        if (p < end && b[p] == '.') {
            p++;
            while (p < end && isDigit(b[p])) {
                nonZero |= b[p] != '0';
                digits++;
                p++;
            }
        }
        if (digits == 0) {
            return out; // no number: nothing consumed
        }
        int mantissaEnd = p;
        if (p < end && (b[p] | 0x20) == 'e') {
            int q = p + 1;
            if (q < end && (b[q] == '+' || b[q] == '-')) {
                q++;
            }
            if (q < end && isDigit(b[q])) {
                while (q < end && isDigit(b[q])) {
                    q++;
                }
                p = q;
            }
        }
        double v = digits <= DecimalParsing.MAX_DIGITS ? DecimalParsing.exactDecimal(b, mantissaStart, mantissaEnd, p) : Double.NaN;
        if (Double.isNaN(v)) {
            String text = new String(b, mantissaStart, p - mantissaStart, StandardCharsets.ISO_8859_1);
            v = parseDecimal(text, mantissaEnd - mantissaStart);
        }
        if (Double.isInfinite(v) || (v == 0 && nonZero)) {
            out.outOfRange = true;
        }
        out.value = negative ? -v : v;
        out.end = p;
        return out;
    }

    /** Java's parser on a plain decimal (it rounds correctly, as glibc does); huge exponents clamp. */
    private static double parseDecimal(String text, int mantissaLength) {
        if (text.length() - mantissaLength > 12) {
            // Exponents with many digits: Double.parseDouble handles them, but keep them bounded.
            String mantissa = text.substring(0, mantissaLength);
            String exponent = text.substring(mantissaLength + 1);
            boolean negativeExponent = exponent.startsWith("-");
            String digits = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+(?=\\d)", "");
            if (digits.length() > 9) {
                double m = Double.parseDouble(mantissa);
                return m == 0 ? 0 : negativeExponent ? 0 : Double.POSITIVE_INFINITY;
            }
        }
        return Double.parseDouble(text);
    }

    private static Parsed hex(byte[] b, int p, int end, boolean negative, Parsed out) {
        int start = p;
        boolean nonZero = false;
        while (p < end && isHexDigit(b[p])) {
            nonZero |= b[p] != '0';
            p++;
        }
        if (p < end && b[p] == '.') {
            p++;
            while (p < end && isHexDigit(b[p])) {
                nonZero |= b[p] != '0';
                p++;
            }
        }
        String mantissa = new String(b, start, p - start, StandardCharsets.ISO_8859_1);
        String exponent = "0";
        if (p < end && (b[p] | 0x20) == 'p') {
            int q = p + 1;
            if (q < end && (b[q] == '+' || b[q] == '-')) {
                q++;
            }
            if (q < end && isDigit(b[q])) {
                while (q < end && isDigit(b[q])) {
                    q++;
                }
                exponent = new String(b, p + 1, q - p - 1, StandardCharsets.ISO_8859_1);
                p = q;
            }
        }
        double v;
        String digits = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 9) {
            v = !nonZero ? 0 : exponent.startsWith("-") ? 0 : Double.POSITIVE_INFINITY;
        } else {
            v = Double.parseDouble("0x" + (mantissa.startsWith(".") ? "0" + mantissa : mantissa) + "p" + exponent);
        }
        if (Double.isInfinite(v) || (v == 0 && nonZero)) {
            out.outOfRange = true;
        }
        out.value = negative ? -v : v;
        out.end = p;
        return out;
    }

    // ---- scores and bounds ----

    /**
     * Redis's string2d (getDoubleFromObject): the whole argument must be a number without leading
     * space; NaN, overflow and underflow to zero are refused. False when refused.
     */
    static boolean parseScore(CommandArguments a, int i, double[] out) {
        int len = a.length(i);
        byte[] b = a.arrayOf(i);
        int off = a.offsetOf(i);
        if (len == 0 || isSpace(b[off])) {
            return false;
        }
        if (parsePlainInteger(b, off, len, out)) {
            return true;
        }
        Parsed p = strtod(b, off, len, new Parsed());
        if (p.end != off + len || Double.isNaN(p.value)
                || (p.outOfRange && (Double.isInfinite(p.value) || p.value == 0))) {
            return false;
        }
        out[0] = p.value;
        return true;
    }

    /**
     * The common case of a score, an optionally signed integer of at most 15 digits, which a
     * double holds exactly: the value strtod would give, without building a String to parse.
     */
    private static boolean parsePlainInteger(byte[] b, int off, int len, double[] out) {
        int p = off;
        int end = off + len;
        boolean negative = b[p] == '-';
        if (negative || b[p] == '+') {
            p++;
        }
        if (p == end || end - p > 15) {
            return false;
        }
        long value = 0;
        for (; p < end; p++) {
            int digit = b[p] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            value = value * 10 + digit;
        }
        out[0] = negative ? -(double) value : (double) value;
        return true;
    }

    /** One bound of a score range: strtod must stop at the end of the C string, and not give NaN. */
    private static boolean parseBound(byte[] b, int off, int len, double[] value) {
        Parsed p = strtod(b, off, len, new Parsed());
        if (Double.isNaN(p.value)) {
            return false;
        }
        // strtod stops at a NUL byte, so whatever follows one is never looked at.
        if (p.end < off + len && b[p.end] != 0) {
            return false;
        }
        value[0] = p.value;
        return true;
    }

    /** A score range from arguments {@code minIndex} and {@code maxIndex}, or null (zslParseRange). */
    static ScoreRange parseScoreRange(CommandArguments a, int minIndex, int maxIndex) {
        double[] min = new double[1];
        double[] max = new double[1];
        boolean minExclusive = a.length(minIndex) > 0 && a.byteAt(minIndex, 0) == '(';
        boolean maxExclusive = a.length(maxIndex) > 0 && a.byteAt(maxIndex, 0) == '(';
        int shiftMin = minExclusive ? 1 : 0;
        int shiftMax = maxExclusive ? 1 : 0;
        if (!parseBound(a.arrayOf(minIndex), a.offsetOf(minIndex) + shiftMin, a.length(minIndex) - shiftMin, min)
                || !parseBound(a.arrayOf(maxIndex), a.offsetOf(maxIndex) + shiftMax, a.length(maxIndex) - shiftMax, max)) {
            return null;
        }
        return new ScoreRange(min[0], max[0], minExclusive, maxExclusive);
    }

    /** A lexicographic range, or null when a bound is not "-", "+", "[..." or "(..." (zslParseLexRange). */
    static LexRange parseLexRange(CommandArguments a, int minIndex, int maxIndex) {
        boolean[] minExclusive = new boolean[1];
        boolean[] maxExclusive = new boolean[1];
        byte[] min = lexBound(a, minIndex, minExclusive);
        byte[] max = lexBound(a, maxIndex, maxExclusive);
        if (min == null || max == null) {
            return null;
        }
        return new LexRange(min, minExclusive[0], max, maxExclusive[0]);
    }

    private static byte[] lexBound(CommandArguments a, int i, boolean[] exclusive) {
        int len = a.length(i);
        if (len == 0) {
            return null;
        }
        byte first = a.byteAt(i, 0);
        switch (first) {
            case '+', '-' -> {
                // The C code checks that the next character ends the string: a NUL byte does.
                if (len > 1 && a.byteAt(i, 1) != 0) {
                    return null;
                }
                exclusive[0] = true;
                return first == '+' ? LexRange.MAX : LexRange.MIN;
            }
            case '(', '[' -> {
                exclusive[0] = first == '(';
                return Arrays.copyOfRange(a.arrayOf(i), a.offsetOf(i) + 1, a.offsetOf(i) + len);
            }
            default -> {
                return null;
            }
        }
    }
}
