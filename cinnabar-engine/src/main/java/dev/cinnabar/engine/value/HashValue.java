package dev.cinnabar.engine.value;

import dev.cinnabar.engine.table.Dict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The hash type: fields mapped to values, with Redis's three encodings.
 *
 * <ul>
 *   <li><b>listpack</b>: one {@link Listpack} of field, value, field, value... in insertion order,
 *       while the hash is small: at most {@code hash-max-listpack-entries} fields, none of whose
 *       field or value is longer than {@code hash-max-listpack-value} bytes.</li>
 *   <li><b>listpackex</b> (Redis 7.4): the same listpack once a field-expiry command has touched
 *       the hash, with a third entry per field, its expire time in Unix milliseconds (0 for none).
 *       As in Redis, the triplets are kept sorted by expire time, fields without one last (in
 *       insertion order), so the fields to expire next are always at the front and HGETALL lists
 *       fields in the same order Redis does.</li>
 *   <li><b>hashtable</b>: a {@link FieldTable} (a {@link Dict} plus an index of expire times) once
 *       either limit is passed. Like Redis, a hash never goes back to a listpack.</li>
 * </ul>
 *
 * <p>Expire times are stored, never interpreted here except where an operation is given the
 * command time: expired fields are removed by {@link #removeExpiredFields} (called by the
 * commands before they look at a hash, and by the active expire cycle), so every other operation
 * sees only live fields. Thresholds are passed in by the caller, which owns the configuration.
 */
public final class HashValue implements VolatileFields {
    /** {@link #expireTime} of a field that does not exist. */
    public static final long NO_FIELD = -2;
    /** {@link #expireTime} of a field without expire time. */
    public static final long NO_EXPIRE = -1;

    /** HEXPIRE's per-field outcomes, as Redis replies them. */
    public static final int EXPIRE_NO_FIELD = -2;
    public static final int EXPIRE_NOT_MET = 0;
    public static final int EXPIRE_SET = 1;
    public static final int EXPIRE_DELETED = 2;

    /** HEXPIRE's NX / XX / GT / LT options. */
    public enum Condition { ALWAYS, NX, XX, GT, LT }

    /** Receives fields and values; returns false to stop the walk. */
    @FunctionalInterface
    public interface PairVisitor {
        boolean visit(byte[] field, byte[] value);
    }

    /** Redis's "no expire time" marker in a listpackex triplet. */
    private static final long LP_NO_TTL = 0;
    private static final byte[] LP_NO_TTL_BYTES = {'0'};

    /**
     * A listpack's bare array (listpack, listpackex: see {@link Listpack#over}, which saves the
     * 24-byte Listpack object per small hash) or a {@link FieldTable} (hashtable).
     */
    private Object rep;
    /** Whether the listpack holds triplets (listpackex). */
    private boolean triplets;

