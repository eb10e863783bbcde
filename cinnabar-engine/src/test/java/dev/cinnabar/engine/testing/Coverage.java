package dev.cinnabar.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.table.ByteHashing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the seeds of a randomised test exercised, counted over all of them: a run that never
 * converts an encoding or never rehashes proves nothing about it, so a test checks that its
 * seeds together did. The checks are on the sum, not on each seed, because a seed's path
 * depends on the hash function's per-process seed as well (random members, scan order), so a
 * seed that converts often in one process may convert twice in another. A replay of fewer than
 * {@link #MINIMUM_RUNS} seeds checks behaviour only.
 */
public final class Coverage {
    static final int MINIMUM_RUNS = 10;

    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private int runs;

    /** Counts one seed's run; call {@link #add} for each of its counts before the next. */
    public synchronized void run() {
        runs++;
    }

    public synchronized void add(String what, long count) {
        totals.computeIfAbsent(what, k -> new long[1])[0] += count;
    }

    /** Asserts that {@code what} happened at least {@code perRun} times per run on average. */
    public synchronized void assertAverageAtLeast(String what, double perRun) {
        if (runs < MINIMUM_RUNS) {
            return;
        }
        long total = totals.getOrDefault(what, new long[1])[0];
        assertThat((double) total / runs).as("%s per seed, over %d seeds (hash seed %s)", what, runs,
                ByteHashing.seed()).isGreaterThanOrEqualTo(perRun);
    }
}
