package dev.cinnabar.engine.value;

import java.util.Arrays;

/**
 * A string value that is modified in place (APPEND, SETRANGE, SETBIT, BITFIELD): a byte array
 * with spare capacity that grows by doubling, like Redis's sds, so that repeated appends are
 * amortised O(1). Its encoding is always "raw", as in Redis.
 */
public final class MutableString {
    private static final int MAX_PREALLOCATION = 1024 * 1024;

    private byte[] bytes;
    private int length;

    public MutableString(byte[] content) {
        this(content, content.length);
    }

    private MutableString(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** A copy of {@code content} with room to grow. */
    public static MutableString copyOf(byte[] content, int off, int len) {
        byte[] b = new byte[len];
        System.arraycopy(content, off, b, 0, len);
        return new MutableString(b, len);
    }

    public int length() {
        return length;
    }

    /** The backing array; only the first {@link #length()} bytes are the value. */
    public byte[] array() {
        return bytes;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** Makes room for {@code newLength} bytes (zero-filled beyond the current length). */
    public void ensureLength(int newLength) {
        if (newLength <= length) {
            return;
        }
        if (newLength > bytes.length) {
            // Redis's sdsMakeRoomFor: double while small, then grow by 1 MiB steps.
            int capacity = newLength < MAX_PREALLOCATION ? newLength * 2 : newLength + MAX_PREALLOCATION;
            if (capacity < 0) {
                capacity = newLength;
            }
            bytes = Arrays.copyOf(bytes, capacity);
        } else {
            Arrays.fill(bytes, length, newLength, (byte) 0);
        }
        length = newLength;
    }

    public void append(byte[] src, int off, int len) {
        int start = length;
        ensureLength(length + len);
        System.arraycopy(src, off, bytes, start, len);
    }

    /** Writes {@code len} bytes at {@code position}, growing (zero-padded) as needed. */
    public void write(int position, byte[] src, int off, int len) {
        ensureLength(position + len);
        System.arraycopy(src, off, bytes, position, len);
    }

    /** Approximate heap footprint in bytes. */
    public long footprint() {
        return 16 + 16 + bytes.length;
    }
}
