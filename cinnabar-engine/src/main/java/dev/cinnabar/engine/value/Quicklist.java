package dev.cinnabar.engine.value;

import java.util.Arrays;

/**
 * Redis's quicklist: the general encoding of a list, a doubly linked list of listpack nodes.
 *
 * <h2>Why nodes</h2>
 * One listpack costs a few bytes per element, but inserting or deleting anywhere but the end
 * moves every later byte, and growing it copies the whole array. A quicklist keeps the packing
 * and bounds the cost: each node is a small listpack, so a change moves at most one node's bytes,
 * and pushes at either end touch only the end nodes.
 *
 * <h2>How full a node may get</h2>
 * The {@code fill} (list-max-listpack-size, fixed when the quicklist is created, as in Redis) is
 * either a byte budget per node, for -1..-5 (4, 8, 16, 32 or 64 KiB; below -5 counts as -5), or
 * an element count, for positive values (0 counts as 1), in which case a node also stays under
 * 8 KiB ({@link #exceedsLimit}). Redis's rules for where an element goes are kept:
 * <ul>
 *   <li>a push goes into the end node when {@code node bytes + element length + 8} stays within
 *       the limit (an estimate that errs on the large side), otherwise into a new end node;</li>
 *   <li>an insertion in the middle (LINSERT) goes into the pivot's node when it has room; at a
 *       node's edge, into the neighbour when that has room; otherwise a new node is made, or the
 *       node is split at the pivot and the pieces around it are merged with their neighbours
 *       where two fit in one node ({@link #mergeAround});</li>
 *   <li>deletions never merge: a node only disappears when it is empty.</li>
 * </ul>
 * A single element larger than the limit gets a node of its own.
 *
 * <h2>Compression</h2>
 * With {@code depth} (list-compress-depth) d &gt; 0, the d nodes at each end stay plain and the
 * others are kept LZF-compressed ({@link Lzf}), as in Redis: a node whose listpack is under 48
 * bytes, or that would not shrink by at least 8 bytes, stays plain. After every change the ends
 * are re-checked ({@link #compress}): the nodes within depth are decompressed, the first node
 * past it on each side and the node just changed are compressed. Reading a compressed node
 * inflates a temporary copy; changing one inflates it in place, and it is compressed again
 * afterwards.
 *
 * <p>Positions inside a node are the listpack's byte offsets; indexes are 0-based from the head.
 * Redis's "plain" nodes for elements of 1 GB and more (list's packed threshold) are not
 * reproduced: such an element goes into a listpack node of its own like any element larger than
 * the node limit.
 */
final class Quicklist {
    private static final int[] SIZE_LEVELS = {4096, 8192, 16384, 32768, 65536};
    /** The byte ceiling of a multi-element node when the fill counts elements. */
    static final int SIZE_SAFETY_LIMIT = 8192;
    /** Redis's over-estimate of the bytes an element adds to a listpack, beyond its length. */
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;
    /** Listpack header (6) plus end byte (1): what merging two listpacks saves. */
    private static final int LISTPACK_OVERHEAD = 7;
    private static final int MIN_COMPRESS_BYTES = 48;
    private static final int MIN_COMPRESS_IMPROVE = 8;

    static final class Node {
        Node prev;
        Node next;
        /** The elements, or null while the node is compressed. */
        Listpack listpack;
        /** The LZF form of the listpack while compressed. */
        byte[] compressed;
        /** Size of the listpack in bytes (Redis's node->sz), compressed or not. */
        int size;
        int count;

        Node(Listpack listpack) {
            this.listpack = listpack;
            this.size = listpack.bytes();
            this.count = listpack.count();
        }

        boolean isCompressed() {
            return listpack == null;
        }
    }

    final int fill;
    final int depth;
    Node head;
    Node tail;
    /** Number of elements. */
    long count;
    /** Number of nodes. */
    int length;

    // Result of seek().
    private Node seekNode;
    private int seekOffset;

    Quicklist(int fill, int depth) {
        this.fill = fill;
        this.depth = Math.max(0, depth);
    }

    // ---- limits ----

