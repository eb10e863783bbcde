package dev.cinnabar.server.family;

import dev.cinnabar.engine.GlobMatcher;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.AclCategory;
import dev.cinnabar.server.command.ArgumentSpec;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.command.KeyFinder;
import dev.cinnabar.server.command.KeySpec;
import java.util.ArrayList;
import java.util.List;

/** COMMAND and its subcommands: the command table, as Redis 7 publishes it. */
final class IntrospectionCommands extends CommandFamily {

    IntrospectionCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("command", this::all);
        bind("command|count", (c, a) -> c.reply().integer(server.commands().commands().size()));
        bind("command|list", this::list);
        bind("command|info", this::info);
        bind("command|docs", this::docs);
        bind("command|getkeys", (c, a) -> getKeys(c, a, false));
        bind("command|getkeysandflags", (c, a) -> getKeys(c, a, true));
        bind("command|help", (c, a) -> help(c, "COMMAND", HELP));
    }

    private void all(Client c, CommandArguments a) {
        c.reply().arrayHeader(server.commands().commands().size());
        for (CommandSpec spec : server.commands().commands()) {
            writeInfo(c.reply(), spec);
        }
    }

    private void info(Client c, CommandArguments a) {
        if (a.count() == 2) {
            all(c, a);
            return;
        }
        c.reply().arrayHeader(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            CommandSpec spec = server.commands().get(a.lowerString(i));
            if (spec == null) {
                c.reply().nullBulk();
            } else {
                writeInfo(c.reply(), spec);
            }
        }
    }

    /** One command's COMMAND INFO entry: the ten-element array of Redis 7. */
    static void writeInfo(ReplyWriter r, CommandSpec spec) {
        r.arrayHeader(10);
        r.bulkAscii(spec.fullName());
        r.integer(spec.arity());
        List<String> flags = spec.printedFlags();
        r.setHeader(flags.size());
        for (String f : flags) {
            r.simple(f);
        }
        r.integer(spec.firstKey());
        r.integer(spec.lastKey());
        r.integer(spec.keyStep());
        List<String> categories = spec.printedCategories();
        r.setHeader(categories.size());
        for (String cat : categories) {
            r.simple(cat);
        }
        r.setHeader(spec.tips().size());
        for (String tip : spec.tips()) {
            r.bulkAscii(tip);
        }
        // Key specs and subcommands are sets in RESP3, as Redis sends them.
        r.setHeader(spec.keySpecs().size());
        for (KeySpec k : spec.keySpecs()) {
            writeKeySpec(r, k);
        }
        r.setHeader(spec.subcommands().size());
        for (CommandSpec sub : spec.subcommands().values()) {
            writeInfo(r, sub);
        }
    }

    private static void writeKeySpec(ReplyWriter r, KeySpec k) {
        r.mapHeader(k.notes() == null ? 3 : 4);
        if (k.notes() != null) {
            r.bulkUtf8("notes");
            r.bulkUtf8(k.notes());
        }
        r.bulkAscii("flags");
        r.setHeader(k.flags().size());
        for (String f : KeySpec.FLAG_ORDER) {
            if (k.hasFlag(f)) {
                r.simple(f);
            }
        }
        r.bulkAscii("begin_search");
        r.mapHeader(2);
        r.bulkAscii("type");
        switch (k.begin()) {
            case KeySpec.BeginIndex index -> {
                r.bulkAscii("index");
                r.bulkAscii("spec");
                r.mapHeader(1);
                r.bulkAscii("index");
                r.integer(index.index());
            }
            case KeySpec.BeginKeyword keyword -> {
                r.bulkAscii("keyword");
                r.bulkAscii("spec");
                r.mapHeader(2);
                r.bulkAscii("keyword");
                r.bulkAscii(keyword.keyword());
                r.bulkAscii("startfrom");
                r.integer(keyword.startFrom());
            }
            case KeySpec.BeginUnknown unknown -> {
                r.bulkAscii("unknown");
                r.bulkAscii("spec");
                r.mapHeader(0);
            }
        }
        r.bulkAscii("find_keys");
        r.mapHeader(2);
        r.bulkAscii("type");
        switch (k.find()) {
            case KeySpec.FindRange range -> {
                r.bulkAscii("range");
                r.bulkAscii("spec");
                r.mapHeader(3);
                r.bulkAscii("lastkey");
                r.integer(range.lastKey());
                r.bulkAscii("keystep");
                r.integer(range.keyStep());
                r.bulkAscii("limit");
                r.integer(range.limit());
            }
            case KeySpec.FindKeyNum keyNum -> {
                r.bulkAscii("keynum");
                r.bulkAscii("spec");
                r.mapHeader(3);
                r.bulkAscii("keynumidx");
                r.integer(keyNum.keyNumIndex());
                r.bulkAscii("firstkey");
                r.integer(keyNum.firstKey());
                r.bulkAscii("keystep");
                r.integer(keyNum.keyStep());
            }
            case KeySpec.FindUnknown unknown -> {
                r.bulkAscii("unknown");
                r.bulkAscii("spec");
                r.mapHeader(0);
            }
        }
    }

    private void docs(Client c, CommandArguments a) {
        List<CommandSpec> specs = new ArrayList<>();
        if (a.count() == 2) {
            specs.addAll(server.commands().commands());
        } else {
            for (int i = 2; i < a.count(); i++) {
                CommandSpec spec = server.commands().get(a.lowerString(i));
                if (spec != null) {
                    specs.add(spec);
                }
            }
        }
        c.reply().mapHeader(specs.size());
        for (CommandSpec spec : specs) {
            c.reply().bulkAscii(spec.fullName());
            writeDocs(c.reply(), spec);
        }
    }

    private static void writeDocs(ReplyWriter r, CommandSpec spec) {
        int fields = 3 + (spec.complexity() != null ? 1 : 0) + (spec.docFlags().isEmpty() ? 0 : 1)
                + (spec.deprecatedSince() != null ? 1 : 0) + (spec.replacedBy() != null ? 1 : 0)
                + (spec.arguments().isEmpty() ? 0 : 1) + (spec.isContainer() ? 1 : 0);
        r.mapHeader(fields);
        r.bulkAscii("summary");
        r.bulkUtf8(spec.summary());
        r.bulkAscii("since");
        r.bulkAscii(spec.since());
        r.bulkAscii("group");
        r.bulkAscii(spec.group());
        if (spec.complexity() != null) {
            r.bulkAscii("complexity");
            r.bulkUtf8(spec.complexity());
        }
        if (!spec.docFlags().isEmpty()) {
            r.bulkAscii("doc_flags");
            r.setHeader(spec.docFlags().size());
            for (String f : spec.docFlags()) {
                r.simple(f);
            }
        }
        if (spec.deprecatedSince() != null) {
            r.bulkAscii("deprecated_since");
            r.bulkAscii(spec.deprecatedSince());
        }
        if (spec.replacedBy() != null) {
            r.bulkAscii("replaced_by");
            r.bulkUtf8(spec.replacedBy());
        }
        if (!spec.arguments().isEmpty()) {
            r.bulkAscii("arguments");
            writeArguments(r, spec.arguments());
        }
        if (spec.isContainer()) {
            r.bulkAscii("subcommands");
            r.mapHeader(spec.subcommands().size());
            for (CommandSpec sub : spec.subcommands().values()) {
                r.bulkAscii(sub.fullName());
                writeDocs(r, sub);
            }
        }
    }

    private static void writeArguments(ReplyWriter r, List<ArgumentSpec> arguments) {
        r.arrayHeader(arguments.size());
        for (ArgumentSpec arg : arguments) {
            boolean nested = arg.type().equals("oneof") || arg.type().equals("block");
            int fields = 2 + (arg.keySpecIndex() >= 0 ? 1 : 0) + (arg.token() != null ? 1 : 0)
                    + (arg.since() != null ? 1 : 0) + (arg.deprecatedSince() != null ? 1 : 0)
                    + (arg.flags().isEmpty() ? 0 : 1) + (nested ? 1 : 0);
            r.mapHeader(fields);
            r.bulkAscii("name");
            r.bulkAscii(arg.name());
            r.bulkAscii("type");
            r.bulkAscii(arg.type());
            if (arg.keySpecIndex() >= 0) {
                r.bulkAscii("key_spec_index");
                r.integer(arg.keySpecIndex());
            }
            if (arg.token() != null) {
                r.bulkAscii("token");
                r.bulkAscii(arg.token());
            }
            if (arg.since() != null) {
                r.bulkAscii("since");
                r.bulkAscii(arg.since());
            }
            if (arg.deprecatedSince() != null) {
                r.bulkAscii("deprecated_since");
                r.bulkAscii(arg.deprecatedSince());
            }
            if (!arg.flags().isEmpty()) {
                r.bulkAscii("flags");
                r.setHeader(arg.flags().size());
                for (String f : arg.flags()) {
                    r.simple(f);
                }
            }
            if (nested) {
                r.bulkAscii("arguments");
                writeArguments(r, arg.children());
            }
        }
    }

    private void list(Client c, CommandArguments a) {
        List<CommandSpec> all = server.commands().allCommands();
        List<String> names = new ArrayList<>();
        if (a.count() == 2) {
            for (CommandSpec spec : all) {
                names.add(spec.fullName());
            }
        } else if (a.count() == 5 && a.equalsIgnoreCase(2, "filterby")) {
            String value = a.string(4);
            if (a.equalsIgnoreCase(3, "module")) {
                // No modules: nothing matches.
            } else if (a.equalsIgnoreCase(3, "aclcat")) {
                AclCategory category = categoryOrNull(value);
                for (CommandSpec spec : all) {
                    if (category != null && spec.inCategory(category)) {
                        names.add(spec.fullName());
                    }
                }
            } else if (a.equalsIgnoreCase(3, "pattern")) {
                for (CommandSpec spec : all) {
                    if (GlobMatcher.matches(value, spec.fullName(), true)) {
                        names.add(spec.fullName());
                    }
                }
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        c.reply().arrayHeader(names.size());
        for (String name : names) {
            c.reply().bulkAscii(name);
        }
    }

    private static AclCategory categoryOrNull(String name) {
        try {
            return AclCategory.fromName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void getKeys(Client c, CommandArguments a, boolean withFlags) {
        CommandSpec spec = lookupCall(a, 2);
        if (spec == null) {
            c.reply().error("ERR Invalid command specified");
            return;
        }
        if (!KeyFinder.hasKeys(spec)) {
            c.reply().error("ERR The command has no key arguments");
            return;
        }
        int argc = a.count() - 2;
        if (!spec.arityAccepts(argc)) {
            c.reply().error("ERR Invalid number of arguments specified for command");
            return;
        }
        List<KeyFinder.Key> keys = KeyFinder.find(spec, a, 2, argc);
        if (keys.isEmpty()) {
            if (spec.has(dev.cinnabar.server.command.CommandFlag.NO_MANDATORY_KEYS)) {
                c.reply().arrayHeader(0);
            } else {
                c.reply().error("ERR Invalid arguments specified for command");
            }
            return;
        }
        c.reply().arrayHeader(keys.size());
        for (KeyFinder.Key key : keys) {
            int at = 2 + key.position();
            if (withFlags) {
                c.reply().arrayHeader(2);
                c.reply().bulk(a.arrayOf(at), a.offsetOf(at), a.length(at));
                c.reply().setHeader(key.flags().size());
                for (String f : KeySpec.FLAG_ORDER) {
                    if (key.flags().contains(f)) {
                        c.reply().simple(f);
                    }
                }
            } else {
                c.reply().bulk(a.arrayOf(at), a.offsetOf(at), a.length(at));
            }
        }
    }

    /** Finds the command named at {@code args[offset]} (and its subcommand), as lookupCommand does. */
    private CommandSpec lookupCall(CommandArguments a, int offset) {
        String name = a.lowerString(offset);
        if (name.indexOf('|') >= 0) {
            return null;
        }
        CommandSpec base = server.commands().get(name);
        if (base == null || !base.isContainer() || a.count() - offset < 2) {
            return base;
        }
        return base.subcommand(a.lowerString(offset + 1));
    }

    private static final List<String> HELP = List.of(
            "(no subcommand)",
            "    Describe every command Cinnabar answers.",
            "COUNT",
            "    Number of commands Cinnabar answers.",
            "DOCS [<command-name> ...]",
            "    Documentation of the given commands, or of all of them.",
            "GETKEYS <full-command>",
            "    The key arguments of a command call.",
            "GETKEYSANDFLAGS <full-command>",
            "    The key arguments of a command call, each with its key-spec flags.",
            "INFO [<command-name> ...]",
            "    Describe the given commands, or all of them.",
            "LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]",
            "    The names of the commands, optionally filtered by module, ACL category or glob-style pattern.");
}
