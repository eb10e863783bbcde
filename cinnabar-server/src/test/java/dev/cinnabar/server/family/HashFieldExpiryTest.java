package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.NOT_INTEGER;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
import static dev.cinnabar.server.family.FamilyTarget.ZERO;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.integerOf;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RespConnection;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redis 7.4's hash field expiry (HEXPIRE HPEXPIRE HEXPIREAT HPEXPIREAT HTTL HPTTL HEXPIRETIME
 * HPEXPIRETIME HPERSIST) through raw RESP. The 7.0 oracle has none of these commands, so these
 * cases run against Cinnabar only; the expected replies follow the redis.io command pages and
 * Redis 7.4's argument checks, codes and listpackex layout (fields with an expire time first,
 * earliest first, the newest first among equal times; persistent fields last).
 *
 * <p>Expiry is observed without timing assertions: a field is given a 1 ms time to live and the
 * test waits a little before looking; active reclaiming is polled for up to ten seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HashFieldExpiryTest {
    private static final String WRONGTYPE = error("WRONGTYPE Operation against a key holding the wrong kind of value");
    /** 2100-01-01T00:00:00.123Z. */
    private static final String FAR_MS = "4102444800123";
    private static final String FAR_S = "4102444800";

    private final FamilyTarget target = FamilyTarget.cinnabar();

    @AfterAll
    void stop() {
        target.stop();
    }

    private RespConnection fresh() {
        RespConnection c = target.fresh();
        expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "512", "hash-max-listpack-value", "64");
        expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "1");
        return c;
    }

    private static String codes(long... values) {
        String[] items = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            items[i] = integer(values[i]);
        }
        return array(items);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            pause(10);
        }
    }

    @Test
    void expireCodesAndConditions() {
        try (RespConnection c = fresh()) {
            expect(c, codes(-2, -2), "HEXPIRE", "missing", "100", "FIELDS", "2", "a", "b");
            expect(c, ZERO, "EXISTS", "missing");
            expect(c, integer(3), "HSET", "h", "a", "1", "b", "2", "c", "3");
            expect(c, codes(1, -2), "HEXPIRE", "h", "100", "FIELDS", "2", "a", "z");
            // NX: only fields without an expire time; XX: only fields with one.
            expect(c, codes(0, 1), "HEXPIRE", "h", "200", "NX", "FIELDS", "2", "a", "b");
            expect(c, codes(1, 0), "HEXPIRE", "h", "300", "XX", "FIELDS", "2", "a", "c");
            // GT and LT: a field without expire time counts as never expiring.
            expect(c, codes(0, 1, 0), "HEXPIRE", "h", "250", "GT", "FIELDS", "3", "a", "b", "c");
            expect(c, codes(1, 0, 1), "HEXPIRE", "h", "250", "LT", "FIELDS", "3", "a", "b", "c");
            expect(c, codes(1, 1, 1), "HEXPIRE", "h", "250", "fields", "3", "a", "b", "c");
            // The same field twice is handled twice.
            expect(c, codes(1, 0), "HPEXPIRE", "h", "100000", "lt", "FIELDS", "2", "a", "a");
            // A time that is not in the future deletes the field (2), once the condition holds.
            expect(c, codes(0), "HEXPIRE", "h", "0", "NX", "FIELDS", "1", "b");
            expect(c, codes(2), "HEXPIRE", "h", "0", "FIELDS", "1", "c");
            expect(c, codes(2), "HPEXPIREAT", "h", "1", "FIELDS", "1", "b");
            expect(c, bulks("a"), "HKEYS", "h");
            // Deleting the last field deletes the hash.
            expect(c, codes(2, -2), "HEXPIREAT", "h", "1", "FIELDS", "2", "a", "a");
            expect(c, ZERO, "EXISTS", "h");
        }
    }

    @Test
    void argumentErrorsInRedisOrder() {
        try (RespConnection c = fresh()) {
            expect(c, ONE, "HSET", "h", "a", "1");
            expect(c, OK, "SET", "s", "x");
            // The type of the key is checked first of all.
            expect(c, WRONGTYPE, "HEXPIRE", "s", "abc", "FOO", "0", "x");
            expect(c, WRONGTYPE, "HTTL", "s", "FOO", "0", "x");
            expect(c, WRONGTYPE, "HPERSIST", "s", "FIELDS", "0", "x");
            expect(c, NOT_INTEGER, "HEXPIRE", "h", "abc", "FIELDS", "1", "a");
            expect(c, NOT_INTEGER, "HPEXPIRE", "h", "1.5", "FIELDS", "1", "a");
            expect(c, error("ERR invalid expire time, must be >= 0"), "HEXPIRE", "h", "-1", "FOO", "1", "a");
            // The latest allowed time is 2^46 - 1 ms.
            expect(c, error("ERR invalid expire time in 'hexpire' command"), "HEXPIRE", "h", "70368744178", "FIELDS",
                    "1", "a");
            expect(c, error("ERR invalid expire time in 'hexpireat' command"), "HEXPIREAT", "h", "70368744178",
                    "FIELDS", "1", "a");
            expect(c, error("ERR invalid expire time in 'hpexpireat' command"), "HPEXPIREAT", "h", "70368744177664",
                    "FIELDS", "1", "a");
            expect(c, error("ERR invalid expire time in 'hpexpire' command"), "HPEXPIRE", "h", "70368744177663",
                    "FIELDS", "1", "a");
            expect(c, codes(1), "HPEXPIREAT", "h", "70368744177663", "FIELDS", "1", "a");
            expect(c, codes(70368744177663L), "HPEXPIRETIME", "h", "FIELDS", "1", "a");
            String noFields = error("ERR Mandatory argument FIELDS is missing or not at the right position");
            expect(c, noFields, "HEXPIRE", "h", "10", "FOO", "1", "a");
            expect(c, noFields, "HEXPIRE", "h", "10", "NX", "XX", "FIELDS", "1", "a");
            expect(c, noFields, "HEXPIRE", "h", "10", "1", "FIELDS", "a");
            expect(c, noFields, "HTTL", "h", "FIELD", "1", "a");
            expect(c, noFields, "HPERSIST", "h", "NX", "1", "a");
            String numFields = error("ERR Parameter `numFields` should be greater than 0");
            expect(c, numFields, "HEXPIRE", "h", "10", "FIELDS", "0", "a");
            expect(c, numFields, "HEXPIRE", "h", "10", "FIELDS", "-1", "a");
            expect(c, numFields, "HEXPIRE", "h", "10", "XX", "FIELDS", "x", "a");
            String positive = error("ERR Number of fields must be a positive integer");
            expect(c, positive, "HTTL", "h", "FIELDS", "0", "a");
            expect(c, positive, "HPEXPIRETIME", "h", "FIELDS", "abc", "a");
            expect(c, positive, "HPERSIST", "h", "FIELDS", "-5", "a");
            String mismatch = error("ERR The `numfields` parameter must match the number of arguments");
            expect(c, mismatch, "HEXPIRE", "h", "10", "FIELDS", "2", "a");
            expect(c, mismatch, "HEXPIRE", "h", "10", "FIELDS", "1", "a", "b");
            expect(c, mismatch, "HEXPIRE", "h", "10", "GT", "FIELDS", "1");
            expect(c, mismatch, "HTTL", "h", "FIELDS", "3", "a", "b");
            expect(c, mismatch, "HPERSIST", "missing", "FIELDS", "1", "a", "b");
            expect(c, wrongArity("hexpire"), "HEXPIRE", "h", "10", "FIELDS", "1");
            expect(c, wrongArity("hpexpireat"), "HPEXPIREAT", "h", "10", "FIELDS");
            expect(c, wrongArity("httl"), "HTTL", "h", "FIELDS", "1");
            expect(c, wrongArity("hpersist"), "HPERSIST", "h", "FIELDS");
            // Nothing above changed the hash.
            expect(c, bulks("a", "1"), "HGETALL", "h");
        }
    }

    @Test
    void readingExpireTimes() {
        try (RespConnection c = fresh()) {
            expect(c, codes(-2, -2), "HTTL", "missing", "FIELDS", "2", "a", "b");
            expect(c, integer(3), "HSET", "h", "a", "1", "b", "2", "c", "3");
            expect(c, codes(-1, -2), "HTTL", "h", "FIELDS", "2", "a", "zz");
            expect(c, bulk("listpack"), "OBJECT", "ENCODING", "h");
            expect(c, codes(1), "HPEXPIREAT", "h", FAR_MS, "FIELDS", "1", "a");
            expect(c, codes(1), "HEXPIREAT", "h", FAR_S, "FIELDS", "1", "b");
            expect(c, codes(4102444800123L, 4102444800000L, -1, -2), "HPEXPIRETIME", "h", "FIELDS", "4", "a", "b", "c",
                    "d");
            // Seconds are rounded up.
            expect(c, codes(4102444801L, 4102444800L, -1), "HEXPIRETIME", "h", "FIELDS", "3", "a", "b", "c");
            List<RespValue> ttl = ((RespValue.Aggregate) c.call("HPTTL", "h", "FIELDS", "2", "a", "c")).elements();
            long now = System.currentTimeMillis();
            assertThat(((RespValue.Integer) ttl.get(0)).value()).isBetween(4102444800123L - now - 10_000,
                    4102444800123L - now + 10_000);
            assertThat(ttl.get(1).describe()).isEqualTo(":-1");
            expect(c, codes(1), "HPEXPIRE", "h", "100500", "FIELDS", "1", "c");
            List<RespValue> seconds = ((RespValue.Aggregate) c.call("HTTL", "h", "FIELDS", "1", "c")).elements();
            assertThat(((RespValue.Integer) seconds.get(0)).value()).isBetween(99L, 101L);
            // RESP3 gives the same arrays.
            call(c, "HELLO", "3");
            expect(c, codes(-2), "HTTL", "h", "FIELDS", "1", "zz");
        }
    }

    @Test
    void persistingFields() {
        try (RespConnection c = fresh()) {
            expect(c, codes(-2), "HPERSIST", "missing", "FIELDS", "1", "a");
            expect(c, integer(2), "HSET", "h", "a", "1", "b", "2");
            // HPERSIST does not turn a listpack into a listpackex.
            expect(c, codes(-1, -2), "HPERSIST", "h", "FIELDS", "2", "a", "z");
            expect(c, bulk("listpack"), "OBJECT", "ENCODING", "h");
            expect(c, codes(1, 1), "HEXPIRE", "h", "100", "FIELDS", "2", "a", "b");
            expect(c, codes(1, -1), "HPERSIST", "h", "FIELDS", "2", "a", "a");
            expect(c, codes(-1, 100), "HTTL", "h", "FIELDS", "2", "a", "b");
            expect(c, bulk("listpackex"), "OBJECT", "ENCODING", "h");
        }
    }

    @Test
    void listpackexOrderAndEncodings() {
        try (RespConnection c = fresh()) {
            expect(c, integer(4), "HSET", "h", "a", "1", "b", "2", "c", "3", "d", "4");
            // The first expire command makes the hash a listpackex, even when it sets nothing.
            expect(c, codes(0), "HEXPIRE", "h", "100", "XX", "FIELDS", "1", "a");
            expect(c, bulk("listpackex"), "OBJECT", "ENCODING", "h");
            expect(c, bulks("a", "b", "c", "d"), "HKEYS", "h");
            // Fields with an expire time come first, earliest first; among equal times the newest first.
            expect(c, codes(1), "HPEXPIREAT", "h", "4102444800300", "FIELDS", "1", "c");
            expect(c, codes(1), "HPEXPIREAT", "h", "4102444800100", "FIELDS", "1", "d");
            expect(c, codes(1), "HPEXPIREAT", "h", "4102444800300", "FIELDS", "1", "a");
            expect(c, bulks("d", "a", "c", "b"), "HKEYS", "h");
            expect(c, bulks("d", "4", "a", "1", "c", "3", "b", "2"), "HGETALL", "h");
            // HSET replaces a field: it loses its expire time and goes to the end.
            expect(c, ZERO, "HSET", "h", "d", "40");
            expect(c, bulks("a", "c", "b", "d"), "HKEYS", "h");
            expect(c, codes(-1), "HTTL", "h", "FIELDS", "1", "d");
            // HINCRBY and HINCRBYFLOAT alter the value in place and keep the expire time.
            expect(c, integer(11), "HINCRBY", "h", "a", "10");
            expect(c, bulk("3.5"), "HINCRBYFLOAT", "h", "c", "0.5");
            expect(c, codes(4102444800300L, 4102444800300L), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "c");
            expect(c, bulks("a", "11", "c", "3.5", "b", "2", "d", "40"), "HGETALL", "h");
            // HSETNX leaves an existing field alone; HDEL removes a field and its expire time.
            expect(c, ZERO, "HSETNX", "h", "a", "x");
            expect(c, ONE, "HDEL", "h", "a");
            expect(c, ONE, "HSET", "h", "a", "new");
            expect(c, codes(-1), "HTTL", "h", "FIELDS", "1", "a");
            // Passing a limit turns a listpackex into a hashtable with the expire times kept.
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-value", "4");
            expect(c, ONE, "HSET", "h", "e", "12345");
            expect(c, bulk("hashtable"), "OBJECT", "ENCODING", "h");
            expect(c, codes(4102444800300L, -1, -1), "HPEXPIRETIME", "h", "FIELDS", "3", "c", "b", "e");
            expect(c, codes(1), "HPERSIST", "h", "FIELDS", "1", "c");
            expect(c, codes(1), "HEXPIRE", "h", "10", "FIELDS", "1", "e");
            expect(c, bulk("hashtable"), "OBJECT", "ENCODING", "h");
            // A hashtable that never had an expire time stays as it is.
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "0");
            expect(c, ONE, "HSET", "t", "f", "v");
            expect(c, codes(-2, 1), "HEXPIRE", "t", "10", "FIELDS", "2", "g", "f");
            expect(c, bulk("hashtable"), "OBJECT", "ENCODING", "t");
        }
    }

    @Test
    void expiredFieldsAreInvisibleToEveryCommand() {
        try (RespConnection c = fresh()) {
            expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "0");
            for (String limit : new String[] {"512", "0"}) {
                expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", limit);
                expect(c, OK, "FLUSHALL");
                expect(c, integer(3), "HSET", "h", "gone", "1", "kept", "2", "other", "3");
                expect(c, codes(1), "HPEXPIRE", "h", "1", "FIELDS", "1", "gone");
                pause(20);
                expect(c, NIL, "HGET", "h", "gone");
                expect(c, ZERO, "HEXISTS", "h", "gone");
                expect(c, ZERO, "HSTRLEN", "h", "gone");
                expect(c, integer(2), "HLEN", "h");
                expect(c, array(NIL, bulk("2")), "HMGET", "h", "gone", "kept");
                assertThat(FamilyTarget.strings(c, "HKEYS", "h")).containsExactlyInAnyOrder("kept", "other");
                assertThat(FamilyTarget.strings(c, "HRANDFIELD", "h", "10")).containsExactlyInAnyOrder("kept", "other");
                assertThat(FamilyTarget.strings(c, "HRANDFIELD", "h", "-20")).doesNotContain("gone");
                expect(c, codes(-2, -1), "HTTL", "h", "FIELDS", "2", "gone", "kept");
                expect(c, codes(-2), "HEXPIRE", "h", "100", "FIELDS", "1", "gone");
                expect(c, codes(-2), "HPERSIST", "h", "FIELDS", "1", "gone");
                // A field set again after expiring is new.
                expect(c, codes(1), "HPEXPIRE", "h", "1", "FIELDS", "1", "other");
                pause(20);
                expect(c, ONE, "HSET", "h", "other", "back");
                expect(c, bulk("back"), "HGET", "h", "other");
                expect(c, integer(1), "HINCRBY", "h", "n", "1");
                expect(c, codes(1), "HPEXPIRE", "h", "1", "FIELDS", "1", "n");
                pause(20);
                expect(c, integer(5), "HINCRBY", "h", "n", "5");
                List<String> scanned = FamilyTarget.strings(((RespValue.Aggregate) c.call("HSCAN", "h", "0", "COUNT",
                        "100")).elements().get(1));
                assertThat(scanned).containsExactlyInAnyOrder("kept", "2", "other", "back", "n", "5");
            }
            // A hash whose fields have all expired is there until something looks at it.
            expect(c, integer(2), "HSET", "all", "a", "1", "b", "2");
            expect(c, codes(1, 1), "HPEXPIRE", "all", "1", "FIELDS", "2", "a", "b");
            pause(20);
            expect(c, ONE, "EXISTS", "all");
            expect(c, ZERO, "HLEN", "all");
            expect(c, ZERO, "EXISTS", "all");
            for (String[] command : new String[][] {{"HGETALL", "x"}, {"HKEYS", "x"}, {"HRANDFIELD", "x", "3"}}) {
                expect(c, integer(1), "HSET", "x", "a", "1");
                expect(c, codes(1), "HPEXPIRE", "x", "1", "FIELDS", "1", "a");
                pause(20);
                expect(c, EMPTY_ARRAY, command);
                expect(c, ZERO, "EXISTS", "x");
            }
            expect(c, integer(1), "HSET", "x", "a", "1");
            expect(c, codes(1), "HPEXPIRE", "x", "1", "FIELDS", "1", "a");
            pause(20);
            expect(c, ONE, "HSETNX", "x", "a", "2");
            expect(c, bulk("2"), "HGET", "x", "a");
            expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
    }

    @Test
    void activeExpiryReclaimsFieldsNobodyReads() {
        try (RespConnection c = fresh()) {
            // Emptied hashes go away, under their current name and database. (Active expiry is off
            // until the keys have moved, so that none goes before.)
            expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "0");
            for (int i = 0; i < 200; i++) {
                expect(c, integer(2), "HSET", "h" + i, "a", "1", "b", "2");
                expect(c, codes(1, 1), "HPEXPIRE", "h" + i, "50", "FIELDS", "2", "a", "b");
            }
            expect(c, OK, "RENAME", "h0", "renamed");
            expect(c, ONE, "MOVE", "h1", "3");
            expect(c, ONE, "COPY", "h2", "copied", "DB", "4");
            expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "1");
            await("the hashes to expire", () -> integerOf(c, "DBSIZE") == 0);
            call(c, "SELECT", "3");
            await("the moved hash to expire", () -> integerOf(c, "DBSIZE") == 0);
            call(c, "SELECT", "4");
            await("the copied hash to expire", () -> integerOf(c, "DBSIZE") == 0);
            call(c, "SELECT", "0");
            // A hash keeps its persistent fields: its content changes without any hash command.
            expect(c, integer(3), "HSET", "keep", "a", "1", "b", "2", "c", "3");
            expect(c, integer(1), "HSET", "expected", "a", "1");
            String target = FamilyTarget.call(c, "DEBUG", "DIGEST-VALUE", "expected");
            expect(c, codes(1, 1), "HPEXPIRE", "keep", "50", "FIELDS", "2", "b", "c");
            await("the fields to be reclaimed", () -> FamilyTarget.call(c, "DEBUG", "DIGEST-VALUE", "keep").equals(target));
            expect(c, bulks("a", "1"), "HGETALL", "keep");
            expect(c, bulk("listpackex"), "OBJECT", "ENCODING", "keep");
        }
    }

    /** The next keyevent notification a pattern subscriber received, as "event key". */
    private static String nextEvent(RespConnection subscriber) {
        List<String> message = FamilyTarget.strings(subscriber.read());
        String channel = message.get(2);
        return channel.substring(channel.indexOf(':') + 1) + " " + message.get(3);
    }

    @Test
    void keyspaceEventsAsRedis74NamesThem() {
        try (RespConnection c = fresh(); RespConnection s = target.connect()) {
            expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "KEA");
            expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "0");
            call(s, "PSUBSCRIBE", "__keyevent@0__:*");
            try {
                expect(c, integer(2), "HSET", "h", "a", "1", "b", "2");
                assertThat(nextEvent(s)).isEqualTo("hset h");
                expect(c, codes(1, -2), "HEXPIRE", "h", "100", "FIELDS", "2", "a", "zz");
                assertThat(nextEvent(s)).isEqualTo("hexpire h");
                // Nothing changed, nothing reported.
                expect(c, codes(0), "HEXPIRE", "h", "100", "NX", "FIELDS", "1", "a");
                expect(c, codes(-1), "HPERSIST", "h", "FIELDS", "1", "b");
                expect(c, codes(1), "HPERSIST", "h", "FIELDS", "1", "a");
                assertThat(nextEvent(s)).isEqualTo("hpersist h");
                // A field deleted by a time in the past is an "hdel"; the last one also deletes the key.
                expect(c, codes(2), "HEXPIRE", "h", "0", "FIELDS", "1", "a");
                assertThat(nextEvent(s)).isEqualTo("hdel h");
                expect(c, codes(2), "HPEXPIREAT", "h", "1", "FIELDS", "1", "b");
                assertThat(nextEvent(s)).isEqualTo("hdel h");
                assertThat(nextEvent(s)).isEqualTo("del h");
                expect(c, ZERO, "EXISTS", "h");
                // Lazy expiry reports "hexpired" (and "del" when the hash goes with its last field).
                expect(c, integer(2), "HSET", "x", "a", "1", "b", "2");
                assertThat(nextEvent(s)).isEqualTo("hset x");
                expect(c, codes(1), "HPEXPIRE", "x", "1", "FIELDS", "1", "a");
                assertThat(nextEvent(s)).isEqualTo("hexpire x");
                pause(20);
                expect(c, ONE, "HLEN", "x");
                assertThat(nextEvent(s)).isEqualTo("hexpired x");
                expect(c, codes(1), "HPEXPIRE", "x", "1", "FIELDS", "1", "b");
                assertThat(nextEvent(s)).isEqualTo("hexpire x");
                pause(20);
                expect(c, NIL, "HGET", "x", "b");
                assertThat(nextEvent(s)).isEqualTo("hexpired x");
                assertThat(nextEvent(s)).isEqualTo("del x");
                // HINCRBY keeps the expire time: an "hincrby", then the active cycle's "hexpired" and "del".
                expect(c, integer(1), "HSET", "y", "n", "1");
                assertThat(nextEvent(s)).isEqualTo("hset y");
                expect(c, codes(1), "HPEXPIRE", "y", "500", "FIELDS", "1", "n");
                assertThat(nextEvent(s)).isEqualTo("hexpire y");
                expect(c, integer(3), "HINCRBY", "y", "n", "2");
                assertThat(nextEvent(s)).isEqualTo("hincrby y");
                expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "1");
                assertThat(nextEvent(s)).isEqualTo("hexpired y");
                assertThat(nextEvent(s)).isEqualTo("del y");
            } finally {
                expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "");
                expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "1");
            }
        }
    }
}
