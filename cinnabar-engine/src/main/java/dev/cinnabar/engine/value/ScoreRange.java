package dev.cinnabar.engine.value;

/**
 * A score interval of the sorted-set range commands (ZRANGEBYSCORE, ZCOUNT, ...): {@code min} and
 * {@code max}, each inclusive or exclusive ("(" in the command). Comparisons are plain double
 * comparisons, so -0.0 and 0.0 are the same bound, as in Redis.
 */
public record ScoreRange(double min, double max, boolean minExclusive, boolean maxExclusive) implements ZsetRange {
    /** Whether {@code value} is at or above the lower bound. */
    public boolean aboveMin(double value) {
        return minExclusive ? value > min : value >= min;
    }

    /** Whether {@code value} is at or below the upper bound. */
    public boolean belowMax(double value) {
        return maxExclusive ? value < max : value <= max;
    }

    @Override
    public boolean aboveMin(double score, byte[] member) {
        return aboveMin(score);
    }

    @Override
    public boolean belowMax(double score, byte[] member) {
        return belowMax(score);
    }

    public boolean contains(double value) {
        return aboveMin(value) && belowMax(value);
    }

    /** True when no value can lie in the range (min above max, or equal bounds with one excluded). */
    @Override
    public boolean isEmpty() {
        return min > max || (min == max && (minExclusive || maxExclusive));
    }
}
