package dev.cinnabar.server.family;

import dev.cinnabar.engine.Database;
import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.SetOperations;
import dev.cinnabar.engine.value.SetValue;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.SharedReplies;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The set commands on one key or a pair of keys: SADD SREM SCARD SISMEMBER SMISMEMBER SMEMBERS
 * SRANDMEMBER SPOP SMOVE SSCAN. The intersections, unions and differences are in
 * {@link SetOperationCommands}; the data structure and its encodings in {@link SetValue}.
 */
final class SetCommands extends CommandFamily {
    private static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
    private static final String COUNT_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    private final Limits limits;

    SetCommands(Server server) {
        super(server);
        this.limits = new Limits(server.config());
    }

    @Override
    void bindAll() {
        bind("sadd", this::sadd);
        bind("srem", this::srem);
        bind("scard", this::scard);
        bind("sismember", this::sismember);
        bind("smismember", this::smismember);
        bind("smembers", this::smembers);
        bind("srandmember", this::srandmember);
        bind("spop", this::spop);
        bind("smove", this::smove);
        bind("sscan", this::sscan);
    }

    /**
     * The conversion thresholds from the configuration, as the engine takes them; the object is
     * rebuilt only when CONFIG SET changed one of them.
     */
    static final class Limits {
        private final ServerConfig config;
        private SetValue.Limits current = SetValue.Limits.DEFAULT;

        Limits(ServerConfig config) {
            this.config = config;
        }

        SetValue.Limits get() {
            SetValue.Limits l = current;
            if (l.intsetEntries() != config.setMaxIntsetEntries || l.listpackEntries() != config.setMaxListpackEntries
                    || l.listpackValue() != config.setMaxListpackValue) {
                l = new SetValue.Limits(config.setMaxIntsetEntries, config.setMaxListpackEntries,
                        config.setMaxListpackValue);
                current = l;
            }
            return l;
        }
    }

    /** Writes each member as a bulk string. */
    static SetValue.MemberVisitor bulkWriter(ReplyWriter r) {
        return new SetValue.MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                r.bulk(bytes, off, len);
            }

