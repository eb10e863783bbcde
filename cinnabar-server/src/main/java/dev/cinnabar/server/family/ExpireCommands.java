package dev.cinnabar.server.family;

import dev.cinnabar.engine.Database;
import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;

/**
 * Key expiry: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (one worker, as Redis's expireGenericCommand),
 * TTL, PTTL, EXPIRETIME, PEXPIRETIME (one worker) and PERSIST.
 */
final class ExpireCommands extends CommandFamily {
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    ExpireCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("expire", (c, a) -> expire(c, a, false, true, "expire"));
        bind("pexpire", (c, a) -> expire(c, a, false, false, "pexpire"));
        bind("expireat", (c, a) -> expire(c, a, true, true, "expireat"));
        bind("pexpireat", (c, a) -> expire(c, a, true, false, "pexpireat"));
        bind("ttl", (c, a) -> ttl(c, a, false, false));
        bind("pttl", (c, a) -> ttl(c, a, true, false));
        bind("expiretime", (c, a) -> ttl(c, a, false, true));
        bind("pexpiretime", (c, a) -> ttl(c, a, true, true));
        bind("persist", this::persist);
    }

    private void expire(Client c, CommandArguments a, boolean absolute, boolean seconds, String name) {
        int flags = 0;
        for (int j = 3; j < a.count(); j++) {
            if (a.equalsIgnoreCase(j, "nx")) {
                flags |= NX;
            } else if (a.equalsIgnoreCase(j, "xx")) {
                flags |= XX;
            } else if (a.equalsIgnoreCase(j, "gt")) {
                flags |= GT;
            } else if (a.equalsIgnoreCase(j, "lt")) {
                flags |= LT;
            } else {
                c.reply().error("ERR Unsupported option " + a.cString(j));
                return;
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            c.reply().error("ERR NX and XX, GT or LT options at the same time are not compatible");
            return;
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            c.reply().error("ERR GT and LT options at the same time are not compatible");
            return;
        }
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        Keyspace ks = keyspace();
        long when = a.longValue(2);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                c.reply().error("ERR invalid expire time in '" + name + "' command");
                return;
            }
            when *= 1000;
        }
        long base = absolute ? 0 : ks.now();
        if (when > Long.MAX_VALUE - base) {
            c.reply().error("ERR invalid expire time in '" + name + "' command");
            return;
        }
        when += base;
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        long current = e.expireAt();
        boolean hasExpire = e.hasExpire();
        if (((flags & NX) != 0 && hasExpire)
                || ((flags & XX) != 0 && !hasExpire)
                || ((flags & GT) != 0 && (!hasExpire || when <= current))
                || ((flags & LT) != 0 && hasExpire && when >= current)) {
            c.reply().integer(0);
            return;
        }
        int db = c.database();
        Database d = ks.database(db);
        if (when <= ks.now()) {
            // A time already passed deletes the key at once, as Redis does.
            d.remove(e.key());
            ks.changed(db, e.key(), KeyEventClass.GENERIC, "del");
            c.reply().integer(1);
        } else {
            d.setExpire(e, when);
            // Redis replies before it notifies here, so a RESP3 client subscribed to its own
            // keyspace events sees the reply first.
            c.reply().integer(1);
            ks.changed(db, e.key(), KeyEventClass.GENERIC, "expire");
        }
    }

    private void ttl(Client c, CommandArguments a, boolean milliseconds, boolean absolute) {
        Keyspace ks = keyspace();
        KeyEntry e = ks.lookupRead(c.database(), a.arrayOf(1), a.offsetOf(1), a.length(1), true);
        if (e == null) {
            c.reply().integer(-2);
            return;
        }
        if (!e.hasExpire()) {
            c.reply().integer(-1);
            return;
        }
        long ttl = absolute ? e.expireAt() : e.expireAt() - ks.now();
        if (ttl < 0) {
            ttl = 0;
        }
        // Redis rounds with (ttl+500)/1000 on a value it knows is not negative, which its compiler
        // turns into an unsigned division: near Long.MAX_VALUE (PEXPIREAT k 9223372036854775807)
        // the sum wraps and EXPIRETIME answers 9223372036854776, not a negative number.
        c.reply().integer(milliseconds ? ttl : Long.divideUnsigned(ttl + 500, 1000));
    }

    private void persist(Client c, CommandArguments a) {
        KeyEntry e = writeKey(c, a, 1);
        Keyspace ks = keyspace();
        int db = c.database();
        if (e != null && ks.database(db).removeExpire(e)) {
            ks.changed(db, e.key(), KeyEventClass.GENERIC, "persist");
            c.reply().integer(1);
        } else {
            c.reply().integer(0);
        }
    }
}
