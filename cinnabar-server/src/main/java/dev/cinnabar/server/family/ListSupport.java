package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.ListValue;
import dev.cinnabar.engine.value.Listpack;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import java.util.Arrays;

/** What the two list families ({@link ListCommands}, {@link ListPopCommands}) share. */
final class ListSupport {
    private ListSupport() {}

    /** list-max-listpack-size, as an int (the config keeps it within the int range). */
    static int fill(Server server) {
        return (int) server.config().listMaxListpackSize;
    }

    /** list-compress-depth. */
    static int compressDepth(Server server) {
        return (int) server.config().listCompressDepth;
    }

    /**
     * The end of every pop (Redis's listElementsRemoved): the lpop/rpop event, then the key is
     * deleted with a "del" event if the list is empty, or else may go back to a listpack.
     */
    static void elementsRemoved(Server server, int db, KeyEntry entry, ListValue list, boolean head) {
        Keyspace ks = server.keyspace();
        ks.changed(db, entry.key(), KeyEventClass.LIST, head ? "lpop" : "rpop");
        deleteIfEmpty(server, db, entry, list);
    }

    /** Deletes the key of an emptied list ("del" event); otherwise tries the shrinking conversion. */
    static void deleteIfEmpty(Server server, int db, KeyEntry entry, ListValue list) {
        if (list.isEmpty()) {
            Keyspace ks = server.keyspace();
            ks.database(db).remove(entry.key());
            ks.notify(db, entry.key(), KeyEventClass.GENERIC, "del");
        } else {
            list.shrunk(fill(server));
        }
    }

    /**
     * DEBUG OBJECT's serializedlength of a list: its RDB form (a quicklist of listpack nodes; Redis
     * 7.2 saves a listpack list as a one-node quicklist), without RDB compression.
     */
    static long serializedLength(ListValue list) {
        long[] total = {rdbLengthSize(list.nodeCount())};
        list.forEachNodeSize(size -> total[0] += 1 + rdbLengthSize(size) + size);
        return total[0];
    }

    /** Bytes of an RDB length field (Redis's rdbSaveLen). */
    private static int rdbLengthSize(long length) {
        return length < 64 ? 1 : length < 16384 ? 2 : length <= 0xFFFFFFFFL ? 5 : 9;
    }

    /** DEBUG OBJECT's quicklist fields (none for a listpack, as in Redis 7.2). */
    static String debugFields(ListValue list) {
        if (!list.isQuicklist()) {
            return "";
        }
        return String.format(java.util.Locale.ROOT,
                " ql_nodes:%d ql_avg_node:%.2f ql_listpack_max:%d ql_compressed:%d ql_uncompressed_size:%d",
                list.nodeCount(), (double) list.length() / list.nodeCount(), list.quicklistFill(),
                list.quicklistCompressDepth() != 0 ? 1 : 0, list.uncompressedSize());
    }

    /** Writes each element it receives as a bulk string. One per family, re-aimed at each client. */
    static final class BulkWriter implements Listpack.EntryVisitor {
        private ReplyWriter out;

        BulkWriter to(ReplyWriter writer) {
            this.out = writer;
            return this;
        }

        @Override
        public void string(byte[] buffer, int offset, int length) {
            out.bulk(buffer, offset, length);
        }

        @Override
        public void integer(long value) {
            out.bulkLong(value);
        }
    }

    /** Keeps a copy of the element it receives (a popped element that is pushed elsewhere). */
    static final class Captured implements Listpack.EntryVisitor {
        byte[] bytes;
        /** Whether the element was stored as an integer. */
        boolean integer;

        @Override
        public void string(byte[] buffer, int offset, int length) {
            bytes = Arrays.copyOfRange(buffer, offset, offset + length);
            integer = false;
        }

        @Override
        public void integer(long value) {
            bytes = Long.toString(value).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            integer = true;
        }
    }
}
