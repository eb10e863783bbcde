package dev.cinnabar.server.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the declarative command table from {@code *.spec} resources. The format is described in
 * {@code dev/cinnabar/commands/README.md}; in short, one block per command:
 *
 * <pre>
 * command client|kill
 * summary Closes client connections chosen by address or by filters.
 * group connection
 * since 2.4.0
 * complexity O(N) where N is the number of client connections
 * arity -3
 * flags admin noscript loading stale
 * acl admin slow dangerous connection
 * keys 1 1 1
 * keyspec RW access update | index 1 | range 0 1 0
 * args
 *   filter oneof
 *     ip:port string deprecated_since=2.8.12
 * </pre>
 *
 * Argument lines are indented two spaces per nesting level below {@code args}.
 */
public final class SpecParser {
    private final Map<String, CommandSpec> commands;
    private final String resourceName;
    private int lineNumber;

    private SpecParser(Map<String, CommandSpec> commands, String resourceName) {
        this.commands = commands;
        this.resourceName = resourceName;
    }

    /** Parses one spec resource, adding its commands to {@code commands} (top-level names only). */
    public static void parse(String resourceName, InputStream in, Map<String, CommandSpec> commands) throws IOException {
        new SpecParser(commands, resourceName).parse(in);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(resourceName + ":" + lineNumber + ": " + message);
    }