            @Override
            public void integer(long value) {
                r.bulkLong(value);
            }
        };
    }

    /** Replies with every member of {@code set} as a set (an array in RESP2). */
    static void replyMembers(Client c, SetValue set) {
        c.reply().setHeader(set.size());
        set.forEach(bulkWriter(c.reply()));
    }

    /** Adds {@code delta} to the changes counted since the last save (Redis counts one per member). */
    private void countChanges(long delta) {
        keyspace().stats().changesSinceSave += delta;
    }

    private void sadd(Client c, CommandArguments a) {
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.SET)) {
            return;
        }
        SetValue.Limits l = limits.get();
        int db = c.database();
        long members = a.count() - 2;
        SetValue set;
        if (e == null) {
            set = SetValue.create(a.arrayOf(2), a.offsetOf(2), a.length(2), members, l);
            e = keyspace().database(db).add(a.copy(1), set);
        } else {
            set = (SetValue) e.value();
            set.prepareFor(members, l);
        }
        long added = 0;
        for (int i = 2; i < a.count(); i++) {
            if (set.add(a.arrayOf(i), a.offsetOf(i), a.length(i), l)) {
                added++;
            }
        }
        if (added > 0) {
            keyspace().changed(db, e.key(), KeyEventClass.SET, "sadd");
            countChanges(added - 1);
        }
        c.reply().integer(added);
    }

    private void srem(Client c, CommandArguments a) {
        KeyEntry e = writeKeyOrReply(c, a, 1, SharedReplies.ZERO, ValueType.SET);
        if (e == null) {
            return;
        }
        SetValue set = (SetValue) e.value();
        long deleted = 0;
        boolean keyRemoved = false;
        for (int i = 2; i < a.count(); i++) {
            if (set.remove(a.arrayOf(i), a.offsetOf(i), a.length(i))) {
                deleted++;
                if (set.isEmpty()) {
                    keyspace().database(c.database()).remove(e.key());
                    keyRemoved = true;
                    break;
                }
            }
        }
        if (deleted > 0) {
            Keyspace ks = keyspace();
            ks.changed(c.database(), e.key(), KeyEventClass.SET, "srem");
            if (keyRemoved) {
                ks.notify(c.database(), e.key(), KeyEventClass.GENERIC, "del");
            }
            countChanges(deleted - 1);
        }
        c.reply().integer(deleted);
    }

    private void scard(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().raw(SharedReplies.ZERO);
        } else if (!wrongType(c, e, ValueType.SET)) {
            c.reply().integer(((SetValue) e.value()).size());
        }
    }

    private void sismember(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().raw(SharedReplies.ZERO);
        } else if (!wrongType(c, e, ValueType.SET)) {
            boolean member = ((SetValue) e.value()).contains(a.arrayOf(2), a.offsetOf(2), a.length(2));
            c.reply().raw(member ? SharedReplies.ONE : SharedReplies.ZERO);
        }
    }

    private void smismember(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (wrongType(c, e, ValueType.SET)) {
            return;
        }
        SetValue set = e == null ? null : (SetValue) e.value();
        c.reply().arrayHeader(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            boolean member = set != null && set.contains(a.arrayOf(i), a.offsetOf(i), a.length(i));
            c.reply().raw(member ? SharedReplies.ONE : SharedReplies.ZERO);
        }
    }

    private void smembers(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().emptySet();
        } else if (!wrongType(c, e, ValueType.SET)) {
            replyMembers(c, (SetValue) e.value());
        }
    }

    private void srandmember(Client c, CommandArguments a) {
        if (a.count() > 3) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        if (a.count() == 3) {
            srandmemberWithCount(c, a);
            return;
        }
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
        } else if (!wrongType(c, e, ValueType.SET)) {
            ((SetValue) e.value()).randomMember(keyspace().random(), bulkWriter(c.reply()));
        }
    }

    /**
     * SRANDMEMBER key count: a positive count asks for distinct members (at most the whole set), a
     * negative one for that many independent draws, repetitions allowed.
     */
    private void srandmemberWithCount(Client c, CommandArguments a) {
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long requested = a.longValue(2);
        if (requested == Long.MIN_VALUE) {
            c.reply().error(COUNT_RANGE);
            return;
        }
        KeyEntry e = readKeyOrReply(c, a, 1, SharedReplies.EMPTY_ARRAY, ValueType.SET);
        if (e == null) {
            return;
        }
        if (requested == 0) {
            c.reply().raw(SharedReplies.EMPTY_ARRAY);
            return;
        }
        SetValue set = (SetValue) e.value();
        boolean distinct = requested > 0;
        long count = Math.abs(requested);
        c.reply().arrayHeader(!distinct || count == 1 ? count : Math.min(count, set.size()));
        // A large negative count can ask for more than memory holds: stop once the client is over its output limit.
        set.randomMembers(count, distinct, keyspace().random(), bulkWriter(c.reply()), () -> {
            server.checkOutputLimits(c);
            return c.isClosed() || c.closeAsap();
        });
    }

    private void spop(Client c, CommandArguments a) {
        if (a.count() > 3) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        if (a.count() == 3) {
            spopWithCount(c, a);
            return;
        }
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
            return;
        }
        if (wrongType(c, e, ValueType.SET)) {
            return;
        }
        SetValue set = (SetValue) e.value();
        byte[] popped = set.popRandom(keyspace().random());
        // Redis's order: the notification, the reply, the deletion of an emptied set, the modification signal.
        int db = c.database();
        Keyspace ks = keyspace();
        ks.notify(db, e.key(), KeyEventClass.SET, "spop");
        c.reply().bulk(popped);
        if (set.isEmpty()) {
            ks.database(db).remove(e.key());
            ks.notify(db, e.key(), KeyEventClass.GENERIC, "del");
        }
        ks.modified(db, e.key());
        countChanges(1);
    }

    /**
     * SPOP key count: the whole set when the count reaches its size (the key is then deleted),
     * otherwise {@code count} distinct random members.
     */
    private void spopWithCount(Client c, CommandArguments a) {
        if (!a.isLong(2) || a.longValue(2) < 0) {
            c.reply().error(MUST_BE_POSITIVE);
            return;
        }
        long count = a.longValue(2);
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().emptySet();
            return;
        }
        if (wrongType(c, e, ValueType.SET)) {
            return;
        }
        if (count == 0) {
            c.reply().emptySet();
            return;
        }
        SetValue set = (SetValue) e.value();
        long size = set.size();
        int db = c.database();
        Keyspace ks = keyspace();
        ks.notify(db, e.key(), KeyEventClass.SET, "spop");
        if (count >= size) {
            // Redis replies with the union of the set alone, so the order is that of a union.
            replyMembers(c, SetOperations.union(new SetValue[] {set}, limits.get()));
            ks.database(db).remove(e.key());
            ks.notify(db, e.key(), KeyEventClass.GENERIC, "del");
            ks.modified(db, e.key());
            countChanges(size);
            return;
        }
        c.reply().setHeader(count);
        set.popRandom(count, ks.random(), limits.get(), bulkWriter(c.reply()));
        ks.modified(db, e.key());
        countChanges(count);
    }

    private void smove(Client c, CommandArguments a) {
        KeyEntry source = writeKey(c, a, 1);
        KeyEntry destination = writeKey(c, a, 2);
        if (source == null) {
            c.reply().raw(SharedReplies.ZERO);
            return;
        }
        if (wrongType(c, source, ValueType.SET) || wrongType(c, destination, ValueType.SET)) {
            return;
        }
        byte[] m = a.arrayOf(3);
        int off = a.offsetOf(3);
        int len = a.length(3);
        SetValue from = (SetValue) source.value();
        if (source == destination) {
            c.reply().raw(from.contains(m, off, len) ? SharedReplies.ONE : SharedReplies.ZERO);
            return;
        }
        if (!from.remove(m, off, len)) {
            c.reply().raw(SharedReplies.ZERO);
            return;
        }
        int db = c.database();
        Keyspace ks = keyspace();
        Database d = ks.database(db);
        // Redis's order: srem (and del) on the source, the destination created, the source signalled,
        // then the destination signalled and notified when the member was new there.
        ks.notify(db, source.key(), KeyEventClass.SET, "srem");
        if (from.isEmpty()) {
            d.remove(source.key());
            ks.notify(db, source.key(), KeyEventClass.GENERIC, "del");
        }
        SetValue.Limits l = limits.get();
        SetValue to;
        if (destination == null) {
            to = SetValue.create(m, off, len, 1, l);
            destination = d.add(a.copy(2), to);
        } else {
            to = (SetValue) destination.value();
        }
        ks.modified(db, source.key());
        countChanges(1);
        if (to.add(m, off, len, l)) {
            ks.changed(db, destination.key(), KeyEventClass.SET, "sadd");
        }
        c.reply().raw(SharedReplies.ONE);
    }

    private void sscan(Client c, CommandArguments a) {
        ScanStart start = startScan(c, a, ValueType.SET);
        if (start == null) {
            return;
        }
        ScanArguments options = start.options();
        List<byte[]> found = new ArrayList<>();
        long next = ((SetValue) start.entry().value()).scan(start.cursor(), options.count, m -> {
            if (options.matches(m)) {
                found.add(m);
            }
        });
        ScanArguments.reply(c.reply(), next, found);
    }
}
