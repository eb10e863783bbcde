package dev.cinnabar.server.command;

import java.util.List;

/** One node of a command's argument tree, as COMMAND DOCS describes it. */
public record ArgumentSpec(
        String name,
        String type,
        int keySpecIndex,
        String token,
        String since,
        String deprecatedSince,
        List<String> flags,
        List<ArgumentSpec> children) {

    public static final List<String> TYPES =
            List.of("string", "integer", "double", "key", "pattern", "unix-time", "pure-token", "oneof", "block");

    public static final List<String> FLAGS = List.of("optional", "multiple", "multiple_token");
}
