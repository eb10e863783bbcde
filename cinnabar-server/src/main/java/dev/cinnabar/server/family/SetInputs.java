package dev.cinnabar.server.family;

import dev.cinnabar.engine.value.ScoredMembers;

/**
 * Plain sets as inputs of the sorted-set algebra: every member scores 1, as in Redis.
 */
final class SetInputs {
    private SetInputs() {}

    /** A set value seen as scored members. */
    static ScoredMembers of(Object value) {
        throw new IllegalStateException("not a set value: " + value.getClass().getName());
    }
}
