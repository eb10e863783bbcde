package dev.cinnabar.engine.testing;

import dev.cinnabar.engine.table.ByteHashing;
import java.util.stream.LongStream;

/**
 * Seeds of the randomised tests. By default a property test runs a fixed list of seeds (so a
 * build is repeatable); {@code -Dcinnabar.seed=N} runs that one seed only, and
 * {@code -Dcinnabar.seeds=N} changes how many seeds run. Table layouts also depend on the hash
 * function's per-process seed, which every failure message reports with the test seed; pass both
 * back ({@code -Dcinnabar.seed=... -Dcinnabar.hashSeed=...}) to replay a failure exactly.
 */
public final class Seeds {
    private Seeds() {}

    /** The seeds of a property test: {@code count} fixed seeds, or the one given on the command line. */
    public static LongStream seeds(int count) {
        String fixed = System.getProperty("cinnabar.seed");
        if (fixed != null && !fixed.isBlank()) {
            return LongStream.of(Long.decode(fixed.strip()));
        }
        return LongStream.rangeClosed(1, Long.getLong("cinnabar.seeds", count));
    }

    /** The seed of a test that runs once: {@code defaultSeed} unless one is given on the command line. */
    public static long seed(long defaultSeed) {
        String fixed = System.getProperty("cinnabar.seed");
        return fixed == null || fixed.isBlank() ? defaultSeed : Long.decode(fixed.strip());
    }

    /** What a failure message says to replay the run. */
    public static String describe(long seed) {
        return "seed " + seed + " (replay: -Dcinnabar.seed=" + seed + " -Dcinnabar.hashSeed=" + ByteHashing.seed() + ")";
    }
}
