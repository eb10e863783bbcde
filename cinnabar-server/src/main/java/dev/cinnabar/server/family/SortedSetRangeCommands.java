package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.LexRange;
import dev.cinnabar.engine.value.ScoreRange;
import dev.cinnabar.engine.value.SortedSet;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.SharedReplies;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;

/**
 * The sorted-set range commands: ZRANGE (by rank, BYSCORE, BYLEX, REV, LIMIT) and its older forms
 * ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX, all through one worker
 * as in Redis; ZRANGESTORE; ZCOUNT and ZLEXCOUNT; ZREMRANGEBYRANK, ZREMRANGEBYSCORE and
 * ZREMRANGEBYLEX.
 */
final class SortedSetRangeCommands extends CommandFamily {
    private enum Type { AUTO, RANK, SCORE, LEX }

    private enum Direction { AUTO, FORWARD, REVERSE }

    private final SortedSetCommands zsets;

    SortedSetRangeCommands(Server server, SortedSetCommands zsets) {
        super(server);
        this.zsets = zsets;
    }

    private final Output output = new Output();

    @Override
    void bindAll() {
        bind("zrange", (c, a) -> range(c, a, 1, false, Type.AUTO, Direction.AUTO));
        bind("zrangestore", (c, a) -> range(c, a, 2, true, Type.AUTO, Direction.AUTO));
        bind("zrevrange", (c, a) -> range(c, a, 1, false, Type.RANK, Direction.REVERSE));
        bind("zrangebyscore", (c, a) -> range(c, a, 1, false, Type.SCORE, Direction.FORWARD));
        bind("zrevrangebyscore", (c, a) -> range(c, a, 1, false, Type.SCORE, Direction.REVERSE));
        bind("zrangebylex", (c, a) -> range(c, a, 1, false, Type.LEX, Direction.FORWARD));
        bind("zrevrangebylex", (c, a) -> range(c, a, 1, false, Type.LEX, Direction.REVERSE));
        bind("zcount", this::zcount);
        bind("zlexcount", this::zlexcount);
        bind("zremrangebyrank", (c, a) -> removeRange(c, a, Type.RANK));
        bind("zremrangebyscore", (c, a) -> removeRange(c, a, Type.SCORE));
        bind("zremrangebylex", (c, a) -> removeRange(c, a, Type.LEX));
    }

    /**
     * Where a range goes: to the client (as a reply, its length written once known), or into a new
     * sorted set (ZRANGESTORE), built element by element as ZADD would.
     */
    private final class Output implements SortedSet.Visitor {
        Client client;
        boolean withScores;
        SortedSet store;
        final double[] ignored = new double[1];
        long mark;
        long count;

        /**
         * Readies the one Output of this family for a command (commands run one at a time on the
         * event loop, and a range never runs another inside it), so a range query allocates none.
         */
        Output reset(Client client, boolean withScores, boolean store) {
            this.client = client;
            this.withScores = withScores;
            this.store = store ? new SortedSet() : null;
            this.mark = 0;
            this.count = 0;
            return this;
        }

        void begin() {
            if (store == null) {
                mark = client.reply().beginDeferred();
            }
        }

        @Override
        public void visit(byte[] member, double score) {
            count++;
            if (store != null) {
                store.add(member, 0, member.length, score, 0, ignored, zsets.maxEntries(), zsets.maxValue());
            } else {
                SortedSetCommands.element(client.reply(), member, score, withScores);
            }
        }

        /** Ends the reply, or stores the result at {@code destination} (deleting it when empty). */
        void finish(CommandArguments a) {
            if (store == null) {
                ReplyWriter r = client.reply();
                if (count == 0) {
                    r.rewind(mark);
                    r.raw(SharedReplies.EMPTY_ARRAY);
                } else {
                    r.endDeferredArray(mark, withScores && !r.isResp3() ? count * 2 : count);
                }
                return;
            }
            storeResult(client, a, 1, store, "zrangestore");
        }
    }

    /**
     * Stores a computed sorted set at argument {@code destIndex} (replacing any value, dropping its
     * TTL) and replies with its size; an empty result deletes the destination instead. The reply
     * comes before the event, as in Redis.
     */
    void storeResult(Client c, CommandArguments a, int destIndex, SortedSet result, String event) {
        Keyspace ks = keyspace();
        int db = c.database();
        if (result.isEmpty()) {
            c.reply().integer(0);
            KeyEntry old = writeKey(c, a, destIndex);
            if (old != null) {
                ks.database(db).remove(old.key());
                ks.changed(db, old.key(), KeyEventClass.GENERIC, "del");
            }
            return;
        }
        result.trim();
        KeyEntry e = ks.set(db, a.copy(destIndex), result, false);
        c.reply().integer(result.size());
        ks.changed(db, e.key(), KeyEventClass.SORTED_SET, event);
    }

