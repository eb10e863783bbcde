package dev.cinnabar.server.family;

import dev.cinnabar.engine.value.SortedSet;

/**
 * SORT's access to sorted sets. As Redis does, SORT first converts a listpack sorted set to a
 * skiplist, for good (OBJECT ENCODING shows "skiplist" afterwards, even after SORT_RO).
 */
final class ZSetSortSource {
    private ZSetSortSource() {}

    private static SortedSet prepared(Object value) {
        SortedSet zset = (SortedSet) value;
        zset.convertToSkiplist();
        return zset;
    }

    static long length(Object value) {
        return prepared(value).size();
    }

    /** Every member, by rank (Redis walks its member table; the order only matters for ties). */
    static void all(Object value, SortCommands.SortSources.Sink sink) {
        prepared(value).forEach((member, score) -> sink.accept(member));
    }

    /** {@code n} members from rank {@code start}, counted from the highest score when {@code reverse}. */
    static void range(Object value, long start, long n, boolean reverse, SortCommands.SortSources.Sink sink) {
        if (n > 0) {
            prepared(value).rangeByRank(start, start + n - 1, reverse, (member, score) -> sink.accept(member));
        }
    }
}
