package dev.cinnabar.resp;

import io.netty.buffer.ByteBuf;

/**
 * Number parsing and formatting with Redis's exact rules, without garbage on the hot paths.
 *
 * <p>Redis parses integers with {@code string2ll}: no sign but '-', no leading zeros, no spaces,
 * every byte a digit, and the value must fit in a signed 64-bit long; clients see that rule in
 * its errors, so it is reproduced exactly here. Doubles are written by
 * {@link dev.cinnabar.numbers.DoubleText} (module cinnabar-numbers), which the value types share.
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
}
