package dev.cinnabar.engine.value;

import dev.cinnabar.engine.table.Dict;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The general encoding of a sorted set: a skiplist ordered by (score, member), plus a table from
 * member to node, as Redis's {@code zset} (a {@code zskiplist} and a {@code dict}). The table
 * answers "what is the score of m" in O(1); the skiplist answers everything about order.
 *
 * <h2>How spans make rank O(log N)</h2>
 * A skiplist is a sorted linked list (level 0) with express lanes above it: every node is given a
 * random height (one more level with probability 1/4, at most 32), and at each level a node links
 * to the next node at least as tall. A search starts in the top lane at the header and moves right
 * while the next node is still before the target, dropping one lane whenever it would overshoot;
 * with p = 1/4 that visits O(log N) nodes on average.
 *
 * <p>That finds a <em>node</em>, not its <em>position</em>. For ranks, each link also records its
 * <b>span</b>: how many level-0 steps it jumps over (a level-0 link spans 1; the header's link at a
 * level with no node after it spans to the end of the list). The rank of a node is then simply the
 * sum of the spans of the links a search follows to reach it, so ZRANK is a search that adds as it
 * goes. The reverse question, "the node at rank r", is a search that follows a link only while the
 * running sum plus its span stays at most r; so ZRANGE by index starts in O(log N) and then walks.
 *
 * <p>Keeping the spans right is the only extra work of an update. On insertion, the search records
 * for every level the last node before the new one ({@code update[i]}) and that node's rank
 * ({@code rank[i]}). A new link from {@code update[i]} to the new node spans
 * {@code rank[0] - rank[i] + 1}; the new node's own link takes what remains of the old span; and
 * every taller link that passes over the new node grows by one. Deletion is the mirror image:
 * links into the removed node absorb its span minus one, links passing over it shrink by one.
 * {@link #checkInvariants} verifies all of this from scratch (for the tests).
 *
 * <p>Order: by score (plain double comparison, so -0.0 and 0.0 tie), then by member bytes as
 * memcmp orders them. Scores are never NaN. Each node keeps a backward pointer (level 0 only) for
 * reverse walks, and the list keeps its tail.
 */
public final class ZSkiplist {
    static final int MAX_LEVEL = 32;

    /**
     * One element: its member, its score and its links.
     *
     * <p>The links of levels 0 and 1 live in the node itself ({@code next0}/{@code span0},
     * {@code next1}/{@code span1}); only the levels above are arrays. Redis's {@code zskiplistNode}
     * keeps its whole level array inline, so a walk step there reads one cache line; with
     * {@code Node[]} and {@code int[]} beside the node, a step here read the node and then one or two
     * arrays, each a likely miss. The walks miss the cache on the low levels, where the nodes are
     * many (the few tall nodes stay cached across searches), and every walk ends on level 0. With
     * p = 1/4, fifteen nodes in sixteen are at most two levels tall: those carry no arrays at all.
     * A node of height 1 marks its unused level-1 span with -1 (a real span is never negative), so
     * the height needs no field of its own.
     * The accessors are small final methods the JIT inlines.
     */
    public static final class Node {
        final byte[] member;
        double score;
        Node backward;
        /**
         * Levels 0 and 1, inline: the next node, the span of that link, and the next node's score.
         * The copy of the score lets a walk decide not to step onto the next node without reading
         * it: the node a walk overshoots to at each level would otherwise be one more cache miss.
         */
        private Node next0;
        private int span0;
        private double nextScore0;
        private Node next1;
        private int span1;
        private double nextScore1;
        /** Levels 2 and up at index level - 2; null for a node of height 1 or 2. */
        private final Node[] upperForward;
        private final int[] upperSpan;

        Node(byte[] member, double score, int levels) {
            this.member = member;
            this.score = score;
            this.span1 = levels > 1 ? 0 : -1;
            if (levels > 2) {
                this.upperForward = new Node[levels - 2];
                this.upperSpan = new int[levels - 2];
            } else {
                this.upperForward = null;
                this.upperSpan = null;
            }
        }

        public byte[] member() {
            return member;
        }

        public double score() {
            return score;
        }

        /** The next node in order, or null. */
        public Node next() {
            return next0;
        }

        /** The previous node in order, or null. */
        public Node previous() {
            return backward;
        }

        /** The number of levels this node is linked at (1 to {@link #MAX_LEVEL}). */
        int height() {
            return upperForward != null ? upperForward.length + 2 : span1 < 0 ? 1 : 2;
        }

        /** The next node at least as tall at a level below {@link #height()}, or null. */
        Node forward(int level) {
            return level == 0 ? next0 : level == 1 ? next1 : upperForward[level - 2];
        }

        void setForward(int level, Node node) {
            if (level == 0) {
                next0 = node;
                nextScore0 = node == null ? 0 : node.score;
            } else if (level == 1) {
                next1 = node;
                nextScore1 = node == null ? 0 : node.score;
            } else {
                upperForward[level - 2] = node;
            }
        }

        /**
         * The score of the next node at a level (which must exist): the link's copy on levels 0
         * and 1, so that deciding not to step there does not read that node.
         */
        double nextScore(int level) {
            return level == 0 ? nextScore0 : level == 1 ? nextScore1 : upperForward[level - 2].score;
        }

        /** How many level-0 steps the link at a level jumps over. */
        int span(int level) {
            return level == 0 ? span0 : level == 1 ? span1 : upperSpan[level - 2];
        }

        void setSpan(int level, int span) {
            if (level == 0) {
                span0 = span;
            } else if (level == 1) {
                span1 = span;
            } else {
                upperSpan[level - 2] = span;
            }
        }
    }

    private final Node header = new Node(null, 0, MAX_LEVEL);
    private final Dict members = new Dict();
    private Node tail;
    private int length;
    private int level = 1;
    /** Scratch arrays of a search: the last node before the target at each level, and its rank. */
    private final Node[] update = new Node[MAX_LEVEL];
    private final int[] rank = new int[MAX_LEVEL];
    /** The second walk's scratch of a score update (see {@link #updateScore}). */
    private final Node[] moveUpdate = new Node[MAX_LEVEL];

    public int length() {
        return length;
    }

    /** The member table: member bytes to {@link Node}. */
    public Dict members() {
        return members;
    }

    public Node first() {
        return header.next0;
    }

    public Node last() {
        return tail;
    }

    /** The node of a member, or null. */
    public Node find(byte[] buf, int off, int len) {
        Dict.Entry e = members.find(buf, off, len);
        return e == null ? null : (Node) e.value();
    }

    /** Redis's random level: each extra level with probability 1/4, at most {@link #MAX_LEVEL}. */
    static int randomLevel() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int level = 1;
        int bits = random.nextInt();
        int left = 16;
        while ((bits & 3) == 0 && level < MAX_LEVEL) {
            level++;
            bits >>>= 2;
            if (--left == 0) {
                bits = random.nextInt();
                left = 16;
            }
        }
        return level;
    }

    /** Whether the node's (score, member) sorts before (score, member). */
    private static boolean before(Node node, double score, byte[] member) {
        return node.score < score || (node.score == score && Arrays.compareUnsigned(node.member, member) < 0);
    }

    /** {@link #before(Node, double, byte[])} with the node's score given (a link's copy of it). */
    private static boolean before(double nodeScore, Node node, double score, byte[] member) {
        return nodeScore < score || (nodeScore == score && Arrays.compareUnsigned(node.member, member) < 0);
    }

    /** Adds a member that is known to be absent; returns its node. The member array is kept. */
    public Node insert(double score, byte[] member) {
        Node node = insertNode(score, member);
        members.addAbsent(member, node);
        return node;
    }

    private Node insertNode(double score, byte[] member) {
        Node node = new Node(member, score, randomLevel());
        link(node);
        return node;
    }

    /** Links a node that is in no list at the place of its (score, member), at its own height. */
    private void link(Node node) {
        double score = node.score;
        byte[] member = node.member;
        Node[] update = this.update;
        int[] rank = this.rank;
        // The walk of searchUpdate, adding up the spans it follows; the inline levels 0 and 1
        // are read as fields rather than through forward(i) (see Node).
        Node x = header;
        int traversed = 0;
        Node next;
        for (int i = level - 1; i >= 2; i--) {
            while ((next = x.upperForward[i - 2]) != null && before(next, score, member)) {
                traversed += x.upperSpan[i - 2];
                x = next;
            }
            update[i] = x;
            rank[i] = traversed;
        }
        if (level > 1) {
            while ((next = x.next1) != null && before(x.nextScore1, next, score, member)) {
                traversed += x.span1;
                x = next;
            }
            update[1] = x;
            rank[1] = traversed;
        }
        while ((next = x.next0) != null && before(x.nextScore0, next, score, member)) {
            traversed += x.span0;
            x = next;
        }
        update[0] = x;
        rank[0] = traversed;
        splice(node, update, rank);
    }

    /**
     * Links a node that is in no list after {@code update[i]} at every level i, where
     * {@code rank[i]} is the rank of {@code update[i]} (the result of link's walk).
     */
    private void splice(Node node, Node[] update, int[] rank) {
        int height = node.height();
        if (height > level) {
            for (int i = level; i < height; i++) {
                rank[i] = 0;
                update[i] = header;
                header.setSpan(i, length);
            }
            level = height;
        }
        for (int i = 0; i < height; i++) {
            node.setForward(i, update[i].forward(i));
            update[i].setForward(i, node);
            node.setSpan(i, update[i].span(i) - (rank[0] - rank[i]));
            update[i].setSpan(i, rank[0] - rank[i] + 1);
        }
        for (int i = height; i < level; i++) {
            update[i].setSpan(i, update[i].span(i) + 1);
        }
        node.backward = update[0] == header ? null : update[0];
        if (node.next0 != null) {
            node.next0.backward = node;
        } else {
            tail = node;
        }
        length++;
    }

    /** Unlinks {@code x}, given the last node before it at every level. */
    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward(i) == x) {
                update[i].setSpan(i, update[i].span(i) + x.span(i) - 1);
                update[i].setForward(i, x.forward(i));
            } else {
                update[i].setSpan(i, update[i].span(i) - 1);
            }
        }
        if (x.next0 != null) {
            x.next0.backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward(level - 1) == null) {
            level--;
        }
        length--;
    }

    /** Fills {@code update} with the last node before (score, member) at every level. */
    private void searchUpdate(double score, byte[] member, Node[] update) {
        Node x = header;
        Node next;
        for (int i = level - 1; i >= 2; i--) {
            while ((next = x.upperForward[i - 2]) != null && before(next, score, member)) {
                x = next;
            }
            update[i] = x;
        }
        if (level > 1) {
            while ((next = x.next1) != null && before(x.nextScore1, next, score, member)) {
                x = next;
            }
            update[1] = x;
        }
        while ((next = x.next0) != null && before(x.nextScore0, next, score, member)) {
            x = next;
        }
        update[0] = x;
    }

    /** Removes a node of this list (from the skiplist and the member table). */
    public void delete(Node node) {
        searchUpdate(node.score, node.member, update);
        unlink(node, update);
        members.remove(node.member);
    }

    /** Removes a member; false when absent. */
    public boolean delete(byte[] buf, int off, int len) {
        Node node = find(buf, off, len);
        if (node == null) {
            return false;
        }
        delete(node);
        return true;
    }

    /**
     * Changes a node's score. When the node stays between its neighbours it is updated in place;
     * otherwise it is unlinked and linked again at its new place. The same node keeps the member
     * (Redis allocates a new one): no allocation and no member-table update, which matters for a
     * leaderboard's ZINCRBY. Its height is kept; it was drawn at random, independent of place.
     * Returns the node holding the member.
     */
    public Node updateScore(Node node, double newScore) {
        if ((node.backward == null || node.backward.score < newScore)
                && (node.next0 == null || node.nextScore0 > newScore)) {
            // The links into the node carry copies of its score (levels 0 and 1, see Node): the
            // one of level 0 is the previous node's, those of a taller node need a search.
            if (node.span1 < 0) {
                (node.backward == null ? header : node.backward).nextScore0 = newScore;
            } else {
                searchUpdate(node.score, node.member, update);
                update[0].nextScore0 = newScore;
                update[1].nextScore1 = newScore;
            }
            node.score = newScore;
            return node;
        }
        relink(node, newScore);
        return node;
    }

    /**
     * Moves a node to the place of a new score: Redis's search for the old place, unlink, and
     * search for the new place, except that the two searches run at once, a step of each per turn
     * of one loop. Each step of a walk is a likely cache miss and the two walks do not depend on
     * each other, so the processor overlaps their misses where the walks one after the other
     * would wait for each in turn.
     *
     * <p>The new place is searched in the list that still holds the node, treating the node as
     * absent: a link to the node is read as the link past it (its span the sum of both, less the
     * node), so the walk never stands on the node. The ranks it sums count the node wherever it
     * lies before the stopping point at a level; those are corrected by one once the node is out.
     */
    private void relink(Node node, double newScore) {
        double oldScore = node.score;
        byte[] member = node.member;
        Node[] oldUpdate = this.update;
        Node[] newUpdate = this.moveUpdate;
        int[] rank = this.rank;
        Node a = header;
        Node b = header;
        int oldLevel = level - 1;
        int newLevel = level - 1;
        int traversed = 0;
        while (oldLevel >= 0 || newLevel >= 0) {
            if (oldLevel >= 0) {
                Node next = a.forward(oldLevel);
                if (next != null && before(a.nextScore(oldLevel), next, oldScore, member)) {
                    a = next;
                } else {
                    oldUpdate[oldLevel--] = a;
                }
            }
            if (newLevel >= 0) {
                Node from = b;
                Node next = b.forward(newLevel);
                int span = b.span(newLevel);
                if (next == node) {
                    span += node.span(newLevel);
                    from = node;
                    next = node.forward(newLevel);
                }
                if (next != null && before(from.nextScore(newLevel), next, newScore, member)) {
                    traversed += span;
                    b = next;
                } else {
                    newUpdate[newLevel] = b;
                    rank[newLevel] = traversed;
                    newLevel--;
                }
            }
        }
        // The sums counted the node when it lies before the stopping point; it is about to go.
        for (int i = level - 1; i >= 0; i--) {
            Node stop = newUpdate[i];
            if (stop != header && !before(stop, oldScore, member)) {
                rank[i]--;
            }
        }
        unlink(node, oldUpdate);
        node.score = newScore;
        splice(node, newUpdate, rank);
    }

    /** The 1-based rank of (score, member), or 0 when absent. */
    public long rank(double score, byte[] member) {
        Node x = header;
        long rank = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && (x.forward(i).score < score
                    || (x.forward(i).score == score && Arrays.compareUnsigned(x.forward(i).member, member) <= 0))) {
                rank += x.span(i);
                x = x.forward(i);
            }
            if (x.member != null && x.score == score && Arrays.equals(x.member, member)) {
                return rank;
            }
        }
        return 0;
    }

    /** The node at a 1-based rank, or null. */
    public Node byRank(long rank) {
        Node x = header;
        long traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && traversed + x.span(i) <= rank) {
                traversed += x.span(i);
                x = x.forward(i);
            }
            if (traversed == rank) {
                return x == header ? null : x;
            }
        }
        return null;
    }

    // ---- score and lexicographic ranges (Redis's zslIsInRange, zslFirstInRange, zslLastInRange and
    // their Lex twins; a lexicographic range is meaningful when all scores are equal, as in Redis) ----

    /** Whether some element could lie in the range: it is not empty and overlaps [first, last]. */
    public boolean intersects(ZsetRange range) {
        if (range.isEmpty() || length == 0) {
            return false;
        }
        Node first = header.next0;
        return range.aboveMin(tail.score, tail.member) && range.belowMax(first.score, first.member);
    }

    /** The first node in the range, or null. */
    public Node firstInRange(ZsetRange range) {
        if (!intersects(range)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && !range.aboveMin(x.forward(i).score, x.forward(i).member)) {
                x = x.forward(i);
            }
        }
        x = x.next0;
        return x != null && range.belowMax(x.score, x.member) ? x : null;
    }

    /** The last node in the range, or null. */
    public Node lastInRange(ZsetRange range) {
        if (!intersects(range)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && range.belowMax(x.forward(i).score, x.forward(i).member)) {
                x = x.forward(i);
            }
        }
        return x != header && range.aboveMin(x.score, x.member) ? x : null;
    }

    // ---- range deletion ----

    /** Deletes the nodes in the range (by score or by member); returns how many. */
    public long deleteRange(ZsetRange range) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && !range.aboveMin(x.forward(i).score, x.forward(i).member)) {
                x = x.forward(i);
            }
            update[i] = x;
        }
        x = x.next0;
        long removed = 0;
        while (x != null && range.belowMax(x.score, x.member)) {
            Node next = x.next0;
            unlink(x, update);
            members.remove(x.member);
            removed++;
            x = next;
        }
        return removed;
    }

    /** Deletes the nodes of 1-based ranks {@code start..end}; returns how many. */
    public long deleteRangeByRank(long start, long end) {
        Node x = header;
        long traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward(i) != null && traversed + x.span(i) < start) {
                traversed += x.span(i);
                x = x.forward(i);
            }
            update[i] = x;
        }
        traversed++;
        x = x.next0;
        long removed = 0;
        while (x != null && traversed <= end) {
            Node next = x.next0;
            unlink(x, update);
            members.remove(x.member);
            removed++;
            traversed++;
            x = next;
        }
        return removed;
    }

    /** Approximate heap footprint. */
    public long footprint() {
        long bytes = 64 + 16 * MAX_LEVEL + 48 + members.buckets() * 4;
        for (Node x = header.next0; x != null; x = x.next0) {
            // The node with its inline levels 0 and 1; arrays only for a node taller than 2.
            int upper = x.height() - 2;
            bytes += 64 + (upper <= 0 ? 0 : 2 * (16 + 4L * upper)) + 16 + x.member.length + 24;
        }
        return bytes;
    }

    /**
     * Checks every structural invariant from scratch and throws IllegalStateException on the first
     * violation: order, spans (each link's span equals the rank difference it jumps, header links
     * at levels without nodes span to the end), the copies of the next score in the links of levels 0
     * and 1, backward pointers, tail, length, current level,
     * and the member table (exactly the members of the list, each mapped to its node).
     */
    public void checkInvariants() {
        // Ranks by walking level 0.
        java.util.IdentityHashMap<Node, Integer> rankOf = new java.util.IdentityHashMap<>();
        rankOf.put(header, 0);
        int n = 0;
        Node previous = null;
        for (Node x = header.next0; x != null; x = x.next0) {
            n++;
            rankOf.put(x, n);
            if (x.backward != previous) {
                throw new IllegalStateException("backward pointer of rank " + n + " is wrong");
            }
            if (previous != null && !before(previous, x.score, x.member)) {
                throw new IllegalStateException("order broken at rank " + n);
            }
            if (Double.isNaN(x.score)) {
                throw new IllegalStateException("NaN score at rank " + n);
            }
            if (x.height() < 1 || x.height() > MAX_LEVEL || x.height() > level) {
                throw new IllegalStateException("bad height " + x.height() + " at rank " + n);
            }
            previous = x;
        }
        if (n != length) {
            throw new IllegalStateException("length " + length + " but " + n + " nodes");
        }
        if (tail != previous) {
            throw new IllegalStateException("tail is not the last node");
        }
        if (level < 1 || level > MAX_LEVEL || (level > 1 && header.forward(level - 1) == null)) {
            throw new IllegalStateException("level " + level + " does not match the tallest node");
        }
        for (int i = level; i < MAX_LEVEL; i++) {
            if (header.forward(i) != null) {
                throw new IllegalStateException("header link above the level at " + i);
            }
        }
        // Every lane: each link goes to the next node at least that tall, and spans the rank
        // difference (a link to nothing spans the rest of the list).
        for (int i = 0; i < level; i++) {
            for (Node x = header; x != null; x = x.forward(i)) {
                if (x.height() <= i) {
                    throw new IllegalStateException("a node lower than " + (i + 1) + " is linked at level " + i);
                }
                Node expected = x.next0;
                while (expected != null && expected.height() <= i) {
                    expected = expected.next0;
                }
                int from = rankOf.get(x);
                if (x.forward(i) != expected) {
                    throw new IllegalStateException("level " + i + " link from rank " + from + " skips a node");
                }
                if (i < 2 && expected != null && Double.doubleToRawLongBits(i == 0 ? x.nextScore0 : x.nextScore1)
                        != Double.doubleToRawLongBits(expected.score)) {
                    throw new IllegalStateException("level " + i + " link from rank " + rankOf.get(x)
                            + " holds a stale copy of the next score");
                }
                int to = expected == null ? length : rankOf.get(expected);
                if (x.span(i) != to - from) {
                    throw new IllegalStateException("level " + i + " span from rank " + from + " is " + x.span(i)
                            + ", expected " + (to - from));
                }
            }
        }
        if (members.size() != length) {
            throw new IllegalStateException("member table holds " + members.size() + " of " + length);
        }
        for (Node x = header.next0; x != null; x = x.next0) {
            Dict.Entry e = members.find(x.member);
            if (e == null || e.value() != x || e.key() != x.member) {
                throw new IllegalStateException("member table does not map a member to its node");
            }
        }
    }
}
