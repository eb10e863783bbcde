package dev.cinnabar.engine.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * The hash function of Cinnabar's hash tables: fast on short keys (eight bytes per step), and
 * seeded with a random value per process so that clients cannot choose keys that collide
 * (Redis seeds siphash for the same reason).
 *
 * <p>The system property {@code cinnabar.hashSeed} fixes the seed instead, so that a failing
 * randomised test can be rerun with the same table layout (its failure message prints the seed).
 */
public final class ByteHashing {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = initialSeed();
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;

    private ByteHashing() {}

    private static long initialSeed() {
        String fixed = System.getProperty("cinnabar.hashSeed");
        long seed = fixed == null || fixed.isBlank() ? new SecureRandom().nextLong() : Long.decode(fixed.strip());
        return seed | 1;
    }

    /** The seed of this process's hash function (for test failure messages). */
    public static long seed() {
        return SEED;
    }

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
