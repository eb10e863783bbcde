package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.ListValue;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.BlockingRegistry;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The list commands that pop from one of several keys or move an element between keys, and
 * their blocking forms: LMOVE RPOPLPUSH LMPOP BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP.
 *
 * <h2>Blocking</h2>
 * A blocking command that finds every key empty (or missing) registers the client with the
 * {@link BlockingRegistry} and writes no reply. When a command makes one of its keys non-empty,
 * the registry runs the blocked command again once that command has finished, passing the key
 * that became ready ({@link BlockingRegistry#readyKey}). A re-run serves from that key only, as
 * Redis 7.0 serves a ready key's waiters from that key: if the key is no list (it was replaced
 * by another type) or is empty again, the client keeps waiting in its place. Inside MULTI the
 * commands cannot block and answer as on a timeout, except that BLMOVE and BRPOPLPUSH then answer
 * a nil bulk string where their timeout answers a nil array (both as in Redis 7.0).
 */
final class ListPopCommands extends CommandFamily {
    private static final String NUMKEYS = "ERR numkeys should be greater than 0";
    private static final String COUNT = "ERR count should be greater than 0";

    /** A timed-out list command replies with a nil array (Redis's replyToBlockedClientTimedOut). */
    private static final BlockingRegistry.TimeoutReply NIL_ARRAY = c -> c.reply().nullArray();

    private final ListSupport.BulkWriter bulks = new ListSupport.BulkWriter();
    private final ListSupport.Captured captured = new ListSupport.Captured();
    private CommandSpec blpop;
    private CommandSpec brpop;
    private CommandSpec blmove;
    private CommandSpec brpoplpush;
    private CommandSpec blmpop;

    ListPopCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("lmove", this::lmove);
        bind("rpoplpush", (c, a) -> move(c, a, false, true, -1, null));
        bind("lmpop", (c, a) -> mpop(c, a, 1, false));
        bind("blpop", (c, a) -> blockingPop(c, a, true));
        bind("brpop", (c, a) -> blockingPop(c, a, false));
        bind("blmove", this::blmove);
        bind("brpoplpush", this::brpoplpush);
        bind("blmpop", (c, a) -> mpop(c, a, 2, true));
        blpop = server.commands().get("blpop");
        brpop = server.commands().get("brpop");
        blmove = server.commands().get("blmove");
        brpoplpush = server.commands().get("brpoplpush");
        blmpop = server.commands().get("blmpop");
    }

    // ---- arguments ----

    /** LEFT (true) or RIGHT (false); null after a syntax error reply. */
    private static Boolean end(Client c, CommandArguments a, int i) {
        if (a.equalsIgnoreCase(i, "left")) {
            return Boolean.TRUE;
        }
        if (a.equalsIgnoreCase(i, "right")) {
            return Boolean.FALSE;
        }
        c.reply().error(SYNTAX_ERROR);
        return null;
    }

    private int fill() {
        return ListSupport.fill(server);
    }

    // ---- popping from the first non-empty key ----

    /**
     * Pops from the first non-empty list among keys {@code from..to} (or, when the command is
     * re-run for a ready key, from that key only): one element as [key, element] when
     * {@code count} is -1, else up to count elements as [key, [elements...]]. Returns true when
     * it replied (served, or WRONGTYPE), false when there was nothing to pop.
     */
    private boolean popFirst(Client c, CommandArguments a, int from, int to, boolean head, long count) {
        byte[] ready = server.blocking().readyKey(c);
        if (ready != null) {
            KeyEntry e = keyspace().lookupWrite(c.database(), ready, 0, ready.length);
            if (e == null || !(e.value() instanceof ListValue list) || list.isEmpty()) {
                return false;
            }
            serve(c, e, list, head, count);
            return true;
        }
        for (int i = from; i <= to; i++) {
            KeyEntry e = writeKey(c, a, i);
            if (e == null) {
                continue;
            }
            if (wrongType(c, e, ValueType.LIST)) {
                return true;
            }
            ListValue list = (ListValue) e.value();
            if (list.isEmpty()) {
                continue;
            }
            serve(c, e, list, head, count);
            return true;
        }
        return false;
    }

    private void serve(Client c, KeyEntry e, ListValue list, boolean head, long count) {
        c.reply().arrayHeader(2);
        c.reply().bulk(e.key());
        if (count == -1) {
            list.pop(head, bulks.to(c.reply()));
        } else {
            ListCommands.popRange(c.reply(), list, head, count, bulks);
        }
        ListSupport.elementsRemoved(server, c.database(), e, list, head);
    }

    private static List<byte[]> keys(CommandArguments a, int from, int to) {
        List<byte[]> keys = new ArrayList<>(to - from + 1);
        for (int i = from; i <= to; i++) {
            keys.add(a.copy(i));
        }
        return keys;
    }

    /** BLPOP / BRPOP key [key ...] timeout. */
    private void blockingPop(Client c, CommandArguments a, boolean head) {
        long timeout = BlockingTimeout.millis(c, a, a.count() - 1);
        if (timeout < 0) {
            return;
        }
        if (popFirst(c, a, 1, a.count() - 2, head, -1)) {
            return;
        }
        block(c, a, head ? blpop : brpop, 1, a.count() - 2, timeout);
    }

    private void block(Client c, CommandArguments a, CommandSpec spec, int from, int to, long timeout) {
        BlockingRegistry blocking = server.blocking();
        if (!blocking.mayBlock(c)) {
            c.reply().nullArray();
            return;
        }
        blocking.block(c, spec, a, keys(a, from, to), timeout, NIL_ARRAY);
    }

    /**
     * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count], and BLMPOP with the timeout first.
     * The arguments after the timeout are checked before the timeout itself, as in Redis.
     */
    private void mpop(Client c, CommandArguments a, int numkeysIndex, boolean blocking) {
        if (!a.isLong(numkeysIndex) || a.longValue(numkeysIndex) < 1) {
            c.reply().error(NUMKEYS);
            return;
        }
        long numkeys = a.longValue(numkeysIndex);
        if (numkeys >= a.count() - numkeysIndex - 1) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        int whereIndex = numkeysIndex + (int) numkeys + 1;
        Boolean head = end(c, a, whereIndex);
        if (head == null) {
            return;
        }
        long count = -1;
        for (int j = whereIndex + 1; j < a.count(); j++) {
            if (count == -1 && a.equalsIgnoreCase(j, "COUNT") && j < a.count() - 1) {
                j++;
                if (!a.isLong(j) || a.longValue(j) < 1) {
                    c.reply().error(COUNT);
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
        long timeout = 0;
        if (blocking) {
            timeout = BlockingTimeout.millis(c, a, 1);
            if (timeout < 0) {
                return;
            }
        }
        int from = numkeysIndex + 1;
        int to = whereIndex - 1;
        if (popFirst(c, a, from, to, head, count)) {
            return;
        }
        if (blocking) {
            block(c, a, blmpop, from, to, timeout);
        } else {
            c.reply().nullArray();
        }
    }

    // ---- moving between lists ----

    private void lmove(Client c, CommandArguments a) {
        Boolean from = end(c, a, 3);
        if (from == null) {
            return;
        }
        Boolean to = end(c, a, 4);
        if (to == null) {
            return;
        }
        move(c, a, from, to, -1, null);
    }

    private void blmove(Client c, CommandArguments a) {
        Boolean from = end(c, a, 3);
        if (from == null) {
            return;
        }
        Boolean to = end(c, a, 4);
        if (to == null) {
            return;
        }
        long timeout = BlockingTimeout.millis(c, a, 5);
        if (timeout < 0) {
            return;
        }
        move(c, a, from, to, timeout, blmove);
    }

    private void brpoplpush(Client c, CommandArguments a) {
        long timeout = BlockingTimeout.millis(c, a, 3);
        if (timeout < 0) {
            return;
        }
        move(c, a, false, true, timeout, brpoplpush);
    }

    /**
     * Pops from the source (argument 1) and pushes onto the destination (argument 2), replying
     * with the element; {@code blockingSpec} is null for the non-blocking forms. The destination's
     * type is checked before anything changes. Events: the push on the destination, then the pop
     * on the source, then "del" if the source was emptied (Redis's order).
     */
    private void move(Client c, CommandArguments a, boolean fromHead, boolean toHead, long timeout,
                      CommandSpec blockingSpec) {
        boolean rerun = server.blocking().readyKey(c) != null;
        KeyEntry source = writeKey(c, a, 1);
        if (source != null && !(source.value() instanceof ListValue) && rerun) {
            // The key became something else than a list: keep waiting, as Redis 7.0 does.
            block(c, a, blockingSpec, 1, 1, timeout);
            return;
        }
        if (wrongType(c, source, ValueType.LIST)) {
            return;
        }
        if (source == null || ((ListValue) source.value()).isEmpty()) {
            if (blockingSpec == null || !server.blocking().mayBlock(c)) {
                c.reply().nullBulk();
            } else {
                block(c, a, blockingSpec, 1, 1, timeout);
            }
            return;
        }
        KeyEntry destination = writeKey(c, a, 2);
        if (wrongType(c, destination, ValueType.LIST)) {
            return;
        }
        ListValue sourceList = (ListValue) source.value();
        boolean fromQuicklist = sourceList.isQuicklist();
        sourceList.pop(fromHead, captured);
        byte[] element = captured.bytes;
        // Redis counts a popped integer from a quicklist as an integer object, which adds no
        // bytes to the destination's growth check; everything else counts its length.
        long addedBytes = fromQuicklist && captured.integer ? 0 : element.length;
        int db = c.database();
        Keyspace ks = keyspace();
        if (destination == null) {
            destination = ks.database(db).add(a.copy(2), new ListValue());
        }
        ListValue destinationList = (ListValue) destination.value();
        destinationList.prepareToGrow(addedBytes, 1, fill(), ListSupport.compressDepth(server));
        destinationList.push(toHead, element);
        ks.changed(db, destination.key(), KeyEventClass.LIST, toHead ? "lpush" : "rpush");
        c.reply().bulk(element);
        ListSupport.elementsRemoved(server, db, source, sourceList, fromHead);
    }
}
