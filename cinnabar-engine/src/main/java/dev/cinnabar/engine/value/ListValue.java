package dev.cinnabar.engine.value;

/**
 * A Redis list. Small lists are one listpack (OBJECT ENCODING "listpack", as in Redis 7.2), kept
 * as its bare array and read through a short-lived {@link Listpack#over view} (which saves a
 * 24-byte Listpack object per small list); larger ones a {@link Quicklist} ("quicklist"). The
 * conversions follow Redis 7.2:
 * <ul>
 *   <li><b>growing</b> ({@link #prepareToGrow}, before elements are added): a listpack becomes a
 *       quicklist (itself as the first node) when its size plus the lengths of the elements to
 *       add, or its element count plus their number, would exceed list-max-listpack-size's node
 *       limit;</li>
 *   <li><b>shrinking</b> ({@link #shrunk}, after elements were removed): a quicklist of a single
 *       node becomes a listpack again once that node is within half the limit (half the bytes for
 *       a negative fill, half the elements for a positive one), so that a list hovering around the
 *       limit does not convert back and forth at every push and pop.</li>
 * </ul>
 * The thresholds are passed in by the caller (the engine does not see the server's
 * configuration). Operations return results and never write replies; elements are handed to an
 * {@link Listpack.EntryVisitor} without copying.
 */
public final class ListValue implements CompositeValue {
    /** Receives the entries of a walk (a listpack and an entry position in it); returns false to stop. */
    @FunctionalInterface
    public interface EntryConsumer {
        boolean accept(Listpack listpack, int position);
    }

    /** The listpack's bare array, or null for a quicklist. */
    private byte[] packed;
    private Quicklist quicklist;

    public ListValue() {
        packed = Listpack.emptyArray();
    }

    private ListValue(byte[] packed, Quicklist quicklist) {
        this.packed = packed;
        this.quicklist = quicklist;
    }

    /**
     * A view of the listpack, or null for a quicklist. A change through the view can move the
     * listpack to a larger array: every writer stores {@code listpack.array()} back into
     * {@link #packed}.
     */
    private Listpack packed() {
        return packed != null ? Listpack.over(packed) : null;
    }

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    @Override
    public String encoding() {
        return packed != null ? "listpack" : "quicklist";
    }

    public boolean isQuicklist() {
        return quicklist != null;
    }

    @Override
    public ListValue duplicate() {
        return packed != null ? new ListValue(packed().toByteArray(), null)
                : new ListValue(null, quicklist.duplicate());
    }

    @Override
    public long footprint() {
        return 16 + (packed != null ? packed().arrayFootprint() : quicklist.footprint());
    }

    @Override
    public boolean isEmpty() {
        return length() == 0;
    }

    public long length() {
        return packed != null ? packed().count() : quicklist.count;
    }

    /** Lists mix each element in order, integers as their decimal text. */
    @Override
    public void digest(ValueDigest digest, byte[] into) {
        if (isEmpty()) {
            return;
        }
        walk(0, false, (lp, p) -> {
            digest.mix(into, lp.get(p));
            return true;
        });
    }

    // ---- conversions ----

    /**
     * Before adding {@code elements} elements of {@code bytes} bytes in all: turns a listpack that
     * would grow past the node limit of {@code fill} into a quicklist (compressed with
     * {@code compressDepth}), as Redis 7.2's listTypeTryConversionAppend.
     */
    public void prepareToGrow(long bytes, long elements, int fill, int compressDepth) {
        Listpack listpack = packed();
        if (listpack == null) {
            return;
        }
        if (Quicklist.exceedsLimit(fill, listpack.bytes() + bytes, listpack.count() + elements)) {
            Quicklist q = new Quicklist(fill, compressDepth);
            if (listpack.count() > 0) {
                // The view becomes the first node's listpack.
                q.appendListpack(listpack);
            }
            quicklist = q;
            packed = null;
        }
    }

