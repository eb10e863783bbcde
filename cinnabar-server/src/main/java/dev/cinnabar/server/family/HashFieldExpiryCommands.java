package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.HashValue;
import dev.cinnabar.engine.value.HashValue.Condition;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;

/**
 * Redis 7.4's hash field expiry: HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT (set), HTTL, HPTTL,
 * HEXPIRETIME, HPEXPIRETIME (read) and HPERSIST (remove). The reference is the redis.io command
 * pages (the 7.0 oracle has none of these), with the argument checks in Redis 7.4's order: the
 * type of the key first, then the time, the condition, the FIELDS keyword and the field count.
 *
 * <p>Each command answers one code per field. A missing key answers -2 for every field. The first
 * expire command on a small hash turns its encoding from "listpack" into "listpackex" whatever the
 * outcome, as in Redis. Giving a field an expire time lists the key for the active field expire
 * cycle; see {@code dev.cinnabar.engine.FieldExpireCycle}.
 */
final class HashFieldExpiryCommands extends CommandFamily {
    /**
     * The latest expire time a field may get, in Unix milliseconds: Redis keeps 48 bits for it and
     * reserves the top two (EB_EXPIRE_TIME_MAX >> 2), about the year 4199.
     */
    static final long MAX_FIELD_EXPIRE = ((1L << 48) - 1) >> 2;
    private static final String NO_FIELDS_KEYWORD = "ERR Mandatory argument FIELDS is missing or not at the right position";
    private static final String COUNT_MISMATCH = "ERR The `numfields` parameter must match the number of arguments";

    HashFieldExpiryCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("hexpire", (c, a) -> expire(c, a, "hexpire", true, true));
        bind("hpexpire", (c, a) -> expire(c, a, "hpexpire", true, false));
        bind("hexpireat", (c, a) -> expire(c, a, "hexpireat", false, true));
        bind("hpexpireat", (c, a) -> expire(c, a, "hpexpireat", false, false));
        bind("httl", (c, a) -> ttl(c, a, true, true));
        bind("hpttl", (c, a) -> ttl(c, a, true, false));
        bind("hexpiretime", (c, a) -> ttl(c, a, false, true));
        bind("hpexpiretime", (c, a) -> ttl(c, a, false, false));
        bind("hpersist", this::persist);
    }

    /**
     * Checks {@code FIELDS numfields field...} starting at {@code at}; returns the field count, or
     * -1 after replying the error.
     */
    private static long fields(Client c, CommandArguments a, int at, String badCount) {
        if (!a.equalsIgnoreCase(at, "FIELDS")) {
            c.reply().error(NO_FIELDS_KEYWORD);
            return -1;
        }
        if (!a.isLong(at + 1) || a.longValue(at + 1) < 1) {
            c.reply().error(badCount);
            return -1;
        }
        long n = a.longValue(at + 1);
        if (n != a.count() - at - 2) {
            c.reply().error(COUNT_MISMATCH);
            return -1;
        }
        return n;
    }

    /** The reply for a missing key: -2 for every field. */
    private static void noSuchFields(Client c, long n) {
        ReplyWriter r = c.reply();
        r.arrayHeader(n);
        for (long i = 0; i < n; i++) {
            r.integer(-2);
        }
    }

    /**
     * What the field expiry commands do once the key's type is checked: validate FIELDS numfields
     * at {@code at} (the fields follow it), then answer the hash after lazy field expiry, or null
     * once it has replied: an error, or -2 for every field when the key is missing (or its last
     * fields just expired).
     */
    private HashValue liveHashWithFields(Client c, CommandArguments a, KeyEntry e, int at, String badCount) {
        long n = fields(c, a, at, badCount);
        if (n < 0) {
            return null;
        }
        if (HashCommands.live(keyspace(), c, e) == null) {
            noSuchFields(c, n);
            return null;
        }
        return HashCommands.hash(e);
    }

    /** HEXPIRE, HPEXPIRE, HEXPIREAT and HPEXPIREAT. */
    private void expire(Client c, CommandArguments a, String name, boolean relative, boolean seconds) {
        Keyspace ks = keyspace();
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long when = a.longValue(2);
        if (when < 0) {
            c.reply().error("ERR invalid expire time, must be >= 0");
            return;
        }
        String invalid = "ERR invalid expire time in '" + name + "' command";
        if (seconds) {
            if (when > MAX_FIELD_EXPIRE / 1000) {
                c.reply().error(invalid);
                return;
            }
            when *= 1000;
        }
        long base = relative ? ks.now() : 0;
        if (when > MAX_FIELD_EXPIRE - base) {
            c.reply().error(invalid);
            return;
        }
        when += base;
        Condition condition = Condition.ALWAYS;
        for (Condition option : new Condition[] {Condition.NX, Condition.XX, Condition.GT, Condition.LT}) {
            if (a.equalsIgnoreCase(3, option.name())) {
                condition = option;
            }
        }
        int fieldsAt = condition == Condition.ALWAYS ? 3 : 4;
        HashValue h = liveHashWithFields(c, a, e, fieldsAt, "ERR Parameter `numFields` should be greater than 0");
        if (h == null) {
            return;
        }
        h.enableFieldTtls();
        ReplyWriter r = c.reply();
        r.arrayHeader(a.count() - fieldsAt - 2);
        int deleted = 0;
        int updated = 0;
        long now = ks.now();
        for (int i = fieldsAt + 2; i < a.count(); i++) {
            int result = h.setExpire(a.arrayOf(i), a.offsetOf(i), a.length(i), when, condition, now);
            if (result == HashValue.EXPIRE_DELETED) {
                deleted++;
            } else if (result == HashValue.EXPIRE_SET) {
                updated++;
            }
            r.integer(result);
        }
        int db = c.database();
        if (updated > 0) {
            ks.database(db).trackFieldExpiry(e);
        }
        if (deleted + updated == 0) {
            return;
        }
        ks.changed(db, e.key(), KeyEventClass.HASH, deleted > 0 ? "hdel" : "hexpire");
        if (h.isEmpty()) {
            ks.database(db).remove(e.key());
            ks.notify(db, e.key(), KeyEventClass.GENERIC, "del");
        } else {
            h.trim();
        }
    }

    /** HTTL, HPTTL (remaining time) and HEXPIRETIME, HPEXPIRETIME (absolute time). */
    private void ttl(Client c, CommandArguments a, boolean remaining, boolean seconds) {
        Keyspace ks = keyspace();
        KeyEntry e = readKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        HashValue h = liveHashWithFields(c, a, e, 2, "ERR Number of fields must be a positive integer");
        if (h == null) {
            return;
        }
        long now = ks.now();
        long base = remaining ? now : 0;
        ReplyWriter r = c.reply();
        r.arrayHeader(a.count() - 4);
        for (int i = 4; i < a.count(); i++) {
            long t = h.visibleExpireTime(a.arrayOf(i), a.offsetOf(i), a.length(i), now);
            if (t < 0) {
                r.integer(t);
            } else {
                // Seconds round up, as Redis computes them for fields.
                r.integer(seconds ? (t + 999 - base) / 1000 : t - base);
            }
        }
    }

    private void persist(Client c, CommandArguments a) {
        Keyspace ks = keyspace();
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        HashValue h = liveHashWithFields(c, a, e, 2, "ERR Number of fields must be a positive integer");
        if (h == null) {
            return;
        }
        long now = ks.now();
        boolean changed = false;
        ReplyWriter r = c.reply();
        r.arrayHeader(a.count() - 4);
        for (int i = 4; i < a.count(); i++) {
            int result = h.persist(a.arrayOf(i), a.offsetOf(i), a.length(i), now);
            changed |= result == 1;
            r.integer(result);
        }
        if (changed) {
            h.trim();
            ks.changed(c.database(), e.key(), KeyEventClass.HASH, "hpersist");
        }
    }
}
