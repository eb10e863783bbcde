package dev.cinnabar.server.config;

import java.util.Locale;

/**
 * Redis's memtoull: a decimal number of bytes with an optional unit, case-insensitive:
 * b, k (1000), kb (1024), m (1000²), mb (1024²), g (1000³), gb (1024³). No sign, no spaces.
 */
public final class MemoryUnits {
    private MemoryUnits() {}

    /** Parses a memory value; throws NumberFormatException when it is not one. */
    public static long parse(String text) {
        int digits = 0;
        if (text.startsWith("-")) {
            throw new NumberFormatException(text);
        }
        while (digits < text.length() && Character.isDigit(text.charAt(digits)) && text.charAt(digits) < 128) {
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
        if (digits > 19) {
            throw new NumberFormatException(text);
        }
        long value = digits == 0 ? 0 : Long.parseLong(text.substring(0, digits));
        return Math.multiplyExact(value, multiplier);
    }
}
