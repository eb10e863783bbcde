package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.value.StringValues;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;

/**
 * LCS: the longest common subsequence of two strings, by the classic dynamic programming table,
 * walked back from the end exactly as Redis does so that the reported match ranges (IDX) are the
 * same ranges, in the same order.
 */
final class Lcs extends CommandFamily {

    Lcs(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        // Bound by StringCommands.
    }

    void execute(Client c, CommandArguments args) {
        KeyEntry first = readKey(c, args, 1);
        KeyEntry second = readKey(c, args, 2);
        if ((first != null && !StringValues.isString(first.value()))
                || (second != null && !StringValues.isString(second.value()))) {
            c.reply().error("ERR The specified keys must contain string values");
            return;
        }
        byte[] a = first == null ? new byte[0] : StringValues.bytes(first.value());
        byte[] b = second == null ? new byte[0] : StringValues.bytes(second.value());
        boolean getLength = false;
        boolean getIndexes = false;
        boolean withMatchLength = false;
        long minMatchLength = 0;
        for (int j = 3; j < args.count(); j++) {
            int more = args.count() - 1 - j;
            if (args.equalsIgnoreCase(j, "IDX")) {
                getIndexes = true;
            } else if (args.equalsIgnoreCase(j, "LEN")) {
                getLength = true;
            } else if (args.equalsIgnoreCase(j, "WITHMATCHLEN")) {
                withMatchLength = true;
            } else if (args.equalsIgnoreCase(j, "MINMATCHLEN") && more > 0) {
                if (!args.isLong(j + 1)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                minMatchLength = Math.max(0, args.longValue(j + 1));
                j++;
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        if (getIndexes && getLength) {
            c.reply().error("ERR If you want both the length and indexes, please just use IDX.");
            return;
        }
        int alen = a.length;
        int blen = b.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * 4 > server.config().protoMaxBulkLength) {
            c.reply().error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
            return;
        }
        if (cells > Integer.MAX_VALUE - 16) {
            c.reply().error("ERR Insufficient memory, failed allocating transient memory for LCS");
            return;
        }
        int width = blen + 1;
        int[] table = new int[(int) cells];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                if (a[i - 1] == b[j - 1]) {
                    table[j + i * width] = table[(j - 1) + (i - 1) * width] + 1;
                } else {
                    int up = table[j + (i - 1) * width];
                    int left = table[(j - 1) + i * width];
                    table[j + i * width] = Math.max(up, left);
                }
            }
        }
        int length = table[blen + alen * width];
        ReplyWriter r = c.reply();
        boolean computeString = getIndexes || !getLength;
        byte[] result = computeString ? new byte[length] : null;
        long rangesMark = 0;
        int ranges = 0;
        if (getIndexes) {
            r.mapHeader(2);
            r.bulkAscii("matches");
            rangesMark = r.beginDeferred();
        }
        int aStart = alen;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int idx = length;
        int i = alen;
        int j = blen;
        while (computeString && i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                int up = table[j + (i - 1) * width];
                int left = table[(j - 1) + i * width];
                if (up > left) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            long matchLength = (long) aEnd - aStart + 1;
            if (emit) {
                if ((minMatchLength == 0 || matchLength >= minMatchLength) && getIndexes) {
                    r.arrayHeader(withMatchLength ? 3 : 2);
                    r.arrayHeader(2);
                    r.integer(aStart);
                    r.integer(aEnd);
                    r.arrayHeader(2);
                    r.integer(bStart);
                    r.integer(bEnd);
                    if (withMatchLength) {
                        r.integer(matchLength);
                    }
                    ranges++;
                }
                aStart = alen;
            }
        }
        if (getIndexes) {
            r.endDeferredArray(rangesMark, ranges);
            r.bulkAscii("len");
            r.integer(length);
        } else if (getLength) {
            r.integer(length);
        } else {
            r.bulk(result);
        }
    }
}
