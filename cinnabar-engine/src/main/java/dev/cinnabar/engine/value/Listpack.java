package dev.cinnabar.engine.value;

import java.util.Arrays;

/**
 * A listpack: Redis's compact sequence of strings and integers in one byte array, in Redis's own
 * byte format (listpack.c), so that small collections cost a few bytes per element and can later
 * be written to RDB and DUMP payloads as they are.
 *
 * <pre>
 * [total bytes: u32 LE][element count: u16 LE, 65535 = unknown][entry]...[0xFF]
 * entry = [encoding byte(s)][data][backlen]
 * </pre>
 * Encodings: 7-bit unsigned int (0xxxxxxx); 6-bit string length (10xxxxxx); 13-bit signed int
 * (110xxxxx yyyyyyyy); 12-bit string length (1110xxxx yyyyyyyy); 32-bit string length (0xF0);
 * 16, 24, 32 and 64-bit signed ints (0xF1..0xF4). {@code backlen} is the size of encoding + data,
 * written in 1 to 5 bytes of 7 bits, readable from the end, which makes backward iteration
 * possible. Strings that read as integers (Redis's string2ll, at most 20 bytes) are stored as
 * integers, as Redis does.
 *
 * <p>Positions are byte offsets of entries; {@link #first()} and {@link #next} walk forward,
 * {@link #last()} and {@link #previous} backward; -1 means "none". Every change may move later
 * entries, so positions are valid only until the next change.
 */
public final class Listpack {
    static final int HEADER = 6;
    /** A byte array's header in the heap with compact object headers (the launcher's default). */
    private static final int ARRAY_HEADER = 12;
    /** The largest listpack a view grows by size classes (see {@link #capacityFor}). */
    static final int SIZE_CLASS_LIMIT = 4096;
    private static final int END = 0xFF;

    private byte[] bytes;
    private int used;
    private int count;
    /**
     * Whether growth rounds up to an allocator size class (a view of a holder's bare array, see
     * {@link #over}) instead of doubling. A holder changes its listpack a few entries per
     * command: doubling would cost a trimming copy after every write, and exact sizes a new
     * array (which then survives young collections) on every write.
     */
    private boolean sizeClassGrowth;

    public Listpack() {
        bytes = new byte[16];
        used = HEADER + 1;
        bytes[HEADER] = (byte) END;
        writeHeader();
    }

    private Listpack(byte[] encoded, int used, int count) {
        this.bytes = encoded;
        this.used = used;
        this.count = count;
    }

    /** The bare array of an empty listpack, for holders that keep arrays (see {@link #over}). */
    static byte[] emptyArray() {
        return new Listpack().bytes;
    }

    /**
     * A view of a listpack kept as its bare array ({@link #array()}): small collections keep the
     * array alone, which saves this object's 24 bytes per key, and wrap it for each operation
     * (the header holds the length and count). A change through the view may move the listpack
     * to a larger array; the holder then stores {@link #array()} back.
     */
    static Listpack over(byte[] encoded) {
        int used = (encoded[0] & 0xFF) | (encoded[1] & 0xFF) << 8 | (encoded[2] & 0xFF) << 16
                | (encoded[3] & 0xFF) << 24;
        int count = (encoded[4] & 0xFF) | (encoded[5] & 0xFF) << 8;
        Listpack lp = new Listpack(encoded, used, count);
        lp.sizeClassGrowth = true;
        if (count == 65535) {
            lp.count = lp.countEntries();
        }
        return lp;
    }

    /** Counts the entries by walking them (the header's count saturates at 65535, as Redis's). */
    private int countEntries() {
        int c = 0;
        for (int p = used > HEADER + 1 ? HEADER : -1; p != -1; ) {
            c++;
            int n = p + entryLength(p);
            p = (bytes[n] & 0xFF) == END ? -1 : n;
        }
        return c;
    }

    private void writeHeader() {
        bytes[0] = (byte) used;
        bytes[1] = (byte) (used >>> 8);
        bytes[2] = (byte) (used >>> 16);
        bytes[3] = (byte) (used >>> 24);
        int c = Math.min(count, 65535);
        bytes[4] = (byte) c;
        bytes[5] = (byte) (c >>> 8);
    }

    /** Number of elements. */
    public int count() {
        return count;
    }

