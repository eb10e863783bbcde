package dev.cinnabar.resp;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number parsing and formatting with Redis's exact rules, without garbage on the hot paths.
 *
 * <p>Redis parses integers with {@code string2ll}: no sign but '-', no leading zeros, no spaces,
 * every byte a digit, and the value must fit in a signed 64-bit long. Doubles are printed with
 * {@code %.17g}. Both rules decide what clients see, so they are reproduced exactly here.
 */
public final class RespNumbers {
    private RespNumbers() {}

    /**
     * Parses {@code len} bytes at {@code off} as Redis's string2ll does. Because every long is a
     * valid result, validity is reported separately: call {@link #isLong} first or use
     * {@link #parseLongOr}.
     */
    public static boolean isLong(byte[] b, int off, int len) {
        if (len == 0 || len > 20) {
            return false;
        }
        if (len == 1 && b[off] == '0') {
            return true;
        }
        int p = off;
        int end = off + len;
        boolean negative = false;
        if (b[p] == '-') {
            negative = true;
            p++;
            if (p == end) {
                return false;
            }
        }
        if (b[p] < '1' || b[p] > '9') {
            return false;
        }
        // Accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multiplyLimit = limit / 10;
        long v = 0;
        for (; p < end; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9 || v < multiplyLimit) {
                return false;
            }
            v *= 10;
            if (v < limit + d) {
                return false;
            }
            v -= d;
        }
        return true;
    }

    /** Parses a long already checked with {@link #isLong}. */
    public static long parseLong(byte[] b, int off, int len) {
        if (len == 1 && b[off] == '0') {
            return 0;
        }
        int p = off;
        int end = off + len;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        long v = 0;
        for (; p < end; p++) {
            v = v * 10 - (b[p] - '0');
        }
        return negative ? v : -v;
    }

    /** Parses like string2ll, returning {@code otherwise} when the text is not a valid long. */
    public static long parseLongOr(byte[] b, int off, int len, long otherwise) {
        return isLong(b, off, len) ? parseLong(b, off, len) : otherwise;
    }

    /** Number of bytes {@code v} takes in decimal. */
    public static int decimalLength(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return 20;
            }
            return 1 + decimalLength(-v);
        }
        long bound = 10;
        for (int n = 1; n < 19; n++) {
            if (v < bound) {
                return n;
            }
            bound *= 10;
        }
        return 19;
    }

    /** Writes {@code v} in decimal ASCII to {@code out}. */
    public static void writeDecimal(ByteBuf out, long v) {
        if (v >= 0 && v < 10_000) {
            writeSmallDecimal(out, (int) v);
            return;
        }
        int len = decimalLength(v);
        out.ensureWritable(len);
        int start = out.writerIndex();
        int pos = start + len - 1;
        if (v < 0) {
            out.setByte(start, '-');
            // Work with negative values so that Long.MIN_VALUE has no special case.
            while (v != 0) {
                out.setByte(pos--, (int) ('0' - (v % 10)));
                v /= 10;
            }
        } else {
            while (v != 0) {
                out.setByte(pos--, (int) ('0' + (v % 10)));
                v /= 10;
            }
        }
        out.writerIndex(start + len);
    }

    /**
     * Numbers below 10,000 (nearly every length and count in a reply) as one write of two, three
     * or four bytes: a byte-by-byte loop costs a bounds check per digit on a direct buffer.
     */
    private static void writeSmallDecimal(ByteBuf out, int v) {
        if (v < 10) {
            out.writeByte('0' + v);
        } else if (v < 100) {
            out.writeShort((('0' + v / 10) << 8) | ('0' + v % 10));
        } else if (v < 1000) {
            out.writeMedium((('0' + v / 100) << 16) | (('0' + v / 10 % 10) << 8) | ('0' + v % 10));
        } else {
            out.writeInt((('0' + v / 1000) << 24) | (('0' + v / 100 % 10) << 16) | (('0' + v / 10 % 10) << 8)
                    | ('0' + v % 10));
        }
    }

    /** {@code v} in decimal as a fresh byte array. */
    public static byte[] toBytes(long v) {
        byte[] b = new byte[decimalLength(v)];
        putDecimal(b, 0, v);
        return b;
    }

    /** Writes {@code v} in decimal into {@code b} at {@code start}; returns the index after it. */
    public static int putDecimal(byte[] b, int start, long v) {
        int end = start + decimalLength(v);
        int pos = end - 1;
        if (v < 0) {
            b[start] = '-';
            // Negative digits, so that Long.MIN_VALUE needs no special case.
            while (v != 0) {
                b[pos--] = (byte) ('0' - (v % 10));
                v /= 10;
            }
        } else if (v == 0) {
            b[start] = '0';
        } else {
            while (v != 0) {
                b[pos--] = (byte) ('0' + (v % 10));
                v /= 10;
            }
        }
        return end;
    }

    /**
     * Formats a double as C's {@code printf("%.17g")} does, which is what Redis 7.0 sends for
     * scores and other doubles: 17 significant digits, trailing zeros removed, an exponent of at
     * least two digits when the exponent is below -4 or at least 17, and {@code inf}, {@code -inf},
     * {@code nan} for the special values.
     */
    public static String formatDouble17g(double d) {
        return formatG(d, 17);
    }

    /** C's {@code %.<precision>g} for a double, with glibc's exact round-half-even on the binary value. */
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
        // Cheap exact path for integral values that fit the precision: no rounding can occur.
        if (d == Math.rint(d) && Math.abs(d) < 1e15 && precision >= 16) {
            return Long.toString((long) d);
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        // The decimal exponent X of the rounded value, as %e would print it.
        int exponent = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().abs().toString();
        // Pad digits to exactly 'precision' characters (BigDecimal may drop trailing zeros).
        StringBuilder all = new StringBuilder(digits);
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
            String integerPart = all.substring(0, exponent + 1);
            String fraction = stripTrailingZeros(all.substring(exponent + 1));
            out.append(integerPart);
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
