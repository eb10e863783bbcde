package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.SYNTAX;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SORT and SORT_RO through raw RESP with exact replies, each case run against Cinnabar and
 * against a real redis-server: numeric and ALPHA order, LIMIT, BY weights and hash fields, GET,
 * STORE (with its events and what it wakes), errors, and the leaderboard-style uses clients make.
 */
class SortCommandsTest extends FamilyTestBase {
    private static final String CONVERSION = error("ERR One or more scores can't be converted into double");

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void numericAndAlphabeticOrder(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, integer(7), "RPUSH", "l", "3", "10", "1.5", "-1", "1", "01", "2");
            // Equal scores (1 and 01) fall back to the bytes of the elements.
            expect(c, bulks("-1", "01", "1", "1.5", "2", "3", "10"), "SORT", "l");
            expect(c, bulks("10", "3", "2", "1.5", "1", "01", "-1"), "SORT", "l", "DESC");
            expect(c, bulks("-1", "01", "1", "1.5", "10", "2", "3"), "SORT", "l", "ALPHA");
            expect(c, bulks("1.5", "2"), "SORT", "l", "LIMIT", "3", "2");
            expect(c, bulks("-1", "01"), "SORT", "l", "LIMIT", "-5", "2");
            expect(c, bulks("10"), "SORT", "l", "LIMIT", "6", "9223372036854775807");
            expect(c, "*0\r\n", "SORT", "l", "LIMIT", "100", "2");
            expect(c, bulks("3", "2", "1.5", "1", "01", "-1"), "SORT", "l", "DESC", "LIMIT", "1", "-1");
            expect(c, integer(3), "RPUSH", "words", "pear", "apple", "fig");
            expect(c, CONVERSION, "SORT", "words");
            expect(c, bulks("apple", "fig", "pear"), "SORT", "words", "ALPHA");
            expect(c, "*0\r\n", "SORT", "missing");
            expect(c, integer(4), "SADD", "s", "30", "4", "-7", "x1");
            expect(c, bulks("-7", "30", "4", "x1"), "SORT", "s", "ALPHA");
            expect(c, CONVERSION, "SORT", "s");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void byWeightsAndGetPatterns(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            // A leaderboard kept as a list of ids, with scores and names in other keys.
            expect(c, integer(4), "RPUSH", "players", "1", "2", "3", "4");
            expect(c, OK, "MSET", "score_1", "50", "score_2", "75", "score_3", "20");
            expect(c, integer(2), "HSET", "user_1", "name", "ann", "rank", "b");
            expect(c, integer(2), "HSET", "user_2", "name", "bob", "rank", "a");
            expect(c, integer(1), "HSET", "user_3", "name", "cy");
            expect(c, bulks("4", "3", "1", "2"), "SORT", "players", "BY", "score_*");
            expect(c, array(bulk("2"), bulk("75"), bulk("bob"), bulk("1"), bulk("50"), bulk("ann"), bulk("3"), bulk("20"),
                    bulk("cy")), "SORT", "players", "BY", "score_*", "DESC", "LIMIT", "0", "3",
                    "GET", "#", "GET", "score_*", "GET", "user_*->name");
            // A missing value is a nil; a weight that is missing sorts as 0 (ALPHA: first).
            expect(c, array(NIL, bulk("cy"), bulk("ann"), bulk("bob")), "SORT", "players", "BY", "score_*",
                    "GET", "user_*->name");
            expect(c, bulks("3", "4", "2", "1"), "SORT", "players", "BY", "user_*->rank", "ALPHA");
            // BY without '*' does not sort: the list's own order, reversed by DESC.
            expect(c, bulks("4", "3", "2", "1"), "SORT", "players", "BY", "nosort", "DESC");
            expect(c, bulks("3", "2"), "SORT", "players", "BY", "nosort", "DESC", "LIMIT", "1", "2");
            // GET of a pattern without '*' finds nothing; "->" at the end is part of the key name.
            expect(c, array(NIL, NIL, NIL, NIL), "SORT", "players", "GET", "constant");
            expect(c, OK, "SET", "user_1->", "plain");
            expect(c, array(bulk("plain"), NIL, NIL, NIL), "SORT", "players", "GET", "user_*->");
            // A weight that is not a number.
            expect(c, OK, "SET", "score_4", "lots");
            expect(c, CONVERSION, "SORT", "players", "BY", "score_*");
            expect(c, OK, "SET", "score_4", " 8");
            expect(c, bulks("4", "3", "1", "2"), "SORT_RO", "players", "BY", "score_*");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void storeWritesAListOrDeletesTheDestination(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection waiter = t.connect()) {
            expect(c, integer(3), "RPUSH", "src", "3", "1", "2");
            expect(c, integer(2), "SADD", "ids", "9", "8");
            expect(c, OK, "SET", "dst", "old");
            expect(c, integer(3), "SORT", "src", "STORE", "dst");
            expect(c, bulks("1", "2", "3"), "LRANGE", "dst", "0", "-1");
            assertThat(call(c, "OBJECT", "ENCODING", "dst")).isIn(bulk("listpack"), bulk("quicklist"));
            // A stored set is sorted (as strings) even with BY nosort.
            expect(c, integer(2), "SORT", "ids", "BY", "nosort", "STORE", "dst");
            expect(c, bulks("8", "9"), "LRANGE", "dst", "0", "-1");
            expect(c, integer(6), "SORT", "src", "GET", "#", "GET", "nothing_*", "STORE", "dst");
            expect(c, bulks("1", "", "2", "", "3", ""), "LRANGE", "dst", "0", "-1");
            // An empty result deletes the destination.
            expect(c, integer(0), "SORT", "missing", "STORE", "dst");
            expect(c, integer(0), "EXISTS", "dst");
            // A client blocked on the destination is served by the stored list.
            waiter.send("BLPOP", "dst", "0");
            waitForBlocked(c);
            expect(c, integer(3), "SORT", "src", "DESC", "STORE", "dst");
            assertThat(new String(waiter.readRaw(), StandardCharsets.ISO_8859_1)).isEqualTo(bulks("dst", "3"));
            expect(c, bulks("2", "1"), "LRANGE", "dst", "0", "-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void storeIsAChangeForWatchAndNotifications(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection other = t.connect(); RespConnection subscriber = t.connect()) {
            expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "KEA");
            try {
                subscriber.send("SUBSCRIBE", "__keyevent@0__:sortstore", "__keyevent@0__:del");
                subscriber.readRaw();
                subscriber.readRaw();
                expect(c, integer(2), "RPUSH", "src", "b", "a");
                expect(c, OK, "WATCH", "dst");
                expect(other, integer(2), "SORT", "src", "ALPHA", "STORE", "dst");
                expect(c, OK, "MULTI");
                expect(c, "+QUEUED\r\n", "PING");
                expect(c, "*-1\r\n", "EXEC");
                assertThat(new String(subscriber.readRaw(), StandardCharsets.ISO_8859_1))
                        .isEqualTo(array(bulk("message"), bulk("__keyevent@0__:sortstore"), bulk("dst")));
                expect(other, integer(0), "SORT", "nothing", "STORE", "dst");
                assertThat(new String(subscriber.readRaw(), StandardCharsets.ISO_8859_1))
                        .isEqualTo(array(bulk("message"), bulk("__keyevent@0__:del"), bulk("dst")));
            } finally {
                expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void sortedSets(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, integer(4), "ZADD", "board", "30", "9", "10", "20", "20", "3", "40", "100");
            expect(c, bulk("listpack"), "OBJECT", "ENCODING", "board");
            // By the members' values, then in score order (BY nosort), and a page of it.
            expect(c, bulks("3", "9", "20", "100"), "SORT", "board");
            expect(c, bulks("20", "3", "9", "100"), "SORT", "board", "BY", "nosort");
            expect(c, bulks("9", "3"), "SORT", "board", "BY", "nosort", "DESC", "LIMIT", "1", "2");
            // SORT leaves a small sorted set converted to a skiplist, as Redis does, even SORT_RO.
            expect(c, bulk("skiplist"), "OBJECT", "ENCODING", "board");
            expect(c, integer(1), "ZADD", "other", "1", "a");
            expect(c, bulks("a"), "SORT_RO", "other", "ALPHA");
            expect(c, bulk("skiplist"), "OBJECT", "ENCODING", "other");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void errors(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, integer(2), "RPUSH", "l", "1", "2");
            expect(c, OK, "SET", "str", "x");
            expect(c, wrongArity("sort"), "SORT");
            expect(c, SYNTAX, "SORT", "l", "FOO");
            expect(c, SYNTAX, "SORT", "l", "LIMIT", "1");
            expect(c, SYNTAX, "SORT", "l", "BY");
            expect(c, SYNTAX, "SORT", "l", "STORE");
            expect(c, SYNTAX, "SORT_RO", "l", "STORE", "dst");
            expect(c, error("ERR value is not an integer or out of range"), "SORT", "l", "LIMIT", "x", "1");
            expect(c, error("ERR value is not an integer or out of range"), "SORT", "l", "LIMIT", "0", "1.5");
            // Options are checked before the key's type.
            expect(c, SYNTAX, "SORT", "str", "FOO");
            expect(c, error("WRONGTYPE Operation against a key holding the wrong kind of value"), "SORT", "str");
            // A weight out of the range of a double.
            expect(c, OK, "SET", "w_1", "1e400");
            expect(c, CONVERSION, "SORT", "l", "BY", "w_*");
            expect(c, array(bulk("l"), bulk("b")), "COMMAND", "GETKEYS", "SORT", "l", "STORE", "a", "LIMIT", "0", "1",
                    "GET", "store", "STORE", "b");
            expect(c, array(bulk("l")), "COMMAND", "GETKEYS", "SORT_RO", "l", "BY", "w_*");
        }
    }

    private static void waitForBlocked(RespConnection c) {
        for (int i = 0; i < 500; i++) {
            if (call(c, "INFO", "clients").contains("blocked_clients:1\r\n")) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the client did not block");
    }
}