    /** Redis's zrangeGenericCommand: key at {@code keyIndex}, then min/start and max/stop, then options. */
    private void range(Client c, CommandArguments a, int keyIndex, boolean store, Type type, Direction direction) {
        int minIndex = keyIndex + 1;
        int maxIndex = keyIndex + 2;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = keyIndex + 3; j < a.count(); j++) {
            int left = a.count() - j - 1;
            if (!store && a.equalsIgnoreCase(j, "withscores")) {
                withScores = true;
            } else if (a.equalsIgnoreCase(j, "limit") && left >= 2) {
                if (!a.isLong(j + 1) || !a.isLong(j + 2)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                offset = a.longValue(j + 1);
                limit = a.longValue(j + 2);
                j += 2;
            } else if (direction == Direction.AUTO && a.equalsIgnoreCase(j, "rev")) {
                direction = Direction.REVERSE;
            } else if (type == Type.AUTO && a.equalsIgnoreCase(j, "bylex")) {
                type = Type.LEX;
            } else if (type == Type.AUTO && a.equalsIgnoreCase(j, "byscore")) {
                type = Type.SCORE;
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        if (direction == Direction.AUTO) {
            direction = Direction.FORWARD;
        }
        if (type == Type.AUTO) {
            type = Type.RANK;
        }
        if (limit != -1 && type == Type.RANK) {
            c.reply().error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
            return;
        }
        if (withScores && type == Type.LEX) {
            c.reply().error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
            return;
        }
        boolean reverse = direction == Direction.REVERSE;
        if (reverse && type != Type.RANK) {
            int t = minIndex;
            minIndex = maxIndex;
            maxIndex = t;
        }
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (type) {
            case SCORE -> {
                scores = ZsetArguments.parseScoreRange(a, minIndex, maxIndex);
                if (scores == null) {
                    c.reply().error(ZsetArguments.MIN_MAX_NOT_FLOAT);
                    return;
                }
            }
            case LEX -> {
                lex = ZsetArguments.parseLexRange(a, minIndex, maxIndex);
                if (lex == null) {
                    c.reply().error(ZsetArguments.MIN_MAX_NOT_STRING);
                    return;
                }
            }
            default -> {
                if (!a.isLong(minIndex) || !a.isLong(maxIndex)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                start = a.longValue(minIndex);
                end = a.longValue(maxIndex);
            }
        }
        Output out = output.reset(c, withScores, store);
        try {
            KeyEntry e = readKey(c, a, keyIndex);
            if (e == null) {
                if (store) {
                    out.finish(a);
                } else {
                    c.reply().raw(SharedReplies.EMPTY_ARRAY);
                }
                return;
            }
            if (wrongType(c, e, ValueType.ZSET)) {
                return;
            }
            SortedSet z = (SortedSet) e.value();
            out.begin();
            switch (type) {
                case SCORE -> z.rangeByScore(scores, reverse, offset, limit, out);
                case LEX -> z.rangeByLex(lex, reverse, offset, limit, out);
                default -> {
                    long size = z.size();
                    start = IndexRange.first(start, size);
                    end = IndexRange.last(end, size);
                    if (start <= end) {
                        z.rangeByRank(start, end, reverse, out);
                    }
                }
            }
            out.finish(a);
        } finally {
            out.reset(null, false, false); // keeps no client or result alive between commands
        }
    }

    private void zcount(Client c, CommandArguments a) {
        ScoreRange range = ZsetArguments.parseScoreRange(a, 2, 3);
        if (range == null) {
            c.reply().error(ZsetArguments.MIN_MAX_NOT_FLOAT);
            return;
        }
        KeyEntry e = readKeyOrReply(c, a, 1, SharedReplies.ZERO, ValueType.ZSET);
        if (e != null) {
            c.reply().integer(((SortedSet) e.value()).count(range));
        }
    }

    private void zlexcount(Client c, CommandArguments a) {
        LexRange range = ZsetArguments.parseLexRange(a, 2, 3);
        if (range == null) {
            c.reply().error(ZsetArguments.MIN_MAX_NOT_STRING);
            return;
        }
        KeyEntry e = readKeyOrReply(c, a, 1, SharedReplies.ZERO, ValueType.ZSET);
        if (e != null) {
            c.reply().integer(((SortedSet) e.value()).count(range));
        }
    }

    /** ZREMRANGEBYRANK / BYSCORE / BYLEX key min max (Redis's zremrangeGenericCommand). */
    private void removeRange(Client c, CommandArguments a, Type type) {
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        if (type == Type.RANK) {
            if (!a.isLong(2) || !a.isLong(3)) {
                c.reply().error(NOT_AN_INTEGER);
                return;
            }
            start = a.longValue(2);
            end = a.longValue(3);
        } else if (type == Type.SCORE) {
            scores = ZsetArguments.parseScoreRange(a, 2, 3);
            if (scores == null) {
                c.reply().error(ZsetArguments.MIN_MAX_NOT_FLOAT);
                return;
            }
        } else {
            lex = ZsetArguments.parseLexRange(a, 2, 3);
            if (lex == null) {
                c.reply().error(ZsetArguments.MIN_MAX_NOT_STRING);
                return;
            }
        }
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        if (wrongType(c, e, ValueType.ZSET)) {
            return;
        }
        SortedSet z = (SortedSet) e.value();
        long deleted;
        String event;
        if (type == Type.RANK) {
            long size = z.size();
            start = IndexRange.first(start, size);
            end = IndexRange.last(end, size);
            if (start > end) {
                c.reply().integer(0);
                return;
            }
            deleted = z.removeRangeByRank(start, end);
            event = "zremrangebyrank";
        } else if (type == Type.SCORE) {
            deleted = z.removeRange(scores);
            event = "zremrangebyscore";
        } else {
            deleted = z.removeRange(lex);
            event = "zremrangebylex";
        }
        if (deleted > 0) {
            zsets.removedElements(c.database(), e, event, z.isEmpty());
        }
        c.reply().integer(deleted);
    }
}