    /**
     * After removing elements: a quicklist of one node within half the node limit of
     * {@code fill} becomes a listpack again (Redis 7.2's shrinking conversion).
     */
    public void shrunk(int fill) {
        if (quicklist == null || quicklist.length != 1) {
            return;
        }
        long sizeLimit = Quicklist.sizeLimit(fill) / 2;
        long countLimit = Quicklist.countLimit(fill) / 2;
        if (quicklist.head.size > sizeLimit || quicklist.count > countLimit) {
            return;
        }
        Listpack listpack = quicklist.onlyListpack();
        listpack.trim();
        packed = listpack.array();
        quicklist = null;
    }

    // ---- ends ----

    /** Adds an element at the head or the tail (call {@link #prepareToGrow} first). */
    public void push(boolean head, byte[] s, int off, int len) {
        if (packed != null) {
            Listpack listpack = packed();
            if (head) {
                listpack.prepend(s, off, len);
            } else {
                listpack.append(s, off, len);
            }
            packed = listpack.array();
        } else if (head) {
            quicklist.pushHead(s, off, len);
        } else {
            quicklist.pushTail(s, off, len);
        }
    }

    public void push(boolean head, byte[] s) {
        push(head, s, 0, s.length);
    }

    /** Passes the head or tail element to {@code visitor} and removes it; false when empty. */
    public boolean pop(boolean head, Listpack.EntryVisitor visitor) {
        if (packed == null) {
            return quicklist.pop(head, visitor);
        }
        Listpack listpack = packed();
        int p = head ? listpack.first() : listpack.last();
        if (p == -1) {
            return false;
        }
        listpack.read(p, visitor);
        listpack.delete(p);
        listpack.trim();
        packed = listpack.array();
        return true;
    }

    // ---- indexes ----

    /** Element {@code index} (negative counts from the tail) to {@code visitor}; false when out of range. */
    public boolean get(long index, Listpack.EntryVisitor visitor) {
        long i = normalize(index);
        if (i < 0) {
            return false;
        }
        if (packed != null) {
            Listpack listpack = packed();
            listpack.read(listpack.seek(i), visitor);
            return true;
        }
        return quicklist.get(i, visitor);
    }

    /** Replaces element {@code index} (negative counts from the tail); false when out of range. */
    public boolean set(long index, byte[] s, int off, int len) {
        long i = normalize(index);
        if (i < 0) {
            return false;
        }
        if (packed != null) {
            Listpack listpack = packed();
            listpack.replace(listpack.seek(i), s, off, len);
            listpack.trim();
            packed = listpack.array();
            return true;
        }
        return quicklist.replace(i, s, off, len);
    }

    /** The 0-based index of {@code index}, or -1 when out of range. */
    private long normalize(long index) {
        long length = length();
        long i = index < 0 ? length + index : index;
        return i < 0 || i >= length ? -1 : i;
    }

    /**
     * Walks elements from index {@code start} (0-based, in range) towards the tail, or towards the
     * head when {@code reverse}, until the consumer returns false or the list ends. The consumer
     * gets a listpack and an entry position in it, to read or compare; it must not change the list.
     */
    public void walk(long start, boolean reverse, EntryConsumer consumer) {
        if (packed == null) {
            quicklist.walk(start, reverse, consumer);
            return;
        }
        Listpack listpack = packed();
        for (int p = listpack.seek(start); p != -1; p = reverse ? listpack.previous(p) : listpack.next(p)) {
            if (!consumer.accept(listpack, p)) {
                return;
            }
        }
    }

    /** Passes {@code n} elements from index {@code start} (0-based) to {@code visitor}, in order or reversed. */
    public void range(long start, long n, boolean reverse, Listpack.EntryVisitor visitor) {
        if (packed == null) {
            quicklist.range(start, n, reverse, visitor);
            return;
        }
        Listpack listpack = packed();
        int p = listpack.seek(start);
        for (long left = n; left > 0 && p != -1; left--) {
            listpack.read(p, visitor);
            p = reverse ? listpack.previous(p) : listpack.next(p);
        }
    }

    // ---- changes in the middle ----

