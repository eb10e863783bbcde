package dev.cinnabar.engine.value;

/**
 * A range of sorted-set elements: by score ({@link ScoreRange}) or by member ({@link LexRange}).
 * Each tests an element through the part it ranges over and ignores the other, so the skiplist can
 * find, walk and delete either kind of range with one piece of code (Redis has a copy for each:
 * zslFirstInRange and zslFirstInLexRange, and so on). Both methods take the element's score and
 * member because a skiplist node has both at hand; listpack encodings, where reading a score or a
 * member costs a decode, keep a method per kind instead.
 */
public sealed interface ZsetRange permits ScoreRange, LexRange {
    /** True when no element can lie in the range. */
    boolean isEmpty();

    /** Whether the element (score, member) is at or above the lower bound. */
    boolean aboveMin(double score, byte[] member);

    /** Whether the element (score, member) is at or below the upper bound. */
    boolean belowMax(double score, byte[] member);
}
