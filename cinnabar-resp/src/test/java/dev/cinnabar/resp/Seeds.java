package dev.cinnabar.resp;

import java.util.Random;

/**
 * Seeds for the property tests. Each test runs with its own fixed seed so a run is reproducible;
 * {@code -Dcinnabar.seed=N} replaces every fixed seed with N, to replay a failure (the failing
 * seed is part of every assertion message) or to explore new inputs.
 */
final class Seeds {
    private Seeds() {}

    static long seed(long fixed) {
        String override = System.getProperty("cinnabar.seed");
        if (override == null || override.isBlank()) {
            return fixed;
        }
        return Long.decode(override.trim());
    }

    static Random random(long seed) {
        return new Random(seed);
    }

    /** Text for assertion messages: how to replay. */
    static String replay(long seed) {
        return "seed " + seed + " (replay with -Dcinnabar.seed=" + seed + ")";
    }
}
