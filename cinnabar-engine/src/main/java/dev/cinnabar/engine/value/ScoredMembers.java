package dev.cinnabar.engine.value;

/**
 * An input of the sorted-set algebra (ZUNION, ZINTER, ZDIFF and their STORE forms, ZINTERCARD):
 * a sorted set, or a plain set whose members all count with score 1, as Redis accepts both.
 */
public interface ScoredMembers {
    /** Number of members. */
    long size();

    /** The score of {@code member}, or NaN when it is not a member. */
    double scoreOf(byte[] member);

    /** Visits every member with its score. */
    void forEach(SortedSet.Visitor visitor);
}
