package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandHandler;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.command.CommandTable;
import java.util.List;

/** What every command family shares: the server, binding handlers, and common replies. */
abstract class CommandFamily {
    static final String SYNTAX_ERROR = "ERR syntax error";
    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

    final Server server;
    private CommandTable table;

    CommandFamily(Server server) {
        this.server = server;
    }

    /** Binds every handler of this family. */
    final void register(CommandTable table) {
        this.table = table;
        bindAll();
    }

    abstract void bindAll();

    /** Binds {@code handler} to the command or subcommand named {@code fullName} (e.g. "client|kill"). */
    final void bind(String fullName, CommandHandler handler) {
        CommandSpec spec = table.get(fullName);
        if (spec == null) {
            throw new IllegalStateException("no spec for command '" + fullName + "'");
        }
        spec.bind(handler);
    }

    /**
     * Redis's reply to a subcommand called with arguments it cannot take:
     * "unknown subcommand or wrong number of arguments for 'x'. Try CMD HELP."
     */
    static void subcommandSyntaxError(Client client, CommandArguments args, String container) {
        String sub = args.count() > 1 ? args.cString(1) : "";
        if (sub.length() > 128) {
            sub = sub.substring(0, 128);
        }
        client.reply().error("ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try "
                + container + " HELP.");
    }

    /** Replies with a HELP text: the lines as simple strings, as Redis's addReplyHelp does. */
    static void help(Client client, String container, List<String> lines) {
        client.reply().arrayHeader(lines.size() + 3);
        client.reply().simple(container + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            client.reply().simple(line);
        }
        client.reply().simple("HELP");
        client.reply().simple("    Print this help.");
    }
}
