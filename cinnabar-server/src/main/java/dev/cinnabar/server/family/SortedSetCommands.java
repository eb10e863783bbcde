package dev.cinnabar.server.family;

import dev.cinnabar.engine.Database;
import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.SortedSet;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.SharedReplies;
import dev.cinnabar.server.BlockingRegistry;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The sorted-set commands on single members and the pops: ZADD and ZINCRBY (one worker, as in
 * Redis), ZCARD, ZSCORE, ZMSCORE, ZRANK and ZREVRANK (with 7.2's WITHSCORE), ZREM, ZRANDMEMBER,
 * ZSCAN, ZPOPMIN/ZPOPMAX, ZMPOP and the blocking BZPOPMIN/BZPOPMAX/BZMPOP. The range commands are
 * in {@link SortedSetRangeCommands}, the set algebra in {@link SortedSetAlgebraCommands}.
 */
final class SortedSetCommands extends CommandFamily {
    static final String NAN_RESULT = "ERR resulting score is not a number (NaN)";
    private static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    private CommandSpec bzpopmin;
    private CommandSpec bzpopmax;
    private CommandSpec bzmpop;

    SortedSetCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("zadd", (c, a) -> zadd(c, a, 0));
        bind("zincrby", (c, a) -> zadd(c, a, SortedSet.INCR));
        bind("zcard", this::zcard);
        bind("zscore", this::zscore);
        bind("zmscore", this::zmscore);
        bind("zrank", (c, a) -> zrank(c, a, false));
        bind("zrevrank", (c, a) -> zrank(c, a, true));
        bind("zrem", this::zrem);
        bind("zrandmember", this::zrandmember);
        bind("zscan", this::zscan);
        bind("zpopmin", (c, a) -> zpop(c, a, false));
        bind("zpopmax", (c, a) -> zpop(c, a, true));
        bind("bzpopmin", (c, a) -> bzpop(c, a, false));
        bind("bzpopmax", (c, a) -> bzpop(c, a, true));
        bind("zmpop", (c, a) -> zmpop(c, a, false));
        bind("bzmpop", (c, a) -> zmpop(c, a, true));
        bzpopmin = server.commands().get("bzpopmin");
        bzpopmax = server.commands().get("bzpopmax");
        bzmpop = server.commands().get("bzmpop");
    }

    // ---- shared by the sorted-set families ----

    long maxEntries() {
        return server.config().zsetMaxListpackEntries;
    }

    long maxValue() {
        return server.config().zsetMaxListpackValue;
    }

    /** The header of a list of {@code n} elements: flat in RESP2 with scores, pairs in RESP3. */
    static void elementsHeader(ReplyWriter r, long n, boolean withScores) {
        r.arrayHeader(withScores && !r.isResp3() ? n * 2 : n);
    }

    /** One element of such a list. */
    static void element(ReplyWriter r, byte[] member, double score, boolean withScores) {
        if (withScores && r.isResp3()) {
            r.arrayHeader(2);
        }
        r.bulk(member);
        if (withScores) {
            r.doubleValue(score);
        }
    }

    // ---- ZADD / ZINCRBY ----

    /** ZADD and ZINCRBY (Redis's zaddGenericCommand): validate everything, then add. */
    private void zadd(Client c, CommandArguments a, int baseFlags) {
        int flags = baseFlags;
        boolean ch = false;
        int scoreIndex = 2;
        while (scoreIndex < a.count()) {
            if (a.equalsIgnoreCase(scoreIndex, "nx")) {
                flags |= SortedSet.NX;
            } else if (a.equalsIgnoreCase(scoreIndex, "xx")) {
                flags |= SortedSet.XX;
            } else if (a.equalsIgnoreCase(scoreIndex, "ch")) {
                ch = true;
            } else if (a.equalsIgnoreCase(scoreIndex, "incr")) {
                flags |= SortedSet.INCR;
            } else if (a.equalsIgnoreCase(scoreIndex, "gt")) {
                flags |= SortedSet.GT;
            } else if (a.equalsIgnoreCase(scoreIndex, "lt")) {
                flags |= SortedSet.LT;
            } else {
                break;
            }
            scoreIndex++;
        }
        boolean incr = (flags & SortedSet.INCR) != 0;
        boolean nx = (flags & SortedSet.NX) != 0;
        boolean xx = (flags & SortedSet.XX) != 0;
        boolean gt = (flags & SortedSet.GT) != 0;
        boolean lt = (flags & SortedSet.LT) != 0;
        int elements = a.count() - scoreIndex;
        if (elements % 2 != 0 || elements == 0) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        elements /= 2;
        if (nx && xx) {
            c.reply().error("ERR XX and NX options at the same time are not compatible");
            return;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            c.reply().error("ERR GT, LT, and/or NX options at the same time are not compatible");
            return;
        }
        if (incr && elements > 1) {
            c.reply().error("ERR INCR option supports a single increment-element pair");
            return;
        }
        double[] scores = new double[elements];
        double[] parsed = new double[1];
        for (int j = 0; j < elements; j++) {
            if (!ZsetArguments.parseScore(a, scoreIndex + 2 * j, parsed)) {
                c.reply().error(NOT_A_FLOAT);
                return;
            }
            scores[j] = parsed[0];
        }
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.ZSET)) {
            return;
        }
        Keyspace ks = keyspace();
        int db = c.database();
        int added = 0;
        int updated = 0;
        int processed = 0;
        double score = 0;
        if (e == null && xx) {
            if (incr) {
                c.reply().nullBulk();
            } else {
                c.reply().integer(0);
            }
            return;
        }
        boolean created = e == null;
        if (created) {
            e = ks.database(db).add(a.copy(1), new SortedSet());
        }
        SortedSet z = (SortedSet) e.value();
        long maxEntries = maxEntries();
        long maxValue = maxValue();
        double[] newScore = new double[1];
        boolean nan = false;
        for (int j = 0; j < elements && !nan; j++) {
            int m = scoreIndex + 2 * j + 1;
            int result = z.add(a.arrayOf(m), a.offsetOf(m), a.length(m), scores[j], flags, newScore, maxEntries, maxValue);
            nan = (result & SortedSet.OUT_NAN) != 0;
            if ((result & SortedSet.OUT_ADDED) != 0) {
                added++;
            }
            if ((result & SortedSet.OUT_UPDATED) != 0) {
                updated++;
            }
            if (!nan && (result & SortedSet.OUT_NOP) == 0) {
                processed++;
                score = newScore[0];
            }
        }
        if (nan) {
            c.reply().error(NAN_RESULT);
        } else if (!incr) {
            c.reply().integer(ch ? added + updated : added);
        } else if (processed > 0) {
            c.reply().doubleValue(score);
        } else {
            c.reply().nullBulk();
        }
        z.trim();
        if (z.isEmpty()) {
            ks.database(db).remove(e.key());
        }
        if (added > 0 || updated > 0) {
            ks.changed(db, e.key(), KeyEventClass.SORTED_SET, incr ? "zincr" : "zadd");
        }
    }

    // ---- reads ----

    private void zcard(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
        } else if (!wrongType(c, e, ValueType.ZSET)) {
            c.reply().integer(((SortedSet) e.value()).size());
        }
    }

    private void zscore(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
            return;
        }
        if (wrongType(c, e, ValueType.ZSET)) {
            return;
        }
        double score = ((SortedSet) e.value()).score(a.arrayOf(2), a.offsetOf(2), a.length(2));
        if (Double.isNaN(score)) {
            c.reply().nullBulk();
        } else {
            c.reply().doubleValue(score);
        }
    }

    private void zmscore(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (wrongType(c, e, ValueType.ZSET)) {
            return;
        }
        SortedSet z = e == null ? null : (SortedSet) e.value();
        ReplyWriter r = c.reply();
        r.arrayHeader(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            double score = z == null ? Double.NaN : z.score(a.arrayOf(i), a.offsetOf(i), a.length(i));
            if (Double.isNaN(score)) {
                r.nullBulk();
            } else {
                r.doubleValue(score);
            }
        }
    }

    /** ZRANK / ZREVRANK key member [WITHSCORE] (WITHSCORE as in Redis 7.2). */
    private void zrank(Client c, CommandArguments a, boolean reverse) {
        if (a.count() > 4) {
            c.reply().error("ERR wrong number of arguments for '" + (reverse ? "zrevrank" : "zrank") + "' command");
            return;
        }
        boolean withScore = false;
        if (a.count() == 4) {
            if (!a.equalsIgnoreCase(3, "withscore")) {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
            withScore = true;
        }
        KeyEntry e = readKey(c, a, 1);
        if (e != null && wrongType(c, e, ValueType.ZSET)) {
            return;
        }
        double[] score = new double[1];
        long rank = e == null ? -1 : ((SortedSet) e.value()).rank(a.arrayOf(2), a.offsetOf(2), a.length(2), reverse, score);
        ReplyWriter r = c.reply();
        if (rank < 0) {
            if (withScore) {
                r.nullArray();
            } else {
                r.nullBulk();
            }
            return;
        }
        if (withScore) {
            r.arrayHeader(2);
            r.integer(rank);
            r.doubleValue(score[0]);
        } else {
            r.integer(rank);
        }
    }

    // ---- ZREM ----

    private void zrem(Client c, CommandArguments a) {
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        if (wrongType(c, e, ValueType.ZSET)) {
            return;
        }
        SortedSet z = (SortedSet) e.value();
        long deleted = 0;
        boolean keyRemoved = false;
        for (int i = 2; i < a.count(); i++) {
            if (z.remove(a.arrayOf(i), a.offsetOf(i), a.length(i))) {
                deleted++;
            }
            if (z.isEmpty()) {
                keyRemoved = true;
                break;
            }
        }
        if (deleted > 0) {
            removedElements(c.database(), e, "zrem", keyRemoved);
        }
        c.reply().integer(deleted);
    }

    /**
     * The end of a command that removed elements of a key: the change event, and when the set is
     * now empty, the key's removal with a "del" event.
     */
    void removedElements(int db, KeyEntry e, String event, boolean keyRemoved) {
        Keyspace ks = keyspace();
        if (keyRemoved) {
            ks.database(db).remove(e.key());
        } else {
            ((SortedSet) e.value()).trim();
        }
        ks.changed(db, e.key(), KeyEventClass.SORTED_SET, event);
        if (keyRemoved) {
            ks.notify(db, e.key(), KeyEventClass.GENERIC, "del");
        }
    }

    // ---- ZRANDMEMBER ----

    private void zrandmember(Client c, CommandArguments a) {
        if (a.count() >= 3) {
            if (!a.isLong(2)) {
                c.reply().error(NOT_AN_INTEGER);
                return;
            }
            long count = a.longValue(2);
            if (count == Long.MIN_VALUE) {
                c.reply().error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                return;
            }
            if (a.count() > 4 || (a.count() == 4 && !a.equalsIgnoreCase(3, "withscores"))) {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
            boolean withScores = a.count() == 4;
            if (withScores && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
                c.reply().error("ERR value is out of range");
                return;
            }
            zrandmemberWithCount(c, a, count, withScores);
            return;
        }
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
            return;
        }
        if (wrongType(c, e, ValueType.ZSET)) {
            return;
        }
        ((SortedSet) e.value()).randomElement(keyspace().random(), (m, s) -> c.reply().bulk(m));
    }

    private void zrandmemberWithCount(Client c, CommandArguments a, long requested, boolean withScores) {
        KeyEntry e = readKeyOrReply(c, a, 1, SharedReplies.EMPTY_ARRAY, ValueType.ZSET);
        if (e == null) {
            return;
        }
        SortedSet z = (SortedSet) e.value();
        ReplyWriter r = c.reply();
        boolean distinct = requested >= 0;
        long count = Math.abs(requested);
        if (count == 0) {
            r.raw(SharedReplies.EMPTY_ARRAY);
            return;
        }
        SortedSet.Visitor out = (m, s) -> element(r, m, s, withScores);
        if (!distinct || count == 1) {
            elementsHeader(r, count, withScores);
            z.randomWithRepeats(count, keyspace().random(), out);
            return;
        }
        long size = z.size();
        elementsHeader(r, Math.min(count, size), withScores);
        if (count >= size) {
            // The whole set, as Redis's iterator walks it: from the highest score down.
            z.rangeByRank(0, size - 1, true, out);
            return;
        }
        z.randomDistinct(count, keyspace().random(), out);
    }

    // ---- ZSCAN ----

    private void zscan(Client c, CommandArguments a) {
        ScanStart start = startScan(c, a, ValueType.ZSET);
        if (start == null) {
            return;
        }
        ScanArguments options = start.options();
        List<byte[]> items = new ArrayList<>();
        long next = ((SortedSet) start.entry().value()).scan(start.cursor(), options.count, (m, scoreText) -> {
            if (options.matches(m)) {
                items.add(m);
                items.add(scoreText);
            }
        });
        ScanArguments.reply(c.reply(), next, items);
    }

    // ---- pops ----

    private void zpop(Client c, CommandArguments a, boolean max) {
        if (a.count() > 3) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        long count = -1;
        if (a.count() == 3) {
            // Redis's getPositiveLongFromObjectOrReply: one message for "not a number" and "negative".
            if (!a.isLong(2) || a.longValue(2) < 0) {
                c.reply().error(NOT_POSITIVE);
                return;
            }
            count = a.longValue(2);
        }
        boolean nested = c.reply().isResp3() && count != -1;
        pop(c, List.of(a.copy(1)), max, false, count, nested, false);
    }

    /**
     * Redis's genericZpopCommand: pops from the first of {@code keys} that exists. The reply is
     * flat or nested, with or without the key, as each command asks.
     */
    private void pop(Client c, List<byte[]> keys, boolean max, boolean emitKey, long count, boolean nested,
                     boolean nilWhenEmpty) {
        Keyspace ks = keyspace();
        int db = c.database();
        KeyEntry e = null;
        for (byte[] key : keys) {
            e = ks.lookupWrite(db, key, 0, key.length);
            if (e == null) {
                continue;
            }
            if (wrongType(c, e, ValueType.ZSET)) {
                return;
            }
            break;
        }
        ReplyWriter r = c.reply();
        if (e == null) {
            if (nilWhenEmpty) {
                r.nullArray();
            } else {
                r.raw(SharedReplies.EMPTY_ARRAY);
            }
            return;
        }
        if (count == 0) {
            r.raw(SharedReplies.EMPTY_ARRAY);
            return;
        }
        if (count == -1) {
            count = 1;
        }
        SortedSet z = (SortedSet) e.value();
        long n = Math.min(count, z.size());
        if (!nested && !emitKey) {
            r.arrayHeader(n * 2);
        } else if (nested && !emitKey) {
            r.arrayHeader(n);
        } else if (!nested) {
            r.arrayHeader(n * 2 + 1);
            r.bulk(e.key());
        } else {
            r.arrayHeader(2);
            r.bulk(e.key());
            r.arrayHeader(n);
        }
        // As in Redis, the event is sent once the first element is out, between the reply's header
        // and its elements (a RESP3 client subscribed to its own events sees the push there).
        byte[][] member = new byte[1][];
        double[] score = new double[1];
        for (long i = 0; i < n; i++) {
            z.pop(max, 1, (m, s) -> {
                member[0] = m;
                score[0] = s;
            });
            if (i == 0) {
                keyspace().changed(db, e.key(), KeyEventClass.SORTED_SET, max ? "zpopmax" : "zpopmin");
            }
            if (nested) {
                r.arrayHeader(2);
            }
            r.bulk(member[0]);
            r.doubleValue(score[0]);
        }
        if (z.isEmpty()) {
            keyspace().database(db).remove(e.key());
            keyspace().notify(db, e.key(), KeyEventClass.GENERIC, "del");
        } else {
            z.trim();
        }
    }

    /** BZPOPMIN / BZPOPMAX key [key ...] timeout. */
    private void bzpop(Client c, CommandArguments a, boolean max) {
        long timeout = BlockingTimeout.millis(c, a, a.count() - 1);
        if (timeout < 0) {
            return;
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < a.count() - 1; i++) {
            keys.add(a.copy(i));
        }
        blockingPop(c, a, keys, max, timeout, -1, false, false, max ? bzpopmax : bzpopmin);
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count], and BZMPOP timeout numkeys ... */
    private void zmpop(Client c, CommandArguments a, boolean blocking) {
        int numkeysIndex = blocking ? 2 : 1;
        if (!a.isLong(numkeysIndex) || a.longValue(numkeysIndex) < 1) {
            c.reply().error("ERR numkeys should be greater than 0");
            return;
        }
        long numkeys = a.longValue(numkeysIndex);
        long whereIndex = numkeysIndex + numkeys + 1;
        if (whereIndex >= a.count()) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        boolean max;
        if (a.equalsIgnoreCase((int) whereIndex, "min")) {
            max = false;
        } else if (a.equalsIgnoreCase((int) whereIndex, "max")) {
            max = true;
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        long count = -1;
        for (int j = (int) whereIndex + 1; j < a.count(); j++) {
            boolean moreArgs = j < a.count() - 1;
            if (count == -1 && a.equalsIgnoreCase(j, "count") && moreArgs) {
                j++;
                if (!a.isLong(j) || a.longValue(j) < 1) {
                    c.reply().error("ERR count should be greater than 0");
                    return;
                }
                count = a.longValue(j);
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        if (count == -1) {
            count = 1;
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = numkeysIndex + 1; i < whereIndex; i++) {
            keys.add(a.copy(i));
        }
        if (!blocking) {
            pop(c, keys, max, true, count, true, true);
            return;
        }
        long timeout = BlockingTimeout.millis(c, a, 1);
        if (timeout < 0) {
            return;
        }
        blockingPop(c, a, keys, max, timeout, count, true, true, bzmpop);
    }

    /**
     * The blocking pops (Redis's blockingGenericZpopCommand): pop from the first non-empty key,
     * or wait. When the registry re-runs the command for a key that became ready, only that key
     * is served, as Redis 7.0 serves it; if it cannot be (gone again, or not a sorted set) the
     * client keeps waiting in its place.
     */
    private void blockingPop(Client c, CommandArguments a, List<byte[]> keys, boolean max, long timeout, long count,
                             boolean nested, boolean nilWhenEmpty, CommandSpec spec) {
        BlockingRegistry blocking = server.blocking();
        Keyspace ks = keyspace();
        int db = c.database();
        byte[] ready = blocking.readyKey(c);
        if (ready != null) {
            KeyEntry e = ks.lookupWrite(db, ready, 0, ready.length);
            if (e != null && e.value() instanceof SortedSet z && !z.isEmpty()) {
                pop(c, List.of(ready), max, true, count, nested, nilWhenEmpty);
            } else {
                blocking.block(c, spec, a, keys, timeout, SortedSetCommands::timedOut);
            }
            return;
        }
        for (byte[] key : keys) {
            KeyEntry e = ks.lookupWrite(db, key, 0, key.length);
            if (e == null) {
                continue;
            }
            if (wrongType(c, e, ValueType.ZSET)) {
                return;
            }
            if (((SortedSet) e.value()).isEmpty()) {
                continue;
            }
            pop(c, List.of(key), max, true, count, nested, nilWhenEmpty);
            return;
        }
        if (!blocking.mayBlock(c)) {
            c.reply().nullArray();
            return;
        }
        blocking.block(c, spec, a, keys, timeout, SortedSetCommands::timedOut);
    }

    private static void timedOut(Client c) {
        c.reply().nullArray();
    }

    /** The database a client uses, for the other sorted-set families. */
    Database database(Client c) {
        return keyspace().database(c.database());
    }
}
