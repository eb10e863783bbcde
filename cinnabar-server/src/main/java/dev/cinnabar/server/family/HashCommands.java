package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.HashValue;
import dev.cinnabar.engine.value.LongDouble;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.RespNumbers;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash commands: HSET, HSETNX, HMSET, HGET, HMGET, HDEL, HEXISTS, HLEN, HSTRLEN, HKEYS,
 * HVALS, HGETALL, HINCRBY, HINCRBYFLOAT, HRANDFIELD and HSCAN. The field expiry commands of Redis
 * 7.4 are in {@link HashFieldExpiryCommands}.
 *
 * <p>Every command looks a hash up through {@link #live}, which first removes the fields whose
 * expire time has passed (deleting the key if none is left), so that no command ever sees an
 * expired field.
 */
final class HashCommands extends CommandFamily {
    static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";
    static final String HASH_NOT_FLOAT = "ERR hash value is not a float";
    /** Where HRANDFIELD stops writing a reply nobody could read (Redis relies on its output limits). */
    private static final long RANDOM_REPLY_CEILING = 64L << 20;

    HashCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("hset", (c, a) -> set(c, a, false));
        bind("hmset", (c, a) -> set(c, a, true));
        bind("hsetnx", this::setNx);
        bind("hget", this::get);
        bind("hmget", this::multiGet);
        bind("hdel", this::delete);
        bind("hexists", this::exists);
        bind("hlen", this::length);
        bind("hstrlen", this::valueLength);
        bind("hkeys", (c, a) -> all(c, a, true, false));
        bind("hvals", (c, a) -> all(c, a, false, true));
        bind("hgetall", (c, a) -> all(c, a, true, true));
        bind("hincrby", this::incrBy);
        bind("hincrbyfloat", this::incrByFloat);
        bind("hrandfield", this::randomField);
        bind("hscan", this::scan);
    }

    // ---- lookups ----

    /**
     * The entry after lazy field expiry: null when there is no key or when its last fields just
     * expired (the key is then gone). Call after the type check.
     */
    static KeyEntry live(Keyspace ks, Client c, KeyEntry e) {
        return e == null || ks.expireFields(c.database(), e) ? e : null;
    }

    static HashValue hash(KeyEntry e) {
        return (HashValue) e.value();
    }

    /** An existing live hash for writing, or a new one added under argument 1. */
    private KeyEntry writeOrCreate(Client c, CommandArguments a, KeyEntry e) {
        if (e != null) {
            return e;
        }
        return keyspace().database(c.database()).add(a.copy(1), new HashValue());
    }

    private long maxEntries() {
        return server.config().hashMaxListpackEntries;
    }

    private long maxValue() {
        return server.config().hashMaxListpackValue;
    }

    /** Reports a write: the modification and its event, then "del" when the hash was emptied. */
    private void written(Client c, KeyEntry e, String event) {
        Keyspace ks = keyspace();
        int db = c.database();
        HashValue h = hash(e);
        ks.changed(db, e.key(), KeyEventClass.HASH, event);
        if (h.isEmpty()) {
            ks.database(db).remove(e.key());
            ks.notify(db, e.key(), KeyEventClass.GENERIC, "del");
        } else {
            h.trim();
        }
    }

    // ---- setting ----

    private void set(Client c, CommandArguments a, boolean hmset) {
        if (a.count() % 2 != 0) {
            c.reply().error("ERR wrong number of arguments for '" + (hmset ? "hmset" : "hset") + "' command");
            return;
        }
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        e = writeOrCreate(c, a, live(keyspace(), c, e));
        HashValue h = hash(e);
        long created = 0;
        for (int i = 2; i < a.count(); i += 2) {
            if (h.set(a.arrayOf(i), a.offsetOf(i), a.length(i), a.arrayOf(i + 1), a.offsetOf(i + 1), a.length(i + 1),
                    maxEntries(), maxValue(), false)) {
                created++;
            }
        }
        if (hmset) {
            c.reply().ok();
        } else {
            c.reply().integer(created);
        }
        written(c, e, "hset");
    }

    private void setNx(Client c, CommandArguments a) {
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        e = live(keyspace(), c, e);
        if (e != null && hash(e).contains(a.arrayOf(2), a.offsetOf(2), a.length(2))) {
            c.reply().integer(0);
            return;
        }
        e = writeOrCreate(c, a, e);
        hash(e).set(a.arrayOf(2), a.offsetOf(2), a.length(2), a.arrayOf(3), a.offsetOf(3), a.length(3), maxEntries(),
                maxValue(), false);
        c.reply().integer(1);
        written(c, e, "hset");
    }

    // ---- reading ----

    /** The live hash at argument 1 for reading, null when absent; replies WRONGTYPE and sets {@code wrong[0]}. */
    private KeyEntry readHash(Client c, CommandArguments a, boolean[] wrong) {
        KeyEntry e = readKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            wrong[0] = true;
            return null;
        }
        return live(keyspace(), c, e);
    }

    private void get(Client c, CommandArguments a) {
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (wrong[0]) {
            return;
        }
        byte[] v = e == null ? null : hash(e).get(a.arrayOf(2), a.offsetOf(2), a.length(2));
        if (v == null) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(v);
        }
    }

    private void multiGet(Client c, CommandArguments a) {
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (wrong[0]) {
            return;
        }
        ReplyWriter r = c.reply();
        r.arrayHeader(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            byte[] v = e == null ? null : hash(e).get(a.arrayOf(i), a.offsetOf(i), a.length(i));
            if (v == null) {
                r.nullBulk();
            } else {
                r.bulk(v);
            }
        }
    }

    private void exists(Client c, CommandArguments a) {
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (!wrong[0]) {
            c.reply().integer(e != null && hash(e).contains(a.arrayOf(2), a.offsetOf(2), a.length(2)) ? 1 : 0);
        }
    }

    private void length(Client c, CommandArguments a) {
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (!wrong[0]) {
            c.reply().integer(e == null ? 0 : hash(e).size());
        }
    }

    private void valueLength(Client c, CommandArguments a) {
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (!wrong[0]) {
            int n = e == null ? -1 : hash(e).valueLength(a.arrayOf(2), a.offsetOf(2), a.length(2));
            c.reply().integer(Math.max(0, n));
        }
    }

    /** HKEYS, HVALS and HGETALL (a map in RESP3). */
    private void all(Client c, CommandArguments a, boolean fields, boolean values) {
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (wrong[0]) {
            return;
        }
        ReplyWriter r = c.reply();
        int size = e == null ? 0 : hash(e).size();
        if (fields && values) {
            r.mapHeader(size);
        } else {
            r.arrayHeader(size);
        }
        if (e != null) {
            hash(e).forEach((f, v) -> {
                if (fields) {
                    r.bulk(f);
                }
                if (values) {
                    r.bulk(v);
                }
                return true;
            });
        }
    }

    // ---- deleting ----

    private void delete(Client c, CommandArguments a) {
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        e = live(keyspace(), c, e);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        HashValue h = hash(e);
        long deleted = 0;
        for (int i = 2; i < a.count() && !h.isEmpty(); i++) {
            if (h.delete(a.arrayOf(i), a.offsetOf(i), a.length(i))) {
                deleted++;
            }
        }
        if (deleted > 0) {
            written(c, e, "hdel");
        }
        c.reply().integer(deleted);
    }

    // ---- counters ----

    private void incrBy(Client c, CommandArguments a) {
        if (!a.isLong(3)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long increment = a.longValue(3);
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        e = live(keyspace(), c, e);
        long value = 0;
        byte[] current = e == null ? null : hash(e).get(a.arrayOf(2), a.offsetOf(2), a.length(2));
        if (current != null) {
            if (!RespNumbers.isLong(current, 0, current.length)) {
                c.reply().error(HASH_NOT_INTEGER);
                return;
            }
            value = RespNumbers.parseLong(current, 0, current.length);
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            c.reply().error("ERR increment or decrement would overflow");
            return;
        }
        value += increment;
        e = writeOrCreate(c, a, e);
        // The field's expire time survives: the value is altered, not replaced.
        byte[] text = RespNumbers.toBytes(value);
        hash(e).set(a.arrayOf(2), a.offsetOf(2), a.length(2), text, 0, text.length, maxEntries(), maxValue(), true);
        c.reply().integer(value);
        written(c, e, "hincrby");
    }

    /** HINCRBYFLOAT: long double arithmetic and formatting, as INCRBYFLOAT. */
    private void incrByFloat(Client c, CommandArguments a) {
        String incrementText = a.string(3);
        BigDecimal increment = LongDouble.parse(incrementText);
        if (increment == null) {
            c.reply().error(LongDouble.isInfinity(incrementText) ? "ERR value is NaN or Infinity" : NOT_A_FLOAT);
            return;
        }
        KeyEntry e = writeKey(c, a, 1);
        if (wrongType(c, e, ValueType.HASH)) {
            return;
        }
        e = live(keyspace(), c, e);
        byte[] current = e == null ? null : hash(e).get(a.arrayOf(2), a.offsetOf(2), a.length(2));
        BigDecimal value = BigDecimal.ZERO;
        if (current != null) {
            String text = new String(current, StandardCharsets.ISO_8859_1);
            value = LongDouble.parse(text);
            if (value == null) {
                // An infinite stored value parses, but any sum with it is infinite.
                c.reply().error(LongDouble.isInfinity(text) ? "ERR increment would produce NaN or Infinity"
                        : HASH_NOT_FLOAT);
                return;
            }
        }
        BigDecimal sum = LongDouble.add(value, increment);
        if (sum == null) {
            c.reply().error("ERR increment would produce NaN or Infinity");
            return;
        }
        byte[] text = LongDouble.format(sum).getBytes(StandardCharsets.ISO_8859_1);
        e = writeOrCreate(c, a, e);
        hash(e).set(a.arrayOf(2), a.offsetOf(2), a.length(2), text, 0, text.length, maxEntries(), maxValue(), true);
        c.reply().bulk(text);
        written(c, e, "hincrbyfloat");
    }

    // ---- HRANDFIELD ----

    private void randomField(Client c, CommandArguments a) {
        ReplyWriter r = c.reply();
        if (a.count() == 2) {
            boolean[] wrong = {false};
            KeyEntry e = readHash(c, a, wrong);
            if (wrong[0]) {
                return;
            }
            if (e == null) {
                r.nullBulk();
                return;
            }
            hash(e).randomFields(1, false, keyspace().random(), (f, v) -> {
                r.bulk(f);
                return true;
            });
            return;
        }
        if (!a.isLong(2)) {
            r.error(NOT_AN_INTEGER);
            return;
        }
        long count = a.longValue(2);
        if (count == Long.MIN_VALUE) {
            r.error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
            return;
        }
        if (a.count() > 4 || (a.count() == 4 && !a.equalsIgnoreCase(3, "withvalues"))) {
            r.error(SYNTAX_ERROR);
            return;
        }
        boolean withValues = a.count() == 4;
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            r.error("ERR value is out of range");
            return;
        }
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (wrong[0]) {
            return;
        }
        if (e == null || count == 0) {
            r.arrayHeader(0);
            return;
        }
        HashValue h = hash(e);
        boolean distinct = count > 0;
        long wanted = Math.abs(count);
        long replied = distinct ? Math.min(wanted, h.size()) : wanted;
        boolean pairs = withValues && r.isResp3();
        r.arrayHeader(withValues && !pairs ? replied * 2 : replied);
        long[] written = {0};
        h.randomFields(wanted, distinct, keyspace().random(), (f, v) -> {
            if (pairs) {
                r.arrayHeader(2);
            }
            r.bulk(f);
            if (withValues) {
                r.bulk(v);
            }
            // A huge negative count asks for an endless reply: stop once the client is over its
            // output limit (the limit check after the command then closes it), as Redis does.
            return (++written[0] & 1023) != 0 || !overOutputLimit(c);
        });
    }

    private boolean overOutputLimit(Client c) {
        long hard = server.config().outputBufferLimits.normal().hardBytes();
        long pending = c.reply().pendingBytes();
        if (hard > 0 && pending >= hard) {
            return true;
        }
        if (pending >= RANDOM_REPLY_CEILING) {
            server.killClient(c, "Client closed for a random-field reply over " + RANDOM_REPLY_CEILING + " bytes.");
            return true;
        }
        return false;
    }

    // ---- HSCAN ----

    private void scan(Client c, CommandArguments a) {
        long[] parsed = new long[1];
        if (!ScanArguments.readCursor(c.reply(), a, 2, parsed)) {
            return;
        }
        boolean[] wrong = {false};
        KeyEntry e = readHash(c, a, wrong);
        if (wrong[0]) {
            return;
        }
        ReplyWriter r = c.reply();
        if (e == null) {
            r.raw(ScanArguments.EMPTY_SCAN);
            return;
        }
        ScanArguments options = ScanArguments.parse(r, a, 3, ScanArguments.Extra.NO_VALUES);
        if (options == null) {
            return;
        }
        HashValue h = hash(e);
        List<byte[]> items = new ArrayList<>();
        boolean fieldsOnly = options.noValues;
        // As Redis: up to ten buckets per requested element, until COUNT elements are visited (a
        // field and its value count as two; the pattern filters afterwards).
        long[] visited = {0};
        HashValue.PairVisitor collect = (f, v) -> {
            visited[0] += fieldsOnly ? 1 : 2;
            if (options.matches(f)) {
                items.add(f);
                if (!fieldsOnly) {
                    items.add(v);
                }
            }
            return true;
        };
        long cursor = parsed[0];
        long iterations = options.count * 10;
        do {
            cursor = h.scan(cursor, collect);
        } while (cursor != 0 && iterations-- > 0 && visited[0] < options.count);
        ScanArguments.reply(r, cursor, items);
    }
}
