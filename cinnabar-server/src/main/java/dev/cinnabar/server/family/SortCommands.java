package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.CDouble;
import dev.cinnabar.engine.value.HashValue;
import dev.cinnabar.engine.value.ListValue;
import dev.cinnabar.engine.value.Listpack;
import dev.cinnabar.engine.value.SetValue;
import dev.cinnabar.engine.value.StringValues;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.KeyFinder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO, following Redis 7.0's sort.c step by step, since SORT's output depends on
 * details: which elements are loaded and in what order, how scores are read (C's strtod, with its
 * range errors), the comparison (numbers, then bytes on ties; ALPHA compares as C strings unless
 * the result is stored), and the sort itself: a stable merge sort (glibc's qsort) for a full
 * sort, Redis's partial quicksort ({@link PartialQuicksort}) when BY and LIMIT leave part of the
 * result unsorted, where equal elements may end in another order.
 */
final class SortCommands extends CommandFamily {
    SortCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("sort", (c, a) -> sort(c, a, false));
        bind("sort_ro", (c, a) -> sort(c, a, true));
        bindKeys("sort", SortCommands::sortKeys);
        bindKeys("sort_ro", (spec, args, offset, argc) -> List.of(new KeyFinder.Key(1, List.of("RO", "access"))));
    }

    /**
     * SORT's keys for COMMAND GETKEYS and client-side caching: the sorted key, and the last STORE
     * destination (LIMIT, GET and BY arguments are skipped, as Redis's sortGetKeys does).
     */
    private static List<KeyFinder.Key> sortKeys(dev.cinnabar.server.command.CommandSpec spec, CommandArguments args,
                                                 int offset, int argc) {
        List<KeyFinder.Key> keys = new ArrayList<>();
        keys.add(new KeyFinder.Key(1, List.of("RO", "access")));
        KeyFinder.Key store = null;
        for (int i = 2; i < argc; i++) {
            if (args.equalsIgnoreCase(offset + i, "limit")) {
                i += 2;
            } else if (args.equalsIgnoreCase(offset + i, "get") || args.equalsIgnoreCase(offset + i, "by")) {
                i += 1;
            } else if (args.equalsIgnoreCase(offset + i, "store") && i + 1 < argc) {
                store = new KeyFinder.Key(i + 1, List.of("OW", "update"));
            }
        }
        if (store != null) {
            keys.add(store);
        }
        return keys;
    }

    /** One element being sorted: the element, its numeric score, and what ALPHA with BY compares. */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] compareBy;

        Item(byte[] element) {
            this.element = element;
        }
    }

    private void sort(Client c, CommandArguments a, boolean readOnly) {
        boolean descending = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        byte[] sortBy = null;
        int storeIndex = -1;
        List<byte[]> getPatterns = new ArrayList<>();
        for (int j = 2; j < a.count(); j++) {
            int left = a.count() - j - 1;
            if (a.equalsIgnoreCase(j, "asc")) {
                descending = false;
            } else if (a.equalsIgnoreCase(j, "desc")) {
                descending = true;
            } else if (a.equalsIgnoreCase(j, "alpha")) {
                alpha = true;
            } else if (a.equalsIgnoreCase(j, "limit") && left >= 2) {
                if (!a.isLong(j + 1) || !a.isLong(j + 2)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                limitStart = a.longValue(j + 1);
                limitCount = a.longValue(j + 2);
                j += 2;
            } else if (!readOnly && a.equalsIgnoreCase(j, "store") && left >= 1) {
                storeIndex = ++j;
            } else if (a.equalsIgnoreCase(j, "by") && left >= 1) {
                sortBy = a.copy(++j);
                // BY without '*' names no key per element: the elements are not sorted at all.
                dontSort = indexOf(sortBy, (byte) '*') < 0;
            } else if (a.equalsIgnoreCase(j, "get") && left >= 1) {
                getPatterns.add(a.copy(++j));
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        KeyEntry entry = readKey(c, a, 1);
        Object value = entry == null ? null : entry.value();
        ValueType type = value == null ? ValueType.LIST : ValueType.of(value);
        if (type != ValueType.LIST && type != ValueType.SET && type != ValueType.ZSET) {
            c.reply().error(WRONGTYPE);
            return;
        }
        // A set has no order of its own: when the result is stored it is sorted (as strings), so
        // that it does not depend on the set's internal order.
        if (dontSort && type == ValueType.SET && storeIndex >= 0) {
            dontSort = false;
            alpha = true;
            sortBy = null;
        }
        long length = value == null ? 0 : SortSources.length(value);
        // Bounded by the length first, so that start + count cannot overflow.
        long start = Math.min(Math.max(limitStart, 0), length);
        limitCount = Math.min(Math.max(limitCount, -1), length);
        long end = limitCount < 0 ? length - 1 : start + limitCount - 1;
        if (start >= length) {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) {
            end = length - 1;
        }
        List<Item> items = new ArrayList<>();
        if (value != null) {
            // An ordered type that is not sorted yields just the requested range, in its order.
            if (dontSort && type != ValueType.SET) {
                if (end >= start) {
                    SortSources.range(value, start, end - start + 1, descending, e -> items.add(new Item(e)));
                }
                end -= start;
                start = 0;
            } else {
                SortSources.all(value, e -> items.add(new Item(e)));
            }
        }
        Keyspace ks = keyspace();
        boolean conversionError = false;
        if (!dontSort) {
            for (Item item : items) {
                byte[] by;
                if (sortBy != null) {
                    by = lookupByPattern(c, sortBy, item.element);
                    if (by == null) {
                        continue;
                    }
                } else {
                    by = item.element;
                }
                if (alpha) {
                    if (sortBy != null) {
                        item.compareBy = by;
                    }
                } else {
                    CDouble.Result r = CDouble.strtod(by);
                    item.score = r.value();
                    if (!r.complete() || r.outOfRange() || Double.isNaN(r.value())) {
                        conversionError = true;
                    }
                }
            }
            Comparator<Item> order = comparator(alpha, sortBy != null, storeIndex >= 0, descending);
            Item[] vector = items.toArray(new Item[0]);
            if (sortBy != null && (start != 0 || end != vector.length - 1)) {
                PartialQuicksort.sort(vector, order, (int) start, (int) end);
            } else {
                Arrays.sort(vector, order); // stable, as glibc's merge sort
            }
            items.clear();
            items.addAll(Arrays.asList(vector));
        }
        int gets = getPatterns.size();
        long outputLength = gets > 0 ? gets * (end - start + 1) : end - start + 1;
        if (conversionError) {
            c.reply().error("ERR One or more scores can't be converted into double");
        } else if (storeIndex < 0) {
            c.reply().arrayHeader(outputLength);
            for (long j = start; j <= end; j++) {
                Item item = items.get((int) j);
                if (gets == 0) {
                    c.reply().bulk(item.element);
                }
                for (byte[] pattern : getPatterns) {
                    byte[] got = lookupByPattern(c, pattern, item.element);
                    if (got == null) {
                        c.reply().nullBulk();
                    } else {
                        c.reply().bulk(got);
                    }
                }
            }
        } else {
            List<byte[]> stored = new ArrayList<>();
            for (long j = start; j <= end; j++) {
                Item item = items.get((int) j);
                if (gets == 0) {
                    stored.add(item.element);
                }
                for (byte[] pattern : getPatterns) {
                    byte[] got = lookupByPattern(c, pattern, item.element);
                    stored.add(got == null ? new byte[0] : got);
                }
            }
            int db = c.database();
            byte[] destination = a.copy(storeIndex);
            if (outputLength > 0) {
                ListValue list = SortSources.storedList(server, stored);
                KeyEntry e = ks.set(db, destination, list, false);
                ks.changed(db, e.key(), KeyEventClass.LIST, "sortstore");
            } else if (ks.delete(db, destination, 0, destination.length)) {
                ks.changed(db, destination, KeyEventClass.GENERIC, "del");
            }
            c.reply().integer(outputLength);
        }
    }

    /**
     * Redis's sortCompare: numbers compare by score, equal scores by the elements' bytes; ALPHA
     * compares the BY values (a missing one first) or the elements, as bytes when storing and as
     * C strings (up to a zero byte, the C locale's strcoll) otherwise; DESC reverses it all.
     */
    private static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean store, boolean descending) {
        Comparator<Item> order;
        if (!alpha) {
            order = (x, y) -> x.score > y.score ? 1 : x.score < y.score ? -1 : Arrays.compareUnsigned(x.element, y.element);
        } else if (byPattern) {
            order = (x, y) -> {
                if (x.compareBy == null || y.compareBy == null) {
                    return x.compareBy == y.compareBy ? 0 : x.compareBy == null ? -1 : 1;
                }
                return store ? Arrays.compareUnsigned(x.compareBy, y.compareBy) : collate(x.compareBy, y.compareBy);
            };
        } else {
            order = (x, y) -> store ? Arrays.compareUnsigned(x.element, y.element) : collate(x.element, y.element);
        }
        return descending ? (x, y) -> -Integer.signum(order.compare(x, y)) : order;
    }

    /** strcmp: unsigned bytes up to the first zero byte. */
    private static int collate(byte[] x, byte[] y) {
        int n = Math.min(cLength(x), cLength(y));
        int cmp = Arrays.compareUnsigned(x, 0, n, y, 0, n);
        if (cmp != 0) {
            return cmp;
        }
        return Integer.compare(cLength(x), cLength(y));
    }

    private static int cLength(byte[] s) {
        int i = indexOf(s, (byte) 0);
        return i < 0 ? s.length : i;
    }

    private static int indexOf(byte[] s, byte b) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Redis's lookupKeyByPattern: "#" is the element itself; otherwise the first '*' of the
     * pattern is replaced by the element and the key is read (a string), or, when "->field"
     * follows the '*', that field of the hash at the key. Null when there is no such value (or
     * the pattern has no '*'). The pattern is read as a C string.
     */
    private byte[] lookupByPattern(Client c, byte[] pattern, byte[] element) {
        int patternLength = cLength(pattern);
        if (patternLength == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*');
        if (star < 0 || star >= patternLength) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < patternLength; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        byte[] field = null;
        if (arrow >= 0 && arrow + 2 < patternLength) {
            field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
        }
        int suffixEnd = field == null ? pattern.length : arrow;
        byte[] key = new byte[star + element.length + (suffixEnd - star - 1)];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, suffixEnd - star - 1);
        Keyspace ks = keyspace();
        KeyEntry e = ks.lookupRead(c.database(), key, 0, key.length, c.noTouch());
        if (e == null) {
            return null;
        }
        if (field == null) {
            return StringValues.isString(e.value()) ? StringValues.bytes(e.value()) : null;
        }
        if (!(e.value() instanceof HashValue)) {
            return null;
        }
        KeyEntry live = HashCommands.live(ks, c, e);
        return live == null ? null : ((HashValue) live.value()).get(field);
    }

    /** Reading the elements of the sortable types, and building the stored result. */
    static final class SortSources {
        private SortSources() {}

        interface Sink {
            void accept(byte[] element);
        }

        static long length(Object value) {
            if (value instanceof ListValue list) {
                return list.length();
            }
            if (value instanceof SetValue set) {
                return set.size();
            }
            return ZSetSortSource.length(value);
        }

        /** Every element, in the type's own order (a sorted set's member table for a zset, as Redis). */
        static void all(Object value, Sink sink) {
            if (value instanceof ListValue list) {
                if (list.length() > 0) {
                    list.range(0, list.length(), false, visitor(sink));
                }
            } else if (value instanceof SetValue set) {
                set.forEach(new SetValue.MemberVisitor() {
                    @Override
                    public void string(byte[] bytes, int off, int len) {
                        sink.accept(Arrays.copyOfRange(bytes, off, off + len));
                    }

                    @Override
                    public void integer(long v) {
                        sink.accept(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
                    }
                });
            } else {
                ZSetSortSource.all(value, sink);
            }
        }

        /** {@code n} elements from rank {@code start}, from the end when {@code reverse} (lists and zsets). */
        static void range(Object value, long start, long n, boolean reverse, Sink sink) {
            if (value instanceof ListValue list) {
                long from = reverse ? list.length() - start - 1 : start;
                list.range(from, n, reverse, visitor(sink));
            } else {
                ZSetSortSource.range(value, start, n, reverse, sink);
            }
        }

        private static Listpack.EntryVisitor visitor(Sink sink) {
            return new Listpack.EntryVisitor() {
                @Override
                public void string(byte[] buffer, int offset, int length) {
                    sink.accept(Arrays.copyOfRange(buffer, offset, offset + length));
                }

                @Override
                public void integer(long v) {
                    sink.accept(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
                }
            };
        }

        /**
         * The STORE result: built as a quicklist and then shrunk to a listpack when small enough,
         * as Redis 7.2 does (7.0 always leaves a quicklist).
         */
        static ListValue storedList(Server server, List<byte[]> elements) {
            ListValue list = new ListValue();
            list.prepareToGrow(Long.MAX_VALUE / 4, elements.size(), ListSupport.fill(server), ListSupport.compressDepth(server));
            for (byte[] e : elements) {
                list.push(false, e);
            }
            list.shrunk(ListSupport.fill(server));
            return list;
        }
    }
}