    /** The byte limit of a node for a fill, or Long.MAX_VALUE when the fill counts elements. */
    static long sizeLimit(int fill) {
        if (fill >= 0) {
            return Long.MAX_VALUE;
        }
        long level = Math.min(-(long) fill - 1, SIZE_LEVELS.length - 1);
        return SIZE_LEVELS[(int) level];
    }

    /** The element limit of a node for a fill, or 2^32 - 1 (no limit) when the fill is in bytes. */
    static long countLimit(int fill) {
        if (fill >= 0) {
            return fill == 0 ? 1 : fill;
        }
        return 0xFFFFFFFFL;
    }

    /** Whether a node of {@code size} bytes holding {@code elements} would be over the limit. */
    static boolean exceedsLimit(int fill, long size, long elements) {
        if (fill < 0) {
            return size > sizeLimit(fill);
        }
        return size > SIZE_SAFETY_LIMIT || elements > countLimit(fill);
    }

    private boolean allowInsert(Node node, int length) {
        if (node == null) {
            return false;
        }
        return !exceedsLimit(fill, (long) node.size + length + SIZE_ESTIMATE_OVERHEAD, node.count + 1L);
    }

    private boolean allowMerge(Node a, Node b) {
        if (a == null || b == null) {
            return false;
        }
        return !exceedsLimit(fill, (long) a.size + b.size - LISTPACK_OVERHEAD, (long) a.count + b.count);
    }

    // ---- node content ----

    private static Listpack inflate(Node node) {
        byte[] raw = new byte[node.size];
        int n = Lzf.decompress(node.compressed, node.compressed.length, raw);
        if (n != node.size) {
            throw new IllegalStateException("compressed quicklist node inflated to " + n + " bytes, expected " + node.size);
        }
        return Listpack.fromBytes(raw, n);
    }

    /** The node's listpack for reading: when compressed, a temporary inflated copy. */
    static Listpack view(Node node) {
        return node.listpack != null ? node.listpack : inflate(node);
    }

    /** The node's listpack for changing: a compressed node is inflated in place. */
    private static Listpack open(Node node) {
        if (node.listpack == null) {
            node.listpack = inflate(node);
            node.compressed = null;
        }
        return node.listpack;
    }

    private static void updateSize(Node node) {
        node.size = node.listpack.bytes();
        node.count = node.listpack.count();
    }

    private static void compressNode(Node node) {
        if (node.listpack == null || node.size < MIN_COMPRESS_BYTES) {
            return;
        }
        byte[] out = new byte[node.size];
        int n = Lzf.compress(node.listpack.array(), node.size, out);
        if (n == 0 || n + MIN_COMPRESS_IMPROVE >= node.size) {
            return;
        }
        node.compressed = Arrays.copyOf(out, n);
        node.listpack = null;
    }

    private static void decompressNode(Node node) {
        open(node);
    }

    /**
     * Keeps the compression rule after a change to {@code node} (null: after a node was removed):
     * the nodes within depth of each end plain, the first node past depth on each side and the
     * changed node compressed.
     */
    private void compress(Node node) {
        if (length == 0 || depth == 0 || length < 2L * depth) {
            return;
        }
        Node forward = head;
        Node reverse = tail;
        boolean inDepth = false;
        for (int d = 0; d < depth; d++) {
            decompressNode(forward);
            decompressNode(reverse);
            if (forward == node || reverse == node) {
                inDepth = true;
            }
            if (forward == reverse || forward.next == reverse) {
                return;
            }
            forward = forward.next;
            reverse = reverse.prev;
        }
        if (!inDepth && node != null) {
            compressNode(node);
        }
        compressNode(forward);
        compressNode(reverse);
    }

    // ---- linking ----

    /** Links {@code node} before or after {@code old} (null: the first node of an empty list). */
    private void insertNode(Node old, Node node, boolean after) {
        if (old == null) {
            head = tail = node;
        } else if (after) {
            node.prev = old;
            node.next = old.next;
            if (old.next != null) {
                old.next.prev = node;
            }
            old.next = node;
            if (tail == old) {
                tail = node;
            }
        } else {
            node.next = old;
            node.prev = old.prev;
            if (old.prev != null) {
                old.prev.next = node;
            }
            old.prev = node;
            if (head == old) {
                head = node;
            }
        }
        length++;
        if (old != null) {
            compress(old);
        }
        compress(node);
    }

