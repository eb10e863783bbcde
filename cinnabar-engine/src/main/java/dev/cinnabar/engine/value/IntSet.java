package dev.cinnabar.engine.value;

import java.util.Arrays;

/**
 * A sorted set of 64-bit integers in one byte array, in Redis's intset layout (intset.c), so a
 * small set of numbers costs 2, 4 or 8 bytes per member and can later be written to RDB and DUMP
 * payloads as it is:
 *
 * <pre>
 * [element width: u32 LE (2, 4 or 8)][element count: u32 LE][elements, ascending, little-endian]
 * </pre>
 *
 * Every element has the width of the widest one. Adding a value that does not fit the current
 * width re-encodes the whole array at the wider width first ("upgrade"); such a value is below
 * every element or above every element, so it goes to one end. The width never shrinks when
 * members are removed, as in Redis. Lookups are binary searches; insertions and deletions move the
 * tail of the array, which is what keeps the set compact (intsets are small by configuration).
 */
public final class IntSet {
    static final int HEADER = 8;

    private byte[] bytes;
    private int width;
    private int length;

    public IntSet() {
        width = 2;
        bytes = new byte[HEADER];
        writeHeader();
    }

    private IntSet(byte[] bytes, int width, int length) {
        this.bytes = bytes;
        this.width = width;
        this.length = length;
    }

    /** The bare array of an empty intset, for holders that keep arrays (see {@link #over}). */
    static byte[] emptyArray() {
        return new IntSet().bytes;
    }

    /**
     * A view of an intset kept as its bare array ({@link #array()}): a small set keeps the array
     * alone, which saves this object's 24 bytes, and wraps it for each operation (the header
     * holds the width and the count). Every change allocates a new array, exactly sized as
     * Redis's intsetResize does; the holder then stores {@link #array()} back.
     */
    static IntSet over(byte[] encoded) {
        return new IntSet(encoded, getInt(encoded, 0), getInt(encoded, 4));
    }

    /** The encoded array (see {@link #over}). */
    byte[] array() {
        return bytes;
    }

    /** The width needed to store {@code v}: 2, 4 or 8 bytes. */
    static int widthOf(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return 8;
        }
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            return 4;
        }
        return 2;
    }

    private void writeHeader() {
        putInt(bytes, 0, width);
        putInt(bytes, 4, length);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    public int length() {
        return length;
    }

    /** Bytes per element (Redis's intset encoding: 2, 4 or 8). */
    public int width() {
        return width;
    }

    /** Size of the encoded intset in bytes (Redis's intsetBlobLen). */
    public int blobLength() {
        return HEADER + length * width;
    }

    /** A copy of the encoded intset (Redis's exact bytes). */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, blobLength());
    }

    public IntSet copy() {
        return new IntSet(Arrays.copyOf(bytes, bytes.length), width, length);
    }

    /** The element at {@code index} (0 is the smallest). */
    public long get(int index) {
        return read(bytes, index, width);
    }

    private static long read(byte[] b, int index, int width) {
        int at = HEADER + index * width;
        return switch (width) {
            case 2 -> (short) ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8);
            case 4 -> (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
            default -> {
                long v = 0;
                for (int i = 7; i >= 0; i--) {
                    v = (v << 8) | (b[at + i] & 0xFF);
                }
                yield v;
            }
        };
    }

    private static void write(byte[] b, int index, int width, long v) {
        int at = HEADER + index * width;
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    public long min() {
        return get(0);
    }

    public long max() {
        return get(length - 1);
    }

    /**
     * The index of {@code v}, or {@code -(insertion point) - 1} when absent (like
     * {@link Arrays#binarySearch}).
     */
    public int search(long v) {
        if (length == 0) {
            return -1;
        }
        if (v > get(length - 1)) {
            return -length - 1;
        }
        if (v < get(0)) {
            return -1;
        }
        int low = 0;
        int high = length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long m = get(mid);
            if (m < v) {
                low = mid + 1;
            } else if (m > v) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -low - 1;
    }

    public boolean contains(long v) {
        return widthOf(v) <= width && search(v) >= 0;
    }

    /** Adds {@code v}; false when it was already a member. */
    public boolean add(long v) {
        int needed = widthOf(v);
        if (needed > width) {
            upgradeAndAdd(v, needed);
            return true;
        }
        int found = search(v);
        if (found >= 0) {
            return false;
        }
        int at = -found - 1;
        byte[] grown = new byte[HEADER + (length + 1) * width];
        System.arraycopy(bytes, HEADER, grown, HEADER, at * width);
        System.arraycopy(bytes, HEADER + at * width, grown, HEADER + (at + 1) * width, (length - at) * width);
        bytes = grown;
        write(bytes, at, width, v);
        length++;
        writeHeader();
        return true;
    }

    /** Re-encodes every element at the wider width; {@code v} is outside the current range, so it goes to one end. */
    private void upgradeAndAdd(long v, int newWidth) {
        byte[] grown = new byte[HEADER + (length + 1) * newWidth];
        int shift = v < 0 ? 1 : 0;
        for (int i = 0; i < length; i++) {
            write(grown, i + shift, newWidth, read(bytes, i, width));
        }
        write(grown, v < 0 ? 0 : length, newWidth, v);
        bytes = grown;
        width = newWidth;
        length++;
        writeHeader();
    }

    /** Removes {@code v}; false when it was not a member. */
    public boolean remove(long v) {
        if (widthOf(v) > width) {
            return false;
        }
        int at = search(v);
        if (at < 0) {
            return false;
        }
        byte[] shrunk = new byte[HEADER + (length - 1) * width];
        System.arraycopy(bytes, HEADER, shrunk, HEADER, at * width);
        System.arraycopy(bytes, HEADER + (at + 1) * width, shrunk, HEADER + at * width, (length - at - 1) * width);
        bytes = shrunk;
        length--;
        writeHeader();
        return true;
    }

    /** Checks the structure: header, width large enough, strictly ascending elements. */
    public void verify() {
        if (getInt(bytes, 0) != width || getInt(bytes, 4) != length) {
            throw new IllegalStateException("intset header disagrees with its fields");
        }
        if (width != 2 && width != 4 && width != 8) {
            throw new IllegalStateException("intset width " + width);
        }
        if (bytes.length < blobLength()) {
            throw new IllegalStateException("intset array too short");
        }
        for (int i = 0; i < length; i++) {
            if (i > 0 && get(i - 1) >= get(i)) {
                throw new IllegalStateException("intset not strictly ascending at " + i);
            }
        }
    }
}
