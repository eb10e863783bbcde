package dev.cinnabar.server.family;

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

/**
 * The set commands over several keys: SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF
 * SDIFFSTORE. A missing key is an empty set. Every source is looked up and type-checked before
 * anything is computed; the STORE forms then replace the destination (dropping its expire time)
 * or delete it when the result is empty.
 */
final class SetOperationCommands extends CommandFamily {
    private final SetCommands.Limits limits;

    SetOperationCommands(Server server) {
        super(server);
        this.limits = new SetCommands.Limits(server.config());
    }

    @Override
    void bindAll() {
        bind("sinter", (c, a) -> inter(c, a, 1, a.count(), -1));
        bind("sinterstore", (c, a) -> inter(c, a, 2, a.count(), 1));
        bind("sintercard", this::sintercard);
        bind("sunion", (c, a) -> unionOrDiff(c, a, 1, -1, false));
        bind("sunionstore", (c, a) -> unionOrDiff(c, a, 2, 1, false));
        bind("sdiff", (c, a) -> unionOrDiff(c, a, 1, -1, true));
        bind("sdiffstore", (c, a) -> unionOrDiff(c, a, 2, 1, true));
    }

    /**
     * Looks up the keys of arguments {@code from} (inclusive) to {@code to} (exclusive) for
     * reading; a missing key gives a null entry. Returns null after a WRONGTYPE reply.
     */
    private SetValue[] sources(Client c, CommandArguments a, int from, int to) {
        SetValue[] sets = new SetValue[to - from];
        for (int i = from; i < to; i++) {
            KeyEntry e = readKey(c, a, i);
            if (wrongType(c, e, ValueType.SET)) {
                return null;
            }
            sets[i - from] = e == null ? null : (SetValue) e.value();
        }
        return sets;
    }

    private static boolean anyMissing(SetValue[] sets) {
        for (SetValue s : sets) {
            if (s == null) {
                return true;
            }
        }
        return false;
    }

    /** SINTER and SINTERSTORE (destination at {@code destinationIndex}, or -1). */
    private void inter(Client c, CommandArguments a, int from, int to, int destinationIndex) {
        SetValue[] sets = sources(c, a, from, to);
        if (sets == null) {
            return;
        }
        if (anyMissing(sets)) {
            if (destinationIndex >= 0) {
                deleteDestination(c, a, destinationIndex);
                c.reply().raw(SharedReplies.ZERO);
            } else {
                c.reply().emptySet();
            }
            return;
        }
        if (destinationIndex >= 0) {
            store(c, a, destinationIndex, SetOperations.intersectionSet(sets, limits.get()), "sinterstore");
            return;
        }
        ReplyWriter r = c.reply();
        long mark = r.beginDeferred();
        long[] count = {0};
        SetValue.MemberVisitor writer = SetCommands.bulkWriter(r);
        SetOperations.intersection(sets, new SetValue.MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                writer.string(bytes, off, len);
                count[0]++;
            }

            @Override
            public void integer(long value) {
                writer.integer(value);
                count[0]++;
            }
        });
        r.endDeferredSet(mark, count[0]);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]. */
    private void sintercard(Client c, CommandArguments a) {
        if (!a.isLong(1) || a.longValue(1) < 1) {
            c.reply().error("ERR numkeys should be greater than 0");
            return;
        }
        long numkeys = a.longValue(1);
        if (numkeys > a.count() - 2) {
            c.reply().error("ERR Number of keys can't be greater than number of args");
            return;
        }
        long limit = 0;
        for (int j = 2 + (int) numkeys; j < a.count(); j++) {
            if (a.equalsIgnoreCase(j, "limit") && j + 1 < a.count()) {
                j++;
                if (!a.isLong(j) || a.longValue(j) < 0) {
                    c.reply().error("ERR LIMIT can't be negative");
                    return;
                }
                limit = a.longValue(j);
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        SetValue[] sets = sources(c, a, 2, 2 + (int) numkeys);
        if (sets == null) {
            return;
        }
        c.reply().integer(anyMissing(sets) ? 0 : SetOperations.intersectionSize(sets, limit));
    }

    /** SUNION, SDIFF and their STORE forms (destination at {@code destinationIndex}, or -1). */
    private void unionOrDiff(Client c, CommandArguments a, int from, int destinationIndex, boolean difference) {
        SetValue[] sets = sources(c, a, from, a.count());
        if (sets == null) {
            return;
        }
        SetValue result = difference ? SetOperations.difference(sets, limits.get())
                : SetOperations.union(sets, limits.get());
        if (destinationIndex < 0) {
            SetCommands.replyMembers(c, result);
        } else {
            store(c, a, destinationIndex, result, difference ? "sdiffstore" : "sunionstore");
        }
    }

    /**
     * Stores a result at the destination key (Redis's setKey), or deletes the destination when it
     * is empty (after the reply, as Redis does).
     */
    private void store(Client c, CommandArguments a, int destinationIndex, SetValue result, String event) {
        if (result.isEmpty()) {
            c.reply().raw(SharedReplies.ZERO);
            deleteDestination(c, a, destinationIndex);
            return;
        }
        // Redis's setKey signals the change; the reply comes next, the notification after it.
        Keyspace ks = keyspace();
        int db = c.database();
        KeyEntry stored = ks.set(db, a.copy(destinationIndex), result, false);
        ks.modified(db, stored.key());
        ks.stats().changesSinceSave++;
        c.reply().integer(result.size());
        ks.notify(db, stored.key(), KeyEventClass.SET, event);
    }

    private void deleteDestination(Client c, CommandArguments a, int destinationIndex) {
        KeyEntry e = writeKey(c, a, destinationIndex);
        if (e != null) {
            Keyspace ks = keyspace();
            ks.database(c.database()).remove(e.key());
            ks.changed(c.database(), e.key(), KeyEventClass.GENERIC, "del");
        }
    }
}
