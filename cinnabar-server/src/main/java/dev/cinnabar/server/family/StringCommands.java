package dev.cinnabar.server.family;

import dev.cinnabar.engine.Database;
import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.LongDouble;
import dev.cinnabar.engine.value.MutableString;
import dev.cinnabar.engine.value.StringValues;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.SharedReplies;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.KeyFinder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The string commands. SET, SETNX, SETEX, PSETEX and GETSET share one worker ({@link #set}),
 * as in Redis; INCR, DECR, INCRBY and DECRBY share {@link #incrementBy}. LCS is in {@link Lcs}.
 */
final class StringCommands extends CommandFamily {
    /** Parsed options of SET and GETEX (Redis's OBJ_SET_* / OBJ_* flags). */
    static final int NX = 1;
    static final int XX = 2;
    static final int GET = 4;
    static final int KEEPTTL = 8;
    static final int PERSIST = 16;
    static final int EX = 32;
    static final int PX = 64;
    static final int EXAT = 128;
    static final int PXAT = 256;
    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    StringCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("get", this::get);
        bind("set", this::setCommand);
        bind("setnx", (c, a) -> set(c, a, 1, 2, NX, -1, null, SharedReplies.ONE, SharedReplies.ZERO));
        bind("setex", (c, a) -> set(c, a, 1, 3, EX, 2, null, null, null));
        bind("psetex", (c, a) -> set(c, a, 1, 3, PX, 2, null, null, null));
        bind("getset", this::getSet);
        bind("getdel", this::getDel);
        bind("getex", this::getEx);
        bind("mget", this::mget);
        bind("mset", (c, a) -> mset(c, a, false));
        bind("msetnx", (c, a) -> mset(c, a, true));
        bind("append", this::append);
        bind("strlen", this::strlen);
        bind("getrange", this::getRange);
        bind("substr", this::getRange);
        bind("setrange", this::setRange);
        bind("incr", (c, a) -> incrementBy(c, a, 1));
        bind("decr", (c, a) -> incrementBy(c, a, -1));
        bind("incrby", this::incrBy);
        bind("decrby", this::decrBy);
        bind("incrbyfloat", this::incrByFloat);
        bind("lcs", new Lcs(server)::execute);
        server.commands().get("set").bindKeyFinder(StringCommands::setKeys);
    }

    /** SET's keys: read and written with GET, overwritten without (Redis's setGetKeys). */
    private static List<KeyFinder.Key> setKeys(dev.cinnabar.server.command.CommandSpec spec, CommandArguments a,
                                               int offset, int argc) {
        for (int i = 3; i < argc; i++) {
            if (a.equalsIgnoreCase(offset + i, "GET")) {
                return List.of(new KeyFinder.Key(1, List.of("RW", "access", "update")));
            }
        }
        return List.of(new KeyFinder.Key(1, List.of("OW", "update")));
    }

    private void get(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
        } else if (!notString(c, e)) {
            replyString(c, e.value());
        }
    }

    /**
     * Parses SET/GETEX options (Redis's parseExtendedStringArgumentsOrReply): returns the flags,
     * with the index of the expire argument in {@code expireIndex[0]}, or -1 after a syntax error.
     */
    static int parseOptions(Client c, CommandArguments a, int from, boolean forSet, int[] expireIndex) {
        int flags = 0;
        expireIndex[0] = -1;
        for (int j = from; j < a.count(); j++) {
            boolean hasNext = j < a.count() - 1;
            if (forSet && a.equalsIgnoreCase(j, "NX") && (flags & XX) == 0) {
                flags |= NX;
            } else if (forSet && a.equalsIgnoreCase(j, "XX") && (flags & NX) == 0) {
                flags |= XX;
            } else if (forSet && a.equalsIgnoreCase(j, "GET")) {
                flags |= GET;
            } else if (forSet && a.equalsIgnoreCase(j, "KEEPTTL") && (flags & (PERSIST | ANY_EXPIRE)) == 0) {
                flags |= KEEPTTL;
            } else if (!forSet && a.equalsIgnoreCase(j, "PERSIST") && (flags & (ANY_EXPIRE | KEEPTTL)) == 0) {
                flags |= PERSIST;
            } else if (a.equalsIgnoreCase(j, "EX") && (flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) == 0 && hasNext) {
                flags |= EX;
                expireIndex[0] = ++j;
            } else if (a.equalsIgnoreCase(j, "PX") && (flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= PX;
                expireIndex[0] = ++j;
            } else if (a.equalsIgnoreCase(j, "EXAT") && (flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) == 0 && hasNext) {
                flags |= EXAT;
                expireIndex[0] = ++j;
            } else if (a.equalsIgnoreCase(j, "PXAT") && (flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) == 0 && hasNext) {
                flags |= PXAT;
                expireIndex[0] = ++j;
            } else {
                c.reply().error(SYNTAX_ERROR);
                return -1;
            }
        }
        return flags;
    }

    /**
     * The expire time of SET/GETEX/SETEX as absolute Unix milliseconds, with Redis's checks, or
     * Long.MIN_VALUE after an error reply.
     */
    static long expireMillis(Client c, CommandArguments a, int index, int flags, String command, long now) {
        if (!a.isLong(index)) {
            c.reply().error(NOT_AN_INTEGER);
            return Long.MIN_VALUE;
        }
        long value = a.longValue(index);
        boolean seconds = (flags & (EX | EXAT)) != 0;
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) {
            c.reply().error("ERR invalid expire time in '" + command + "' command");
            return Long.MIN_VALUE;
        }
        if (seconds) {
            value *= 1000;
        }
        if ((flags & (EX | PX)) != 0) {
            value += now;
        }
        if (value <= 0) {
            c.reply().error("ERR invalid expire time in '" + command + "' command");
            return Long.MIN_VALUE;
        }
        return value;
    }

    private void setCommand(Client c, CommandArguments a) {
        int[] expireIndex = new int[1];
        int flags = parseOptions(c, a, 3, true, expireIndex);
        if (flags < 0) {
            return;
        }
        set(c, a, 1, 2, flags, expireIndex[0], "set", null, null);
    }

    /**
     * The generic SET (Redis's setGenericCommand): key at {@code keyIndex}, value at
     * {@code valueIndex}, expire argument at {@code expireIndex} (-1 for none). Replies with
     * {@code okReply}/{@code abortReply} when given (SETNX's 1 and 0), else +OK / nil.
     */
    private void set(Client c, CommandArguments a, int keyIndex, int valueIndex, int flags, int expireIndex,
                     String commandName, byte[] okReply, byte[] abortReply) {
        Keyspace ks = keyspace();
        long expireAt = -1;
        if (expireIndex >= 0) {
            String name = commandName != null ? commandName : (flags & EX) != 0 ? "setex" : "psetex";
            expireAt = expireMillis(c, a, expireIndex, flags, name, ks.now());
            if (expireAt == Long.MIN_VALUE) {
                return;
            }
        }
        int db = c.database();
        // With GET the old value is read as GET reads it (counted as a hit or a miss).
        KeyEntry existing = (flags & GET) != 0 ? readKey(c, a, keyIndex) : writeKey(c, a, keyIndex);
        if ((flags & GET) != 0) {
            if (existing == null) {
                c.reply().nullBulk();
            } else if (notString(c, existing)) {
                return;
            } else {
                replyString(c, existing.value());
            }
        }
        boolean found = existing != null;
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
            if ((flags & GET) == 0) {
                if (abortReply != null) {
                    c.reply().raw(abortReply);
                } else {
                    c.reply().nullBulk();
                }
            }
            return;
        }
        Object value = storedString(a, valueIndex);
        Database d = ks.database(db);
        KeyEntry e;
        if (found) {
            e = existing;
            e.setValue(value);
            if ((flags & KEEPTTL) == 0 && e.hasExpire()) {
                d.removeExpire(e);
            }
        } else {
            e = d.add(a.copy(keyIndex), value);
        }
        ks.changed(db, e.key(), KeyEventClass.STRING, "set");
        if (expireAt >= 0) {
            d.setExpire(e, expireAt);
            ks.notify(db, e.key(), KeyEventClass.GENERIC, "expire");
        }
        if ((flags & GET) == 0) {
            c.reply().raw(okReply != null ? okReply : SharedReplies.OK);
        }
    }

    private void getSet(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (notString(c, e)) {
            return;
        }
        if (e == null) {
            c.reply().nullBulk();
        } else {
            replyString(c, e.value());
        }
        Keyspace ks = keyspace();
        KeyEntry stored = ks.set(c.database(), e == null ? a.copy(1) : e.key(), storedString(a, 2), false);
        ks.changed(c.database(), stored.key(), KeyEventClass.STRING, "set");
    }

    private void getDel(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
            return;
        }
        if (notString(c, e)) {
            return;
        }
        replyString(c, e.value());
        Keyspace ks = keyspace();
        ks.database(c.database()).remove(e.key());
        ks.changed(c.database(), e.key(), KeyEventClass.GENERIC, "del");
    }

    private void getEx(Client c, CommandArguments a) {
        int[] expireIndex = new int[1];
        int flags = parseOptions(c, a, 2, false, expireIndex);
        if (flags < 0) {
            return;
        }
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
            return;
        }
        if (notString(c, e)) {
            return;
        }
        Keyspace ks = keyspace();
        long expireAt = -1;
        if (expireIndex[0] >= 0) {
            expireAt = expireMillis(c, a, expireIndex[0], flags, "getex", ks.now());
            if (expireAt == Long.MIN_VALUE) {
                return;
            }
        }
        replyString(c, e.value());
        int db = c.database();
        Database d = ks.database(db);
        if ((flags & (EXAT | PXAT)) != 0 && expireAt <= ks.now()) {
            d.remove(e.key());
            ks.changed(db, e.key(), KeyEventClass.GENERIC, "del");
        } else if (expireAt >= 0) {
            d.setExpire(e, expireAt);
            ks.changed(db, e.key(), KeyEventClass.GENERIC, "expire");
        } else if ((flags & PERSIST) != 0 && d.removeExpire(e)) {
            ks.changed(db, e.key(), KeyEventClass.GENERIC, "persist");
        }
    }

    private void mget(Client c, CommandArguments a) {
        c.reply().arrayHeader(a.count() - 1);
        for (int i = 1; i < a.count(); i++) {
            KeyEntry e = readKey(c, a, i);
            if (e == null || !StringValues.isString(e.value())) {
                c.reply().nullBulk();
            } else {
                replyString(c, e.value());
            }
        }
    }

    private void mset(Client c, CommandArguments a, boolean onlyIfNoneExists) {
        if (a.count() % 2 == 0) {
            c.reply().error("ERR wrong number of arguments for '" + (onlyIfNoneExists ? "msetnx" : "mset") + "' command");
            return;
        }
        Keyspace ks = keyspace();
        int db = c.database();
        if (onlyIfNoneExists) {
            for (int i = 1; i < a.count(); i += 2) {
                if (writeKey(c, a, i) != null) {
                    c.reply().integer(0);
                    return;
                }
            }
        }
        for (int i = 1; i < a.count(); i += 2) {
            KeyEntry existing = writeKey(c, a, i);
            KeyEntry e = ks.set(db, existing == null ? a.copy(i) : existing.key(), storedString(a, i + 1), false);
            ks.changed(db, e.key(), KeyEventClass.STRING, "set");
        }
        if (onlyIfNoneExists) {
            c.reply().integer(1);
        } else {
            c.reply().ok();
        }
    }

    /** Redis's checkStringLength: a string may not grow beyond proto-max-bulk-len. */
    private boolean tooLong(Client c, long size, long append) {
        long total = size + append;
        if (total > server.config().protoMaxBulkLength || total < size || total > Integer.MAX_VALUE - 16) {
            c.reply().error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
            return true;
        }
        return false;
    }

    private void append(Client c, CommandArguments a) {
        Keyspace ks = keyspace();
        int db = c.database();
        KeyEntry e = writeKey(c, a, 1);
        long length;
        if (e == null) {
            Object value = storedString(a, 2);
            e = ks.database(db).add(a.copy(1), value);
            length = StringValues.length(value);
        } else {
            if (notString(c, e)) {
                return;
            }
            if (tooLong(c, StringValues.length(e.value()), a.length(2))) {
                return;
            }
            MutableString m = StringValues.toMutable(e.value());
            m.append(a.arrayOf(2), a.offsetOf(2), a.length(2));
            e.setValue(m);
            length = m.length();
        }
        ks.changed(db, e.key(), KeyEventClass.STRING, "append");
        c.reply().integer(length);
    }

    private void strlen(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
        } else if (!notString(c, e)) {
            c.reply().integer(StringValues.length(e.value()));
        }
    }

    private void getRange(Client c, CommandArguments a) {
        if (!a.isLong(2) || !a.isLong(3)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long start = a.longValue(2);
        long end = a.longValue(3);
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().raw(SharedReplies.EMPTY_BULK);
            return;
        }
        if (notString(c, e)) {
            return;
        }
        Object value = e.value();
        byte[] bytes;
        int length;
        if (value instanceof MutableString m) {
            bytes = m.array();
            length = m.length();
        } else {
            bytes = StringValues.bytes(value);
            length = bytes.length;
        }
        if (start < 0 && end < 0 && start > end) {
            c.reply().raw(SharedReplies.EMPTY_BULK);
            return;
        }
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= length) {
            end = length - 1;
        }
        if (start > end || length == 0) {
            c.reply().raw(SharedReplies.EMPTY_BULK);
        } else {
            c.reply().bulk(bytes, (int) start, (int) (end - start + 1));
        }
    }

    private void setRange(Client c, CommandArguments a) {
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long offset = a.longValue(2);
        if (offset < 0) {
            c.reply().error("ERR offset is out of range");
            return;
        }
        Keyspace ks = keyspace();
        int db = c.database();
        int valueLength = a.length(3);
        KeyEntry e = writeKey(c, a, 1);
        MutableString m;
        if (e == null) {
            if (valueLength == 0) {
                c.reply().integer(0);
                return;
            }
            if (tooLong(c, offset, valueLength)) {
                return;
            }
            m = new MutableString(new byte[(int) offset + valueLength]);
            e = ks.database(db).add(a.copy(1), m);
        } else {
            if (notString(c, e)) {
                return;
            }
            long oldLength = StringValues.length(e.value());
            if (valueLength == 0) {
                c.reply().integer(oldLength);
                return;
            }
            if (tooLong(c, offset, valueLength)) {
                return;
            }
            m = StringValues.toMutable(e.value());
            e.setValue(m);
        }
        m.write((int) offset, a.arrayOf(3), a.offsetOf(3), valueLength);
        ks.changed(db, e.key(), KeyEventClass.STRING, "setrange");
        c.reply().integer(m.length());
    }

    private void incrBy(Client c, CommandArguments a) {
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        incrementBy(c, a, a.longValue(2));
    }

    private void decrBy(Client c, CommandArguments a) {
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long decrement = a.longValue(2);
        if (decrement == Long.MIN_VALUE) {
            c.reply().error("ERR decrement would overflow");
            return;
        }
        incrementBy(c, a, -decrement);
    }

    /** The value of a string as a long, with Redis's rules; null when it is not one. */
    static Long asLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        byte[] b;
        int len;
        if (value instanceof MutableString m) {
            b = m.array();
            len = m.length();
        } else {
            b = (byte[]) value;
            len = b.length;
        }
        if (!dev.cinnabar.resp.RespNumbers.isLong(b, 0, len)) {
            return null;
        }
        return dev.cinnabar.resp.RespNumbers.parseLong(b, 0, len);
    }

    /** INCR, DECR, INCRBY and DECRBY (Redis's incrDecrCommand). */
    private void incrementBy(Client c, CommandArguments a, long increment) {
        KeyEntry e = writeKey(c, a, 1);
        if (notString(c, e)) {
            return;
        }
        long value = 0;
        if (e != null) {
            Long current = asLong(e.value());
            if (current == null) {
                c.reply().error(NOT_AN_INTEGER);
                return;
            }
            value = current;
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            c.reply().error("ERR increment or decrement would overflow");
            return;
        }
        value += increment;
        Keyspace ks = keyspace();
        int db = c.database();
        if (e == null) {
            e = ks.database(db).add(a.copy(1), value);
        } else {
            e.setValue(value);
        }
        ks.changed(db, e.key(), KeyEventClass.STRING, "incrby");
        c.reply().integer(value);
    }

    private void incrByFloat(Client c, CommandArguments a) {
        KeyEntry e = writeKey(c, a, 1);
        if (notString(c, e)) {
            return;
        }
        String current = e == null ? "0" : new String(StringValues.bytes(e.value()), StandardCharsets.ISO_8859_1);
        String increment = a.string(2);
        BigDecimal value = LongDouble.parse(current);
        boolean currentInfinite = value == null && LongDouble.isInfinity(current);
        BigDecimal delta = LongDouble.parse(increment);
        boolean deltaInfinite = delta == null && LongDouble.isInfinity(increment);
        if ((value == null && !currentInfinite) || (delta == null && !deltaInfinite)) {
            c.reply().error(NOT_A_FLOAT);
            return;
        }
        BigDecimal sum = currentInfinite || deltaInfinite ? null : LongDouble.add(value, delta);
        if (sum == null) {
            c.reply().error("ERR increment would produce NaN or Infinity");
            return;
        }
        byte[] text = LongDouble.format(sum).getBytes(StandardCharsets.ISO_8859_1);
        Keyspace ks = keyspace();
        int db = c.database();
        if (e == null) {
            e = ks.database(db).add(a.copy(1), text);
        } else {
            e.setValue(text);
        }
        ks.changed(db, e.key(), KeyEventClass.STRING, "incrbyfloat");
        c.reply().bulk(text);
    }
}