    /** Size in bytes, as Redis counts it (header and end byte included). */
    public int bytes() {
        return used;
    }

    /** Approximate heap footprint. */
    public long footprint() {
        return 16 + arrayFootprint();
    }

    /** Approximate heap footprint of the array alone (a holder that keeps the bare array). */
    long arrayFootprint() {
        return 16 + bytes.length;
    }

    /**
     * Drops spare capacity (after a batch of changes): a {@code Listpack} object keeps up to 16
     * spare bytes; a view moves to its size class (see {@link #capacityFor}) once it has shrunk
     * by about a quarter below the class of its array, so that a list or set that pushes and
     * pops across a class boundary does not copy its array on every command.
     */
    public void trim() {
        if (sizeClassGrowth && used <= SIZE_CLASS_LIMIT) {
            if (bytes.length > sizeClassCapacity(used + (used >> 2))) {
                bytes = Arrays.copyOf(bytes, sizeClassCapacity(used));
            }
        } else if (bytes.length > used + 16) {
            bytes = Arrays.copyOf(bytes, used);
        }
    }

    /** A copy of the encoded listpack (Redis's exact bytes). */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, used);
    }

    // ---- decoding ----

    public int first() {
        return count == 0 ? -1 : HEADER;
    }

    public int last() {
        if (count == 0) {
            return -1;
        }
        return previousFrom(used - 1);
    }

    public int next(int p) {
        int n = p + entryLength(p);
        return (bytes[n] & 0xFF) == END ? -1 : n;
    }

    public int previous(int p) {
        return p == HEADER ? -1 : previousFrom(p);
    }

    /** The entry ending just before {@code end}: read its backlen from the end. */
    private int previousFrom(int end) {
        int p = end - 1;
        long length = 0;
        int shift = 0;
        while (true) {
            int b = bytes[p] & 0xFF;
            length |= (long) (b & 127) << shift;
            if ((b & 128) == 0) {
                break;
            }
            shift += 7;
            p--;
        }
        return p - (int) length;
    }

    /** The position of element {@code index} (negative counts from the end), or -1. */
    public int seek(long index) {
        if (index < 0) {
            index = count + index;
        }
        if (index < 0 || index >= count) {
            return -1;
        }
        if (index < count / 2) {
            int p = first();
            for (long i = 0; i < index; i++) {
                p = next(p);
            }
            return p;
        }
        int p = last();
        for (long i = count - 1; i > index; i--) {
            p = previous(p);
        }
        return p;
    }

    /** Size of encoding + data of the entry at {@code p}. */
    private int encodedLength(int p) {
        int e = bytes[p] & 0xFF;
        if ((e & 0x80) == 0) {
            return 1;
        }
        if ((e & 0xC0) == 0x80) {
            return 1 + (e & 0x3F);
        }
        if ((e & 0xE0) == 0xC0) {
            return 2;
        }
        if ((e & 0xF0) == 0xE0) {
            return 2 + (((e & 0x0F) << 8) | (bytes[p + 1] & 0xFF));
        }
        return switch (e) {
            case 0xF1 -> 3;
            case 0xF2 -> 4;
            case 0xF3 -> 5;
            case 0xF4 -> 9;
            case 0xF0 -> 5 + readInt32(p + 1);
            default -> throw new IllegalStateException("bad listpack encoding " + e);
        };
    }

    /** Bytes of the backlen of an entry of {@code length} bytes (Redis's thresholds). */
    private static int backlenSize(int length) {
        if (length <= 127) {
            return 1;
        }
        if (length < 16383) {
            return 2;
        }
        if (length < 2097151) {
            return 3;
        }
        if (length < 268435455) {
            return 4;
        }
        return 5;
    }

    private int entryLength(int p) {
        int l = encodedLength(p);
        return l + backlenSize(l);
    }

    private int readInt32(int p) {
        return (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8 | (bytes[p + 2] & 0xFF) << 16 | (bytes[p + 3] & 0xFF) << 24;
    }

    /** Whether the entry at {@code p} holds an integer. */
    public boolean isInteger(int p) {
        int e = bytes[p] & 0xFF;
        return (e & 0x80) == 0 || (e & 0xE0) == 0xC0 || (e >= 0xF1 && e <= 0xF4);
    }

    /** The integer at {@code p} (check {@link #isInteger} first). */
    public long integer(int p) {
        int e = bytes[p] & 0xFF;
        if ((e & 0x80) == 0) {
            return e;
        }
        if ((e & 0xE0) == 0xC0) {
            int v = ((e & 0x1F) << 8) | (bytes[p + 1] & 0xFF);
            return v >= 4096 ? v - 8192 : v;
        }
        long v = 0;
        int n = switch (e) {
            case 0xF1 -> 2;
            case 0xF2 -> 3;
            case 0xF3 -> 4;
            default -> 8;
        };
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[p + 1 + i] & 0xFF);
        }
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    /** Offset of a string entry's bytes in {@link #array} (a sorted set reads score text there). */
    int stringOffset(int p) {
        int e = bytes[p] & 0xFF;
        if ((e & 0xC0) == 0x80) {
            return p + 1;
        }
        if ((e & 0xF0) == 0xE0) {
            return p + 2;
        }
        return p + 5;
    }

    /** Length of the string entry at {@code p} (not an integer). */
    public int stringLength(int p) {
        return encodedLength(p) - (stringOffset(p) - p);
    }

    /** The entry at {@code p} as bytes (the decimal text of an integer). */
    public byte[] get(int p) {
        if (isInteger(p)) {
            return Long.toString(integer(p)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        int off = stringOffset(p);
        return Arrays.copyOfRange(bytes, off, off + stringLength(p));
    }

    /** Whether the entry at {@code p} equals the given bytes (as Redis's lpCompare). */
    public boolean equalsAt(int p, byte[] s, int off, int len) {
        if (isInteger(p)) {
            if (len == 0 || len > 20 || !Integers.isLong(s, off, len)) {
                return false;
            }
            return Integers.parseLong(s, off, len) == integer(p);
        }
        int start = stringOffset(p);
        int length = stringLength(p);
        return length == len && Arrays.equals(bytes, start, start + length, s, off, off + len);
    }

    /**
     * The first entry among the first, the {@code (skip + 1)}th, the {@code (2 * skip + 2)}th ...
     * that equals {@code s} as {@link #equalsAt} compares, or -1: Redis's lpFind with its skip
     * (the fields of a hash skip their values, the members of a sorted set their scores). One
     * pass that reads each entry's header once, where a loop of {@code equalsAt} and
     * {@code next} reads it four times; whether {@code s} is an integer's text is decided once,
     * at the first integer entry compared.
     */
    public int find(byte[] s, int off, int len, int skip) {
        int textIsInteger = -1; // unknown until an integer entry is compared
        long textValue = 0;
        int toSkip = 0;
        for (int p = HEADER; (bytes[p] & 0xFF) != END; ) {
            int e = bytes[p] & 0xFF;
            int stringOffset;
            int stringLength;
            int encodedLength;
            if ((e & 0xC0) == 0x80) {
                stringOffset = p + 1;
                stringLength = e & 0x3F;
                encodedLength = 1 + stringLength;
            } else if ((e & 0xF0) == 0xE0) {
                stringOffset = p + 2;
                stringLength = ((e & 0x0F) << 8) | (bytes[p + 1] & 0xFF);
                encodedLength = 2 + stringLength;
            } else if (e == 0xF0) {
                stringOffset = p + 5;
                stringLength = readInt32(p + 1);
                encodedLength = 5 + stringLength;
            } else {
                stringOffset = -1; // an integer
                stringLength = 0;
                encodedLength = encodedLength(p);
            }
            if (toSkip > 0) {
                toSkip--;
            } else {
                if (stringOffset >= 0) {
                    // The last bytes first: names in one collection tend to share a prefix
                    // ("f:0000000000" + n) and differ at the end.
                    if (stringLength == len && (len == 0 || bytes[stringOffset + len - 1] == s[off + len - 1])
                            && Arrays.equals(bytes, stringOffset, stringOffset + len, s, off, off + len)) {
                        return p;
                    }
                } else {
                    if (textIsInteger < 0) {
                        textIsInteger = storedAsInteger(s, off, len) ? 1 : 0;
                        textValue = textIsInteger == 1 ? Integers.parseLong(s, off, len) : 0;
                    }
                    if (textIsInteger == 1 && integer(p) == textValue) {
                        return p;
                    }
                }
                toSkip = skip;
            }
            p += encodedLength + backlenSize(encodedLength);
        }
        return -1;
    }

    /** Compares the entry at {@code p} with bytes, as memcmp of their string forms (for lex order). */
    public int compareAt(int p, byte[] s, int off, int len) {
        if (isInteger(p)) {
            byte[] mine = get(p);
            return Arrays.compareUnsigned(mine, 0, mine.length, s, off, off + len);
        }
        int start = stringOffset(p);
        return Arrays.compareUnsigned(bytes, start, start + stringLength(p), s, off, off + len);
    }

    // ---- encoding ----

    /** Whether an element is stored as an integer: it reads as one (Redis's string2ll, at most 20 bytes). */
    private static boolean storedAsInteger(byte[] s, int off, int len) {
        return len > 0 && len <= 20 && Integers.isLong(s, off, len);
    }

    /** Size of an integer's encoding and data (no backlen): Redis's smallest encoding that holds it. */
    private static int integerEncodedSize(long v) {
        if (v >= 0 && v <= 127) {
            return 1;
        }
        if (v >= -4096 && v <= 4095) {
            return 2;
        }
        if (v >= -32768 && v <= 32767) {
            return 3;
        }
        if (v >= -8388608 && v <= 8388607) {
            return 4;
        }
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 5 : 9;
    }

    /** Size of a string's length header: 1, 2 or 5 bytes for lengths below 64, below 4096, beyond. */
    private static int stringHeaderSize(int len) {
        return len < 64 ? 1 : len < 4096 ? 2 : 5;
    }

    /**
     * Writes the backlen of {@code length} at {@code at} as Redis's lpEncodeBacklen: the highest 7
     * bits first without the continuation bit, then lower groups of 7 bits with it, so that a
     * reader going backwards meets the lowest bits first and stops at the byte without the bit.
     */
    private static void writeBacklen(byte[] out, int at, int length) {
        int size = backlenSize(length);
        out[at] = (byte) (length >>> (7 * (size - 1)));
        for (int i = 1; i < size; i++) {
            out[at + i] = (byte) (((length >>> (7 * (size - 1 - i))) & 127) | 128);
        }
    }

    /**
     * The array length to grow to for {@code needed} bytes. A view of up to
     * {@link #SIZE_CLASS_LIMIT} bytes grows to the next size class of jemalloc, Redis's
     * allocator ({@link #sizeClassCapacity}): the spare room is what Redis's own listpack has
     * inside its allocation (so the memory is the same), and the next writes fill it in place
     * instead of each leaving a new array behind. Anything else doubles, by at most 4 KiB a step;
     * a view past the limit (a command adding many entries at once) is trimmed by its holder
     * after the command.
     */
    private int capacityFor(int needed) {
        if (sizeClassGrowth && needed <= SIZE_CLASS_LIMIT) {
            return sizeClassCapacity(needed);
        }
        return Math.max(needed, Math.min(bytes.length * 2, needed + 4096));
    }

    /**
     * The array length for a listpack of {@code needed} bytes in its jemalloc size class (16-byte
     * steps up to 128 bytes, then four classes per doubling: 160, 192, 224, 256, 320, ...), so
     * the spare room is what Redis's allocation of the same listpack has: at most a quarter, on
     * average about a tenth. The array also takes the bytes its header's 8-byte alignment
     * leaves, which the heap spends anyway.
     */
    static int sizeClassCapacity(int needed) {
        int sizeClass;
        if (needed <= 128) {
            sizeClass = (needed + 15) & ~15;
        } else {
            int step = 1 << (31 - Integer.numberOfLeadingZeros(needed - 1) - 2);
            sizeClass = (needed + step - 1) & -step;
        }
        return ((sizeClass + ARRAY_HEADER + 7) & ~7) - ARRAY_HEADER;
    }

    /**
     * Makes the bytes {@code [at, at + oldLength)} a slot of {@code newLength} bytes, moving the
     * tail and growing the array as needed (one copy when it grows), and updates the length.
     */
    private void resizeSlot(int at, int oldLength, int newLength) {
        int newUsed = used + newLength - oldLength;
        int tail = at + oldLength;
        if (newUsed > bytes.length) {
            byte[] grown = new byte[capacityFor(newUsed)];
            System.arraycopy(bytes, 0, grown, 0, at);
            System.arraycopy(bytes, tail, grown, at + newLength, used - tail);
            bytes = grown;
        } else if (newLength != oldLength) {
            System.arraycopy(bytes, tail, bytes, at + newLength, used - tail);
        }
        used = newUsed;
    }

    /**
     * Writes an element as an entry at {@code at} in place of the {@code oldLength} bytes there
     * (0 to insert): as an integer when it reads as one, as Redis does, encoded straight into the
     * array rather than through a temporary entry. {@code s} must not be this listpack's own
     * array: the tail moves before the bytes are copied (callers pass arguments or copies).
     */
    private void putElement(int at, int oldLength, byte[] s, int off, int len) {
        if (storedAsInteger(s, off, len)) {
            putInteger(at, oldLength, Integers.parseLong(s, off, len));
            return;
        }
        int header = stringHeaderSize(len);
        int encoded = header + len;
        resizeSlot(at, oldLength, encoded + backlenSize(encoded));
        byte[] b = bytes;
        if (header == 1) {
            b[at] = (byte) (0x80 | len);
        } else if (header == 2) {
            b[at] = (byte) (0xE0 | (len >>> 8));
            b[at + 1] = (byte) len;
        } else {
            b[at] = (byte) 0xF0;
            b[at + 1] = (byte) len;
            b[at + 2] = (byte) (len >>> 8);
            b[at + 3] = (byte) (len >>> 16);
            b[at + 4] = (byte) (len >>> 24);
        }
        System.arraycopy(s, off, b, at + header, len);
        writeBacklen(b, at + encoded, encoded);
    }

    /** {@link #putElement} for an integer: the smallest of Redis's integer encodings that holds it. */
    private void putInteger(int at, int oldLength, long v) {
        int encoded = integerEncodedSize(v);
        // Integer entries are at most 9 bytes, so their backlen is one byte.
        resizeSlot(at, oldLength, encoded + 1);
        byte[] b = bytes;
        if (encoded == 1) {
            b[at] = (byte) v;
        } else if (encoded == 2) {
            long u = v < 0 ? v + 8192 : v;
            b[at] = (byte) (0xC0 | (u >>> 8));
            b[at + 1] = (byte) u;
        } else {
            // 16, 24, 32 and 64-bit integers: tags 0xF1 to 0xF4, then the bytes, lowest first.
            b[at] = (byte) (encoded == 9 ? 0xF4 : 0xF0 + encoded - 2);
            for (int i = 0; i < encoded - 1; i++) {
                b[at + 1 + i] = (byte) (v >>> (8 * i));
            }
        }
        b[at + encoded] = (byte) encoded;
    }

    private void insertElement(int at, byte[] s, int off, int len) {
        putElement(at, 0, s, off, len);
        count++;
        writeHeader();
    }

    public void append(byte[] s, int off, int len) {
        insertElement(used - 1, s, off, len);
    }

    public void append(byte[] s) {
        append(s, 0, s.length);
    }

    public void appendInteger(long v) {
        putInteger(used - 1, 0, v);
        count++;
        writeHeader();
    }

    public void prepend(byte[] s, int off, int len) {
        insertElement(HEADER, s, off, len);
    }

    /** Inserts before the entry at {@code p} (or at the end when {@code p} is -1). */
    public void insertBefore(int p, byte[] s, int off, int len) {
        insertElement(p < 0 ? used - 1 : p, s, off, len);
    }

    /** Inserts after the entry at {@code p}. */
    public void insertAfter(int p, byte[] s, int off, int len) {
        insertElement(p + entryLength(p), s, off, len);
    }

    /** Deletes the entry at {@code p}; returns the position of the entry that followed (or -1). */
    public int delete(int p) {
        return deleteRange(p, 1);
    }

    /** Deletes {@code n} entries from {@code p}; returns the position of the entry that followed (or -1). */
    public int deleteRange(int p, int n) {
        int end = p;
        int removed = 0;
        while (removed < n && (bytes[end] & 0xFF) != END) {
            end += entryLength(end);
            removed++;
        }
        System.arraycopy(bytes, end, bytes, p, used - end);
        used -= end - p;
        count -= removed;
        writeHeader();
        return (bytes[p] & 0xFF) == END ? -1 : p;
    }

    /** Replaces the entry at {@code p}. */
    public void replace(int p, byte[] s, int off, int len) {
        putElement(p, entryLength(p), s, off, len);
        writeHeader();
    }

    // ---- whole-listpack operations (quicklist nodes) ----

    /** Receives one element without copying: a string's bytes in place, or an integer. */
    public interface EntryVisitor {
        void string(byte[] buffer, int offset, int length);

        void integer(long value);
    }

    /** Passes the entry at {@code p} to {@code visitor} (strings in place, no copy). */
    public void read(int p, EntryVisitor visitor) {
        if (isInteger(p)) {
            visitor.integer(integer(p));
        } else {
            visitor.string(bytes, stringOffset(p), stringLength(p));
        }
    }

    /** Size in bytes of the entry at {@code p}, encoding, data and backlen included. */
    public int entrySize(int p) {
        return entryLength(p);
    }

    /** Size in bytes the given element would take as an entry. */
    public static int entrySizeOf(byte[] s, int off, int len) {
        if (storedAsInteger(s, off, len)) {
            return integerEncodedSize(Integers.parseLong(s, off, len)) + 1;
        }
        int encoded = stringHeaderSize(len) + len;
        return encoded + backlenSize(encoded);
    }

    /** A listpack holding a copy of Redis's encoded bytes {@code data[0..length)} (see {@link #toByteArray}). */
    public static Listpack fromBytes(byte[] data, int length) {
        if (length < HEADER + 1 || (data[length - 1] & 0xFF) != END) {
            throw new IllegalArgumentException("not a listpack");
        }
        Listpack lp = new Listpack(Arrays.copyOf(data, length), length, (data[4] & 0xFF) | (data[5] & 0xFF) << 8);
        if (lp.count == 65535) {
            lp.count = lp.countEntries();
        }
        return lp;
    }

    /** An independent copy. */
    public Listpack copy() {
        return fromBytes(bytes, used);
    }

    /**
     * The backing array, valid up to {@link #bytes()}: for compression (not to be modified), and
     * for holders that keep the bare array (see {@link #over}).
     */
    byte[] array() {
        return bytes;
    }

    /** Appends every entry of {@code other}, as they are encoded (Redis's lpMerge). */
    public void appendAll(Listpack other) {
        int extra = other.used - HEADER - 1;
        if (extra == 0) {
            return;
        }
        int newUsed = used + extra;
        if (newUsed > bytes.length) {
            bytes = Arrays.copyOf(bytes, newUsed);
        }
        System.arraycopy(other.bytes, HEADER, bytes, used - 1, extra + 1);
        used = newUsed;
        count += other.count;
        writeHeader();
    }

    /** Removes every element. */
    public void clear() {
        bytes = new byte[16];
        used = HEADER + 1;
        count = 0;
        bytes[HEADER] = (byte) END;
        writeHeader();
    }

    /** Integer parsing with Redis's string2ll rules, local to the engine. */
    static final class Integers {
        private Integers() {}

        static boolean isLong(byte[] b, int off, int len) {
            if (len == 0 || len > 20) {
                return false;
            }
            if (len == 1 && b[off] == '0') {
                return true;
            }
            int p = off;
            int end = off + len;
            boolean negative = b[p] == '-';
            if (negative && ++p == end) {
                return false;
            }
            if (b[p] < '1' || b[p] > '9') {
                return false;
            }
            long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
            long multiplyLimit = limit / 10;
            long v = 0;
            for (; p < end; p++) {
                int d = b[p] - '0';
                if (d < 0 || d > 9 || v < multiplyLimit) {
                    return false;
                }
                v *= 10;
                if (v < limit + d) {
                    return false;
                }
                v -= d;
            }
            return true;
        }

        static long parseLong(byte[] b, int off, int len) {
            if (len == 1 && b[off] == '0') {
                return 0;
            }
            int p = off;
            boolean negative = b[p] == '-';
            if (negative) {
                p++;
            }
            long v = 0;
            for (; p < off + len; p++) {
                v = v * 10 - (b[p] - '0');
            }
            return negative ? v : -v;
        }
    }
}
