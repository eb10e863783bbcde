package dev.cinnabar.server.family;

/** SORT's access to sorted sets (filled in when the sorted-set type lands). */
final class ZSetSortSource {
    private ZSetSortSource() {}

    static long length(Object value) {
        throw new IllegalStateException("not a sortable value: " + value.getClass().getName());
    }

    static void all(Object value, SortCommands.SortSources.Sink sink) {
        throw new IllegalStateException("not a sortable value: " + value.getClass().getName());
    }

    static void range(Object value, long start, long n, boolean reverse, SortCommands.SortSources.Sink sink) {
        throw new IllegalStateException("not a sortable value: " + value.getClass().getName());
    }
}
