package dev.cinnabar.server.config;

import java.util.Locale;

/**
 * Redis's memtoull: a decimal number of bytes with an optional unit, case-insensitive:
 * b, k (1000), kb (1024), m (1000²), mb (1024²), g (1000³), gb (1024³). No sign, no spaces.
 *
 * <p>The quirks of Redis 7.0 are kept, because they decide which values CONFIG SET accepts and
 * which error it gives: the digits are read with strtoull, so no digits at all ({@code ""},
 * {@code "kb"}) is 0 and a number beyond 2<sup>64</sup>-1 saturates to 2<sup>64</sup>-1; the
 * unit multiplication wraps modulo 2<sup>64</sup>. The result is the unsigned 64-bit value in a
 * {@code long}, so a value of 2<sup>63</sup> or more reads as negative and fails the callers'
 * range check ("argument must be between ...") rather than the syntax check.
 */
public final class MemoryUnits {
    /** memtoull copies the digits into a 128-byte buffer and refuses more. */
    private static final int MAX_DIGITS = 127;

    private MemoryUnits() {}

    /** Parses a memory value; throws NumberFormatException when it is not one. */
    public static long parse(String text) {
        if (text.startsWith("-")) {
            throw new NumberFormatException(text);
        }
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        String unit = text.substring(digits).toLowerCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> throw new NumberFormatException(text);
        };
        if (digits > MAX_DIGITS) {
            throw new NumberFormatException(text);
        }
        return unsignedDecimal(text, digits) * multiplier;
    }

    /** strtoull of {@code text[0, digits)}, all decimal digits: 0 when empty, 2^64-1 on overflow. */
    private static long unsignedDecimal(String text, int digits) {
        long value = 0;
        for (int i = 0; i < digits; i++) {
            int d = text.charAt(i) - '0';
            // value * 10 + d > 2^64 - 1 ?
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                return -1L;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
