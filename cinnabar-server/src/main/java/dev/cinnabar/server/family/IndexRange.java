package dev.cinnabar.server.family;

/**
 * Redis's arithmetic for an inclusive index range {@code start..end} over {@code length}
 * elements, as LRANGE, LTRIM, ZRANGE by rank and ZREMRANGEBYRANK apply it: a negative index counts
 * from the end, the start is then clamped at 0 and the end at the last element. The range is empty
 * exactly when the normalised start is after the normalised end (this covers a start at or past
 * the length, since the end never passes the last element).
 */
final class IndexRange {
    private IndexRange() {}

    /** The normalised first index: from the end when negative, and at least 0. */
    static long first(long start, long length) {
        return start < 0 ? Math.max(start + length, 0) : start;
    }

    /** The normalised last index: from the end when negative, and at most {@code length - 1}. */
    static long last(long end, long length) {
        return Math.min(end < 0 ? end + length : end, length - 1);
    }
}
