package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import java.util.List;

/**
 * DEBUG, with the subcommands that client libraries and test suites use. Gated by
 * enable-debug-command in the dispatcher (the command is flagged protected).
 */
final class DebugCommands extends CommandFamily {
    static final String EMPTY_DIGEST = "0000000000000000000000000000000000000000";

    /** Whether the background expire cycle runs (DEBUG SET-ACTIVE-EXPIRE). */
    private volatile boolean activeExpire = true;

    DebugCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("debug", this::debug);
    }

    boolean activeExpire() {
        return activeExpire;
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
                activeExpire = parseCInteger(a.string(2)) != 0;
                r.ok();
            }
            case "object" -> {
                if (argc != 3) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                r.error("ERR no such key");
            }
            case "digest" -> {
                if (argc != 2) {
                    subcommandSyntaxError(c, a, "DEBUG");
                    return;
                }
                r.simple(EMPTY_DIGEST);
            }
            case "digest-value" -> {
                r.arrayHeader(argc - 2);
                for (int i = 2; i < argc; i++) {
                    r.simple(EMPTY_DIGEST);
                }
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
