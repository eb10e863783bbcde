package dev.cinnabar.engine.value;

import dev.cinnabar.engine.table.ByteHashing;
import dev.cinnabar.engine.table.Dict;
import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The "hashtable" encoding of a hash: a {@link Dict} from field to value, plus, once a field has
 * an expire time, an index of the fields with one, ordered by time.
 *
 * <p>A field without expire time costs only its Dict entry: the entry's value is the value array
 * itself. A field with one holds a {@link Volatile} instead (field, value and time), which is also
 * the element of the {@link #ttls} index, so that the earliest field to expire is found in
 * O(log n) and expired fields are removed earliest first without visiting the others.
 */
final class FieldTable {
    /** A field with an expire time: what its Dict entry holds instead of the bare value. */
    static final class Volatile {
        final byte[] field;
        byte[] value;
        long expireAt;

        Volatile(byte[] field, byte[] value, long expireAt) {
            this.field = field;
            this.value = value;
            this.expireAt = expireAt;
        }
    }

    /** Earliest first; fields are unique within a hash, so the order is total. */
    private static final Comparator<Volatile> BY_TIME = (a, b) -> {
        int c = Long.compare(a.expireAt, b.expireAt);
        return c != 0 ? c : Arrays.compareUnsigned(a.field, b.field);
    };

    final Dict dict = new Dict();
    /** Fields with an expire time, earliest first; null while there is none. */
    private TreeSet<Volatile> ttls;

    int size() {
        return (int) dict.size();
    }

    /** The value an entry holds (its Dict value is the array or a {@link Volatile}). */
    static byte[] valueOf(Dict.Entry e) {
        Object v = e.value();
        return v instanceof Volatile t ? t.value : (byte[]) v;
    }

    /** The expire time an entry holds, or -1. */
    static long expireOf(Dict.Entry e) {
        return e.value() instanceof Volatile t ? t.expireAt : -1;
    }

    Dict.Entry find(byte[] f, int off, int len) {
        return dict.find(f, off, len);
    }

    /**
     * Sets a field (given as a range of {@code fb}) to {@code value}, which is kept; returns
     * true when the field is new. An existing field loses its
     * expire time unless {@code keepTtl} (HINCRBY and friends alter a value without replacing the
     * field).
     */
    boolean put(byte[] fb, int fo, int fl, byte[] value, boolean keepTtl) {
        // One hash for the lookup and the insertion, and the field copied only when it is new.
        int hash = ByteHashing.hash(fb, fo, fl);
        Dict.Entry e = dict.find(fb, fo, fl, hash);
        if (e == null) {
            dict.addAbsent(Arrays.copyOfRange(fb, fo, fo + fl), hash, value);
            return true;
        }
        if (e.value() instanceof Volatile t) {
            if (keepTtl) {
                t.value = value;
                return false;
            }
            ttls.remove(t);
        }
        e.setValue(value);
        return false;
    }

    /** Adds a field known to be absent, with an expire time or -1 (conversion from a listpack). */
    void addAbsent(byte[] field, byte[] value, long expireAt) {
        if (expireAt < 0) {
            dict.addAbsent(field, value);
        } else {
            Volatile t = new Volatile(field, value, expireAt);
            dict.addAbsent(field, t);
            ttls().add(t);
        }
    }

    boolean remove(byte[] f, int off, int len) {
        Dict.Entry e = dict.remove(f, off, len);
        if (e == null) {
            return false;
        }
        if (e.value() instanceof Volatile t) {
            ttls.remove(t);
        }
        dict.shrinkIfNeeded();
        return true;
    }

    private TreeSet<Volatile> ttls() {
        if (ttls == null) {
            ttls = new TreeSet<>(BY_TIME);
        }
        return ttls;
    }

    /** Gives the entry's field an expire time. */
    void setExpire(Dict.Entry e, long when) {
        if (e.value() instanceof Volatile t) {
            ttls.remove(t);
            t.expireAt = when;
            ttls.add(t);
        } else {
            Volatile t = new Volatile(e.key(), (byte[]) e.value(), when);
            e.setValue(t);
            ttls().add(t);
        }
    }

    /** Removes the expire time of the entry's field (it must have one). */
    void persist(Dict.Entry e) {
        Volatile t = (Volatile) e.value();
        ttls.remove(t);
        e.setValue(t.value);
    }

    long nextExpiry() {
        return ttls == null || ttls.isEmpty() ? -1 : ttls.first().expireAt;
    }

    int removeExpired(long now, int max) {
        int removed = 0;
        while (removed < max && ttls != null && !ttls.isEmpty() && ttls.first().expireAt < now) {
            Volatile t = ttls.pollFirst();
            dict.remove(t.field);
            removed++;
        }
        if (removed > 0) {
            dict.shrinkIfNeeded();
        }
        return removed;
    }

    int volatileCount() {
        return ttls == null ? 0 : ttls.size();
    }
}