    /**
     * Inserts {@code s} before or after the first element equal to {@code pivot} (from the head);
     * false when there is none. Call {@link #prepareToGrow} first.
     */
    public boolean insert(boolean after, byte[] pivot, int pivotOff, int pivotLen, byte[] s, int off, int len) {
        if (packed == null) {
            return quicklist.insert(after, pivot, pivotOff, pivotLen, s, off, len);
        }
        Listpack listpack = packed();
        for (int p = listpack.first(); p != -1; p = listpack.next(p)) {
            if (listpack.equalsAt(p, pivot, pivotOff, pivotLen)) {
                if (after) {
                    listpack.insertAfter(p, s, off, len);
                } else {
                    listpack.insertBefore(p, s, off, len);
                }
                packed = listpack.array();
                return true;
            }
        }
        return false;
    }

    /**
     * LREM: removes elements equal to {@code value}: the first {@code count} from the head when
     * count &gt; 0, the last -count from the tail when count &lt; 0, all when 0. Returns how many.
     */
    public long remove(long count, byte[] value, int off, int len) {
        boolean fromTail = count < 0;
        // -Long.MIN_VALUE overflows to itself, a limit never reached: everything matching goes,
        // as in Redis.
        long limit = fromTail ? -count : count;
        if (limit < 0) {
            limit = 0;
        }
        if (packed == null) {
            return quicklist.removeMatching(value, off, len, limit, fromTail);
        }
        Listpack listpack = packed();
        long removed = 0;
        int p = fromTail ? listpack.last() : listpack.first();
        while (p != -1 && (limit == 0 || removed < limit)) {
            if (listpack.equalsAt(p, value, off, len)) {
                int next = listpack.delete(p);
                removed++;
                p = fromTail ? (next == -1 ? listpack.last() : listpack.previous(next)) : next;
            } else {
                p = fromTail ? listpack.previous(p) : listpack.next(p);
            }
        }
        listpack.trim();
        packed = listpack.array();
        return removed;
    }

    /** Removes {@code n} elements from index {@code start} (0-based). */
    public void deleteRange(long start, long n) {
        if (n <= 0) {
            return;
        }
        if (packed == null) {
            quicklist.deleteRange(start, n);
            return;
        }
        Listpack listpack = packed();
        int p = listpack.seek(start);
        if (p != -1) {
            listpack.deleteRange(p, (int) Math.min(n, Integer.MAX_VALUE));
            listpack.trim();
            packed = listpack.array();
        }
    }

    // ---- introspection ----

    /** Quicklist nodes (1 for a listpack). */
    public int nodeCount() {
        return packed != null ? 1 : quicklist.length;
    }

    /** Quicklist nodes held compressed. */
    public int compressedNodeCount() {
        return packed != null ? 0 : quicklist.compressedNodes();
    }

    /** Element count of the largest node. */
    public int largestNodeCount() {
        return packed != null ? packed().count() : quicklist.largestNodeCount();
    }

    /** The size in bytes of each node's listpack, head to tail (one for a listpack). */
    public void forEachNodeSize(java.util.function.IntConsumer sizes) {
        if (packed != null) {
            sizes.accept(packed().bytes());
            return;
        }
        for (Quicklist.Node node = quicklist.head; node != null; node = node.next) {
            sizes.accept(node.size);
        }
    }

    /** The fill the quicklist was made with (0 for a listpack). */
    public int quicklistFill() {
        return quicklist != null ? quicklist.fill : 0;
    }

    /** The compress depth the quicklist was made with (0 for a listpack). */
    public int quicklistCompressDepth() {
        return quicklist != null ? quicklist.depth : 0;
    }

    /** Bytes of all listpacks, uncompressed. */
    public long uncompressedSize() {
        return packed != null ? packed().bytes() : quicklist.uncompressedSize();
    }

    /** The quicklist, or null while the list is a listpack (for tests). */
    Quicklist quicklist() {
        return quicklist;
    }

    /** Structure check for tests: null when sound ({@code deep} adds the costly checks). */
    public String checkInvariants(boolean deep) {
        if ((packed == null) == (quicklist == null)) {
            return "exactly one of listpack and quicklist must be set";
        }
        return quicklist != null ? quicklist.checkInvariants(deep) : null;
    }
}
