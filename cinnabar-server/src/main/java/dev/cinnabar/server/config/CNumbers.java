package dev.cinnabar.server.config;

import java.util.regex.Pattern;

/** The C library's number parsing where Redis's config code relies on it. */
final class CNumbers {
    private CNumbers() {}

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX =
            Pattern.compile("([+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+))([pP][+-]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    /**
     * Redis's string2d: the whole text must be one strtod number (decimal, hexadecimal,
     * "inf"/"infinity", in the C locale) with no leading space; NaN, overflow to infinity and
     * underflow to zero are refused. Null when refused.
     */
    static Double string2d(String text) {
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double value;
        String mantissa;
        if (DECIMAL.matcher(text).matches()) {
            value = Double.parseDouble(text);
            int e = indexOfExponent(text, 'e');
            mantissa = e < 0 ? text : text.substring(0, e);
        } else {
            var hex = HEX.matcher(text);
            if (!hex.matches()) {
                return null;
            }
            mantissa = hex.group(1); // "0x" adds no non-zero digit
            value = Double.parseDouble(hex.group(1) + (hex.group(2) == null ? "p0" : hex.group(2)));
        }
        if (Double.isInfinite(value)) {
            return null; // ERANGE overflow
        }
        if (value == 0 && hasNonZeroDigit(mantissa)) {
            return null; // ERANGE underflow to zero
        }
        return value;
    }

    private static int indexOfExponent(String text, char e) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.toLowerCase(text.charAt(i)) == e) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) > 0) {
                return true;
            }
        }
        return false;
    }
}
