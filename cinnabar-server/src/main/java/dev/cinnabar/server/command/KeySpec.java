package dev.cinnabar.server.command;

import java.util.List;

/**
 * A Redis 7 key specification: where the search for keys begins (a fixed index or after a
 * keyword) and how keys are found from there (a range or a count argument), plus flags that say
 * what the command does with those keys. {@code notes} is an optional remark (our own words), or null.
 */
public record KeySpec(List<String> flags, BeginSearch begin, FindKeys find, String notes) {

    /** Key spec flags in the order (and spelling) Redis 7.0 prints them. */
    public static final List<String> FLAG_ORDER = List.of(
            "RO", "RW", "OW", "RM", "access", "update", "insert", "delete", "not_key", "incomplete", "variable_flags");

    public sealed interface BeginSearch {}

    /** Keys start at a fixed argument index. */
    public record BeginIndex(int index) implements BeginSearch {}

    /**
     * Keys start after a keyword, searched from {@code startFrom} (negative: from the end,
     * searching backwards).
     */
    public record BeginKeyword(String keyword, int startFrom) implements BeginSearch {}

    public record BeginUnknown() implements BeginSearch {}

    public sealed interface FindKeys {}

    /**
     * Keys run from the begin position to {@code lastKey} (relative; negative counts from the end),
     * every {@code keyStep} arguments; with {@code limit} above 1 only that fraction of the
     * remaining arguments.
     */
    public record FindRange(int lastKey, int keyStep, int limit) implements FindKeys {}

    /** The number of keys is an argument at {@code keyNumIndex} (relative to the begin position). */
    public record FindKeyNum(int keyNumIndex, int firstKey, int keyStep) implements FindKeys {}

    public record FindUnknown() implements FindKeys {}

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }
}
