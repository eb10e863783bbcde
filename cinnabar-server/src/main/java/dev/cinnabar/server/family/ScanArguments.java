package dev.cinnabar.server.family;

import dev.cinnabar.engine.GlobMatcher;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.SharedReplies;
import java.util.List;

/**
 * The cursor, options and reply of SCAN, HSCAN, SSCAN and ZSCAN, which Redis runs through one
 * function (scanGenericCommand) and so answers alike: the same cursor rules, the same COUNT and
 * MATCH with the same errors, and the same two-element reply. The options are parsed after the
 * key is looked up, as in Redis, so a missing key answers the empty scan whatever follows it.
 */
final class ScanArguments {
    /** Redis's shared.emptyscan: HSCAN, SSCAN and ZSCAN on a missing key. */
    static final byte[] EMPTY_SCAN = SharedReplies.ascii("*2\r\n$1\r\n0\r\n*0\r\n");

    /** The option, besides COUNT and MATCH, that one of the commands accepts. */
    enum Extra {
        NONE,
        /** SCAN's TYPE name. */
        TYPE,
        /** HSCAN's NOVALUES (7.4). */
        NO_VALUES
    }

    /** COUNT: how much work to do in one call (a hint, not a limit on the reply). */
    long count = 10;
    /** MATCH's pattern, or null for none; "*" is null too, as it matches everything. */
    byte[] pattern;
    /** SCAN's TYPE, or null. */
    String typeName;
    /** HSCAN's NOVALUES. */
    boolean noValues;

    private ScanArguments() {}

    /**
     * Reads the cursor at argument {@code i} into {@code cursor[0]}, or replies "ERR invalid
     * cursor" and answers false.
     */
    static boolean readCursor(ReplyWriter r, CommandArguments a, int i, long[] cursor) {
        if (!parseCursor(a, i, cursor)) {
            r.error("ERR invalid cursor");
            return false;
        }
        return true;
    }

    /**
     * Parses a SCAN cursor as C's strtoul does (a sign is accepted and a negative value wraps;
     * no leading space; the whole text must be digits): false when it is not a valid cursor.
     */
    private static boolean parseCursor(CommandArguments a, int i, long[] cursor) {
        String s = a.string(i);
        if (s.isEmpty()) {
            cursor[0] = 0;
            return true;
        }
        String digits = s;
        boolean negative = false;
        if (digits.charAt(0) == '+' || digits.charAt(0) == '-') {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1);
        }
        if (digits.isEmpty()) {
            // strtoul parses nothing after a lone sign, so the text is not consumed.
            return false;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (digits.charAt(k) < '0' || digits.charAt(k) > '9') {
                return false;
            }
        }
        try {
            long v = Long.parseUnsignedLong(digits);
            cursor[0] = negative ? -v : v;
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Parses the options from argument {@code first} on, or replies with Redis's error and answers
     * null: COUNT must be an integer (NOT_AN_INTEGER) of at least 1 (a syntax error, as Redis
     * says), and an unknown option, one the command does not take, or one missing its value is a
     * syntax error.
     */
    static ScanArguments parse(ReplyWriter r, CommandArguments a, int first, Extra extra) {
        ScanArguments options = new ScanArguments();
        for (int i = first; i < a.count(); ) {
            boolean hasValue = a.count() - i >= 2;
            if (a.equalsIgnoreCase(i, "count") && hasValue) {
                if (!a.isLong(i + 1)) {
                    r.error(CommandFamily.NOT_AN_INTEGER);
                    return null;
                }
                options.count = a.longValue(i + 1);
                if (options.count < 1) {
                    r.error(CommandFamily.SYNTAX_ERROR);
                    return null;
                }
                i += 2;
            } else if (a.equalsIgnoreCase(i, "match") && hasValue) {
                byte[] pattern = a.copy(i + 1);
                options.pattern = pattern.length == 1 && pattern[0] == '*' ? null : pattern;
                i += 2;
            } else if (extra == Extra.TYPE && a.equalsIgnoreCase(i, "type") && hasValue) {
                options.typeName = a.string(i + 1);
                i += 2;
            } else if (extra == Extra.NO_VALUES && a.equalsIgnoreCase(i, "novalues")) {
                options.noValues = true;
                i++;
            } else {
                r.error(CommandFamily.SYNTAX_ERROR);
                return null;
            }
        }
        return options;
    }

    /** Whether {@code name} passes MATCH (always, without a pattern). */
    boolean matches(byte[] name) {
        return pattern == null || GlobMatcher.matches(pattern, name, false);
    }

    /** The reply: the next cursor (unsigned, as text) and the items found, as bulk strings. */
    static void reply(ReplyWriter r, long cursor, List<byte[]> items) {
        r.arrayHeader(2);
        r.bulkAscii(Long.toUnsignedString(cursor));
        r.arrayHeader(items.size());
        for (byte[] item : items) {
            r.bulk(item);
        }
    }
}
