package dev.cinnabar.engine.value;

import java.math.BigDecimal;

/**
 * C's {@code strtod} in the C locale, on bytes, for the places where Redis calls it directly and
 * inspects where it stopped and whether it set ERANGE: leading white space is skipped; then a
 * decimal number, a hexadecimal one ({@code 0x1.8p3}), {@code inf}/{@code infinity} or
 * {@code nan} (optionally {@code nan(chars)}), case-insensitively. Like a C string, the text ends
 * at the first zero byte.
 */
public final class CDouble {
    private CDouble() {}

    /** The outcome of one parse: the value, where parsing stopped, and whether ERANGE was set. */
    public record Result(double value, int end, boolean outOfRange, boolean atEnd) {
        /** Whether the whole text (up to a zero byte) was one number, as Redis's {@code eptr[0] == '\0'} tests. */
        public boolean complete() {
            return atEnd;
        }
    }

    public static Result strtod(byte[] s) {
        return strtod(s, 0, s.length);
    }

    public static Result strtod(byte[] s, int off, int len) {
        int limit = off;
        int max = off + len;
        while (limit < max && s[limit] != 0) {
            limit++;
        }
        int i = off;
        while (i < limit && isSpace(s[i])) {
            i++;
        }
        int start = i;
        boolean negative = false;
        if (i < limit && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        // inf, infinity, nan
        if (matchesWord(s, i, limit, "infinity")) {
            return finish(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, i + 8, false, limit);
        }
        if (matchesWord(s, i, limit, "inf")) {
            return finish(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, i + 3, false, limit);
        }
        if (matchesWord(s, i, limit, "nan")) {
            int end = i + 3;
            if (end < limit && s[end] == '(') {
                int j = end + 1;
                while (j < limit && (Character.isLetterOrDigit(s[j]) || s[j] == '_') && s[j] < 128) {
                    j++;
                }
                if (j < limit && s[j] == ')') {
                    end = j + 1;
                }
            }
            return finish(Double.NaN, end, false, limit);
        }
        if (i + 1 < limit && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
            Result hex = hexadecimal(s, i + 2, limit, negative);
            if (hex != null) {
                return hex;
            }
            // "0x" without hex digits: strtod reads the "0" alone.
            return finish(negative ? -0.0 : 0.0, i + 1, false, limit);
        }
        int digitsStart = i;
        boolean digits = false;
        boolean nonZero = false;
        while (i < limit && isDigit(s[i])) {
            digits = true;
            nonZero |= s[i] != '0';
            i++;
        }
        if (i < limit && s[i] == '.') {
            i++;
            while (i < limit && isDigit(s[i])) {
                digits = true;
                nonZero |= s[i] != '0';
                i++;
            }
        }
        if (!digits) {
            return new Result(0, off, false, off == limit);
        }
        if (i < limit && (s[i] == 'e' || s[i] == 'E')) {
            int j = i + 1;
            if (j < limit && (s[j] == '+' || s[j] == '-')) {
                j++;
            }
            if (j < limit && isDigit(s[j])) {
                while (j < limit && isDigit(s[j])) {
                    j++;
                }
                i = j;
            }
        }
        String text = new String(s, digitsStart, i - digitsStart, java.nio.charset.StandardCharsets.ISO_8859_1);
        double magnitude = Double.parseDouble(text);
        boolean range = Double.isInfinite(magnitude)
                || (nonZero && magnitude < Double.MIN_NORMAL && (magnitude == 0 || !exact(magnitude, new BigDecimal(text))));
        return finish(negative ? -magnitude : magnitude, i, range, limit);
    }

    private static Result hexadecimal(byte[] s, int i, int limit, boolean negative) {
        StringBuilder digits = new StringBuilder();
        boolean any = false;
        boolean nonZero = false;
        while (i < limit && Character.digit(s[i], 16) >= 0) {
            digits.append((char) s[i]);
            nonZero |= s[i] != '0';
            any = true;
            i++;
        }
        if (i < limit && s[i] == '.') {
            digits.append('.');
            i++;
            while (i < limit && Character.digit(s[i], 16) >= 0) {
                digits.append((char) s[i]);
                nonZero |= s[i] != '0';
                any = true;
                i++;
            }
        }
        if (!any) {
            return null;
        }
        int exponent = 0;
        if (i < limit && (s[i] == 'p' || s[i] == 'P')) {
            int j = i + 1;
            boolean negativeExponent = false;
            if (j < limit && (s[j] == '+' || s[j] == '-')) {
                negativeExponent = s[j] == '-';
                j++;
            }
            if (j < limit && isDigit(s[j])) {
                long e = 0;
                while (j < limit && isDigit(s[j])) {
                    e = Math.min(e * 10 + (s[j] - '0'), 100_000);
                    j++;
                }
                exponent = (int) (negativeExponent ? -e : e);
                i = j;
            }
        }
        // The exact value: the hex digits as an integer, scaled by the exponent less 4 bits per
        // fraction digit; a double is then the nearest one, as strtod rounds.
        String all = digits.toString();
        int point = all.indexOf('.');
        int fractionDigits = point < 0 ? 0 : all.length() - point - 1;
        java.math.BigInteger mantissa = new java.math.BigInteger(all.replace(".", ""), 16);
        int scale = exponent - 4 * fractionDigits;
        BigDecimal exactValue = scale >= 0
                ? new BigDecimal(mantissa.shiftLeft(Math.min(scale, 5000)))
                : new BigDecimal(mantissa).divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(Math.min(-scale, 5000))));
        double magnitude = exactValue.doubleValue();
        boolean range = Double.isInfinite(magnitude)
                || (nonZero && magnitude < Double.MIN_NORMAL && (magnitude == 0 || !exact(magnitude, exactValue)));
        return finish(negative ? -magnitude : magnitude, i, range, limit);
    }

    /** Whether a double is exactly the value written (glibc sets ERANGE for inexact tiny results only). */
    private static boolean exact(double magnitude, BigDecimal value) {
        return magnitude != 0 && new BigDecimal(magnitude).compareTo(value) == 0;
    }

    private static Result finish(double value, int end, boolean outOfRange, int limit) {
        return new Result(value, end, outOfRange, end == limit);
    }

    private static boolean matchesWord(byte[] s, int i, int limit, String word) {
        if (limit - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase((char) (s[i + k] & 0xff)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** C's isspace in the C locale. */
    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
