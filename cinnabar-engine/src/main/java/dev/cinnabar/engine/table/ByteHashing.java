package dev.cinnabar.engine.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * The hash function of Cinnabar's hash tables: fast on short keys (eight bytes per step), and
 * seeded with a random value per process so that clients cannot choose keys that collide
 * (Redis seeds siphash for the same reason).
 */
public final class ByteHashing {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = new SecureRandom().nextLong() | 1;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;

    private ByteHashing() {}

    public static int hash(byte[] b) {
        return hash(b, 0, b.length);
    }

    public static int hash(byte[] b, int off, int len) {
        long h = SEED ^ (len * MULTIPLIER);
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long chunk = (long) LONGS.get(b, i);
            h = (h ^ (chunk * MULTIPLIER)) * MIX;
            h ^= h >>> 29;
            i += 8;
        }
        if (end - i >= 4) {
            long chunk = ((int) INTS.get(b, i)) & 0xFFFFFFFFL;
            h = (h ^ (chunk * MULTIPLIER)) * MIX;
            i += 4;
        }
        while (i < end) {
            h = (h ^ (b[i] & 0xFF)) * MULTIPLIER;
            i++;
        }
        h ^= h >>> 32;
        h *= MIX;
        h ^= h >>> 29;
        return (int) h;
    }
}
