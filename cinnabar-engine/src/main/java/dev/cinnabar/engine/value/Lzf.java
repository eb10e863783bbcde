package dev.cinnabar.engine.value;

/**
 * LZF, the small and fast LZ77 variant Redis uses to compress quicklist nodes (and RDB strings),
 * in its raw form: no header, no checksum, just a sequence of instructions.
 *
 * <pre>
 * 000LLLLL                      a run of L+1 literal bytes (1..32) follows
 * LLLooooo oooooooo             copy L+2 bytes (L = 1..6) from `o+1` bytes back in the output
 * 111ooooo LLLLLLLL oooooooo    copy L+9 bytes (9..264) from `o+1` bytes back
 * </pre>
 * Back references reach at most 8192 bytes back. The compressor finds repeats of three bytes
 * with a hash table of the positions where each three-byte prefix was last seen; it need not
 * produce the same bytes as liblzf, since any LZF decoder reads any valid LZF stream.
 */
public final class Lzf {
    private static final int HASH_BITS = 13;
    private static final int MAX_LITERAL = 32;
    private static final int MAX_DISTANCE = 1 << 13;
    private static final int MAX_MATCH = 7 + 255 + 2;

    private Lzf() {}

    /**
     * Compresses {@code in[0..length)} into {@code out}, writing at most {@code out.length} bytes.
     * Returns the compressed length, or 0 when the result does not fit (the data is then not
     * worth compressing).
     */
    public static int compress(byte[] in, int length, byte[] out) {
        if (length == 0) {
            return 0;
        }
        int limit = out.length;
        // Positions + 1 of the last occurrence of each hashed three-byte prefix (0: none).
        int[] table = new int[1 << HASH_BITS];
        int ip = 0;
        int op = 0;
        int literalStart = 0;
        int literals = 0;
        while (ip + 2 < length) {
            int h = hash(in, ip);
            int candidate = table[h] - 1;
            table[h] = ip + 1;
            int distance = ip - candidate;
            if (candidate >= 0 && distance <= MAX_DISTANCE && in[candidate] == in[ip]
                    && in[candidate + 1] == in[ip + 1] && in[candidate + 2] == in[ip + 2]) {
                int maxMatch = Math.min(MAX_MATCH, length - ip);
                int match = 3;
                while (match < maxMatch && in[candidate + match] == in[ip + match]) {
                    match++;
                }
                op = flushLiterals(in, literalStart, literals, out, op, limit);
                if (op < 0) {
                    return 0;
                }
                literals = 0;
                int code = match - 2;
                int offset = distance - 1;
                if (code < 7) {
                    if (op + 2 > limit) {
                        return 0;
                    }
                    out[op++] = (byte) ((code << 5) | (offset >>> 8));
                } else {
                    if (op + 3 > limit) {
                        return 0;
                    }
                    out[op++] = (byte) ((7 << 5) | (offset >>> 8));
                    out[op++] = (byte) (code - 7);
                }
                out[op++] = (byte) offset;
                // Remember the prefixes inside the match too, so later repeats can refer to them.
                int end = ip + match;
                for (int p = ip + 1; p < end && p + 2 < length; p++) {
                    table[hash(in, p)] = p + 1;
                }
                ip = end;
                literalStart = ip;
            } else {
                if (literals == 0) {
                    literalStart = ip;
                }
                literals++;
                ip++;
                if (literals == MAX_LITERAL) {
                    op = flushLiterals(in, literalStart, literals, out, op, limit);
                    if (op < 0) {
                        return 0;
                    }
                    literals = 0;
                }
            }
        }
        while (ip < length) {
            if (literals == 0) {
                literalStart = ip;
            }
            literals++;
            ip++;
            if (literals == MAX_LITERAL) {
                op = flushLiterals(in, literalStart, literals, out, op, limit);
                if (op < 0) {
                    return 0;
                }
                literals = 0;
            }
        }
        op = flushLiterals(in, literalStart, literals, out, op, limit);
        return op < 0 ? 0 : op;
    }

    private static int hash(byte[] in, int p) {
        int v = (in[p] & 0xFF) << 16 | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /** Writes a run of literals; returns the new output position, or -1 when it does not fit. */
    private static int flushLiterals(byte[] in, int start, int count, byte[] out, int op, int limit) {
        if (count == 0) {
            return op;
        }
        if (op + 1 + count > limit) {
            return -1;
        }
        out[op++] = (byte) (count - 1);
        System.arraycopy(in, start, out, op, count);
        return op + count;
    }

    /**
     * Decompresses {@code in[0..length)} into {@code out}; returns the number of bytes written.
     *
     * @throws IllegalArgumentException when the data is not valid LZF or does not fit
     */
    public static int decompress(byte[] in, int length, byte[] out) {
        int ip = 0;
        int op = 0;
        while (ip < length) {
            int control = in[ip++] & 0xFF;
            if (control < 32) {
                int run = control + 1;
                if (ip + run > length || op + run > out.length) {
                    throw new IllegalArgumentException("corrupt LZF data: literal run past the end");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int match = control >>> 5;
                if (match == 7) {
                    if (ip >= length) {
                        throw new IllegalArgumentException("corrupt LZF data: truncated back reference");
                    }
                    match += in[ip++] & 0xFF;
                }
                if (ip >= length) {
                    throw new IllegalArgumentException("corrupt LZF data: truncated back reference");
                }
                int from = op - ((control & 0x1F) << 8) - 1 - (in[ip++] & 0xFF);
                match += 2;
                if (from < 0 || op + match > out.length) {
                    throw new IllegalArgumentException("corrupt LZF data: back reference out of range");
                }
                // Byte by byte: a reference may overlap the bytes it produces (a repeated run).
                for (int i = 0; i < match; i++) {
                    out[op++] = out[from++];
                }
            }
        }
        return op;
    }
}
