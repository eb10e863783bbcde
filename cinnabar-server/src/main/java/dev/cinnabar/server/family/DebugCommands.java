package dev.cinnabar.server.family;

import dev.cinnabar.engine.Database;
import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.value.ListValue;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.ValueDigest;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DEBUG, with the subcommands that client libraries and test suites use. Gated by
 * enable-debug-command in the dispatcher (the command is flagged protected).
 */
final class DebugCommands extends CommandFamily {
    DebugCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("debug", this::debug);
    }

    private void debug(Client c, CommandArguments a) {
        ReplyWriter r = c.reply();
        String sub = a.lowerString(1);
        int argc = a.count();
        switch (sub) {
            case "help" -> help(c, "DEBUG", HELP);
            case "sleep" -> {
                if (argc != 3) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                double seconds = parseCDouble(a.string(2));
                long nanos = (long) (seconds * 1e9);
                if (nanos > 0) {
                    try {
                        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                r.ok();
            }
            case "set-active-expire" -> {
                if (argc != 3) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                keyspace().setActiveExpireEnabled(parseCInteger(a.string(2)) != 0);
                r.ok();
            }
            case "object" -> {
                if (argc != 3) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                debugObject(c, a);
            }
            case "digest" -> {
                if (argc != 2) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                r.simple(datasetDigest());
            }
            case "digest-value" -> {
                r.arrayHeader(argc - 2);
                ValueDigest digest = new ValueDigest();
                for (int i = 2; i < argc; i++) {
                    KeyEntry e = keyspace().database(c.database()).find(a.arrayOf(i), a.offsetOf(i), a.length(i));
                    byte[] d = new byte[20];
                    if (e != null) {
                        digest.addValue(d, e.value(), e.hasExpire());
                    }
                    r.simple(ValueDigest.hex(d));
                }
            }
            case "populate" -> {
                if (argc < 3 || argc > 5) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                populate(c, a);
            }
            case "protocol" -> {
                if (argc != 3) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                protocol(c, a.lowerString(2));
            }
            case "log" -> {
                if (argc != 3) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                server.log().warning("DEBUG LOG: " + a.string(2));
                r.ok();
            }
            case "error" -> {
                if (argc != 3) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                String message = a.cString(2);
                // Redis sends the text exactly as given, with nothing added.
                r.error(message);
            }
            default -> subcommandSyntaxError(c, a, "DEBUG");
        }
    }

    /**
     * DEBUG DIGEST: Redis's dataset digest. Each key's digest (key name, type, value, expire mark)
     * is xored into the database's, so the order of keys does not matter; databases are mixed in
     * order of their index. Keys whose time is up but that are not removed yet count, as in Redis.
     */
    private String datasetDigest() {
        ValueDigest digest = new ValueDigest();
        byte[] all = new byte[20];
        for (int i = 0; i < keyspace().databaseCount(); i++) {
            Database d = keyspace().database(i);
            if (d.size() == 0) {
                continue;
            }
            digest.mixInt(all, i);
            d.forEach(entry -> {
                KeyEntry e = (KeyEntry) entry;
                byte[] keyDigest = new byte[20];
                digest.mix(keyDigest, e.key());
                digest.addValue(keyDigest, e.value(), e.hasExpire());
                digest.xor(all, keyDigest);
            });
        }
        return ValueDigest.hex(all);
    }

    /** DEBUG OBJECT: Redis's one-line summary of a value (the address is the entry's identity hash). */
    private void debugObject(Client c, CommandArguments a) {
        KeyEntry e = keyspace().database(c.database()).find(a.arrayOf(2), a.offsetOf(2), a.length(2));
        if (e == null) {
            c.reply().error("ERR no such key");
            return;
        }
        long idle = KeyCommands.idleSeconds(keyspace(), e);
        c.reply().simple("Value at:0x" + Integer.toHexString(System.identityHashCode(e.value())) + " refcount:"
                + KeyCommands.refcount(e.value()) + " encoding:" + KeyCommands.encoding(e.value())
                + " serializedlength:" + SerializedLength.of(e.value())
                + " lru:" + e.access() + " lru_seconds_idle:" + idle
                + (e.value() instanceof ListValue list ? ListSupport.debugFields(list) : ""));
    }

    /** DEBUG POPULATE count [prefix] [size]: count string keys "prefix:N" holding "value:N" (padded). */
    private void populate(Client c, CommandArguments a) {
        // Redis's getPositiveLongFromObjectOrReply gives one message for "not a number" and "negative".
        if (!a.isLong(2) || a.longValue(2) < 0) {
            c.reply().error("ERR value is out of range, must be positive");
            return;
        }
        long count = a.longValue(2);
        long size = 0;
        if (a.count() == 5) {
            if (!a.isLong(4) || a.longValue(4) < 0) {
                c.reply().error("ERR value is out of range, must be positive");
                return;
            }
            size = a.longValue(4);
        }
        String prefix = a.count() >= 4 ? a.string(3) : "key";
        Keyspace ks = keyspace();
        int db = c.database();
        Database d = ks.database(db);
        for (long j = 0; j < count; j++) {
            byte[] key = (prefix + ":" + j).getBytes(StandardCharsets.ISO_8859_1);
            if (ks.lookupWrite(db, key, 0, key.length) != null) {
                continue;
            }
            byte[] text = ("value:" + j).getBytes(StandardCharsets.ISO_8859_1);
            byte[] value = text;
            if (size > 0) {
                value = new byte[(int) size];
                System.arraycopy(text, 0, value, 0, (int) Math.min(size, text.length));
            }
            d.add(key, value);
            ks.changed(db, key, KeyEventClass.STRING, "populate");
        }
        c.reply().ok();
    }

    /** DEBUG PROTOCOL: one sample value of each RESP3 type, with Redis's exact samples. */
    private void protocol(Client c, String type) {
        ReplyWriter r = c.reply();
        switch (type) {
            case "string" -> r.bulkAscii("Hello World");
            case "integer" -> r.integer(12345);
            case "double" -> r.doubleValue(3.141);
            case "bignum" -> r.bigNumber("1234567999999999999999999999999999999");
            case "null" -> r.nullBulk();
            case "array" -> {
                r.arrayHeader(3);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                }
            }
            case "set" -> {
                r.setHeader(3);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                }
            }
            case "map" -> {
                r.mapHeader(3);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                    r.bool(j == 1);
                }
            }
            case "attrib" -> {
                if (r.isResp3()) {
                    r.attributeHeader(1);
                    r.bulkAscii("key-popularity");
                    r.arrayHeader(2);
                    r.bulkAscii("key:123");
                    r.integer(90);
                }
                r.bulkAscii("Some real reply following the attribute");
            }
            case "push" -> {
                if (!r.isResp3()) {
                    r.error("ERR RESP2 is not supported by this command");
                    return;
                }
                r.pushHeader(2);
                r.bulkAscii("server-cpu-usage");
                r.integer(42);
                r.bulkAscii("Some real reply following the push reply");
            }
            case "verbatim" -> r.verbatim("txt", "This is a verbatim\nstring");
            case "true" -> r.bool(true);
            case "false" -> r.bool(false);
            default -> r.error("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }

    /** C's strtod on the longest valid prefix, 0 when there is none (DEBUG SLEEP uses it). */
    static double parseCDouble(String s) {
        String t = s.strip();
        if (t.length() > 64) {
            t = t.substring(0, 64);
        }
        for (int end = t.length(); end > 0; end--) {
            try {
                return Double.parseDouble(t.substring(0, end));
            } catch (NumberFormatException e) {
                // try a shorter prefix
            }
        }
        return 0;
    }

    /** C's atoi: optional sign and leading digits, 0 when there are none. */
    static long parseCInteger(String s) {
        String t = s.strip();
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (t.charAt(i++) - '0');
        }
        return negative ? -v : v;
    }

    private static final List<String> HELP = List.of(
            "DIGEST",
            "    A hex signature of the whole dataset: equal datasets give equal signatures.",
            "DIGEST-VALUE <key> [<key> ...]",
            "    A hex signature of the value of each key.",
            "ERROR <string>",
            "    Reply with <string> as an error (test helper for client libraries).",
            "LOG <message>",
            "    Write <message> to the server log.",
            "POPULATE <count> [<prefix>] [<size>]",
            "    Create <count> string keys <prefix>:<n> (prefix 'key' by default) holding 'value:<n>',",
            "    zero-padded to <size> bytes when given.",
            "OBJECT <key>",
            "    Low-level information about the value at <key>.",
            "PROTOCOL <type>",
            "    Reply with a sample value of a RESP type: string, integer, double, bignum, null, array,",
            "    set, map, attrib, push, verbatim, true, false.",
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Turn the background expiry of keys off (0) or on (1).",
            "SLEEP <seconds>",
            "    Block the server for <seconds> (decimals allowed).");
}
