package dev.cinnabar.server.command;

import dev.cinnabar.resp.CommandArguments;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the key arguments of a command call from its key specs, as Redis 7's
 * getKeysUsingKeySpecs does. This is what COMMAND GETKEYS answers from; later, cluster slot
 * checks and script key checks use it too. A command whose keys depend on its options in ways
 * the specs cannot describe (SET's GET option changes the flags, SORT's STORE adds a key) can
 * register its own {@link Custom} finder.
 */
public final class KeyFinder {
    private KeyFinder() {}

    /** One key found: its argument index and the flags of the spec that found it. */
    public record Key(int position, List<String> flags) {}

    /** A command-specific key finder, used instead of the specs. */
    @FunctionalInterface
    public interface Custom {
        /** The keys of the call; null when the arguments are invalid for key extraction. */
        List<Key> find(CommandSpec spec, CommandArguments args, int offset, int argc);
    }

    /** Whether the command declares keys at all (COMMAND GETKEYS "has no key arguments" otherwise). */
    public static boolean hasKeys(CommandSpec spec) {
        if (spec.customKeys != null) {
            return true;
        }
        for (KeySpec k : spec.keySpecs()) {
            if (!k.hasFlag("not_key")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The keys of a call whose command name is at {@code args[offset]} and which has {@code argc}
     * arguments (name included). Returns an empty list when a spec does not fit the arguments.
     */
    public static List<Key> find(CommandSpec spec, CommandArguments args, int offset, int argc) {
        if (spec.customKeys != null) {
            List<Key> keys = spec.customKeys.find(spec, args, offset, argc);
            return keys == null ? List.of() : keys;
        }
        List<Key> keys = new ArrayList<>();
        for (KeySpec keySpec : spec.keySpecs()) {
            int first;
            switch (keySpec.begin()) {
                case KeySpec.BeginIndex index -> first = index.index();
                case KeySpec.BeginKeyword keyword -> {
                    first = 0;
                    int start = keyword.startFrom() > 0 ? keyword.startFrom() : argc + keyword.startFrom();
                    int end = keyword.startFrom() > 0 ? argc - 1 : 1;
                    for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
                        if (i >= argc || i < 1) {
                            break;
                        }
                        if (args.equalsIgnoreCase(offset + i, keyword.keyword())) {
                            first = i + 1;
                            break;
                        }
                    }
                    if (first == 0) {
                        continue;
                    }
                }
                case KeySpec.BeginUnknown unknown -> {
                    return List.of();
                }
            }
            int last;
            int step;
            switch (keySpec.find()) {
                case KeySpec.FindRange range -> {
                    step = range.keyStep();
                    if (range.lastKey() >= 0) {
                        last = first + range.lastKey();
                    } else if (range.limit() == 0) {
                        last = argc + range.lastKey();
                    } else {
                        last = first + ((argc - first) / range.limit() + range.lastKey());
                    }
                }
                case KeySpec.FindKeyNum keyNum -> {
                    step = keyNum.keyStep();
                    int at = first + keyNum.keyNumIndex();
                    if (keyNum.keyNumIndex() >= argc || at >= argc || !args.isLong(offset + at)) {
                        return List.of();
                    }
                    long count = args.longValue(offset + at);
                    if (count < 0) {
                        return List.of();
                    }
                    first += keyNum.firstKey();
                    last = (int) Math.min(Integer.MAX_VALUE, first + count - 1);
                }
                case KeySpec.FindUnknown unknown -> {
                    return List.of();
                }
            }
            if (last >= argc || last < first || first >= argc) {
                return List.of();
            }
            for (int i = first; i <= last; i += step) {
                keys.add(new Key(i, keySpec.flags()));
            }
        }
        return keys;
    }
}
