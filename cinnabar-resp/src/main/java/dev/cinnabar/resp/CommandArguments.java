package dev.cinnabar.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The arguments of one command, as decoded from the network: a reusable view that hands
 * commands their arguments without allocating per command.
 *
 * <p>Small arguments are copied into a per-connection arena that is reused by every command;
 * an argument too large for the arena's free space gets an array of its own of exactly its size,
 * which a command that stores the value can adopt with {@link #take} instead of copying it again.
 * Each argument is a (array, offset, length) triple, so growing never moves earlier arguments.
 * The view is valid only until the next command is decoded; anything kept must be copied.
 */
public final class CommandArguments {
    /** Arguments at least this long get an array of their own (Redis's PROTO_MBULK_BIG_ARG idea). */
    static final int OWN_ARRAY_THRESHOLD = 4096;
    private static final int ARENA_SIZE = 16 * 1024;
    private static final int INITIAL_OWN_ARRAY = 64 * 1024;

    private byte[] arena = new byte[ARENA_SIZE];
    private int arenaUsed;
    private byte[][] arrays = new byte[8][];
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private boolean[] owned = new boolean[8];
    private int count;
    private long totalBytes;

    /** Starts a new command, forgetting the previous one. */
    public void clear() {
        if (count > 64) {
            // A huge earlier command: drop references so its large arrays can be collected.
            Arrays.fill(arrays, 0, count, null);
            if (arrays.length > 1024) {
                arrays = new byte[8][];
                offsets = new int[8];
                lengths = new int[8];
                owned = new boolean[8];
            }
        }
        count = 0;
        arenaUsed = 0;
        totalBytes = 0;
    }

    public int count() {
        return count;
    }

    /** Sum of the argument lengths, for CLIENT LIST's argv-mem and the query buffer limit. */
    public long totalBytes() {
        return totalBytes;
    }

    /**
     * Reserves room for the next argument of {@code length} bytes and returns its index; the
     * bytes are then written with {@link #arrayOf}/{@link #offsetOf}.
     */
    public int beginArgument(int length) {
        ensureSlots(count + 1);
        int index = count++;
        if (length >= OWN_ARRAY_THRESHOLD || length > arena.length - arenaUsed) {
            // A large argument's array starts small and grows as its bytes arrive (see
            // ensureReceived), so a bulk header alone cannot make the server allocate memory.
            arrays[index] = new byte[Math.min(length, INITIAL_OWN_ARRAY)];
            offsets[index] = 0;
            owned[index] = true;
        } else {
            arrays[index] = arena;
            offsets[index] = arenaUsed;
            owned[index] = false;
            arenaUsed += length;
        }
        lengths[index] = length;
        totalBytes += length;
        return index;
    }

    /**
     * Makes sure argument {@code i} can hold {@code received} bytes, growing an own array by
     * doubling up to the argument's declared length (so the final array is exactly that long).
     */
    void ensureReceived(int i, int received) {
        byte[] a = arrays[i];
        if (received > a.length) {
            int capacity = (int) Math.min((long) lengths[i], Math.max((long) received, 2L * a.length));
            arrays[i] = Arrays.copyOf(a, capacity);
        }
    }

    /** Adds a complete argument by copying the given bytes. */
    public void add(byte[] source, int off, int len) {
        int index = beginArgument(len);
        // beginArgument sizes a large argument for bytes still to come; these are all here.
        ensureReceived(index, len);
        System.arraycopy(source, off, arrays[index], offsets[index], len);
    }

    public void add(byte[] source) {
        add(source, 0, source.length);
    }

    /** Replaces the whole argument list (used by MULTI/EXEC, scripts and tests). */
    public void setAll(byte[][] argv) {
        clear();
        ensureSlots(argv.length);
        for (int i = 0; i < argv.length; i++) {
            arrays[i] = argv[i];
            offsets[i] = 0;
            lengths[i] = argv[i].length;
            owned[i] = false;
            totalBytes += argv[i].length;
        }
        count = argv.length;
    }

    /** Removes the last argument (used by the decoder to undo a reservation). */
    void truncate(int newCount) {
        count = newCount;
    }

    private void ensureSlots(int needed) {
        if (needed > arrays.length) {
            int size = Math.max(needed, arrays.length * 2);
            arrays = Arrays.copyOf(arrays, size);
            offsets = Arrays.copyOf(offsets, size);
            lengths = Arrays.copyOf(lengths, size);
            owned = Arrays.copyOf(owned, size);
        }
    }

    public byte[] arrayOf(int i) {
        return arrays[i];
    }

    public int offsetOf(int i) {
        return offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public byte byteAt(int i, int position) {
        return arrays[i][offsets[i] + position];
    }

    /** A fresh copy of argument {@code i}. */
    public byte[] copy(int i) {
        return Arrays.copyOfRange(arrays[i], offsets[i], offsets[i] + lengths[i]);
    }

    /**
     * Argument {@code i} as an array the caller may keep: the argument's own array when it has
     * one (no copy), otherwise a copy. After this call the argument must not be read again
     * through this view if the caller modifies the array.
     */
    public byte[] take(int i) {
        if (owned[i] && offsets[i] == 0 && arrays[i].length == lengths[i]) {
            owned[i] = false;
            return arrays[i];
        }
        return copy(i);
    }

    /** All arguments as fresh arrays (for queueing a command, e.g. inside MULTI). */
    public byte[][] copyAll() {
        byte[][] all = new byte[count][];
        for (int i = 0; i < count; i++) {
            all[i] = copy(i);
        }
        return all;
    }

    /** Compares argument {@code i} with an ASCII word, ignoring ASCII case. */
    public boolean equalsIgnoreCase(int i, String word) {
        int len = lengths[i];
        if (len != word.length()) {
            return false;
        }
        byte[] a = arrays[i];
        int off = offsets[i];
        for (int k = 0; k < len; k++) {
            int x = a[off + k];
            int y = word.charAt(k);
            if (x != y && toLower(x) != toLower(y)) {
                return false;
            }
        }
        return true;
    }

    public boolean equalsBytes(int i, byte[] other) {
        return Arrays.equals(arrays[i], offsets[i], offsets[i] + lengths[i], other, 0, other.length);
    }

    static int toLower(int c) {
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }

    /** True when argument {@code i} is a valid Redis integer (string2ll rules). */
    public boolean isLong(int i) {
        return RespNumbers.isLong(arrays[i], offsets[i], lengths[i]);
    }

    /** Argument {@code i} as a long; check {@link #isLong} first. */
    public long longValue(int i) {
        return RespNumbers.parseLong(arrays[i], offsets[i], lengths[i]);
    }

    /** Argument {@code i} decoded as ISO-8859-1 (byte-preserving), for names and messages. */
    public String string(int i) {
        return new String(arrays[i], offsets[i], lengths[i], StandardCharsets.ISO_8859_1);
    }

    /**
     * Argument {@code i} as Redis's C code sees it when it formats a message with "%s": up to the
     * first NUL byte. Use it wherever an argument is echoed in an error text.
     */
    public String cString(int i) {
        byte[] a = arrays[i];
        int off = offsets[i];
        int len = lengths[i];
        for (int k = 0; k < len; k++) {
            if (a[off + k] == 0) {
                len = k;
                break;
            }
        }
        return new String(a, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Argument {@code i} lowercased as ISO-8859-1 text. */
    public String lowerString(int i) {
        byte[] a = arrays[i];
        int off = offsets[i];
        int len = lengths[i];
        char[] chars = new char[len];
        for (int k = 0; k < len; k++) {
            chars[k] = (char) toLower(a[off + k] & 0xff);
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(string(i));
        }
        return sb.append(']').toString();
    }
}
