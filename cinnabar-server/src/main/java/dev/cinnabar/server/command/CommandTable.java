package dev.cinnabar.server.command;

import dev.cinnabar.resp.CommandArguments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command table: every command Cinnabar answers, read from the declarative spec resources,
 * with a lookup that finds a command from the raw argument bytes without allocating.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    private CommandSpec[] slots = new CommandSpec[0];
    private int mask;

    /** Loads the named spec resources (relative to {@code dev/cinnabar/commands/}). */
    public void load(String... specResources) {
        for (String resource : specResources) {
            String path = "/dev/cinnabar/commands/" + resource;
            try (InputStream in = CommandTable.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing command spec resource " + path);
                }
                SpecParser.parse(resource, in, commands);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        rebuildIndex();
    }

    /** Loads one spec from a stream (tests use it to check the parser and the validation). */
    void load(String name, InputStream in) throws IOException {
        SpecParser.parse(name, in, commands);
        rebuildIndex();
    }

    /** A top-level command by lowercase name, or null. */
    public CommandSpec get(String lowerName) {
        int bar = lowerName.indexOf('|');
        if (bar >= 0) {
            CommandSpec parent = commands.get(lowerName.substring(0, bar));
            return parent == null ? null : parent.subcommand(lowerName.substring(bar + 1));
        }
        return commands.get(lowerName);
    }

    /** Top-level commands in declaration order. */
    public Collection<CommandSpec> commands() {
        return commands.values();
    }

    /** Every command and subcommand, depth first. */
    public List<CommandSpec> allCommands() {
        List<CommandSpec> all = new ArrayList<>();
        for (CommandSpec c : commands.values()) {
            all.add(c);
            all.addAll(c.subcommands().values());
        }
        return all;
    }

    /**
     * Checks that every command and subcommand has a handler and consistent facts, so that a
     * mistake in a spec file fails at start-up (and in the unit test) rather than at run time.
     */
    public void validate() {
        List<String> problems = new ArrayList<>();
        for (CommandSpec c : allCommands()) {
            if (c.handler == null && !c.isContainer()) {
                problems.add(c.fullName() + ": no handler bound");
            }
            if (c.arity == 0) {
                problems.add(c.fullName() + ": arity missing");
            }
            if (c.summary == null || c.summary.isBlank() || c.summary.equals("?")) {
                problems.add(c.fullName() + ": summary missing");
            }
            if (c.group == null || c.since == null) {
                problems.add(c.fullName() + ": group or since missing");
            }
            if (c.has(CommandFlag.WRITE) != c.inCategory(AclCategory.WRITE)) {
                problems.add(c.fullName() + ": the write flag and the @write category disagree");
            }
            if (c.has(CommandFlag.FAST) && c.inCategory(AclCategory.SLOW)) {
                problems.add(c.fullName() + ": both fast and @slow");
            }
            if (c.firstKey != 0 && c.keySpecs.isEmpty()) {
                problems.add(c.fullName() + ": key positions without key specs");
            }
            checkKeyArguments(c, c.arguments, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("inconsistent command table:\n  " + String.join("\n  ", problems));
        }
    }

    private static void checkKeyArguments(CommandSpec c, List<ArgumentSpec> args, List<String> problems) {
        for (ArgumentSpec a : args) {
            if (a.type().equals("key") && (a.keySpecIndex() < 0 || a.keySpecIndex() >= c.keySpecs.size())) {
                problems.add(c.fullName() + ": key argument '" + a.name() + "' names no key spec");
            }
            checkKeyArguments(c, a.children(), problems);
        }
    }

    // ---- allocation-free lookup from argument bytes ----

    private void rebuildIndex() {
        int size = Integer.highestOneBit(Math.max(16, commands.size() * 4) - 1) << 1;
        slots = new CommandSpec[size];
        mask = size - 1;
        for (CommandSpec c : commands.values()) {
            byte[] name = c.fullName().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int slot = hashLower(name, 0, name.length) & mask;
            while (slots[slot] != null) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = c;
        }
    }

    private static int hashLower(byte[] b, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = 0; i < len; i++) {
            int c = b[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            h = (h ^ c) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** The top-level command named by argument 0, or null. */
    public CommandSpec lookupTopLevel(CommandArguments args) {
        byte[] a = args.arrayOf(0);
        int off = args.offsetOf(0);
        int len = args.length(0);
        int slot = hashLower(a, off, len) & mask;
        CommandSpec c;
        while ((c = slots[slot]) != null) {
            if (c.name.length() == len && args.equalsIgnoreCase(0, c.name)) {
                return c;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /**
     * Finds the command to run, as Redis's lookupCommand does: a container with at least two
     * arguments resolves to its subcommand (null when there is no such subcommand); a container
     * alone resolves to itself, so that the arity check reports it.
     */
    public CommandSpec lookup(CommandArguments args) {
        CommandSpec base = lookupTopLevel(args);
        if (base == null || !base.isContainer() || args.count() < 2) {
            return base;
        }
        return base.subcommand(args.lowerString(1));
    }
}
