package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.ListValue;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.SharedReplies;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;

/**
 * The list commands that work on one key: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX
 * LSET LINSERT LREM LTRIM LPOS. The commands that move elements between keys or wait for them
 * are in {@link ListPopCommands}.
 *
 * <p>The order of checks is Redis 7.0's, command by command (it shows when several arguments
 * are wrong at once): LRANGE, LTRIM and LREM parse their numbers before looking the key up,
 * LINDEX and LSET after; LINSERT checks BEFORE/AFTER first. Encodings change as in Redis 7.2:
 * every command that adds elements first asks the list whether it must become a quicklist
 * (LINSERT and LSET even when nothing ends up inserted), every command that removes elements
 * lets it become a listpack again.
 */
final class ListCommands extends CommandFamily {
    private static final String OUT_OF_RANGE = "ERR index out of range";
    private static final String NO_SUCH_KEY = "ERR no such key";
    private static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    private final ListSupport.BulkWriter bulks = new ListSupport.BulkWriter();

    ListCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("lpush", (c, a) -> push(c, a, true, false));
        bind("rpush", (c, a) -> push(c, a, false, false));
        bind("lpushx", (c, a) -> push(c, a, true, true));
        bind("rpushx", (c, a) -> push(c, a, false, true));
        bind("lpop", (c, a) -> pop(c, a, true));
        bind("rpop", (c, a) -> pop(c, a, false));
        bind("llen", this::llen);
        bind("lrange", this::lrange);
        bind("lindex", this::lindex);
        bind("lset", this::lset);
        bind("linsert", this::linsert);
        bind("lrem", this::lrem);
        bind("ltrim", this::ltrim);
        bind("lpos", this::lpos);
    }

    private int fill() {
        return ListSupport.fill(server);
    }

    private int depth() {
        return ListSupport.compressDepth(server);
    }

    /** LPUSH, RPUSH and, with {@code onlyIfExists}, LPUSHX and RPUSHX. */
    private void push(Client c, CommandArguments a, boolean head, boolean onlyIfExists) {
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.LIST)) {
            return;
        }
        int db = c.database();
        if (e == null) {
            if (onlyIfExists) {
                c.reply().raw(SharedReplies.ZERO);
                return;
            }
            e = keyspace().database(db).add(a.copy(1), new ListValue());
        }
        ListValue list = (ListValue) e.value();
        long bytes = 0;
        for (int i = 2; i < a.count(); i++) {
            bytes += a.length(i);
        }
        list.prepareToGrow(bytes, a.count() - 2, fill(), depth());
        for (int i = 2; i < a.count(); i++) {
            list.push(head, a.arrayOf(i), a.offsetOf(i), a.length(i));
        }
        c.reply().integer(list.length());
        keyspace().changed(db, e.key(), KeyEventClass.LIST, head ? "lpush" : "rpush");
    }

    /** LPOP and RPOP, with or without a count. */
    private void pop(Client c, CommandArguments a, boolean head) {
        if (a.count() > 3) {
            c.reply().error("ERR wrong number of arguments for '" + (head ? "lpop" : "rpop") + "' command");
            return;
        }
        boolean withCount = a.count() == 3;
        long count = 0;
        if (withCount) {
            if (!a.isLong(2) || a.longValue(2) < 0) {
                c.reply().error(NOT_POSITIVE);
                return;
            }
            count = a.longValue(2);
        }
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            if (withCount) {
                c.reply().nullArray();
            } else {
                c.reply().nullBulk();
            }
            return;
        }
        if (wrongType(c, e, ValueType.LIST)) {
            return;
        }
        if (withCount && count == 0) {
            c.reply().raw(SharedReplies.EMPTY_ARRAY);
            return;
        }
        ListValue list = (ListValue) e.value();
        if (!withCount) {
            list.pop(head, bulks.to(c.reply()));
        } else {
            popRange(c.reply(), list, head, count, bulks);
        }
        ListSupport.elementsRemoved(server, c.database(), e, list, head);
    }

    /** Replies with up to {@code count} elements from one end, as an array, and removes them. */
    static void popRange(ReplyWriter reply, ListValue list, boolean head, long count, ListSupport.BulkWriter bulks) {
        long length = list.length();
        long n = Math.min(count, length);
        reply.arrayHeader(n);
        list.range(head ? 0 : length - 1, n, !head, bulks.to(reply));
        list.deleteRange(head ? 0 : length - n, n);
    }

    private void llen(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().raw(SharedReplies.ZERO);
        } else if (!wrongType(c, e, ValueType.LIST)) {
            c.reply().integer(((ListValue) e.value()).length());
        }
    }

    private void lrange(Client c, CommandArguments a) {
        if (!a.isLong(2) || !a.isLong(3)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long start = a.longValue(2);
        long end = a.longValue(3);
        KeyEntry e = readKeyOrReply(c, a, 1, SharedReplies.EMPTY_ARRAY, ValueType.LIST);
        if (e == null) {
            return;
        }
        ListValue list = (ListValue) e.value();
        long length = list.length();
        start = IndexRange.first(start, length);
        end = IndexRange.last(end, length);
        if (start > end) {
            c.reply().raw(SharedReplies.EMPTY_ARRAY);
            return;
        }
        long n = end - start + 1;
        c.reply().arrayHeader(n);
        list.range(start, n, false, bulks.to(c.reply()));
    }

    private void lindex(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().nullBulk();
            return;
        }
        if (wrongType(c, e, ValueType.LIST)) {
            return;
        }
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        if (!((ListValue) e.value()).get(a.longValue(2), bulks.to(c.reply()))) {
            c.reply().nullBulk();
        }
    }

    private void lset(Client c, CommandArguments a) {
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().error(NO_SUCH_KEY);
            return;
        }
        if (wrongType(c, e, ValueType.LIST)) {
            return;
        }
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        ListValue list = (ListValue) e.value();
        // As Redis 7.2: the conversion for the new element comes first, even when the index
        // turns out to be out of range.
        list.prepareToGrow(a.length(3), 1, fill(), depth());
        if (!list.set(a.longValue(2), a.arrayOf(3), a.offsetOf(3), a.length(3))) {
            c.reply().error(OUT_OF_RANGE);
            return;
        }
        c.reply().ok();
        keyspace().changed(c.database(), e.key(), KeyEventClass.LIST, "lset");
        list.shrunk(fill());
    }

    private void linsert(Client c, CommandArguments a) {
        boolean after;
        if (a.equalsIgnoreCase(2, "after")) {
            after = true;
        } else if (a.equalsIgnoreCase(2, "before")) {
            after = false;
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        KeyEntry e = writeKeyOrReply(c, a, 1, SharedReplies.ZERO, ValueType.LIST);
        if (e == null) {
            return;
        }
        ListValue list = (ListValue) e.value();
        list.prepareToGrow(a.length(4), 1, fill(), depth());
        if (!list.insert(after, a.arrayOf(3), a.offsetOf(3), a.length(3), a.arrayOf(4), a.offsetOf(4), a.length(4))) {
            c.reply().integer(-1);
            return;
        }
        keyspace().changed(c.database(), e.key(), KeyEventClass.LIST, "linsert");
        c.reply().integer(list.length());
    }

    private void lrem(Client c, CommandArguments a) {
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        KeyEntry e = writeKeyOrReply(c, a, 1, SharedReplies.ZERO, ValueType.LIST);
        if (e == null) {
            return;
        }
        ListValue list = (ListValue) e.value();
        long removed = list.remove(a.longValue(2), a.arrayOf(3), a.offsetOf(3), a.length(3));
        int db = c.database();
        if (removed > 0) {
            keyspace().changed(db, e.key(), KeyEventClass.LIST, "lrem");
            ListSupport.deleteIfEmpty(server, db, e, list);
        }
        c.reply().integer(removed);
    }

    private void ltrim(Client c, CommandArguments a) {
        if (!a.isLong(2) || !a.isLong(3)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long start = a.longValue(2);
        long end = a.longValue(3);
        KeyEntry e = writeKey(c, a, 1);
        if (e == null) {
            c.reply().ok();
            return;
        }
        if (wrongType(c, e, ValueType.LIST)) {
            return;
        }
        ListValue list = (ListValue) e.value();
        long length = list.length();
        start = IndexRange.first(start, length);
        end = IndexRange.last(end, length);
        long left;
        long right;
        if (start > end) {
            left = length;
            right = 0;
        } else {
            left = start;
            right = length - end - 1;
        }
        list.deleteRange(0, left);
        list.deleteRange(length - left - right, right);
        int db = c.database();
        Keyspace ks = keyspace();
        ks.changed(db, e.key(), KeyEventClass.LIST, "ltrim");
        ListSupport.deleteIfEmpty(server, db, e, list);
        c.reply().ok();
    }

    /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. */
    private void lpos(Client c, CommandArguments a) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < a.count(); j++) {
            boolean more = j < a.count() - 1;
            if (a.equalsIgnoreCase(j, "RANK") && more) {
                j++;
                if (!a.isLong(j)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                rank = a.longValue(j);
                if (rank == 0) {
                    c.reply().error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                            + "or use negative to start from the end of the list");
                    return;
                }
            } else if (a.equalsIgnoreCase(j, "COUNT") && more) {
                j++;
                if (!a.isLong(j) || a.longValue(j) < 0) {
                    c.reply().error("ERR COUNT can't be negative");
                    return;
                }
                count = a.longValue(j);
            } else if (a.equalsIgnoreCase(j, "MAXLEN") && more) {
                j++;
                if (!a.isLong(j) || a.longValue(j) < 0) {
                    c.reply().error("ERR MAXLEN can't be negative");
                    return;
                }
                maxlen = a.longValue(j);
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        boolean fromTail = rank < 0;
        if (fromTail) {
            // -Long.MIN_VALUE stays negative, as in Redis: then every match qualifies.
            rank = -rank;
        }
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            if (count != -1) {
                c.reply().raw(SharedReplies.EMPTY_ARRAY);
            } else {
                c.reply().nullBulk();
            }
            return;
        }
        if (wrongType(c, e, ValueType.LIST)) {
            return;
        }
        ListValue list = (ListValue) e.value();
        ReplyWriter reply = c.reply();
        boolean asArray = count != -1;
        long mark = asArray ? reply.beginDeferred() : 0;
        long length = list.length();
        byte[] element = a.arrayOf(2);
        int offset = a.offsetOf(2);
        int elementLength = a.length(2);
        long finalRank = rank;
        long finalCount = count;
        long finalMaxlen = maxlen;
        // index, matches, array length, found position
        long[] state = {0, 0, 0, -1};
        if (length > 0) {
            list.walk(fromTail ? length - 1 : 0, fromTail, (lp, p) -> {
                if (finalMaxlen != 0 && state[0] >= finalMaxlen) {
                    return false;
                }
                if (lp.equalsAt(p, element, offset, elementLength)) {
                    state[1]++;
                    if (state[1] >= finalRank) {
                        long position = fromTail ? length - state[0] - 1 : state[0];
                        if (!asArray) {
                            state[3] = position;
                            return false;
                        }
                        state[2]++;
                        reply.integer(position);
                        if (finalCount != 0 && state[1] - finalRank + 1 >= finalCount) {
                            return false;
                        }
                    }
                }
                state[0]++;
                return true;
            });
        }
        if (asArray) {
            reply.endDeferredArray(mark, state[2]);
        } else if (state[3] != -1) {
            reply.integer(state[3]);
        } else {
            reply.nullBulk();
        }
    }
}
