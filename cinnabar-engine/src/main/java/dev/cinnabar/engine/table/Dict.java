package dev.cinnabar.engine.table;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A hash table keyed by binary-safe byte strings, built the way Redis's dict is, because two of
 * Redis's guarantees depend on that structure.
 *
 * <h2>Incremental rehash</h2>
 * The table has power-of-two bucket arrays with chained entries. When it must grow or shrink, a
 * second array of the new size is allocated and entries move over a few buckets at a time: each
 * lookup, insertion and deletion moves one bucket ({@link #rehashStep}), and the server cron moves
 * more while the server is idle ({@link #rehashFor}). While both arrays exist, lookups search
 * both and insertions go to the new one. So a table of millions of keys never stops the server
 * to resize; the cost is spread over the operations that follow. Each entry caches its key's
 * hash, so moving it never rehashes the key.
 *
 * <h2>The SCAN cursor</h2>
 * {@link #scan} visits one bucket per call (both arrays' matching buckets while rehashing) and
 * returns the next cursor, incremented on its <em>reversed</em> bits. Because the bucket of a key
 * in an array of size 2^n is the low n bits of its hash, and because sizes change by powers of
 * two, counting in reversed bit order visits, after a resize, exactly the buckets that hold the
 * keys not yet visited before it: every key present for the whole scan is returned at least once,
 * whatever resizes happen between calls (some may be returned twice). This is Redis's dictScan
 * argument (dict.c), reproduced here.
 *
 * <p>Not thread-safe: owned by the thread that runs commands.
 */
public class Dict {
    static final int INITIAL_SIZE = 4;
    /** Below this fill percentage a table is worth shrinking (Redis's HASHTABLE_MIN_FILL). */
    static final int MIN_FILL_PERCENT = 10;

    /** One key and its value. Subclasses add fields (the keyspace adds the access time). */
    public static class Entry {
        final byte[] key;
        final int hash;
        Object value;
        Entry next;

        protected Entry(byte[] key, int hash, Object value) {
            this.key = key;
            this.hash = hash;
            this.value = value;
        }

        public final byte[] key() {
            return key;
        }

        public final Object value() {
            return value;
        }

        public final void setValue(Object value) {
            this.value = value;
        }

        public final int hash() {
            return hash;
        }
    }

    private Entry[] table0 = null;
    private Entry[] table1 = null;
    private long used0;
    private long used1;
    /** The next bucket of table0 to move to table1, or -1 when not rehashing. */
    private int rehashIndex = -1;
    /** While positive, operations do not move buckets (an iteration is in progress). */
    private int rehashPaused;

    /** Creates the entry object for a new key; subclasses return their own entry type. */
    protected Entry newEntry(byte[] key, int hash, Object value) {
        return new Entry(key, hash, value);
    }

    public final long size() {
        return used0 + used1;
    }

    public final boolean isEmpty() {
        return size() == 0;
    }

    public final boolean isRehashing() {
        return rehashIndex >= 0;
    }

    /** Number of buckets (of both arrays while rehashing), for statistics and tests. */
    public final long buckets() {
        return (table0 == null ? 0 : table0.length) + (table1 == null ? 0 : table1.length);
    }

    // ---- lookup ----

    public final Entry find(byte[] key) {
        return find(key, 0, key.length);
    }

    public final Entry find(byte[] buf, int off, int len) {
        if (size() == 0) {
            return null;
        }
        return find(buf, off, len, ByteHashing.hash(buf, off, len));
    }

    public final Entry find(byte[] buf, int off, int len, int hash) {
        if (size() == 0) {
            return null;
        }
        if (rehashIndex >= 0) {
            rehashStep();
        }
        Entry e = search(table0, buf, off, len, hash);
        if (e == null && table1 != null) {
            e = search(table1, buf, off, len, hash);
        }
        return e;
    }

    private static Entry search(Entry[] table, byte[] buf, int off, int len, int hash) {
        if (table == null) {
            return null;
        }
        for (Entry e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && e.key.length == len && Arrays.equals(e.key, 0, len, buf, off, off + len)) {
                return e;
            }
        }
        return null;
    }

    // ---- insertion ----

    /**
     * Adds a key that is known to be absent (the caller looked it up) and returns its entry.
     * The key array is kept, not copied.
     */
    public final Entry addAbsent(byte[] key, Object value) {
        return addAbsent(key, ByteHashing.hash(key), value);
    }

    public final Entry addAbsent(byte[] key, int hash, Object value) {
        if (rehashIndex >= 0) {
            rehashStep();
        }
        expandIfNeeded();
        Entry e = newEntry(key, hash, value);
        if (table1 != null) {
            int index = hash & (table1.length - 1);
            e.next = table1[index];
            table1[index] = e;
            used1++;
        } else {
            int index = hash & (table0.length - 1);
            e.next = table0[index];
            table0[index] = e;
            used0++;
        }
        return e;
    }

    /** Sets a key's value, adding the key when absent; returns the entry. */
    public final Entry put(byte[] key, Object value) {
        int hash = ByteHashing.hash(key);
        Entry e = find(key, 0, key.length, hash);
        if (e != null) {
            e.value = value;
            return e;
        }
        return addAbsent(key, hash, value);
    }

    // ---- deletion ----

    /** Removes a key; returns its entry, or null when it was absent. */
    public final Entry remove(byte[] key) {
        return remove(key, 0, key.length);
    }

    public final Entry remove(byte[] buf, int off, int len) {
        if (size() == 0) {
            return null;
        }
        int hash = ByteHashing.hash(buf, off, len);
        if (rehashIndex >= 0) {
            rehashStep();
        }
        Entry e = unlink(table0, buf, off, len, hash);
        if (e != null) {
            used0--;
            return e;
        }
        if (table1 != null) {
            e = unlink(table1, buf, off, len, hash);
            if (e != null) {
                used1--;
            }
        }
        return e;
    }

    private static Entry unlink(Entry[] table, byte[] buf, int off, int len, int hash) {
        if (table == null) {
            return null;
        }
        int index = hash & (table.length - 1);
        Entry previous = null;
        for (Entry e = table[index]; e != null; previous = e, e = e.next) {
            if (e.hash == hash && e.key.length == len && Arrays.equals(e.key, 0, len, buf, off, off + len)) {
                if (previous == null) {
                    table[index] = e.next;
                } else {
                    previous.next = e.next;
                }
                e.next = null;
                return e;
            }
        }
        return null;
    }

    /** Removes every entry and frees the bucket arrays. */
    public final void clear() {
        table0 = null;
        table1 = null;
        used0 = 0;
        used1 = 0;
        rehashIndex = -1;
    }

    // ---- resizing ----

    private void expandIfNeeded() {
        if (rehashIndex >= 0) {
            return;
        }
        if (table0 == null) {
            table0 = new Entry[INITIAL_SIZE];
            return;
        }
        if (used0 >= table0.length) {
            startRehash(nextPowerOfTwo(used0 + 1));
        }
    }

    /** Starts shrinking when the table is mostly empty (called by the owner, as Redis's cron does). */
    public final boolean shrinkIfNeeded() {
        if (rehashIndex >= 0 || table0 == null) {
            return false;
        }
        long size = table0.length;
        if (size > INITIAL_SIZE && used0 * 100 / size < MIN_FILL_PERCENT) {
            int target = nextPowerOfTwo(Math.max(used0, INITIAL_SIZE));
            if (target < size) {
                startRehash(target);
                return true;
            }
        }
        return false;
    }

    private void startRehash(int newSize) {
        table1 = new Entry[newSize];
        used1 = 0;
        rehashIndex = 0;
    }

    static int nextPowerOfTwo(long n) {
        if (n >= (1 << 30)) {
            return 1 << 30;
        }
        int size = INITIAL_SIZE;
        while (size < n) {
            size <<= 1;
        }
        return size;
    }

    /** Moves one bucket to the new array, unless paused. */
    public final void rehashStep() {
        if (rehashPaused == 0) {
            rehash(1);
        }
    }

    /**
     * Moves up to {@code buckets} non-empty buckets (looking at no more than ten times as many
     * empty ones); returns true while rehashing is not finished.
     */
    public final boolean rehash(int buckets) {
        if (rehashIndex < 0) {
            return false;
        }
        int emptyVisits = buckets * 10;
        while (buckets-- > 0 && used0 != 0) {
            while (table0[rehashIndex] == null) {
                rehashIndex++;
                if (--emptyVisits == 0) {
                    return true;
                }
            }
            Entry e = table0[rehashIndex];
            int mask = table1.length - 1;
            while (e != null) {
                Entry next = e.next;
                int index = e.hash & mask;
                e.next = table1[index];
                table1[index] = e;
                used0--;
                used1++;
                e = next;
            }
            table0[rehashIndex] = null;
            rehashIndex++;
        }
        if (used0 == 0) {
            table0 = table1;
            used0 = used1;
            table1 = null;
            used1 = 0;
            rehashIndex = -1;
            return false;
        }
        return true;
    }

    /** Rehashes in batches of 100 buckets for about {@code millis} milliseconds (the cron's active rehashing). */
    public final void rehashFor(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (rehash(100)) {
            if (System.nanoTime() > deadline) {
                break;
            }
        }
    }

    // ---- iteration ----

    /**
     * Visits the entries of the bucket(s) at {@code cursor} and returns the next cursor (0 when
     * the scan is complete). See the class comment for the guarantee.
     */
    public final long scan(long cursor, Consumer<Entry> visitor) {
        if (size() == 0) {
            return 0;
        }
        rehashPaused++;
        try {
            long v = cursor;
            if (table1 == null) {
                long mask = table0.length - 1;
                emit(table0, (int) (v & mask), visitor);
                v |= ~mask;
                v = Long.reverse(Long.reverse(v) + 1);
            } else {
                Entry[] small = table0;
                Entry[] large = table1;
                if (small.length > large.length) {
                    small = table1;
                    large = table0;
                }
                long smallMask = small.length - 1;
                long largeMask = large.length - 1;
                emit(small, (int) (v & smallMask), visitor);
                do {
                    emit(large, (int) (v & largeMask), visitor);
                    v |= ~largeMask;
                    v = Long.reverse(Long.reverse(v) + 1);
                } while ((v & (smallMask ^ largeMask)) != 0);
            }
            return v;
        } finally {
            rehashPaused--;
        }
    }

    private static void emit(Entry[] table, int index, Consumer<Entry> visitor) {
        for (Entry e = table[index]; e != null; ) {
            Entry next = e.next;
            visitor.accept(e);
            e = next;
        }
    }

    /** Visits every entry; the visitor must not modify the table. */
    public final void forEach(Consumer<Entry> visitor) {
        rehashPaused++;
        try {
            for (Entry[] table : new Entry[][] {table0, table1}) {
                if (table == null) {
                    continue;
                }
                for (Entry head : table) {
                    for (Entry e = head; e != null; e = e.next) {
                        visitor.accept(e);
                    }
                }
            }
        } finally {
            rehashPaused--;
        }
    }

    /**
     * A random entry, or null when empty: a random non-empty bucket, then a random entry of its
     * chain (Redis's dictGetRandomKey; entries in long chains are slightly less likely).
     */
    public final Entry randomEntry(RandomGenerator random) {
        if (size() == 0) {
            return null;
        }
        if (rehashIndex >= 0) {
            rehashStep();
        }
        Entry head;
        if (table1 != null) {
            // Buckets of table0 below rehashIndex are empty: pick among the rest of both arrays.
            do {
                long span = table0.length + (long) table1.length - rehashIndex;
                long pick = rehashIndex + (long) (random.nextDouble() * span);
                head = pick >= table0.length ? table1[(int) (pick - table0.length)] : table0[(int) pick];
            } while (head == null);
        } else {
            do {
                head = table0[random.nextInt(table0.length)];
            } while (head == null);
        }
        int length = 0;
        for (Entry e = head; e != null; e = e.next) {
            length++;
        }
        int target = random.nextInt(length);
        Entry e = head;
        while (target-- > 0) {
            e = e.next;
        }
        return e;
    }

    /**
     * Collects up to {@code count} entries from consecutive buckets starting at a random bucket
     * (Redis's dictGetSomeKeys), for sampling; may return fewer, never more than the table holds,
     * and never the same entry twice.
     */
    public final int sample(Entry[] out, int count, RandomGenerator random) {
        // As Redis does: never ask for more than there is (else the walk wraps around the table and
        // collects the same entries again).
        count = (int) Math.min(count, size());
        if (count == 0) {
            return 0;
        }
        if (rehashIndex >= 0) {
            rehash(count);
        }
        int found = 0;
        Entry[][] tables = table1 == null ? new Entry[][] {table0} : new Entry[][] {table0, table1};
        long maxSize = 0;
        for (Entry[] t : tables) {
            maxSize = Math.max(maxSize, t.length);
        }
        long maxSteps = (long) count * 10;
        long i = random.nextLong() & (maxSize - 1);
        long visited = 0;
        int emptyInARow = 0;
        // After a jump or a wrap-around the walk may come back to buckets it has collected from.
        boolean mayRevisit = false;
        while (found < count && maxSteps-- > 0) {
            for (Entry[] t : tables) {
                if (t == table0 && table1 != null && i < rehashIndex) {
                    continue;
                }
                if (i >= t.length) {
                    continue;
                }
                Entry e = t[(int) i];
                if (e == null) {
                    emptyInARow++;
                    if (emptyInARow >= 5 && emptyInARow > count) {
                        i = random.nextLong() & (maxSize - 1);
                        emptyInARow = 0;
                        mayRevisit = true;
                    }
                } else {
                    emptyInARow = 0;
                    while (e != null && found < count) {
                        if (!mayRevisit || !contains(out, found, e)) {
                            out[found++] = e;
                        }
                        e = e.next;
                    }
                }
            }
            i = (i + 1) & (maxSize - 1);
            if (++visited >= maxSize) {
                mayRevisit = true;
            }
        }
        return found;
    }

    private static boolean contains(Entry[] entries, int length, Entry e) {
        for (int j = 0; j < length; j++) {
            if (entries[j] == e) {
                return true;
            }
        }
        return false;
    }
}