    /** Unlinks a node and forgets its elements. */
    private void deleteNode(Node node) {
        if (node.prev != null) {
            node.prev.next = node.next;
        }
        if (node.next != null) {
            node.next.prev = node.prev;
        }
        if (node == head) {
            head = node.next;
        }
        if (node == tail) {
            tail = node.prev;
        }
        node.prev = node.next = null;
        length--;
        count -= node.count;
        compress(null);
    }

    private static Node nodeWith(byte[] s, int off, int len) {
        Listpack lp = new Listpack();
        lp.append(s, off, len);
        return new Node(lp);
    }

    /** Adds a whole listpack as the last node (the listpack to quicklist conversion). */
    void appendListpack(Listpack listpack) {
        Node node = new Node(listpack);
        insertNode(tail, node, true);
        count += node.count;
    }

    // ---- pushes and pops ----

    void pushHead(byte[] s, int off, int len) {
        if (allowInsert(head, len)) {
            Listpack lp = open(head);
            lp.prepend(s, off, len);
            updateSize(head);
        } else {
            insertNode(head, nodeWith(s, off, len), false);
        }
        count++;
    }

    void pushTail(byte[] s, int off, int len) {
        if (allowInsert(tail, len)) {
            Listpack lp = open(tail);
            lp.append(s, off, len);
            updateSize(tail);
        } else {
            insertNode(tail, nodeWith(s, off, len), true);
        }
        count++;
    }

    /** Deletes the entry at {@code position} of a node; true when the node went with it. */
    private boolean deleteEntry(Node node, int position) {
        Listpack lp = open(node);
        lp.delete(position);
        count--;
        if (lp.count() == 0) {
            node.count = 0;
            deleteNode(node);
            return true;
        }
        updateSize(node);
        return false;
    }

    /** Passes the first or last element to {@code visitor} and removes it; false when empty. */
    boolean pop(boolean fromHead, Listpack.EntryVisitor visitor) {
        Node node = fromHead ? head : tail;
        if (node == null) {
            return false;
        }
        Listpack lp = open(node);
        int p = fromHead ? lp.first() : lp.last();
        lp.read(p, visitor);
        if (!deleteEntry(node, p)) {
            compress(node);
        }
        return true;
    }

    // ---- positions ----

    /** Finds the node and offset of element {@code index} (0 &lt;= index &lt; count). */
    private boolean seek(long index) {
        if (index < 0 || index >= count) {
            return false;
        }
        if (index <= (count - 1) / 2) {
            long before = 0;
            Node node = head;
            while (before + node.count <= index) {
                before += node.count;
                node = node.next;
            }
            seekNode = node;
            seekOffset = (int) (index - before);
        } else {
            long after = 0;
            long fromTail = count - 1 - index;
            Node node = tail;
            while (after + node.count <= fromTail) {
                after += node.count;
                node = node.prev;
            }
            seekNode = node;
            seekOffset = (int) (node.count - 1 - (fromTail - after));
        }
        return true;
    }

    /** Passes element {@code index} (0-based) to {@code visitor}; false when out of range. */
    boolean get(long index, Listpack.EntryVisitor visitor) {
        if (!seek(index)) {
            return false;
        }
        Listpack lp = view(seekNode);
        lp.read(lp.seek(seekOffset), visitor);
        return true;
    }

    /**
     * Walks the elements from {@code index} towards the tail, or towards the head when
     * {@code reverse}, until the consumer returns false or the list ends.
     */
    void walk(long index, boolean reverse, ListValue.EntryConsumer consumer) {
        if (!seek(index)) {
            return;
        }
        Node node = seekNode;
        Listpack lp = view(node);
        int p = lp.seek(seekOffset);
        while (true) {
            if (!consumer.accept(lp, p)) {
                return;
            }
            p = reverse ? lp.previous(p) : lp.next(p);
            if (p == -1) {
                node = reverse ? node.prev : node.next;
                if (node == null) {
                    return;
                }
                lp = view(node);
                p = reverse ? lp.last() : lp.first();
            }
        }
    }

