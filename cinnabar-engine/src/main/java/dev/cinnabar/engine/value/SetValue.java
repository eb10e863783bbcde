package dev.cinnabar.engine.value;

import dev.cinnabar.engine.table.ByteHashing;
import dev.cinnabar.engine.table.Dict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The set type, with Redis 7.2's three encodings and its rules for moving between them.
 *
 * <ul>
 *   <li><b>intset</b> ({@link IntSet}): while every member is an integer (Redis's string2ll form:
 *   no sign "+", no leading zero, no space) and there are at most set-max-intset-entries of them.
 *   Members are kept sorted, so an intset lists them in ascending order.</li>
 *   <li><b>listpack</b> ({@link Listpack}): while there are at most set-max-listpack-entries
 *   members of at most set-max-listpack-value bytes each. Members are kept in insertion order;
 *   membership is a linear scan, which is cheap at these sizes.</li>
 *   <li><b>hashtable</b> ({@link Dict} with the members as keys): anything else.</li>
 * </ul>
 *
 * <p>Conversions only go towards the general encoding while a set lives: removing members never
 * converts back. The exceptions are the sets that Redis builds afresh (SINTERSTORE's result may
 * become an intset; SPOP with a large count rebuilds what remains), which {@link SetOperations}
 * and {@link #popRandom} reproduce. A non-integer added to an intset goes to a listpack when the
 * intset is small enough for one (fewer members than the listpack limit, and neither its smallest
 * nor its largest member written longer than the value limit), otherwise straight to a hashtable;
 * an intset that grows past its limit goes straight to a hashtable.
 *
 * <p>The thresholds are passed in ({@link Limits}) because they are server configuration, which
 * the engine does not see.
 */
public final class SetValue implements CompositeValue {
    /** Redis's LISTPACK_MAX_SAFETY_SIZE: a listpack never grows past 1 GiB. */
    private static final long LISTPACK_SAFETY_SIZE = 1L << 30;

    /** The conversion thresholds (set-max-intset-entries, set-max-listpack-entries, set-max-listpack-value). */
    public record Limits(long intsetEntries, long listpackEntries, long listpackValue) {
        public static final Limits DEFAULT = new Limits(512, 128, 64);

        /** The intset limit as Redis applies it (never above 2^30 entries). */
        long intsetMax() {
            return Math.min(intsetEntries, 1L << 30);
        }
    }

    /** The encodings, with OBJECT ENCODING's names. */
    public enum Encoding {
        INTSET("intset"), LISTPACK("listpack"), HASHTABLE("hashtable");

        private final String redisName;

        Encoding(String redisName) {
            this.redisName = redisName;
        }

        public String redisName() {
            return redisName;
        }
    }

    /** Receives members: integers of intsets and listpacks as numbers, everything else as bytes. */
    public interface MemberVisitor {
        void string(byte[] bytes, int off, int len);

        void integer(long value);
    }

    private Encoding encoding;
    /**
     * The members: an intset's or a listpack's bare array (see {@link IntSet#over} and
     * {@link Listpack#over}, which save a 24-byte object per small set) or a {@link Dict}
     * (hashtable). With the encoding, a set object is 16 bytes.
     */
    private Object rep;

    private SetValue(Encoding encoding) {
        become(encoding);
    }

    /** An empty set in the given encoding (a set is normally created by {@link #create}). */
    public static SetValue empty(Encoding encoding) {
        return new SetValue(encoding);
    }

    private void become(Encoding e) {
        encoding = e;
        rep = switch (e) {
            case INTSET -> IntSet.emptyArray();
            case LISTPACK -> Listpack.emptyArray();
            case HASHTABLE -> new Dict();
        };
    }

    /** A view of the intset (the set must be an intset); a change stores it back with {@link #store(IntSet)}. */
    IntSet intset() {
        return IntSet.over((byte[]) rep);
    }

    /** Keeps the array a change through {@code view} left (an intset change always makes a new one). */
    void store(IntSet view) {
        rep = view.array();
    }

    private Dict dict() {
        return (Dict) rep;
    }

    /**
     * A view of the listpack (the set must be a listpack). A change through the view can move
     * the listpack to a larger array: every writer stores it back with {@link #store}.
     */
    Listpack listpack() {
        return Listpack.over((byte[]) rep);
    }

    /** Keeps the array a change through {@code view} left, trimmed to its size class after a removal. */
    void store(Listpack view, boolean removed) {
        if (removed) {
            view.trim();
        }
        rep = view.array();
    }

    private void dictInsert(byte[] key) {
        dict().addAbsent(key, null);
    }

    /** Removes a member from the hashtable and shrinks the table when it became mostly empty, as Redis does. */
    boolean dictDelete(byte[] b, int off, int len) {
        Dict dict = dict();
        Dict.Entry e = dict.remove(b, off, len);
        if (e == null) {
            return false;
        }
        dict.shrinkIfNeeded();
        return true;
    }

    /** Takes over the representation of {@code other} (which must not be used afterwards). */
    void adopt(SetValue other) {
        encoding = other.encoding;
        rep = other.rep;
    }

    /**
     * A new empty set able to hold {@code first} (Redis's setTypeCreate): an intset when it is an
     * integer and {@code sizeHint} members fit one, else a listpack when they fit one, else a
     * hashtable.
     */
    public static SetValue create(byte[] first, int off, int len, long sizeHint, Limits limits) {
        if (isInteger(first, off, len) && sizeHint <= limits.intsetEntries()) {
            return new SetValue(Encoding.INTSET);
        }
        if (sizeHint <= limits.listpackEntries()) {
            return new SetValue(Encoding.LISTPACK);
        }
        return new SetValue(Encoding.HASHTABLE);
    }

    /**
     * Converts to a hashtable when {@code sizeHint} members will not fit the current compact
     * encoding (Redis's setTypeMaybeConvert, before SADD adds its arguments).
     */
    public void prepareFor(long sizeHint, Limits limits) {
        if ((encoding == Encoding.LISTPACK && sizeHint > limits.listpackEntries())
                || (encoding == Encoding.INTSET && sizeHint > limits.intsetEntries())) {
            convertTo(Encoding.HASHTABLE);
        }
    }

    // ---- CompositeValue ----

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    public String encoding() {
        return encoding.redisName();
    }

    public Encoding encodingKind() {
        return encoding;
    }

    @Override
    public SetValue duplicate() {
        SetValue copy = new SetValue(encoding);
        switch (encoding) {
            case INTSET -> copy.rep = ((byte[]) rep).clone();
            case LISTPACK -> {
                byte[] array = (byte[]) rep;
                copy.rep = Arrays.copyOf(array, Listpack.sizeClassCapacity(listpack().bytes()));
            }
            case HASHTABLE -> {
                Dict table = copy.dict();
                dict().forEach(e -> table.addAbsent(e.key(), e.hash(), null));
            }
        }
        return copy;
    }

    @Override
    public void digest(ValueDigest digest, byte[] into) {
        forEach(new MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                digest.xor(into, bytes, off, len);
            }

            @Override
            public void integer(long value) {
                digest.xor(into, decimal(value));
            }
        });
    }

    @Override
    public long footprint() {
        return 16 + switch (encoding) {
            case INTSET -> 16 + ((byte[]) rep).length;
            case LISTPACK -> listpack().arrayFootprint();
            // Buckets (compressed references), entries (header, key, hash, value, next) and key
            // arrays (summed here rather than kept in a field of every set: nothing hot asks).
            case HASHTABLE -> {
                long[] keyBytes = {0};
                dict().forEach(e -> keyBytes[0] += e.key().length);
                yield 48 + dict().buckets() * 4 + dict().size() * (24 + 16) + keyBytes[0];
            }
        };
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * The size of the compact representation in Redis's byte format (the intset's blob or the
     * listpack's bytes, which is how RDB saves them), or -1 for a hashtable.
     */
    public long encodedBytes() {
        return switch (encoding) {
            case INTSET -> intset().blobLength();
            case LISTPACK -> listpack().bytes();
            case HASHTABLE -> -1;
        };
    }

    public long size() {
        return switch (encoding) {
            case INTSET -> intset().length();
            case LISTPACK -> listpack().count();
            case HASHTABLE -> dict().size();
        };
    }

    // ---- members ----

    /** Whether the bytes are an integer as Redis's string2ll reads them (the form an intset can hold). */
    public static boolean isInteger(byte[] b, int off, int len) {
        return Listpack.Integers.isLong(b, off, len);
    }

    static long parseInteger(byte[] b, int off, int len) {
        return Listpack.Integers.parseLong(b, off, len);
    }

    static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Adds a member; false when it was already there. Converts the encoding as Redis 7.2 does. */
    public boolean add(byte[] b, int off, int len, Limits limits) {
        switch (encoding) {
            case HASHTABLE -> {
                Dict dict = dict();
                int hash = ByteHashing.hash(b, off, len);
                if (dict.find(b, off, len, hash) != null) {
                    return false;
                }
                dict.addAbsent(Arrays.copyOfRange(b, off, off + len), hash, null);
                return true;
            }
            case LISTPACK -> {
                Listpack listpack = listpack();
                if (listpack.find(b, off, len, 0) >= 0) {
                    return false;
                }
                if (listpack.count() < limits.listpackEntries() && len <= limits.listpackValue()
                        && listpack.bytes() + (long) len <= LISTPACK_SAFETY_SIZE) {
                    if (isInteger(b, off, len)) {
                        listpack.appendInteger(parseInteger(b, off, len));
                    } else {
                        listpack.append(b, off, len);
                    }
                    store(listpack, false);
                } else {
                    convertTo(Encoding.HASHTABLE);
                    dictInsert(Arrays.copyOfRange(b, off, off + len));
                }
                return true;
            }
            default -> {
                if (isInteger(b, off, len)) {
                    IntSet intset = intset();
                    if (!intset.add(parseInteger(b, off, len))) {
                        return false;
                    }
                    store(intset);
                    convertIntsetIfTooLong(limits);
                    return true;
                }
                if (intsetFitsListpack(len, limits)) {
                    convertTo(Encoding.LISTPACK);
                    Listpack listpack = listpack();
                    listpack.append(b, off, len);
                    store(listpack, false);
                } else {
                    convertTo(Encoding.HASHTABLE);
                    dictInsert(Arrays.copyOfRange(b, off, off + len));
                }
                return true;
            }
        }
    }

    /** Adds an integer member (as its decimal text); false when it was already there. */
    public boolean addInteger(long v, Limits limits) {
        if (encoding == Encoding.INTSET) {
            IntSet intset = intset();
            if (!intset.add(v)) {
                return false;
            }
            store(intset);
            convertIntsetIfTooLong(limits);
            return true;
        }
        byte[] text = decimal(v);
        return add(text, 0, text.length, limits);
    }

    /**
     * Whether an intset that receives a non-integer of {@code len} bytes may become a listpack:
     * it has fewer members than the listpack limit and its widest member (its smallest or its
     * largest, written in decimal) and the new one are within the value limit.
     */
    private boolean intsetFitsListpack(int len, Limits limits) {
        IntSet intset = intset();
        int n = intset.length();
        long widest = 0;
        long estimate = 0;
        if (n > 0) {
            widest = Math.max(decimalLength(intset.min()), decimalLength(intset.max()));
            // An upper bound of the listpack's size: n integers of at most 9 bytes plus 2 of overhead.
            estimate = (long) n * 11 + 7;
        }
        return n < limits.listpackEntries() && len <= limits.listpackValue() && widest <= limits.listpackValue()
                && estimate + len <= LISTPACK_SAFETY_SIZE;
    }

    private static int decimalLength(long v) {
        return Long.toString(v).length();
    }

    private void convertIntsetIfTooLong(Limits limits) {
        if (intset().length() > limits.intsetMax()) {
            convertTo(Encoding.HASHTABLE);
        }
    }

    /** Removes a member; false when it was not there. Never converts. */
    public boolean remove(byte[] b, int off, int len) {
        switch (encoding) {
            case HASHTABLE -> {
                return dictDelete(b, off, len);
            }
            case LISTPACK -> {
                Listpack listpack = listpack();
                int p = listpack.find(b, off, len, 0);
                if (p < 0) {
                    return false;
                }
                listpack.delete(p);
                store(listpack, true);
                return true;
            }
            default -> {
                return isInteger(b, off, len) && removeFromIntset(parseInteger(b, off, len));
            }
        }
    }

    public boolean removeInteger(long v) {
        if (encoding == Encoding.INTSET) {
            return removeFromIntset(v);
        }
        byte[] text = decimal(v);
        return remove(text, 0, text.length);
    }

    private boolean removeFromIntset(long v) {
        IntSet intset = intset();
        if (!intset.remove(v)) {
            return false;
        }
        store(intset);
        return true;
    }

    public boolean contains(byte[] b, int off, int len) {
        return switch (encoding) {
            case HASHTABLE -> dict().find(b, off, len) != null;
            case LISTPACK -> listpack().find(b, off, len, 0) >= 0;
            case INTSET -> isInteger(b, off, len) && intset().contains(parseInteger(b, off, len));
        };
    }

    public boolean containsInteger(long v) {
        if (encoding == Encoding.INTSET) {
            return intset().contains(v);
        }
        if (encoding == Encoding.LISTPACK) {
            Listpack listpack = listpack();
            for (int p = listpack.first(); p >= 0; p = listpack.next(p)) {
                if (listpack.isInteger(p) && listpack.integer(p) == v) {
                    return true;
                }
            }
            return false;
        }
        byte[] text = decimal(v);
        return dict().find(text, 0, text.length) != null;
    }

    // ---- iteration ----

    /** Visits every member: ascending for an intset, insertion order for a listpack, table order otherwise. */
    public void forEach(MemberVisitor visitor) {
        switch (encoding) {
            case INTSET -> {
                IntSet intset = intset();
                for (int i = 0; i < intset.length(); i++) {
                    visitor.integer(intset.get(i));
                }
            }
            case LISTPACK -> {
                Listpack listpack = listpack();
                for (int p = listpack.first(); p >= 0; p = listpack.next(p)) {
                    visitListpack(listpack, p, visitor);
                }
            }
            case HASHTABLE -> dict().forEach(e -> visitor.string(e.key(), 0, e.key().length));
        }
    }

    static void visitListpack(Listpack listpack, int p, MemberVisitor visitor) {
        if (listpack.isInteger(p)) {
            visitor.integer(listpack.integer(p));
        } else {
            byte[] s = listpack.get(p);
            visitor.string(s, 0, s.length);
        }
    }

    /** The members as byte arrays (integers in decimal), in {@link #forEach} order. */
    public List<byte[]> members() {
        List<byte[]> out = new ArrayList<>((int) Math.min(size(), 1 << 20));
        forEach(collector(out));
        return out;
    }

    static MemberVisitor collector(List<byte[]> out) {
        return new MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                out.add(off == 0 && len == bytes.length ? bytes : Arrays.copyOfRange(bytes, off, off + len));
            }

            @Override
            public void integer(long value) {
                out.add(decimal(value));
            }
        };
    }

    /**
     * One step of SSCAN: a compact set returns every member at once with cursor 0 (as Redis does);
     * a hashtable visits buckets from {@code cursor} until {@code count} members are collected or
     * ten times {@code count} buckets were visited. Returns the next cursor.
     */
    public long scan(long cursor, long count, Consumer<byte[]> out) {
        if (encoding != Encoding.HASHTABLE) {
            for (byte[] m : members()) {
                out.accept(m);
            }
            return 0;
        }
        long[] collected = {0};
        long iterations = count * 10;
        do {
            cursor = dict().scan(cursor, e -> {
                out.accept(e.key());
                collected[0]++;
            });
        } while (cursor != 0 && iterations-- > 0 && collected[0] < count);
        return cursor;
    }

    // ---- conversion ----

    /** Re-encodes the set (Redis's setTypeConvert). */
    void convertTo(Encoding target) {
        if (target == encoding) {
            return;
        }
        SetValue converted = new SetValue(target);
        // A listpack is filled through one view and stored back once.
        Listpack view = target == Encoding.LISTPACK ? converted.listpack() : null;
        forEach(new MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                if (view != null) {
                    view.append(bytes, off, len);
                } else {
                    converted.appendNew(bytes, off, len);
                }
            }

            @Override
            public void integer(long value) {
                if (view != null) {
                    view.appendInteger(value);
                } else {
                    converted.appendNewInteger(value);
                }
            }
        });
        if (view != null) {
            converted.store(view, true);
        }
        adopt(converted);
    }

    /** Adds a member known to be absent to an intset or a hashtable, without any conversion. */
    private void appendNew(byte[] b, int off, int len) {
        switch (encoding) {
            case HASHTABLE -> dictInsert(off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len));
            case INTSET -> addToIntset(parseInteger(b, off, len));
            case LISTPACK -> throw new IllegalStateException("a listpack is filled through one view");
        }
    }

    private void appendNewInteger(long v) {
        switch (encoding) {
            case HASHTABLE -> dictInsert(decimal(v));
            case INTSET -> addToIntset(v);
            case LISTPACK -> throw new IllegalStateException("a listpack is filled through one view");
        }
    }

    private void addToIntset(long v) {
        IntSet intset = intset();
        intset.add(v);
        store(intset);
    }

    /**
     * Converts to an intset when every member is an integer and there are few enough of them
     * (Redis's maybeConvertToIntset; the caller knows the members are all integers).
     */
    void convertToIntsetIfSmall(Limits limits) {
        if (encoding == Encoding.INTSET || size() > limits.intsetMax()) {
            return;
        }
        convertTo(Encoding.INTSET);
    }

    // ---- random members ----

    /** How many entries a fair random pick from a hashtable samples (Redis's GETFAIR_NUM_ENTRIES). */
    private static final int FAIR_SAMPLE = 15;

    /** A random member (the set must not be empty), as Redis's setTypeRandomElement picks it. */
    public void randomMember(RandomGenerator random, MemberVisitor visitor) {
        switch (encoding) {
            case INTSET -> {
                IntSet intset = intset();
                visitor.integer(intset.get(random.nextInt(intset.length())));
            }
            case LISTPACK -> {
                Listpack listpack = listpack();
                visitListpack(listpack, listpack.seek(random.nextInt(listpack.count())), visitor);
            }
            case HASHTABLE -> {
                byte[] key = fairRandomKey(random);
                visitor.string(key, 0, key.length);
            }
        }
    }

    /**
     * A random key of the hashtable: a random one of a sample of up to fifteen neighbouring
     * entries, which is fairer than one random bucket when chains differ in length (Redis's
     * dictGetFairRandomKey).
     */
    byte[] fairRandomKey(RandomGenerator random) {
        Dict.Entry[] sample = new Dict.Entry[FAIR_SAMPLE];
        int n = dict().sample(sample, FAIR_SAMPLE, random);
        if (n == 0) {
            return dict().randomEntry(random).key();
        }
        return sample[random.nextInt(n)].key();
    }

    /** Removes and returns a random member (decimal text for integers); the set must not be empty. */
    public byte[] popRandom(RandomGenerator random) {
        switch (encoding) {
            case INTSET -> {
                IntSet intset = intset();
                long v = intset.get(random.nextInt(intset.length()));
                intset.remove(v);
                store(intset);
                return decimal(v);
            }
            case LISTPACK -> {
                Listpack listpack = listpack();
                int p = listpack.seek(random.nextInt(listpack.count()));
                byte[] m = listpack.get(p);
                listpack.delete(p);
                store(listpack, true);
                return m;
            }
            default -> {
                byte[] key = fairRandomKey(random);
                dictDelete(key, 0, key.length);
                return key;
            }
        }
    }

    /** The positions of all entries of a view of this set's listpack, in order. */
    static int[] listpackPositions(Listpack listpack) {
        int[] positions = new int[listpack.count()];
        int i = 0;
        for (int p = listpack.first(); p >= 0; p = listpack.next(p)) {
            positions[i++] = p;
        }
        return positions;
    }

    /** SPOP with a count below the size; see {@link SetDraws#pop}. */
    public void popRandom(long count, RandomGenerator random, Limits limits, MemberVisitor popped) {
        SetDraws.pop(this, count, random, limits, popped);
    }

    /** SRANDMEMBER with a count; see {@link SetDraws#draw}. */
    public void randomMembers(long count, boolean distinct, RandomGenerator random, MemberVisitor out,
                              BooleanSupplier stop) {
        SetDraws.draw(this, count, distinct, random, out, stop);
    }

    // ---- checks (tests) ----

    /**
     * Checks the structure: one representation matching the encoding, a valid intset, no
     * duplicate members, no integer-like string in a listpack (which would be stored as integer).
     */
    public void verify() {
        boolean matches = switch (encoding) {
            case INTSET -> rep instanceof byte[];
            case LISTPACK -> rep instanceof byte[];
            case HASHTABLE -> rep instanceof Dict;
        };
        if (!matches) {
            throw new IllegalStateException(encoding + " encoding holding " + rep.getClass().getSimpleName());
        }
        switch (encoding) {
            case INTSET -> intset().verify();
            case LISTPACK -> {
                Listpack listpack = listpack();
                java.util.Set<String> seen = new java.util.HashSet<>();
                int n = 0;
                for (int p = listpack.first(); p >= 0; p = listpack.next(p)) {
                    n++;
                    byte[] m = listpack.get(p);
                    if (!listpack.isInteger(p) && isInteger(m, 0, m.length)) {
                        throw new IllegalStateException("integer stored as a string in the listpack");
                    }
                    if (!seen.add(new String(m, StandardCharsets.ISO_8859_1))) {
                        throw new IllegalStateException("duplicate member in the listpack");
                    }
                }
                if (n != listpack.count()) {
                    throw new IllegalStateException("listpack count " + listpack.count() + " but " + n + " entries");
                }
            }
            case HASHTABLE -> {
                Dict dict = dict();
                long[] n = {0};
                dict.forEach(e -> {
                    n[0]++;
                    if (e.value() != null) {
                        throw new IllegalStateException("a set member with a value");
                    }
                });
                if (n[0] != dict.size()) {
                    throw new IllegalStateException("table size " + dict.size() + " but " + n[0] + " entries");
                }
            }
        }
    }
}