    private void parse(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        CommandSpec current = null;
        boolean inArguments = false;
        // Stack of argument lists by depth while reading an 'args' section.
        List<List<ArgumentSpec>> listsByDepth = new ArrayList<>();
        List<PendingArgument> pendingStack = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (inArguments && line.startsWith(" ")) {
                int indent = 0;
                while (indent < line.length() && line.charAt(indent) == ' ') {
                    indent++;
                }
                if (indent % 2 != 0) {
                    throw error("argument lines are indented by two spaces per level");
                }
                int depth = indent / 2;
                if (depth < 1 || depth > pendingStack.size() + 1) {
                    throw error("argument nesting jumps a level");
                }
                while (pendingStack.size() >= depth) {
                    closeArgument(pendingStack, listsByDepth);
                }
                pendingStack.add(parseArgument(line.substring(indent)));
                continue;
            }
            if (inArguments) {
                while (!pendingStack.isEmpty()) {
                    closeArgument(pendingStack, listsByDepth);
                }
                current.arguments = List.copyOf(listsByDepth.isEmpty() ? List.of() : listsByDepth.get(0));
                listsByDepth.clear();
                inArguments = false;
            }
            int space = line.indexOf(' ');
            String directive = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1).trim();
            if (directive.equals("command")) {
                current = newCommand(rest);
                continue;
            }
            if (current == null) {
                throw error("'" + directive + "' before any 'command' line");
            }
            switch (directive) {
                case "summary" -> current.summary = rest;
                case "group" -> current.group = rest;
                case "since" -> current.since = rest;
                case "complexity" -> current.complexity = rest;
                case "docflags" -> current.docFlags = words(rest);
                case "deprecated_since" -> current.deprecatedSince = rest;
                case "replaced_by" -> current.replacedBy = rest;
                case "arity" -> current.arity = parseInt(rest);
                case "flags" -> {
                    for (String f : words(rest)) {
                        current.flags |= CommandFlag.fromWireName(f).bit();
                    }
                }
                case "acl" -> {
                    for (String c : words(rest)) {
                        current.aclCategories |= AclCategory.fromName(c).bit();
                    }
                }
                case "keys" -> {
                    List<String> w = words(rest);
                    if (w.size() != 3) {
                        throw error("keys takes first, last and step");
                    }
                    current.firstKey = parseInt(w.get(0));
                    current.lastKey = parseInt(w.get(1));
                    current.keyStep = parseInt(w.get(2));
                }
                case "tips" -> current.tips = words(rest);
                case "keyspec" -> {
                    List<KeySpec> specs = new ArrayList<>(current.keySpecs);
                    specs.add(parseKeySpec(rest));
                    current.keySpecs = List.copyOf(specs);
                }
                case "keynotes" -> {
                    if (current.keySpecs.isEmpty()) {
                        throw error("keynotes before any keyspec");
                    }
                    List<KeySpec> specs = new ArrayList<>(current.keySpecs);
                    KeySpec last = specs.remove(specs.size() - 1);
                    specs.add(new KeySpec(last.flags(), last.begin(), last.find(), rest));
                    current.keySpecs = List.copyOf(specs);
                }
                case "args" -> {
                    inArguments = true;
                    listsByDepth.clear();
                    listsByDepth.add(new ArrayList<>());
                }
                default -> throw error("unknown directive '" + directive + "'");
            }
        }
        if (inArguments) {
            while (!pendingStack.isEmpty()) {
                closeArgument(pendingStack, listsByDepth);
            }
            current.arguments = List.copyOf(listsByDepth.get(0));
        }
    }

    private CommandSpec newCommand(String name) {
        if (!name.equals(name.toLowerCase()) || name.isEmpty()) {
            throw error("command names are lowercase");
        }
        int bar = name.indexOf('|');
        if (bar < 0) {
            if (commands.containsKey(name)) {
                throw error("command '" + name + "' declared twice");
            }
            CommandSpec spec = new CommandSpec(name, null);
            commands.put(name, spec);
            return spec;
        }
        CommandSpec parent = commands.get(name.substring(0, bar));
        if (parent == null) {
            throw error("subcommand '" + name + "' declared before its container");
        }
        String sub = name.substring(bar + 1);
        if (parent.subcommands.containsKey(sub)) {
            throw error("subcommand '" + name + "' declared twice");
        }
        CommandSpec spec = new CommandSpec(name, parent);
        parent.subcommands.put(sub, spec);
        return spec;
    }

    /** An argument whose children are still being read. */
    private record PendingArgument(ArgumentSpec head, List<ArgumentSpec> children) {}

    private void closeArgument(List<PendingArgument> stack, List<List<ArgumentSpec>> listsByDepth) {
        PendingArgument done = stack.remove(stack.size() - 1);
        ArgumentSpec h = done.head();
        ArgumentSpec complete = new ArgumentSpec(h.name(), h.type(), h.keySpecIndex(), h.token(), h.since(),
                h.deprecatedSince(), h.flags(), List.copyOf(done.children()));
        if (stack.isEmpty()) {
            listsByDepth.get(0).add(complete);
        } else {
            stack.get(stack.size() - 1).children().add(complete);
        }
    }

    private PendingArgument parseArgument(String text) {
        List<String> w = words(text);
        if (w.size() < 2) {
            throw error("an argument needs a name and a type");
        }
        String type = w.get(1);
        if (!ArgumentSpec.TYPES.contains(type)) {
            throw error("unknown argument type '" + type + "'");
        }
        int keySpec = -1;
        String token = null;
        String since = null;
        String deprecated = null;
        List<String> flags = new ArrayList<>();
        for (String word : w.subList(2, w.size())) {
            if (word.startsWith("key_spec=")) {
                keySpec = parseInt(word.substring(9));
            } else if (word.startsWith("token=")) {
                token = word.substring(6);
            } else if (word.startsWith("since=")) {
                since = word.substring(6);
            } else if (word.startsWith("deprecated_since=")) {
                deprecated = word.substring(17);
            } else if (ArgumentSpec.FLAGS.contains(word)) {
                flags.add(word);
            } else {
                throw error("unknown argument attribute '" + word + "'");
            }
        }
        ArgumentSpec head = new ArgumentSpec(w.get(0), type, keySpec, token, since, deprecated, List.copyOf(flags), List.of());
        return new PendingArgument(head, new ArrayList<>());
    }

    private KeySpec parseKeySpec(String text) {
        String[] parts = text.split("\\|");
        if (parts.length != 3) {
            throw error("keyspec is 'FLAGS | begin | find'");
        }
        List<String> flags = words(parts[0]);
        for (String f : flags) {
            if (!KeySpec.FLAG_ORDER.contains(f)) {
                throw error("unknown key spec flag '" + f + "'");
            }
        }
        List<String> begin = words(parts[1]);
        KeySpec.BeginSearch beginSearch = switch (begin.get(0)) {
            case "index" -> new KeySpec.BeginIndex(parseInt(begin.get(1)));
            case "keyword" -> new KeySpec.BeginKeyword(begin.get(1), parseInt(begin.get(2)));
            case "unknown" -> new KeySpec.BeginUnknown();
            default -> throw error("unknown begin_search '" + begin.get(0) + "'");
        };
        List<String> find = words(parts[2]);
        KeySpec.FindKeys findKeys = switch (find.get(0)) {
            case "range" -> new KeySpec.FindRange(parseInt(find.get(1)), parseInt(find.get(2)), parseInt(find.get(3)));
            case "keynum" -> new KeySpec.FindKeyNum(parseInt(find.get(1)), parseInt(find.get(2)), parseInt(find.get(3)));
            case "unknown" -> new KeySpec.FindUnknown();
            default -> throw error("unknown find_keys '" + find.get(0) + "'");
        };
        return new KeySpec(List.copyOf(flags), beginSearch, findKeys, null);
    }

    private int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw error("not an integer: '" + s + "'");
        }
    }

    /** Splits on spaces, honouring "double quotes" with backslash escapes. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            while (i < n && (quoted || text.charAt(i) != ' ')) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\\' && quoted && i + 1 < n) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
                i++;
            }
            out.add(word.toString());
        }
        return out;
    }
}