    /** Passes {@code n} elements from {@code index} on (towards the head when {@code reverse}) to {@code visitor}. */
    void range(long index, long n, boolean reverse, Listpack.EntryVisitor visitor) {
        if (n <= 0 || !seek(index)) {
            return;
        }
        Node node = seekNode;
        Listpack lp = view(node);
        int p = lp.seek(seekOffset);
        for (long left = n; left > 0; left--) {
            lp.read(p, visitor);
            if (left == 1) {
                return;
            }
            p = reverse ? lp.previous(p) : lp.next(p);
            if (p == -1) {
                node = reverse ? node.prev : node.next;
                if (node == null) {
                    return;
                }
                lp = view(node);
                p = reverse ? lp.last() : lp.first();
            }
        }
    }

    // ---- changes in the middle ----

    /** Replaces element {@code index}; false when out of range (LSET). */
    boolean replace(long index, byte[] s, int off, int len) {
        if (!seek(index)) {
            return false;
        }
        Node node = seekNode;
        int offset = seekOffset;
        Listpack lp = open(node);
        int p = lp.seek(offset);
        long newSize = (long) node.size - lp.entrySize(p) + Listpack.entrySizeOf(s, off, len);
        if (!exceedsLimit(fill, newSize, node.count)) {
            lp.replace(p, s, off, len);
            updateSize(node);
            compress(node);
            return true;
        }
        // The node cannot hold the new element: it gets a node of its own right after the old
        // element (splitting the node there), and the old element, now last of its node, goes.
        Node rest = offset != node.count - 1 ? splitNode(node, offset, true) : null;
        Node fresh = nodeWith(s, off, len);
        insertNode(node, fresh, true);
        if (rest != null) {
            insertNode(fresh, rest, true);
        }
        count++;
        Listpack kept = open(node);
        if (!deleteEntry(node, kept.last())) {
            compress(node);
            mergeAround(fresh);
        }
        return true;
    }

    /**
     * Splits a node at {@code offset}: with {@code after}, the node keeps elements 0..offset and
     * the returned (unlinked) node gets the rest; otherwise the node keeps offset.. and the new
     * one gets 0..offset-1.
     */
    private Node splitNode(Node node, int offset, boolean after) {
        Listpack lp = open(node);
        Listpack other = lp.copy();
        int total = lp.count();
        if (after) {
            if (offset + 1 < total) {
                lp.deleteRange(lp.seek(offset + 1), total - offset - 1);
            }
            other.deleteRange(other.first(), offset + 1);
        } else {
            if (offset > 0) {
                lp.deleteRange(lp.first(), offset);
            }
            other.deleteRange(other.seek(offset), total - offset);
        }
        lp.trim();
        updateSize(node);
        Node created = new Node(other);
        return created;
    }

    /** Merges {@code b} into {@code a} (a is b's predecessor); returns the surviving node. */
    private Node merge(Node a, Node b) {
        Listpack la = open(a);
        la.appendAll(view(b));
        updateSize(a);
        b.count = 0;
        deleteNode(b);
        compress(a);
        return a;
    }

    /** After a split: merges the neighbours of {@code center} pairwise where two fit in one node. */
    private void mergeAround(Node center) {
        Node prev = center.prev;
        Node prevPrev = prev != null ? prev.prev : null;
        Node next = center.next;
        Node nextNext = next != null ? next.next : null;
        if (allowMerge(prev, prevPrev)) {
            merge(prevPrev, prev);
        }
        if (allowMerge(next, nextNext)) {
            merge(next, nextNext);
        }
        Node target = center;
        if (allowMerge(center, center.prev)) {
            target = merge(center.prev, center);
        }
        if (allowMerge(target, target.next)) {
            merge(target, target.next);
        }
    }

