package dev.cinnabar.engine.value;

import dev.cinnabar.engine.table.Dict;
import dev.cinnabar.numbers.DoubleText;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A sorted set: members (binary strings) with double scores, ordered by score and then by member
 * bytes. Two encodings, switched as Redis switches them:
 * <ul>
 *   <li>"listpack" ({@link ZsetListpack}): member/score pairs in one packed array, while the set
 *       holds at most zset-max-listpack-entries members of at most zset-max-listpack-value bytes;</li>
 *   <li>"skiplist" ({@link ZSkiplist}): a skiplist with spans plus a member table, once either
 *       limit is passed. A set never shrinks back by itself; the commands that build a new set
 *       (the STORE forms) call {@link #convertToListpackIfSmall}.</li>
 * </ul>
 * Operations return results or status flags and never write replies. Scores are never NaN:
 * {@link #score} uses NaN to mean "absent".
 */
public final class SortedSet implements CompositeValue, ScoredMembers {
    /** Input flags of {@link #add} (ZADD's options). */
    public static final int INCR = 1;
    public static final int NX = 2;
    public static final int XX = 4;
    public static final int GT = 8;
    public static final int LT = 16;

    /** Output flags of {@link #add}. */
    public static final int OUT_NAN = 1;
    public static final int OUT_ADDED = 2;
    public static final int OUT_UPDATED = 4;
    public static final int OUT_NOP = 8;

    /** Receives elements in the order an operation produces them. */
    @FunctionalInterface
    public interface Visitor {
        void visit(byte[] member, double score);
    }

    /** Receives scanned elements with their score as ZSCAN prints it. */
    @FunctionalInterface
    public interface ScanVisitor {
        void visit(byte[] member, byte[] scoreText);
    }

    /**
     * The listpack encoding's bare array (see {@link Listpack#over}, which saves the 24-byte
     * Listpack object per small set), or null for the skiplist encoding.
     */
    private byte[] packed;
    private ZSkiplist skiplist;

    /** An empty set in the listpack encoding. */
    public SortedSet() {
        packed = Listpack.emptyArray();
    }

    /**
     * A view of the listpack, or null for a skiplist. A change through the view can move the
     * listpack to a larger array: every writer stores {@code listpack.array()} back into
     * {@link #packed}.
     */
    private Listpack packed() {
        return packed != null ? Listpack.over(packed) : null;
    }

    private SortedSet(ZSkiplist skiplist) {
        this.skiplist = skiplist;
    }

    /** An empty set in the skiplist encoding. */
    public static SortedSet skiplistEncoded() {
        return new SortedSet(new ZSkiplist());
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public String encoding() {
        return packed != null ? "listpack" : "skiplist";
    }

    @Override
    public long size() {
        return packed != null ? ZsetListpack.length(packed()) : skiplist.length();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    // ---- single members ----

    /** The score of a member, or NaN when it is absent. */
    public double score(byte[] buf, int off, int len) {
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.find(listpack, buf, off, len);
            return p < 0 ? Double.NaN : ZsetListpack.scoreOfMember(listpack, p);
        }
        ZSkiplist.Node node = skiplist.find(buf, off, len);
        return node == null ? Double.NaN : node.score;
    }

    @Override
    public double scoreOf(byte[] member) {
        return score(member, 0, member.length);
    }

    /**
     * Adds or updates a member as ZADD does (Redis's zsetAdd): {@code flags} are INCR, NX, XX, GT,
     * LT; the result holds OUT_ADDED, OUT_UPDATED, OUT_NOP (nothing done because of NX/XX/GT/LT) or
     * OUT_NAN (the score or the incremented score is not a number; nothing done). The resulting
     * score is stored in {@code newScore[0]} unless OUT_NOP or OUT_NAN. A member that would make
     * the listpack too long or too wide converts the set to the skiplist first.
     */
    public int add(byte[] buf, int off, int len, double score, int flags, double[] newScore, long maxEntries,
                   long maxValue) {
        boolean incr = (flags & INCR) != 0;
        boolean nx = (flags & NX) != 0;
        boolean xx = (flags & XX) != 0;
        boolean gt = (flags & GT) != 0;
        boolean lt = (flags & LT) != 0;
        if (Double.isNaN(score)) {
            return OUT_NAN;
        }
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.find(listpack, buf, off, len);
            if (p >= 0) {
                if (nx) {
                    return OUT_NOP;
                }
                double current = ZsetListpack.scoreOfMember(listpack, p);
                if (incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        return OUT_NAN;
                    }
                }
                if ((lt && score >= current) || (gt && score <= current)) {
                    return OUT_NOP;
                }
                newScore[0] = score;
                if (score != current) {
                    ZsetListpack.delete(listpack, p);
                    ZsetListpack.insert(listpack, buf, off, len, score);
                    packed = listpack.array();
                    return OUT_UPDATED;
                }
                return 0;
            }
            if (xx) {
                return OUT_NOP;
            }
            if (ZsetListpack.length(listpack) + 1 > maxEntries || len > maxValue) {
                convertToSkiplist();
            } else {
                ZsetListpack.insert(listpack, buf, off, len, score);
                packed = listpack.array();
                newScore[0] = score;
                return OUT_ADDED;
            }
        }
        ZSkiplist.Node node = skiplist.find(buf, off, len);
        if (node != null) {
            if (nx) {
                return OUT_NOP;
            }
            double current = node.score;
            if (incr) {
                score += current;
                if (Double.isNaN(score)) {
                    return OUT_NAN;
                }
            }
            if ((lt && score >= current) || (gt && score <= current)) {
                return OUT_NOP;
            }
            newScore[0] = score;
            if (score != current) {
                skiplist.updateScore(node, score);
                return OUT_UPDATED;
            }
            return 0;
        }
        if (xx) {
            return OUT_NOP;
        }
        skiplist.insert(score, Arrays.copyOfRange(buf, off, off + len));
        newScore[0] = score;
        return OUT_ADDED;
    }

    /** Removes a member; false when it was absent. */
    public boolean remove(byte[] buf, int off, int len) {
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.find(listpack, buf, off, len);
            if (p < 0) {
                return false;
            }
            ZsetListpack.delete(listpack, p);
            return true;
        }
        boolean removed = skiplist.delete(buf, off, len);
        if (removed) {
            skiplist.members().shrinkIfNeeded();
        }
        return removed;
    }

    /**
     * The 0-based rank of a member (from the highest score when {@code reverse}), or -1 when
     * absent; its score goes to {@code score[0]} when {@code score} is not null.
     */
    public long rank(byte[] buf, int off, int len, boolean reverse, double[] score) {
        long size = size();
        if (packed() instanceof Listpack listpack) {
            long rank = 0;
            for (int p = listpack.first(); p >= 0; p = ZsetListpack.next(listpack, p)) {
                if (listpack.equalsAt(p, buf, off, len)) {
                    if (score != null) {
                        score[0] = ZsetListpack.scoreOfMember(listpack, p);
                    }
                    return reverse ? size - rank - 1 : rank;
                }
                rank++;
            }
            return -1;
        }
        ZSkiplist.Node node = skiplist.find(buf, off, len);
        if (node == null) {
            return -1;
        }
        if (score != null) {
            score[0] = node.score;
        }
        long rank = skiplist.rank(node.score, node.member);
        return reverse ? size - rank : rank - 1;
    }

    // ---- ranges ----

    /**
     * Visits the elements of 0-based ranks {@code start..end} (both within the set, start <= end),
     * counted from the highest score when {@code reverse}.
     */
    public void rangeByRank(long start, long end, boolean reverse, Visitor visitor) {
        long n = end - start + 1;
        long size = size();
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.seekPair(listpack, reverse ? size - 1 - start : start);
            for (long i = 0; i < n && p >= 0; i++) {
                visitor.visit(ZsetListpack.member(listpack, p), ZsetListpack.scoreOfMember(listpack, p));
                p = reverse ? ZsetListpack.previous(listpack, p) : ZsetListpack.next(listpack, p);
            }
            return;
        }
        ZSkiplist.Node node;
        if (reverse) {
            node = start > 0 ? skiplist.byRank(size - start) : skiplist.last();
        } else {
            node = start > 0 ? skiplist.byRank(start + 1) : skiplist.first();
        }
        for (long i = 0; i < n && node != null; i++) {
            visitor.visit(node.member, node.score);
            node = reverse ? node.backward : node.next();
        }
    }

    /**
     * Visits the elements whose score is in the range, from the lowest score (or the highest when
     * {@code reverse}), skipping the first {@code offset} and stopping after {@code limit}
     * (negative: no limit). A negative offset gives nothing, as in Redis. Returns how many.
     */
    public long rangeByScore(ScoreRange range, boolean reverse, long offset, long limit, Visitor visitor) {
        if (offset < 0 || (offset > 0 && offset >= size())) {
            return 0;
        }
        long emitted = 0;
        if (packed() instanceof Listpack listpack) {
            int p = reverse ? ZsetListpack.lastInRange(listpack, range) : ZsetListpack.firstInRange(listpack, range);
            for (long i = 0; i < offset && p >= 0; i++) {
                p = reverse ? ZsetListpack.previous(listpack, p) : ZsetListpack.next(listpack, p);
            }
            while (p >= 0 && limit-- != 0) {
                double s = ZsetListpack.scoreOfMember(listpack, p);
                if (reverse ? !range.aboveMin(s) : !range.belowMax(s)) {
                    break;
                }
                visitor.visit(ZsetListpack.member(listpack, p), s);
                emitted++;
                p = reverse ? ZsetListpack.previous(listpack, p) : ZsetListpack.next(listpack, p);
            }
            return emitted;
        }
        return visitSkiplistRange(range, reverse, offset, limit, visitor);
    }

    /** As {@link #rangeByScore} for a lexicographic range of members. */
    public long rangeByLex(LexRange range, boolean reverse, long offset, long limit, Visitor visitor) {
        if (offset < 0 || (offset > 0 && offset >= size())) {
            return 0;
        }
        long emitted = 0;
        if (packed() instanceof Listpack listpack) {
            int p = reverse ? ZsetListpack.lastInRange(listpack, range) : ZsetListpack.firstInRange(listpack, range);
            for (long i = 0; i < offset && p >= 0; i++) {
                p = reverse ? ZsetListpack.previous(listpack, p) : ZsetListpack.next(listpack, p);
            }
            while (p >= 0 && limit-- != 0) {
                byte[] member = ZsetListpack.member(listpack, p);
                if (reverse ? !range.aboveMin(member) : !range.belowMax(member)) {
                    break;
                }
                visitor.visit(member, ZsetListpack.scoreOfMember(listpack, p));
                emitted++;
                p = reverse ? ZsetListpack.previous(listpack, p) : ZsetListpack.next(listpack, p);
            }
            return emitted;
        }
        return visitSkiplistRange(range, reverse, offset, limit, visitor);
    }

    /**
     * The skiplist half of {@link #rangeByScore} and {@link #rangeByLex}, one for both kinds of
     * range since a node has its score and member at hand (the listpack halves differ in which of
     * the two they decode first).
     */
    private long visitSkiplistRange(ZsetRange range, boolean reverse, long offset, long limit, Visitor visitor) {
        long emitted = 0;
        ZSkiplist.Node node = reverse ? skiplist.lastInRange(range) : skiplist.firstInRange(range);
        node = skip(node, offset, reverse);
        while (node != null && limit-- != 0) {
            if (reverse ? !range.aboveMin(node.score, node.member) : !range.belowMax(node.score, node.member)) {
                break;
            }
            visitor.visit(node.member, node.score);
            emitted++;
            node = reverse ? node.backward : node.next();
        }
        return emitted;
    }

    /** The node {@code offset} steps after (or before) {@code node}, found through ranks. */
    private ZSkiplist.Node skip(ZSkiplist.Node node, long offset, boolean reverse) {
        if (node == null || offset == 0) {
            return node;
        }
        long rank = skiplist.rank(node.score, node.member) + (reverse ? -offset : offset);
        return rank < 1 || rank > skiplist.length() ? null : skiplist.byRank(rank);
    }

    /** Number of elements whose score is in the range (ZCOUNT). */
    public long count(ScoreRange range) {
        if (packed() instanceof Listpack listpack) {
            long count = 0;
            for (int p = ZsetListpack.firstInRange(listpack, range); p >= 0; p = ZsetListpack.next(listpack, p)) {
                if (!range.belowMax(ZsetListpack.scoreOfMember(listpack, p))) {
                    break;
                }
                count++;
            }
            return count;
        }
        return countInSkiplist(range);
    }

    /** Number of elements whose member is in the lexicographic range (ZLEXCOUNT), as Redis counts. */
    public long count(LexRange range) {
        if (packed() instanceof Listpack listpack) {
            long count = 0;
            for (int p = ZsetListpack.firstInRange(listpack, range); p >= 0; p = ZsetListpack.next(listpack, p)) {
                if (!range.belowMax(ZsetListpack.member(listpack, p))) {
                    break;
                }
                count++;
            }
            return count;
        }
        return countInSkiplist(range);
    }

    /**
     * The skiplist half of the two {@code count}s: the distance between the ranks of the first and
     * the last element in the range, as Redis's zsetCount and zsetLexCount compute it.
     */
    private long countInSkiplist(ZsetRange range) {
        ZSkiplist.Node first = skiplist.firstInRange(range);
        if (first == null) {
            return 0;
        }
        long count = skiplist.length() - (skiplist.rank(first.score, first.member) - 1);
        ZSkiplist.Node last = skiplist.lastInRange(range);
        if (last != null) {
            count -= skiplist.length() - skiplist.rank(last.score, last.member);
        }
        return count;
    }

    /** Removes the elements of 0-based ranks {@code start..end} (within the set, start <= end). */
    public long removeRangeByRank(long start, long end) {
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.seekPair(listpack, start);
            listpack.deleteRange(p, (int) (2 * (end - start + 1)));
            return end - start + 1;
        }
        long removed = skiplist.deleteRangeByRank(start + 1, end + 1);
        skiplist.members().shrinkIfNeeded();
        return removed;
    }

    /** Removes the elements whose score is in the range; returns how many. */
    public long removeRange(ScoreRange range) {
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.firstInRange(listpack, range);
            long removed = 0;
            while (p >= 0 && range.belowMax(ZsetListpack.scoreOfMember(listpack, p))) {
                p = listpack.deleteRange(p, 2);
                removed++;
            }
            return removed;
        }
        return removeFromSkiplist(range);
    }

    /** Removes the elements whose member is in the lexicographic range; returns how many. */
    public long removeRange(LexRange range) {
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.firstInRange(listpack, range);
            long removed = 0;
            while (p >= 0 && range.belowMax(ZsetListpack.member(listpack, p))) {
                p = listpack.deleteRange(p, 2);
                removed++;
            }
            return removed;
        }
        return removeFromSkiplist(range);
    }

    /** The skiplist half of the two {@code removeRange}s. */
    private long removeFromSkiplist(ZsetRange range) {
        long removed = skiplist.deleteRange(range);
        skiplist.members().shrinkIfNeeded();
        return removed;
    }

    /** Removes and visits up to {@code count} elements from the lowest (or highest) score. */
    public long pop(boolean highest, long count, Visitor visitor) {
        long popped = 0;
        while (popped < count && !isEmpty()) {
            byte[] member;
            double score;
            if (packed() instanceof Listpack listpack) {
                int p = highest ? listpack.previous(listpack.last()) : listpack.first();
                member = ZsetListpack.member(listpack, p);
                score = ZsetListpack.scoreOfMember(listpack, p);
                ZsetListpack.delete(listpack, p);
            } else {
                ZSkiplist.Node node = highest ? skiplist.last() : skiplist.first();
                member = node.member;
                score = node.score;
                skiplist.delete(node);
            }
            visitor.visit(member, score);
            popped++;
        }
        if (skiplist != null) {
            skiplist.members().shrinkIfNeeded();
        }
        return popped;
    }

    /** Visits every element from the lowest score. */
    @Override
    public void forEach(Visitor visitor) {
        if (packed() instanceof Listpack listpack) {
            for (int p = listpack.first(); p >= 0; p = ZsetListpack.next(listpack, p)) {
                visitor.visit(ZsetListpack.member(listpack, p), ZsetListpack.scoreOfMember(listpack, p));
            }
            return;
        }
        for (ZSkiplist.Node node = skiplist.first(); node != null; node = node.next()) {
            visitor.visit(node.member, node.score);
        }
    }

    // ---- random members ----

    /** Visits one random element (the set must not be empty). */
    public void randomElement(RandomGenerator random, Visitor visitor) {
        if (packed() instanceof Listpack listpack) {
            int p = ZsetListpack.seekPair(listpack, random.nextLong(size()));
            visitor.visit(ZsetListpack.member(listpack, p), ZsetListpack.scoreOfMember(listpack, p));
            return;
        }
        ZSkiplist.Node node = (ZSkiplist.Node) skiplist.members().randomEntry(random).value();
        visitor.visit(node.member, node.score);
    }

    /** Visits {@code count} random elements, each drawn independently (repeats allowed). */
    public void randomWithRepeats(long count, RandomGenerator random, Visitor visitor) {
        for (long i = 0; i < count; i++) {
            randomElement(random, visitor);
        }
    }

    /**
     * Visits {@code count} distinct random elements ({@code count} below the size). Small samples
     * of a large set are drawn from the member table; otherwise one pass picks each element with
     * the probability that leaves the right number to pick (selection sampling), in order.
     */
    public void randomDistinct(long count, RandomGenerator random, Visitor visitor) {
        long size = size();
        if (skiplist != null && count * 3 <= size) {
            java.util.Set<ZSkiplist.Node> picked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            while (picked.size() < count) {
                ZSkiplist.Node node = (ZSkiplist.Node) skiplist.members().randomEntry(random).value();
                if (picked.add(node)) {
                    visitor.visit(node.member, node.score);
                }
            }
            return;
        }
        long[] left = {size, count};
        forEach((member, score) -> {
            if (left[1] > 0 && random.nextLong(left[0]) < left[1]) {
                visitor.visit(member, score);
                left[1]--;
            }
            left[0]--;
        });
    }

    // ---- scan ----

    /**
     * One ZSCAN call: a listpack returns everything and cursor 0, each score as the listpack holds
     * it (integral scores as plain integers, e.g. 4611686018427387904); a skiplist scans its member
     * table from {@code cursor} until about {@code count} reply items (two per element) are
     * gathered, as Redis does, with scores in {@code %.17g}, and returns the next cursor.
     */
    public long scan(long cursor, long count, ScanVisitor visitor) {
        if (packed() instanceof Listpack listpack) {
            forEach((member, score) -> visitor.visit(member, ZsetListpack.scoreBytes(score)));
            return 0;
        }
        long[] items = {0};
        long iterations = count * 10;
        Dict members = skiplist.members();
        do {
            cursor = members.scan(cursor, e -> {
                ZSkiplist.Node node = (ZSkiplist.Node) e.value();
                visitor.visit(node.member, DoubleText.bytes17g(node.score));
                items[0] += 2;
            });
        } while (cursor != 0 && iterations-- > 0 && items[0] < count);
        return cursor;
    }

    // ---- encodings ----

    /** Converts to the skiplist encoding (no-op when already there). */
    public void convertToSkiplist() {
        Listpack listpack = packed();
        if (listpack == null) {
            return;
        }
        ZSkiplist list = new ZSkiplist();
        for (int p = listpack.first(); p >= 0; p = ZsetListpack.next(listpack, p)) {
            list.insert(ZsetListpack.scoreOfMember(listpack, p), ZsetListpack.member(listpack, p));
        }
        skiplist = list;
        packed = null;
    }

    /**
     * Converts a skiplist-encoded set back to a listpack when it is small enough (the STORE
     * commands do this with their results, as Redis's zsetConvertToListpackIfNeeded).
     */
    public void convertToListpackIfSmall(long maxEntries, long maxValue) {
        if (packed != null || skiplist.length() > maxEntries) {
            return;
        }
        for (ZSkiplist.Node node = skiplist.first(); node != null; node = node.next()) {
            if (node.member.length > maxValue) {
                return;
            }
        }
        Listpack lp = new Listpack();
        for (ZSkiplist.Node node = skiplist.first(); node != null; node = node.next()) {
            lp.append(node.member);
            byte[] score = ZsetListpack.scoreBytes(node.score);
            lp.append(score);
        }
        lp.trim();
        packed = lp.array();
        skiplist = null;
    }

    /** Appends an element known to sort after every present one (building a set in order). */
    public void appendInOrder(byte[] member, double score) {
        if (packed() instanceof Listpack listpack) {
            listpack.append(member);
            listpack.append(ZsetListpack.scoreBytes(score));
            packed = listpack.array();
        } else {
            skiplist.insert(score, member);
        }
    }

    /** The size of the listpack in bytes (Redis's lpBytes), or -1 for a skiplist. */
    public int listpackBytes() {
        return packed != null ? packed().bytes() : -1;
    }

    /** Drops spare capacity of a listpack after a batch of changes. */
    public void trim() {
        if (packed() instanceof Listpack listpack) {
            listpack.trim();
            packed = listpack.array();
        }
    }

    // ---- CompositeValue ----

    @Override
    public SortedSet duplicate() {
        if (packed() instanceof Listpack listpack) {
            Listpack out = new Listpack();
            for (int p = listpack.first(); p >= 0; p = listpack.next(p)) {
                if (listpack.isInteger(p)) {
                    out.appendInteger(listpack.integer(p));
                } else {
                    out.append(listpack.get(p));
                }
            }
            out.trim();
            SortedSet copy = new SortedSet();
            copy.packed = out.array();
            return copy;
        }
        SortedSet copy = skiplistEncoded();
        for (ZSkiplist.Node node = skiplist.first(); node != null; node = node.next()) {
            copy.skiplist.insert(node.score, node.member);
        }
        return copy;
    }

    @Override
    public void digest(ValueDigest digest, byte[] into) {
        byte[] element = new byte[20];
        forEach((member, score) -> {
            Arrays.fill(element, (byte) 0);
            digest.mix(element, member);
            digest.mix(element, DoubleText.bytes17g(score));
            digest.xor(into, element);
        });
    }

    @Override
    public long footprint() {
        return 16 + (packed != null ? packed().arrayFootprint() : skiplist.footprint());
    }

    /** Checks the structure's invariants (tests): listpack order, or the skiplist's spans and table. */
    public void checkInvariants() {
        if (packed() instanceof Listpack listpack) {
            if (listpack.count() % 2 != 0) {
                throw new IllegalStateException("odd listpack entry count " + listpack.count());
            }
            byte[] previous = null;
            double previousScore = 0;
            for (int p = listpack.first(); p >= 0; p = ZsetListpack.next(listpack, p)) {
                byte[] member = ZsetListpack.member(listpack, p);
                double score = ZsetListpack.scoreOfMember(listpack, p);
                if (Double.isNaN(score)) {
                    throw new IllegalStateException("NaN score in listpack");
                }
                if (previous != null && !(previousScore < score
                        || (previousScore == score && Arrays.compareUnsigned(previous, member) < 0))) {
                    throw new IllegalStateException("listpack out of order at " + new String(member,
                            java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                previous = member;
                previousScore = score;
            }
            return;
        }
        skiplist.checkInvariants();
    }
}
