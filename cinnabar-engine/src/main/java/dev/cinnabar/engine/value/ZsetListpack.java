package dev.cinnabar.engine.value;

import dev.cinnabar.numbers.DoubleText;
import java.nio.charset.StandardCharsets;

/**
 * The compact encoding of a sorted set: one {@link Listpack} holding member, score, member, score...
 * in order (score, then member bytes), exactly as Redis lays it out. Scores are stored as Redis's
 * Redis stores them: integral scores as packed integers (so -0 becomes 0), the rest as {@code %.17g}
 * text.
 * Every operation here is a scan, which is what makes small sets cheap and large ones slow; the
 * sorted set converts to the skiplist before that matters.
 *
 * <p>Positions are byte offsets of the member entry of a pair; the score entry is the next one.
 */
final class ZsetListpack {
    private ZsetListpack() {}

    /** The score of the pair whose score entry is at {@code p}. */
    static double score(Listpack lp, int p) {
        if (lp.isInteger(p)) {
            return lp.integer(p);
        }
        return ScoreText.parseStored(lp.array(), lp.stringOffset(p), lp.stringLength(p));
    }

    /** The score of the pair whose member entry is at {@code p}. */
    static double scoreOfMember(Listpack lp, int p) {
        return score(lp, lp.next(p));
    }

    /** The member at {@code p} as bytes (the decimal text of a packed integer). */
    static byte[] member(Listpack lp, int p) {
        return lp.get(p);
    }

    /** The position of a member's entry, or -1. */
    static int find(Listpack lp, byte[] buf, int off, int len) {
        return lp.find(buf, off, len, 1);
    }

    /** Number of pairs. */
    static int length(Listpack lp) {
        return lp.count() / 2;
    }

    /** The score as the listpack stores it. */
    static byte[] scoreBytes(double score) {
        if (ScoreText.isSafeInteger(score)) {
            return Long.toString((long) score).getBytes(StandardCharsets.ISO_8859_1);
        }
        return DoubleText.bytes17g(score);
    }

    /** Inserts a member known to be absent at its place in order. */
    static void insert(Listpack lp, byte[] buf, int off, int len, double score) {
        byte[] scoreText = scoreBytes(score);
        int p = lp.first();
        while (p >= 0) {
            int sp = lp.next(p);
            double s = score(lp, sp);
            if (s > score || (s == score && lp.compareAt(p, buf, off, len) > 0)) {
                break;
            }
            p = lp.next(sp);
        }
        if (p < 0) {
            lp.append(buf, off, len);
            lp.append(scoreText, 0, scoreText.length);
        } else {
            lp.insertBefore(p, scoreText, 0, scoreText.length);
            lp.insertBefore(p, buf, off, len);
        }
    }

    /** Deletes the pair whose member entry is at {@code p}. */
    static void delete(Listpack lp, int p) {
        lp.deleteRange(p, 2);
    }

    /**
     * Redis's early test before a range search: false when the range is empty, or when the last
     * pair is below it or the first pair above it.
     */
    static boolean intersects(Listpack lp, ScoreRange range) {
        if (range.isEmpty() || lp.count() == 0) {
            return false;
        }
        return range.aboveMin(score(lp, lp.last())) && range.belowMax(score(lp, lp.next(lp.first())));
    }

    /**
     * As {@link #intersects(Listpack, ScoreRange)} for members. When scores differ the members are
     * not in order, and this test then decides results on its own, exactly as in Redis.
     */
    static boolean intersects(Listpack lp, LexRange range) {
        if (range.isEmpty() || lp.count() == 0) {
            return false;
        }
        return range.aboveMin(lp.get(lp.previous(lp.last()))) && range.belowMax(lp.get(lp.first()));
    }

    /** The member entry of the first pair whose score is in the range, or -1 (zzlFirstInRange). */
    static int firstInRange(Listpack lp, ScoreRange range) {
        if (!intersects(lp, range)) {
            return -1;
        }
        for (int p = lp.first(); p >= 0; ) {
            int sp = lp.next(p);
            double s = score(lp, sp);
            if (range.aboveMin(s)) {
                return range.belowMax(s) ? p : -1;
            }
            p = lp.next(sp);
        }
        return -1;
    }

    /** The member entry of the last pair whose score is in the range, or -1 (zzlLastInRange). */
    static int lastInRange(Listpack lp, ScoreRange range) {
        if (!intersects(lp, range)) {
            return -1;
        }
        for (int sp = lp.last(); sp >= 0; ) {
            int p = lp.previous(sp);
            double s = score(lp, sp);
            if (range.belowMax(s)) {
                return range.aboveMin(s) ? p : -1;
            }
            sp = lp.previous(p);
        }
        return -1;
    }

    /** The first pair whose member is in the lexicographic range, scanning from the head. */
    static int firstInRange(Listpack lp, LexRange range) {
        if (!intersects(lp, range)) {
            return -1;
        }
        for (int p = lp.first(); p >= 0; p = lp.next(lp.next(p))) {
            byte[] m = lp.get(p);
            if (range.aboveMin(m)) {
                return range.belowMax(m) ? p : -1;
            }
        }
        return -1;
    }

    /** The last pair whose member is in the lexicographic range, scanning from the tail. */
    static int lastInRange(Listpack lp, LexRange range) {
        if (!intersects(lp, range)) {
            return -1;
        }
        for (int sp = lp.last(); sp >= 0; ) {
            int p = lp.previous(sp);
            byte[] m = lp.get(p);
            if (range.belowMax(m)) {
                return range.aboveMin(m) ? p : -1;
            }
            sp = lp.previous(p);
        }
        return -1;
    }

    /** The member entry of the pair after the one at {@code p}, or -1. */
    static int next(Listpack lp, int p) {
        int sp = lp.next(p);
        return lp.next(sp);
    }

    /** The member entry of the pair before the one at {@code p}, or -1. */
    static int previous(Listpack lp, int p) {
        int sp = lp.previous(p);
        return sp < 0 ? -1 : lp.previous(sp);
    }

    /** The member entry of the pair at 0-based index {@code i}, or -1. */
    static int seekPair(Listpack lp, long i) {
        return lp.seek(2 * i);
    }

    /** The longest member, in bytes. */
    static int longestMember(Listpack lp) {
        int longest = 0;
        for (int p = lp.first(); p >= 0; p = next(lp, p)) {
            int l = lp.isInteger(p) ? Long.toString(lp.integer(p)).length() : lp.stringLength(p);
            longest = Math.max(longest, l);
        }
        return longest;
    }
}