    /** Inserts before or after the element at {@code offset} of {@code node} (Redis's rules). */
    private void insertAt(Node node, int offset, boolean after, byte[] s, int off, int len) {
        boolean full = !allowInsert(node, len);
        boolean atTail = false;
        boolean atHead = false;
        boolean nextHasRoom = false;
        boolean prevHasRoom = false;
        if (after && offset == node.count - 1) {
            atTail = true;
            nextHasRoom = allowInsert(node.next, len);
        } else if (!after && offset == 0) {
            atHead = true;
            prevHasRoom = allowInsert(node.prev, len);
        }
        if (!full) {
            Listpack lp = open(node);
            int p = lp.seek(offset);
            if (after) {
                lp.insertAfter(p, s, off, len);
            } else {
                lp.insertBefore(p, s, off, len);
            }
            updateSize(node);
            compress(node);
        } else if (atTail && nextHasRoom) {
            Node next = node.next;
            open(next).prepend(s, off, len);
            updateSize(next);
            compress(next);
            compress(node);
        } else if (atHead && prevHasRoom) {
            Node prev = node.prev;
            open(prev).append(s, off, len);
            updateSize(prev);
            compress(prev);
            compress(node);
        } else if (atTail || atHead) {
            insertNode(node, nodeWith(s, off, len), after);
        } else {
            Node piece = splitNode(node, offset, after);
            if (after) {
                piece.listpack.prepend(s, off, len);
            } else {
                piece.listpack.append(s, off, len);
            }
            updateSize(piece);
            insertNode(node, piece, after);
            mergeAround(node);
        }
        count++;
    }

