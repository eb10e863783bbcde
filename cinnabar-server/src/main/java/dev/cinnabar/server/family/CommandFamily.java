package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.StringValues;
import dev.cinnabar.engine.value.ValueType;
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
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_A_FLOAT = "ERR value is not a valid float";
    /** Redis's getIntFromObjectOrReply error for an integer outside the int range. */
    static final String INT_RANGE = "ERR value is out of range, value must between -2147483648 and 2147483647";

    final Server server;
    private CommandTable table;

    CommandFamily(Server server) {
        this.server = server;
    }

    final Keyspace keyspace() {
        return server.keyspace();
    }

    // ---- keys: the lookups every data command uses ----

    /** Looks argument {@code i} up as a key for reading (lazy expiry, hit/miss statistics). */
    final KeyEntry readKey(Client c, CommandArguments a, int i) {
        return server.keyspace().lookupRead(c.database(), a.arrayOf(i), a.offsetOf(i), a.length(i), c.noTouch());
    }

    /** Looks argument {@code i} up as a key for writing (lazy expiry, no statistics). */
    final KeyEntry writeKey(Client c, CommandArguments a, int i) {
        return server.keyspace().lookupWrite(c.database(), a.arrayOf(i), a.offsetOf(i), a.length(i));
    }

    /**
     * Redis's lookupKeyReadOrReply followed by checkType: the entry of argument {@code i}, or
     * null after replying {@code whenAbsent} (no such key) or WRONGTYPE (another type).
     */
    final KeyEntry readKeyOrReply(Client c, CommandArguments a, int i, byte[] whenAbsent, ValueType type) {
        return existingOrReply(c, readKey(c, a, i), whenAbsent, type);
    }

    /** {@link #readKeyOrReply} for a command that writes (lookupKeyWriteOrReply). */
    final KeyEntry writeKeyOrReply(Client c, CommandArguments a, int i, byte[] whenAbsent, ValueType type) {
        return existingOrReply(c, writeKey(c, a, i), whenAbsent, type);
    }

    private static KeyEntry existingOrReply(Client c, KeyEntry e, byte[] whenAbsent, ValueType type) {
        if (e == null) {
            c.reply().raw(whenAbsent);
            return null;
        }
        return wrongType(c, e, type) ? null : e;
    }

    /** Where a collection scan starts: its key's entry, the cursor and the parsed options. */
    record ScanStart(KeyEntry entry, long cursor, ScanArguments options) {}

    /**
     * The opening SSCAN and ZSCAN share, in Redis's order: the cursor, the key (an empty scan
     * when absent), its type, then the options. Returns null once a reply has been written.
     * (HSCAN has its own: expired fields are dropped before the empty-scan check.)
     */
    final ScanStart startScan(Client c, CommandArguments a, ValueType type) {
        long[] cursor = new long[1];
        if (!ScanArguments.readCursor(c.reply(), a, 2, cursor)) {
            return null;
        }
        KeyEntry e = readKeyOrReply(c, a, 1, ScanArguments.EMPTY_SCAN, type);
        if (e == null) {
            return null;
        }
        ScanArguments options = ScanArguments.parse(c.reply(), a, 3, ScanArguments.Extra.NONE);
        return options == null ? null : new ScanStart(e, cursor[0], options);
    }

    /**
     * The one type check of every command: true when the entry exists and holds another type
     * than {@code expected}, after replying WRONGTYPE.
     */
    static boolean wrongType(Client c, KeyEntry e, ValueType expected) {
        if (e != null && ValueType.of(e.value()) != expected) {
            c.reply().error(WRONGTYPE);
            return true;
        }
        return false;
    }

    /** {@link #wrongType} for strings. */
    static boolean notString(Client c, KeyEntry e) {
        if (e != null && !StringValues.isString(e.value())) {
            c.reply().error(WRONGTYPE);
            return true;
        }
        return false;
    }

    /** The value a client string becomes when stored: an integer when Redis would encode it so. */
    static Object storedString(CommandArguments a, int i) {
        int len = a.length(i);
        if (len <= 20 && a.isLong(i)) {
            return a.longValue(i);
        }
        return a.take(i);
    }

    /** Writes a string value as a bulk reply. */
    static void replyString(Client c, Object value) {
        if (value instanceof byte[] b) {
            c.reply().bulk(b);
        } else if (value instanceof Long l) {
            c.reply().bulkLong(l);
        } else {
            dev.cinnabar.engine.value.MutableString m = (dev.cinnabar.engine.value.MutableString) value;
            c.reply().bulk(m.array(), 0, m.length());
        }
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

    /** Gives a command its own key finder, for keys its key specs cannot describe. */
    final void bindKeys(String fullName, dev.cinnabar.server.command.KeyFinder.Custom finder) {
        table.get(fullName).bindKeyFinder(finder);
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
        client.reply().simple("    Prints this help.");
    }
}