    public HashValue() {
        rep = Listpack.emptyArray();
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    public String encoding() {
        if (rep instanceof FieldTable) {
            return "hashtable";
        }
        return triplets ? "listpackex" : "listpack";
    }

    /** Number of fields (expired fields not yet removed included). */
    public int size() {
        return packed() instanceof Listpack lp ? lp.count() / step() : ((FieldTable) rep).size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    private int step() {
        return triplets ? 3 : 2;
    }

    // ---- listpack helpers ----

    /**
     * A view of the listpack, or null for a hashtable. A change through the view can move the
     * listpack to a larger array: every writer stores {@code lp.array()} back into {@link #rep}.
     */
    private Listpack packed() {
        return rep instanceof byte[] encoded ? Listpack.over(encoded) : null;
    }

    /** Position of the field entry, or -1. */
    private int findPacked(Listpack lp, byte[] f, int off, int len) {
        return lp.find(f, off, len, step() - 1);
    }

    private static int skip(Listpack lp, int p, int n) {
        for (int i = 0; i < n && p >= 0; i++) {
            p = lp.next(p);
        }
        return p;
    }

    /** The expire time of the triplet whose field is at {@code p} (0 for none). */
    private static long packedTtl(Listpack lp, int p) {
        return lp.integer(lp.next(lp.next(p)));
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Inserts a triplet where Redis puts it: before the first triplet without expire time or with
     * an expire time not earlier than {@code ttl} (so among equal times the newest comes first);
     * at the end when it has none.
     */
    private static void insertTriplet(Listpack lp, byte[] f, byte[] v, long ttl) {
        insertTriplet(lp, f, 0, f.length, v, 0, v.length, ttl);
    }

    private static void insertTriplet(Listpack lp, byte[] fb, int fo, int fl, byte[] vb, int vo, int vl, long ttl) {
        int at = -1;
        if (ttl != LP_NO_TTL) {
            for (int p = lp.first(); p >= 0; p = skip(lp, p, 3)) {
                long t = packedTtl(lp, p);
                if (t == LP_NO_TTL || t >= ttl) {
                    at = p;
                    break;
                }
            }
        }
        byte[] ttlBytes = ttl == LP_NO_TTL ? LP_NO_TTL_BYTES : decimal(ttl);
        if (at < 0) {
            lp.append(fb, fo, fl);
            lp.append(vb, vo, vl);
            lp.append(ttlBytes);
        } else {
            // Each insertion lands at the same position, in front of the previous one.
            lp.insertBefore(at, ttlBytes, 0, ttlBytes.length);
            lp.insertBefore(at, vb, vo, vl);
            lp.insertBefore(at, fb, fo, fl);
        }
    }

    // ---- conversions ----

    private void toHashtable() {
        Listpack lp = packed();
        FieldTable table = new FieldTable();
        int step = step();
        for (int p = lp.first(); p >= 0; p = skip(lp, p, step)) {
            byte[] f = lp.get(p);
            int vp = lp.next(p);
            long ttl = triplets ? lp.integer(lp.next(vp)) : LP_NO_TTL;
            table.addAbsent(f, lp.get(vp), ttl == LP_NO_TTL ? -1 : ttl);
        }
        rep = table;
        triplets = false;
    }

    /**
     * Prepares the hash for field expire times: a listpack becomes a listpackex (Redis converts on
     * the first field-expiry command, whatever its outcome); other encodings are unchanged.
     */
    public void enableFieldTtls() {
        if (packed() instanceof Listpack lp && !triplets) {
            Listpack out = new Listpack();
            for (int p = lp.first(); p >= 0; p = skip(lp, p, 2)) {
                int vp = lp.next(p);
                out.append(lp.get(p));
                out.append(lp.get(vp));
                out.append(LP_NO_TTL_BYTES);
            }
            out.trim();
            rep = out.array();
            triplets = true;
        }
    }

    /** Drops the spare capacity of a listpack (after a command's changes). */
    public void trim() {
        if (packed() instanceof Listpack lp) {
            lp.trim();
            rep = lp.array();
        }
    }

    // ---- reads ----

    public byte[] get(byte[] f) {
        return get(f, 0, f.length);
    }

    /** The value of a field, or null. */
    public byte[] get(byte[] f, int off, int len) {
        if (packed() instanceof Listpack lp) {
            int p = findPacked(lp, f, off, len);
            return p < 0 ? null : lp.get(lp.next(p));
        }
        Dict.Entry e = ((FieldTable) rep).find(f, off, len);
        return e == null ? null : FieldTable.valueOf(e);
    }

    public boolean contains(byte[] f, int off, int len) {
        if (packed() instanceof Listpack lp) {
            return findPacked(lp, f, off, len) >= 0;
        }
        return ((FieldTable) rep).find(f, off, len) != null;
    }

    /** Length of a field's value (its decimal text when stored as an integer), or -1. */
    public int valueLength(byte[] f, int off, int len) {
        if (packed() instanceof Listpack lp) {
            int p = findPacked(lp, f, off, len);
            if (p < 0) {
                return -1;
            }
            int vp = lp.next(p);
            return lp.isInteger(vp) ? Long.toString(lp.integer(vp)).length() : lp.stringLength(vp);
        }
        Dict.Entry e = ((FieldTable) rep).find(f, off, len);
        return e == null ? -1 : FieldTable.valueOf(e).length;
    }

    /** Bytes of the listpack (listpack, listpackex), or -1 for a hashtable. */
    public long encodedBytes() {
        return packed() instanceof Listpack lp ? lp.bytes() : -1;
    }

    /** Whether the listpack holds field, value, expire-time triplets (7.4's listpackex). */
    public boolean isListpackEx() {
        return triplets && rep instanceof byte[];
    }

    /** Visits every field and value, in storage order (insertion order for listpacks). */
    public void forEach(PairVisitor visitor) {
        if (packed() instanceof Listpack lp) {
            int step = step();
            for (int p = lp.first(); p >= 0; p = skip(lp, p, step)) {
                if (!visitor.visit(lp.get(p), lp.get(lp.next(p)))) {
                    return;
                }
            }
        } else {
            boolean[] stopped = {false};
            ((FieldTable) rep).dict.forEach(e -> {
                if (!stopped[0] && !visitor.visit(e.key(), FieldTable.valueOf(e))) {
                    stopped[0] = true;
                }
            });
        }
    }

    /**
     * One HSCAN step: a listpack is visited whole (the next cursor is 0, as in Redis); a hashtable
     * visits one bucket of the reverse-binary cursor (see {@link Dict#scan}).
     */
    public long scan(long cursor, PairVisitor visitor) {
        if (rep instanceof byte[]) {
            forEach(visitor);
            return 0;
        }
        return ((FieldTable) rep).dict.scan(cursor, e -> visitor.visit(e.key(), FieldTable.valueOf(e)));
    }

    // ---- writes ----

    /**
     * Sets a field (HSET, HSETNX, HINCRBY...): returns true when the field is new. The hash
     * becomes a hashtable when the field or value is longer than {@code maxValue}, or when it
     * then has more than {@code maxEntries} fields (also after an update). An existing field keeps
     * its expire time only with {@code keepTtl}. The arrays are kept by a hashtable, copied into a
     * listpack.
     */
    public boolean set(byte[] field, byte[] value, long maxEntries, long maxValue, boolean keepTtl) {
        return set(field, 0, field.length, value, 0, value.length, maxEntries, maxValue, keepTtl, false);
    }

    /**
     * {@link #set(byte[], byte[], long, long, boolean)} from slices of larger arrays (a command's
     * arguments), which are copied only when a hashtable has to keep them.
     */
    public boolean set(byte[] fb, int fo, int fl, byte[] vb, int vo, int vl, long maxEntries, long maxValue,
                       boolean keepTtl) {
        return set(fb, fo, fl, vb, vo, vl, maxEntries, maxValue, keepTtl, true);
    }

    private boolean set(byte[] fb, int fo, int fl, byte[] vb, int vo, int vl, long maxEntries, long maxValue,
                        boolean keepTtl, boolean copy) {
        if (rep instanceof byte[] && (fl > maxValue || vl > maxValue)) {
            toHashtable();
        }
        if (rep instanceof FieldTable table) {
            return table.put(fb, fo, fl, slice(vb, vo, vl, copy), keepTtl);
        }
        Listpack lp = packed();
        int p = findPacked(lp, fb, fo, fl);
        boolean added = p < 0;
        if (added) {
            if (triplets) {
                insertTriplet(lp, fb, fo, fl, vb, vo, vl, LP_NO_TTL);
            } else {
                lp.append(fb, fo, fl);
                lp.append(vb, vo, vl);
            }
        } else if (triplets && !keepTtl && packedTtl(lp, p) != LP_NO_TTL) {
            // A new value replaces the field: it loses its expire time and moves to the end.
            lp.deleteRange(p, 3);
            insertTriplet(lp, fb, fo, fl, vb, vo, vl, LP_NO_TTL);
        } else {
            lp.replace(lp.next(p), vb, vo, vl);
        }
        rep = lp.array();
        // Checked after every set, updates included (a lowered limit applies at the next write).
        if (lp.count() / step() > maxEntries) {
            toHashtable();
        }
        return added;
    }

    private static byte[] slice(byte[] b, int off, int len, boolean copy) {
        return !copy && off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len);
    }

    /** Removes a field; true when it existed. */
    public boolean delete(byte[] f, int off, int len) {
        if (packed() instanceof Listpack lp) {
            int p = findPacked(lp, f, off, len);
            if (p < 0) {
                return false;
            }
            lp.deleteRange(p, step());
            return true;
        }
        return ((FieldTable) rep).remove(f, off, len);
    }

    // ---- field expire times ----

    /** A field's stored expire time (Unix ms), {@link #NO_EXPIRE} or {@link #NO_FIELD}. */
    public long expireTime(byte[] f, int off, int len) {
        if (packed() instanceof Listpack lp) {
            int p = findPacked(lp, f, off, len);
            if (p < 0) {
                return NO_FIELD;
            }
            long ttl = triplets ? packedTtl(lp, p) : LP_NO_TTL;
            return ttl == LP_NO_TTL ? NO_EXPIRE : ttl;
        }
        Dict.Entry e = ((FieldTable) rep).find(f, off, len);
        return e == null ? NO_FIELD : FieldTable.expireOf(e);
    }

    /**
     * A field's expire time as HTTL and friends see it at {@code now}: like {@link #expireTime},
     * except that an expired field does not exist. Redis draws that line one millisecond apart in
     * its two encodings (a listpackex field is gone at its expire time, a hashtable field just
     * after it), and so does this.
     */
    public long visibleExpireTime(byte[] f, int off, int len, long now) {
        long t = expireTime(f, off, len);
        if (t >= 0 && (rep instanceof byte[] ? t <= now : t < now)) {
            return NO_FIELD;
        }
        return t;
    }

    /**
     * HEXPIRE for one field: gives it the expire time {@code when} if the condition holds (a field
     * without one counts as never expiring for GT and LT), or deletes it when {@code when} is not
     * in the future. Returns one of the EXPIRE_* codes. The hash must have been prepared with
     * {@link #enableFieldTtls}.
     */
    public int setExpire(byte[] f, int off, int len, long when, Condition condition, long now) {
        long current = expireTime(f, off, len);
        if (current == NO_FIELD) {
            return EXPIRE_NO_FIELD;
        }
        if (current == NO_EXPIRE) {
            if (condition == Condition.XX || condition == Condition.GT) {
                return EXPIRE_NOT_MET;
            }
        } else if (condition == Condition.NX || (condition == Condition.GT && current >= when)
                || (condition == Condition.LT && current <= when)) {
            return EXPIRE_NOT_MET;
        }
        if (when <= now) {
            delete(f, off, len);
            return EXPIRE_DELETED;
        }
        if (packed() instanceof Listpack lp) {
            int p = findPacked(lp, f, off, len);
            byte[] field = lp.get(p);
            byte[] value = lp.get(lp.next(p));
            lp.deleteRange(p, 3);
            insertTriplet(lp, field, value, when);
            rep = lp.array();
        } else {
            FieldTable table = (FieldTable) rep;
            table.setExpire(table.find(f, off, len), when);
        }
        return EXPIRE_SET;
    }

    /**
     * HPERSIST for one field: removes its expire time. Returns 1, -1 (no expire time) or -2 (no
     * such field, or expired before {@code now}).
     */
    public int persist(byte[] f, int off, int len, long now) {
        long current = expireTime(f, off, len);
        if (current == NO_FIELD) {
            return -2;
        }
        if (current == NO_EXPIRE) {
            return -1;
        }
        if (current < now) {
            return -2;
        }
        if (packed() instanceof Listpack lp) {
            int p = findPacked(lp, f, off, len);
            byte[] field = lp.get(p);
            byte[] value = lp.get(lp.next(p));
            lp.deleteRange(p, 3);
            insertTriplet(lp, field, value, LP_NO_TTL);
            rep = lp.array();
        } else {
            FieldTable table = (FieldTable) rep;
            table.persist(table.find(f, off, len));
        }
        return 1;
    }

    @Override
    public long nextFieldExpiry() {
        if (rep instanceof byte[] && !triplets) {
            // Every write asks this first; a plain listpack answers without being read.
            return NONE;
        }
        if (packed() instanceof Listpack lp) {
            if (lp.count() == 0) {
                return NONE;
            }
            long ttl = packedTtl(lp, lp.first());
            return ttl == LP_NO_TTL ? NONE : ttl;
        }
        return ((FieldTable) rep).nextExpiry();
    }

    @Override
    public int removeExpiredFields(long now, int max) {
        if (packed() instanceof Listpack lp) {
            if (!triplets) {
                return 0;
            }
            int n = 0;
            for (int p = lp.first(); p >= 0 && n < max; p = skip(lp, p, 3)) {
                long ttl = packedTtl(lp, p);
                if (ttl == LP_NO_TTL || ttl >= now) {
                    break;
                }
                n++;
            }
            if (n > 0) {
                lp.deleteRange(lp.first(), 3 * n);
            }
            return n;
        }
        return ((FieldTable) rep).removeExpired(now, max);
    }

    // ---- random fields ----

    /**
     * HRANDFIELD's selections: {@code count} fields drawn independently (repeats allowed) when
     * {@code distinct} is false, else {@code min(count, size)} different fields. The walk stops
     * when the visitor returns false. The hash must not be empty.
     */
    public void randomFields(long count, boolean distinct, RandomGenerator random, PairVisitor visitor) {
        int size = size();
        if (distinct && count >= size) {
            forEach(visitor);
            return;
        }
        if (packed() instanceof Listpack lp) {
            int step = step();
            int[] positions = new int[size];
            int i = 0;
            for (int p = lp.first(); p >= 0; p = skip(lp, p, step)) {
                positions[i++] = p;
            }
            if (!distinct) {
                for (long n = 0; n < count; n++) {
                    int p = positions[random.nextInt(size)];
                    if (!visitor.visit(lp.get(p), lp.get(lp.next(p)))) {
                        return;
                    }
                }
                return;
            }
            // Selection sampling: each field is taken with probability needed / remaining, which
            // gives a uniform choice of exactly count fields, reported in listpack order.
            long needed = count;
            for (int k = 0; k < size && needed > 0; k++) {
                if (random.nextLong(size - k) < needed) {
                    needed--;
                    int p = positions[k];
                    if (!visitor.visit(lp.get(p), lp.get(lp.next(p)))) {
                        return;
                    }
                }
            }
            return;
        }
        Dict dict = ((FieldTable) rep).dict;
        if (!distinct) {
            for (long n = 0; n < count; n++) {
                Dict.Entry e = dict.randomEntry(random);
                if (!visitor.visit(e.key(), FieldTable.valueOf(e))) {
                    return;
                }
            }
            return;
        }
        if (count * 3 > size) {
            // Most of the hash is wanted: take everything and drop random entries until count remain.
            List<Dict.Entry> all = new ArrayList<>(size);
            dict.forEach(all::add);
            int remaining = size;
            while (remaining > count) {
                int drop = random.nextInt(remaining);
                all.set(drop, all.get(--remaining));
            }
            for (int k = 0; k < remaining; k++) {
                Dict.Entry e = all.get(k);
                if (!visitor.visit(e.key(), FieldTable.valueOf(e))) {
                    return;
                }
            }
            return;
        }
        // A few of many: draw until enough different ones came up.
        IdentityHashMap<Dict.Entry, Boolean> seen = new IdentityHashMap<>();
        while (seen.size() < count) {
            Dict.Entry e = dict.randomEntry(random);
            if (seen.put(e, Boolean.TRUE) == null && !visitor.visit(e.key(), FieldTable.valueOf(e))) {
                return;
            }
        }
    }

    // ---- CompositeValue ----

    @Override
    public HashValue duplicate() {
        HashValue copy = new HashValue();
        copy.triplets = triplets;
        if (packed() instanceof Listpack lp) {
            Listpack out = new Listpack();
            for (int p = lp.first(); p >= 0; p = lp.next(p)) {
                out.append(lp.get(p));
            }
            out.trim();
            copy.rep = out.array();
        } else {
            FieldTable table = new FieldTable();
            // Field and value arrays are never changed in place: the copy may share them.
            ((FieldTable) rep).dict.forEach(e -> {
                long t = FieldTable.expireOf(e);
                table.addAbsent(e.key(), FieldTable.valueOf(e), t);
            });
            copy.rep = table;
        }
        return copy;
    }

    /** Redis's hash digest: for each pair, mix field then value into a fresh digest, xor it in. */
    @Override
    public void digest(ValueDigest digest, byte[] into) {
        byte[] pair = new byte[20];
        forEach((f, v) -> {
            Arrays.fill(pair, (byte) 0);
            digest.mix(pair, f);
            digest.mix(pair, v);
            digest.xor(into, pair);
            return true;
        });
    }

    /**
     * Approximate heap bytes: the listpack array, or per field an entry, its two arrays and, with
     * an expire time, the holder and its index node (walks a hashtable).
     */
    @Override
    public long footprint() {
        if (packed() instanceof Listpack lp) {
            return 16 + lp.arrayFootprint();
        }
        FieldTable table = (FieldTable) rep;
        long[] bytes = {16 + 48 + table.dict.buckets() * 4};
        table.dict.forEach(e -> bytes[0] += 24 + 16 + e.key().length + 16 + FieldTable.valueOf(e).length);
        return bytes[0] + table.volatileCount() * 72L;
    }

    /**
     * Checks the structure (for tests): counts, no duplicate field, listpackex order and
     * encoding limits where they apply. Throws IllegalStateException on a broken invariant.
     */
    public void validate() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (packed() instanceof Listpack lp) {
            if (lp.count() % step() != 0) {
                throw new IllegalStateException("listpack holds " + lp.count() + " entries, not a multiple of " + step());
            }
            long previous = Long.MIN_VALUE;
            boolean sawPersistent = false;
            for (int p = lp.first(); p >= 0; p = skip(lp, p, step())) {
                if (!seen.add(new String(lp.get(p), StandardCharsets.ISO_8859_1))) {
                    throw new IllegalStateException("duplicate field in listpack");
                }
                if (triplets) {
                    long ttl = packedTtl(lp, p);
                    if (ttl == LP_NO_TTL) {
                        sawPersistent = true;
                    } else if (sawPersistent || ttl < previous) {
                        throw new IllegalStateException("listpackex triplets out of expire-time order");
                    } else {
                        previous = ttl;
                    }
                }
            }
        } else {
            FieldTable table = (FieldTable) rep;
            int[] volatiles = {0};
            table.dict.forEach(e -> {
                seen.add(new String(e.key(), StandardCharsets.ISO_8859_1));
                if (e.value() instanceof FieldTable.Volatile t) {
                    volatiles[0]++;
                    if (t.field != e.key()) {
                        throw new IllegalStateException("expire holder of another field");
                    }
                }
            });
            if (seen.size() != table.size() || volatiles[0] != table.volatileCount()) {
                throw new IllegalStateException("hashtable count or expire index out of step");
            }
        }
    }
}