    /**
     * LINSERT: inserts before or after the first element equal to {@code pivot}, searching from
     * the head; false when there is none.
     */
    boolean insert(boolean after, byte[] pivot, int pivotOff, int pivotLen, byte[] s, int off, int len) {
        for (Node node = head; node != null; node = node.next) {
            Listpack lp = view(node);
            int offset = 0;
            for (int p = lp.first(); p != -1; p = lp.next(p), offset++) {
                if (lp.equalsAt(p, pivot, pivotOff, pivotLen)) {
                    insertAt(node, offset, after, s, off, len);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * LREM: removes elements equal to {@code value}, from the head (or from the tail when
     * {@code fromTail}), at most {@code limit} of them (0: all); returns how many.
     */
    long removeMatching(byte[] value, int off, int len, long limit, boolean fromTail) {
        long removed = 0;
        Node node = fromTail ? tail : head;
        while (node != null && (limit == 0 || removed < limit)) {
            Node following = fromTail ? node.prev : node.next;
            if (containsMatch(view(node), value, off, len)) {
                Listpack lp = open(node);
                int p = fromTail ? lp.last() : lp.first();
                while (p != -1 && (limit == 0 || removed < limit)) {
                    if (lp.equalsAt(p, value, off, len)) {
                        int next = lp.delete(p);
                        removed++;
                        count--;
                        p = fromTail ? (next == -1 ? lp.last() : lp.previous(next)) : next;
                    } else {
                        p = fromTail ? lp.previous(p) : lp.next(p);
                    }
                }
                if (lp.count() == 0) {
                    node.count = 0;
                    deleteNode(node);
                } else {
                    updateSize(node);
                    compress(node);
                }
            }
            node = following;
        }
        return removed;
    }

    private static boolean containsMatch(Listpack lp, byte[] value, int off, int len) {
        for (int p = lp.first(); p != -1; p = lp.next(p)) {
            if (lp.equalsAt(p, value, off, len)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes {@code n} elements from index {@code start} (LTRIM, LPOP with a count). */
    void deleteRange(long start, long n) {
        if (n <= 0 || !seek(start)) {
            return;
        }
        Node node = seekNode;
        int offset = seekOffset;
        long remaining = n;
        while (remaining > 0 && node != null) {
            Node next = node.next;
            int inNode = (int) Math.min(remaining, node.count - offset);
            if (offset == 0 && inNode == node.count) {
                deleteNode(node);
            } else {
                Listpack lp = open(node);
                lp.deleteRange(lp.seek(offset), inNode);
                count -= inNode;
                updateSize(node);
                compress(node);
            }
            remaining -= inNode;
            offset = 0;
            node = next;
        }
    }

    // ---- whole list ----

    Quicklist duplicate() {
        Quicklist copy = new Quicklist(fill, depth);
        for (Node node = head; node != null; node = node.next) {
            Node c = new Node(node.listpack != null ? node.listpack.copy() : new Listpack());
            if (node.listpack == null) {
                c.listpack = null;
                c.compressed = node.compressed.clone();
                c.size = node.size;
                c.count = node.count;
            }
            c.prev = copy.tail;
            if (copy.tail == null) {
                copy.head = c;
            } else {
                copy.tail.next = c;
            }
            copy.tail = c;
            copy.length++;
        }
        copy.count = count;
        return copy;
    }

    /** The only node's listpack, for the conversion back to a plain listpack. */
    Listpack onlyListpack() {
        return open(head);
    }

    long footprint() {
        long total = 48;
        for (Node node = head; node != null; node = node.next) {
            total += 40 + (node.listpack != null ? node.listpack.footprint() : 16 + node.compressed.length);
        }
        return total;
    }

    int compressedNodes() {
        int n = 0;
        for (Node node = head; node != null; node = node.next) {
            if (node.isCompressed()) {
                n++;
            }
        }
        return n;
    }

    /** The largest node's element count (DEBUG OBJECT's ql_listpack_max). */
    int largestNodeCount() {
        int max = 0;
        for (Node node = head; node != null; node = node.next) {
            max = Math.max(max, node.count);
        }
        return max;
    }

    /** Bytes of the largest node holding more than one element (0 when there is none). */
    long largestMultiElementNode() {
        long max = 0;
        for (Node node = head; node != null; node = node.next) {
            if (node.count > 1) {
                max = Math.max(max, node.size);
            }
        }
        return max;
    }

    /** Total bytes of the nodes' listpacks, uncompressed. */
    long uncompressedSize() {
        long total = 0;
        for (Node node = head; node != null; node = node.next) {
            total += node.size;
        }
        return total;
    }

    /**
     * Checks the structure (for tests): links, counts and sizes, no empty node, node limits, and
     * the compression rule (the costly parts, inflating and trial compression, only when
     * {@code deep}). Returns null when sound, else what is wrong.
     */
    String checkInvariants(boolean deep) {
        long elements = 0;
        int nodes = 0;
        Node prev = null;
        for (Node node = head; node != null; prev = node, node = node.next) {
            nodes++;
            if (node.prev != prev) {
                return "node " + nodes + ": broken prev link";
            }
            if (deep || !node.isCompressed()) {
                Listpack lp = view(node);
                if (lp.count() != node.count || lp.bytes() != node.size) {
                    return "node " + nodes + ": count/size " + node.count + "/" + node.size + " but listpack has "
                            + lp.count() + "/" + lp.bytes();
                }
            }
            if (node.count == 0) {
                return "node " + nodes + " is empty";
            }
            if (node.count > 1 && fill >= 0 && node.count > countLimit(fill)) {
                return "node " + nodes + " holds " + node.count + " elements, over the fill " + fill;
            }
            elements += node.count;
        }
        if (prev != tail) {
            return "tail is not the last node";
        }
        if (nodes != length || elements != count) {
            return "length/count " + length + "/" + count + " but found " + nodes + "/" + elements;
        }
        if (depth > 0) {
            int i = 0;
            for (Node node = head; node != null; node = node.next, i++) {
                boolean withinDepth = i < depth || i >= nodes - depth;
                if (withinDepth && node.isCompressed()) {
                    return "node " + (i + 1) + " of " + nodes + " is within depth " + depth + " but compressed";
                }
                if (deep && !withinDepth && !node.isCompressed() && node.size >= 1024 && isCompressible(node)) {
                    return "node " + (i + 1) + " of " + nodes + " is past depth " + depth + " but not compressed";
                }
            }
        } else if (compressedNodes() > 0) {
            return "compressed nodes without a compress depth";
        }
        return null;
    }

    private static boolean isCompressible(Node node) {
        byte[] out = new byte[node.size];
        int n = Lzf.compress(node.listpack.array(), node.size, out);
        return n != 0 && n + MIN_COMPRESS_IMPROVE < node.size;
    }
}
