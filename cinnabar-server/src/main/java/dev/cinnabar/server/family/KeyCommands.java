package dev.cinnabar.server.family;

import dev.cinnabar.engine.Database;
import dev.cinnabar.engine.GlobMatcher;
import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.CompositeValue;
import dev.cinnabar.engine.value.MutableString;
import dev.cinnabar.engine.value.StringValues;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic key commands: DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, RANDOMKEY, RENAME(NX), MOVE,
 * COPY, TOUCH, OBJECT, FLUSHDB, FLUSHALL, SWAPDB. (Expiry commands are in {@link ExpireCommands}.)
 */
final class KeyCommands extends CommandFamily {
    static final String NO_SUCH_KEY = "ERR no such key";
    static final String SAME_OBJECT = "ERR source and destination objects are the same";
    private static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";

    KeyCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("del", this::delete);
        // Dropping the reference is all UNLINK has to do on the JVM: the collector reclaims large
        // values on its own threads, so DEL and UNLINK never stall the event loop.
        bind("unlink", this::delete);
        bind("exists", this::exists);
        bind("type", this::type);
        bind("keys", this::keys);
        bind("scan", this::scan);
        bind("randomkey", this::randomKey);
        bind("rename", (c, a) -> rename(c, a, false));
        bind("renamenx", (c, a) -> rename(c, a, true));
        bind("move", this::move);
        bind("copy", this::copy);
        bind("touch", this::touch);
        bind("object|encoding", (c, a) -> object(c, a, "encoding"));
        bind("object|refcount", (c, a) -> object(c, a, "refcount"));
        bind("object|idletime", (c, a) -> object(c, a, "idletime"));
        bind("object|freq", (c, a) -> object(c, a, "freq"));
        bind("object|help", (c, a) -> help(c, "OBJECT", OBJECT_HELP));
        bind("flushdb", (c, a) -> flush(c, a, c.database()));
        bind("flushall", (c, a) -> flush(c, a, -1));
        bind("swapdb", this::swapDb);
    }

    private void delete(Client c, CommandArguments a) {
        Keyspace ks = keyspace();
        int db = c.database();
        long deleted = 0;
        for (int i = 1; i < a.count(); i++) {
            ks.expireIfNeeded(db, a.arrayOf(i), a.offsetOf(i), a.length(i));
            KeyEntry e = ks.database(db).remove(a.arrayOf(i), a.offsetOf(i), a.length(i));
            if (e != null) {
                ks.changed(db, e.key(), KeyEventClass.GENERIC, "del");
                deleted++;
            }
        }
        c.reply().integer(deleted);
    }

    private void exists(Client c, CommandArguments a) {
        long count = 0;
        for (int i = 1; i < a.count(); i++) {
            if (keyspace().lookupRead(c.database(), a.arrayOf(i), a.offsetOf(i), a.length(i), true) != null) {
                count++;
            }
        }
        c.reply().integer(count);
    }

    private void type(Client c, CommandArguments a) {
        KeyEntry e = keyspace().lookupRead(c.database(), a.arrayOf(1), a.offsetOf(1), a.length(1), true);
        c.reply().simple(e == null ? "none" : ValueType.of(e.value()).typeName());
    }

    private void keys(Client c, CommandArguments a) {
        byte[] pattern = a.copy(1);
        boolean all = pattern.length == 1 && pattern[0] == '*';
        Keyspace ks = keyspace();
        List<byte[]> found = new ArrayList<>();
        ks.database(c.database()).forEach(entry -> {
            byte[] key = entry.key();
            if ((all || GlobMatcher.matches(pattern, key, false)) && !ks.isExpired((KeyEntry) entry)) {
                found.add(key);
            }
        });
        c.reply().arrayHeader(found.size());
        for (byte[] key : found) {
            c.reply().bulk(key);
        }
    }

    private void scan(Client c, CommandArguments a) {
        long[] parsed = new long[1];
        if (!ScanArguments.readCursor(c.reply(), a, 1, parsed)) {
            return;
        }
        long cursor = parsed[0];
        ScanArguments options = ScanArguments.parse(c.reply(), a, 2, ScanArguments.Extra.TYPE);
        if (options == null) {
            return;
        }
        long count = options.count;
        String typeName = options.typeName;
        Keyspace ks = keyspace();
        int db = c.database();
        Database d = ks.database(db);
        List<byte[]> batch = new ArrayList<>();
        long iterations = count * 10;
        do {
            cursor = d.scan(cursor, entry -> batch.add(entry.key()));
        } while (cursor != 0 && iterations-- > 0 && batch.size() < count);
        ReplyWriter r = c.reply();
        List<byte[]> keys = new ArrayList<>(batch.size());
        for (byte[] key : batch) {
            if (!options.matches(key)) {
                continue;
            }
            if (typeName != null) {
                KeyEntry e = ks.lookupRead(db, key, 0, key.length, true);
                String type = e == null ? "none" : ValueType.of(e.value()).typeName();
                if (!type.equalsIgnoreCase(typeName)) {
                    continue;
                }
            }
            if (ks.expireIfNeeded(db, key, 0, key.length)) {
                continue;
            }
            keys.add(key);
        }
        ScanArguments.reply(r, cursor, keys);
    }

    private void randomKey(Client c, CommandArguments a) {
        Keyspace ks = keyspace();
        Database d = ks.database(c.database());
        while (true) {
            KeyEntry e = d.randomEntry(ks.random());
            if (e == null) {
                c.reply().nullBulk();
                return;
            }
            if (e.hasExpire() && ks.expireIfNeeded(c.database(), e.key(), 0, e.key().length)) {
                continue;
            }
            c.reply().bulk(e.key());
            return;
        }
    }

    private void rename(Client c, CommandArguments a, boolean onlyIfAbsent) {
        boolean sameKey = a.length(1) == a.length(2) && java.util.Arrays.equals(a.arrayOf(1), a.offsetOf(1),
                a.offsetOf(1) + a.length(1), a.arrayOf(2), a.offsetOf(2), a.offsetOf(2) + a.length(2));
        KeyEntry source = writeKey(c, a, 1);
        if (source == null) {
            c.reply().error(NO_SUCH_KEY);
            return;
        }
        if (sameKey) {
            if (onlyIfAbsent) {
                c.reply().integer(0);
            } else {
                c.reply().ok();
            }
            return;
        }
        Keyspace ks = keyspace();
        int db = c.database();
        Database d = ks.database(db);
        long expireAt = source.expireAt();
        KeyEntry target = writeKey(c, a, 2);
        if (target != null) {
            if (onlyIfAbsent) {
                c.reply().integer(0);
                return;
            }
            d.remove(target.key());
        }
        byte[] newKey = target != null ? target.key() : a.copy(2);
        KeyEntry moved = d.add(newKey, source.value());
        // Redis moves the same object, so its idle time carries over.
        moved.touch(source.access());
        if (source.hasExpire()) {
            d.setExpire(moved, expireAt);
        }
        d.remove(source.key());
        ks.changed(db, source.key(), KeyEventClass.GENERIC, "rename_from");
        ks.changed(db, newKey, KeyEventClass.GENERIC, "rename_to");
        if (onlyIfAbsent) {
            c.reply().integer(1);
        } else {
            c.reply().ok();
        }
    }

    /**
     * A database index argument with Redis's errors (getIntFromObjectOrReply: not an integer, then
     * outside the int range), or -1 after replying.
     */
    private int databaseIndex(Client c, CommandArguments a, int i, String invalidText) {
        if (!a.isLong(i)) {
            c.reply().error(invalidText);
            return -1;
        }
        if (a.longValue(i) < Integer.MIN_VALUE || a.longValue(i) > Integer.MAX_VALUE) {
            c.reply().error(INT_RANGE);
            return -1;
        }
        long index = a.longValue(i);
        if (index < 0 || index >= keyspace().databaseCount()) {
            c.reply().error(DB_OUT_OF_RANGE);
            return -1;
        }
        return (int) index;
    }

    private void move(Client c, CommandArguments a) {
        int target = databaseIndex(c, a, 2, NOT_AN_INTEGER);
        if (target < 0) {
            return;
        }
        int source = c.database();
        if (target == source) {
            c.reply().error(SAME_OBJECT);
            return;
        }
        Keyspace ks = keyspace();
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        if (ks.lookupWrite(target, a.arrayOf(1), a.offsetOf(1), a.length(1)) != null) {
            c.reply().integer(0);
            return;
        }
        KeyEntry moved = ks.database(target).add(e.key(), e.value());
        moved.touch(e.access());
        if (e.hasExpire()) {
            ks.database(target).setExpire(moved, e.expireAt());
        }
        ks.database(source).remove(e.key());
        ks.changed(source, e.key(), KeyEventClass.GENERIC, "move_from");
        ks.changed(target, e.key(), KeyEventClass.GENERIC, "move_to");
        c.reply().integer(1);
    }

    private void copy(Client c, CommandArguments a) {
        int source = c.database();
        int target = source;
        boolean replace = false;
        for (int j = 3; j < a.count(); j++) {
            if (a.equalsIgnoreCase(j, "replace")) {
                replace = true;
            } else if (a.equalsIgnoreCase(j, "db") && a.count() > j + 1) {
                target = databaseIndex(c, a, j + 1, NOT_AN_INTEGER);
                if (target < 0) {
                    return;
                }
                j++;
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        if (source == target && a.length(1) == a.length(2) && java.util.Arrays.equals(a.arrayOf(1), a.offsetOf(1),
                a.offsetOf(1) + a.length(1), a.arrayOf(2), a.offsetOf(2), a.offsetOf(2) + a.length(2))) {
            c.reply().error(SAME_OBJECT);
            return;
        }
        Keyspace ks = keyspace();
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        KeyEntry existing = ks.lookupWrite(target, a.arrayOf(2), a.offsetOf(2), a.length(2));
        if (existing != null && !replace) {
            c.reply().integer(0);
            return;
        }
        Database d = ks.database(target);
        byte[] newKey = existing != null ? existing.key() : a.copy(2);
        if (existing != null) {
            d.remove(existing.key());
        }
        KeyEntry copy = d.add(newKey, duplicate(e.value()));
        if (e.hasExpire()) {
            d.setExpire(copy, e.expireAt());
        }
        ks.changed(target, newKey, KeyEventClass.GENERIC, "copy_to");
        c.reply().integer(1);
    }

    /** A copy of a value that shares nothing mutable with the original (COPY). */
    static Object duplicate(Object value) {
        if (value instanceof MutableString m) {
            return new MutableString(m.toBytes());
        }
        if (value instanceof CompositeValue composite) {
            return composite.duplicate();
        }
        // byte[] and Long values are never modified in place: sharing them is safe.
        return value;
    }

    private void touch(Client c, CommandArguments a) {
        long touched = 0;
        for (int i = 1; i < a.count(); i++) {
            if (keyspace().lookupRead(c.database(), a.arrayOf(i), a.offsetOf(i), a.length(i), false) != null) {
                touched++;
            }
        }
        c.reply().integer(touched);
    }

    private void object(Client c, CommandArguments a, String what) {
        KeyEntry e = keyspace().lookupRead(c.database(), a.arrayOf(2), a.offsetOf(2), a.length(2), true, false);
        if (e == null) {
            c.reply().nullBulk();
            return;
        }
        switch (what) {
            case "encoding" -> c.reply().bulkAscii(encoding(e.value()));
            case "refcount" -> c.reply().integer(refcount(e.value()));
            case "idletime" -> c.reply().integer(idleSeconds(keyspace(), e));
            default -> c.reply().error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
                    + "Please note that when switching between policies at runtime LRU and LFU data will take some "
                    + "time to adjust.");
        }
    }

    /** OBJECT ENCODING's name for any value. */
    static String encoding(Object value) {
        return value instanceof CompositeValue composite ? composite.encoding() : StringValues.encoding(value);
    }

    /** Redis shares the integers 0..9999 (refcount INT_MAX); every other value has one reference. */
    static long refcount(Object value) {
        if (value instanceof Long l && l >= 0 && l < 10000) {
            return Integer.MAX_VALUE;
        }
        return 1;
    }

    /** Seconds since the last access, from the 24-bit LRU clock as Redis estimates it. */
    static long idleSeconds(Keyspace ks, KeyEntry e) {
        long clock = ks.lruClock();
        long access = e.access();
        long max = (1 << 24) - 1;
        return clock >= access ? clock - access : clock + (max - access);
    }

    private void flush(Client c, CommandArguments a, int db) {
        if (a.count() > 2 || (a.count() == 2 && !a.equalsIgnoreCase(1, "sync") && !a.equalsIgnoreCase(1, "async"))) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        // ASYNC and SYNC are the same here: emptying drops the tables, which the collector reclaims
        // on its own threads.
        keyspace().flush(db);
        c.reply().ok();
    }

    private void swapDb(Client c, CommandArguments a) {
        // Both indexes are parsed before either is range-checked, as Redis does.
        if (!isInt(a, 1)) {
            c.reply().error("ERR invalid first DB index");
            return;
        }
        if (!isInt(a, 2)) {
            c.reply().error("ERR invalid second DB index");
            return;
        }
        long first = a.longValue(1);
        long second = a.longValue(2);
        int count = keyspace().databaseCount();
        if (first < 0 || first >= count || second < 0 || second >= count) {
            c.reply().error(DB_OUT_OF_RANGE);
            return;
        }
        keyspace().swap((int) first, (int) second);
        c.reply().ok();
    }

    private static boolean isInt(CommandArguments a, int i) {
        return a.isLong(i) && a.longValue(i) >= Integer.MIN_VALUE && a.longValue(i) <= Integer.MAX_VALUE;
    }

    /** Redis 7.0's text, line for line. */
    private static final List<String> OBJECT_HELP = List.of(
            "ENCODING <key>",
            "    How the value at <key> is stored in memory.",
            "FREQ <key>",
            "    The logarithmic access frequency counter of <key> (only with an LFU maxmemory policy).",
            "IDLETIME <key>",
            "    Seconds since <key> was last read or written.",
            "REFCOUNT <key>",
            "    Number of references to the value at <key>.");
}
