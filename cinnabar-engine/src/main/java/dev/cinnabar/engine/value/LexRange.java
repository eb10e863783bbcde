package dev.cinnabar.engine.value;

import java.util.Arrays;

/**
 * A member interval of the lexicographic range commands (ZRANGEBYLEX, ZLEXCOUNT, ...). Bounds are
 * byte strings compared as memcmp does, each inclusive ("[") or exclusive ("("), or one of the two
 * infinite bounds {@link #MIN} ("-") and {@link #MAX} ("+"), which are recognised by identity.
 */
public final class LexRange implements ZsetRange {
    /** The bound below every string ("-"). */
    public static final byte[] MIN = new byte[0];
    /** The bound above every string ("+"). */
    public static final byte[] MAX = new byte[0];

    private final byte[] min;
    private final byte[] max;
    private final boolean minExclusive;
    private final boolean maxExclusive;

    public LexRange(byte[] min, boolean minExclusive, byte[] max, boolean maxExclusive) {
        this.min = min;
        this.max = max;
        this.minExclusive = minExclusive;
        this.maxExclusive = maxExclusive;
    }

    /**
     * Orders two bounds or members: the infinite bounds below and above everything (and equal to
     * themselves), other strings by unsigned bytes, a prefix first.
     */
    public static int compare(byte[] a, byte[] b) {
        if (a == b) {
            return 0;
        }
        if (a == MIN || b == MAX) {
            return -1;
        }
        if (a == MAX || b == MIN) {
            return 1;
        }
        return Arrays.compareUnsigned(a, b);
    }

    public boolean aboveMin(byte[] member) {
        int c = compare(member, min);
        return minExclusive ? c > 0 : c >= 0;
    }

    public boolean belowMax(byte[] member) {
        int c = compare(member, max);
        return maxExclusive ? c < 0 : c <= 0;
    }

    @Override
    public boolean aboveMin(double score, byte[] member) {
        return aboveMin(member);
    }

    @Override
    public boolean belowMax(double score, byte[] member) {
        return belowMax(member);
    }

    public boolean contains(byte[] member) {
        return aboveMin(member) && belowMax(member);
    }

    /** True when no string can lie in the range. */
    @Override
    public boolean isEmpty() {
        int c = compare(min, max);
        return c > 0 || (c == 0 && (minExclusive || maxExclusive));
    }

    @Override
    public String toString() {
        return describe(min, minExclusive) + " " + describe(max, maxExclusive);
    }

    private static String describe(byte[] bound, boolean exclusive) {
        if (bound == MIN) {
            return "-";
        }
        if (bound == MAX) {
            return "+";
        }
        return (exclusive ? "(" : "[") + new String(bound, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
