package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.SYNTAX;
import static dev.cinnabar.server.family.FamilyTarget.ZERO;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static dev.cinnabar.server.family.ZsetTesting.NULL_ARRAY;
import static dev.cinnabar.server.family.ZsetTesting.WRONGTYPE;
import static dev.cinnabar.server.family.ZsetTesting.fresh;
import static dev.cinnabar.server.family.ZsetTesting.pairs3;
import static dev.cinnabar.server.family.ZsetTesting.withScores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP and the blocking BZPOPMIN, BZPOPMAX and BZMPOP through raw RESP, against
 * Cinnabar and a real redis-server. Blocking cases use a second connection that waits (polling
 * INFO, with a generous deadline) until the first is blocked before it fills a key; nothing is
 * asserted about how long anything takes.
 */
class SortedSetPopCommandsTest extends FamilyTestBase {
    private static final String NOT_POSITIVE = error("ERR value is out of range, must be positive");
    private static final String TIMEOUT_NOT_FLOAT = error("ERR timeout is not a float or out of range");
    private static final String TIMEOUT_NEGATIVE = error("ERR timeout is negative");

    List<Arguments> encodings() {
        return ZsetTesting.inBothEncodings(targets);
    }

    /** Waits until the server reports {@code n} blocked clients (fails after 10 s). */
    static void awaitBlocked(RespConnection admin, int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String info = new String(((dev.cinnabar.resp.client.RespValue.Bulk) admin.call("INFO", "clients")).bytes(),
                    StandardCharsets.ISO_8859_1);
            if (info.contains("blocked_clients:" + n + "\r\n")) {
                return;
            }
            assertThat(System.nanoTime()).as("waiting for %d blocked clients: %s", n, info).isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String read(RespConnection c) {
        return new String(c.readRaw(), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zpopminAndZpopmax(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(4), "ZADD", "k", "1", "a", "2", "b", "3", "c", "4", "d");
            expect(c, withScores("a", "1"), "ZPOPMIN", "k");
            expect(c, withScores("d", "4"), "ZPOPMAX", "k");
            expect(c, withScores("b", "2", "c", "3"), "ZPOPMIN", "k", "10");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, EMPTY_ARRAY, "ZPOPMIN", "k");
            expect(c, EMPTY_ARRAY, "ZPOPMAX", "missing", "3");
            expect(c, integer(2), "ZADD", "k", "1", "a", "2", "b");
            expect(c, EMPTY_ARRAY, "ZPOPMIN", "k", "0");
            expect(c, withScores("b", "2"), "ZPOPMAX", "k", "1");
            // The count is checked before the key: one message for negative and non-numeric counts.
            expect(c, NOT_POSITIVE, "ZPOPMIN", "k", "-1");
            expect(c, NOT_POSITIVE, "ZPOPMIN", "k", "abc");
            expect(c, SYNTAX, "ZPOPMIN", "k", "1", "2");
            expect(c, wrongArity("zpopmax"), "ZPOPMAX");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZPOPMIN", "s");
            expect(c, WRONGTYPE, "ZPOPMIN", "s", "0");
            expect(c, NOT_POSITIVE, "ZPOPMIN", "s", "-5");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            // RESP3: a single pop is a flat pair, a pop with a count a list of pairs.
            expect(c, integer(2), "ZADD", "k", "1.5", "x", "2", "y");
            expect(c, array(bulk("a"), ",1\r\n"), "ZPOPMIN", "k");
            expect(c, pairs3("y", "2"), "ZPOPMAX", "k", "1");
            expect(c, pairs3("x", "1.5"), "ZPOPMAX", "k", "5");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zmpop(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(3), "ZADD", "k2", "1", "a", "2", "b", "3", "c");
            expect(c, array(bulk("k2"), array(bulks("a", "1"))), "ZMPOP", "2", "k1", "k2", "MIN");
            expect(c, array(bulk("k2"), array(bulks("c", "3"), bulks("b", "2"))), "ZMPOP", "2", "k1", "k2", "max",
                    "COUNT", "5");
            expect(c, ZERO, "EXISTS", "k2");
            expect(c, NULL_ARRAY, "ZMPOP", "2", "k1", "k2", "MIN");
            String numkeys = error("ERR numkeys should be greater than 0");
            String count = error("ERR count should be greater than 0");
            expect(c, numkeys, "ZMPOP", "0", "k", "MIN");
            expect(c, numkeys, "ZMPOP", "-1", "k", "MIN");
            expect(c, numkeys, "ZMPOP", "abc", "k", "MIN");
            expect(c, SYNTAX, "ZMPOP", "2", "k", "MIN");
            expect(c, SYNTAX, "ZMPOP", "1", "k", "FOO");
            expect(c, count, "ZMPOP", "1", "k", "MIN", "COUNT", "0");
            expect(c, count, "ZMPOP", "1", "k", "MIN", "COUNT", "abc");
            expect(c, SYNTAX, "ZMPOP", "1", "k", "MIN", "COUNT");
            expect(c, SYNTAX, "ZMPOP", "1", "k", "MIN", "COUNT", "1", "COUNT", "1");
            expect(c, SYNTAX, "ZMPOP", "1", "k", "MIN", "FOO");
            expect(c, wrongArity("zmpop"), "ZMPOP", "1", "k");
            expect(c, OK, "SET", "s", "x");
            expect(c, integer(1), "ZADD", "z", "1", "a");
            // The first existing key decides: a wrong type stops the search.
            expect(c, WRONGTYPE, "ZMPOP", "3", "missing", "s", "z", "MIN");
            expect(c, array(bulk("z"), array(bulks("a", "1"))), "ZMPOP", "3", "missing", "z", "s", "MIN");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, integer(1), "ZADD", "z", "2.5", "b");
            expect(c, array(bulk("z"), pairs3("b", "2.5")), "ZMPOP", "1", "z", "MAX");
            expect(c, "_\r\n", "ZMPOP", "1", "z", "MAX");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void blockingPopsAnswerAtOnceWhenTheyCan(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(2), "ZADD", "k2", "1", "a", "2", "b");
            expect(c, bulks("k2", "a", "1"), "BZPOPMIN", "k1", "k2", "0");
            expect(c, bulks("k2", "b", "2"), "BZPOPMAX", "k2", "0");
            expect(c, NULL_ARRAY, "BZPOPMIN", "k1", "k2", "0.01");
            expect(c, integer(2), "ZADD", "k1", "1", "a", "2", "b");
            expect(c, array(bulk("k1"), array(bulks("b", "2"), bulks("a", "1"))), "BZMPOP", "0", "2", "k1", "k2", "MAX",
                    "COUNT", "3");
            expect(c, NULL_ARRAY, "BZMPOP", "0.01", "1", "k1", "MIN");
            // Argument errors.
            expect(c, TIMEOUT_NOT_FLOAT, "BZPOPMIN", "k", "abc");
            expect(c, TIMEOUT_NOT_FLOAT, "BZPOPMIN", "k", " 1");
            expect(c, TIMEOUT_NOT_FLOAT, "BZPOPMIN", "k", "nan");
            expect(c, TIMEOUT_NEGATIVE, "BZPOPMIN", "k", "-1");
            expect(c, TIMEOUT_NEGATIVE, "BZPOPMAX", "k", "inf");
            expect(c, TIMEOUT_NEGATIVE, "BZPOPMAX", "k", "1e20");
            expect(c, TIMEOUT_NOT_FLOAT, "BZMPOP", "abc", "1", "k", "MIN");
            expect(c, error("ERR numkeys should be greater than 0"), "BZMPOP", "abc", "0", "k", "MIN");
            expect(c, SYNTAX, "BZMPOP", "0", "1", "k", "FOO");
            expect(c, wrongArity("bzpopmin"), "BZPOPMIN", "k");
            expect(c, wrongArity("bzmpop"), "BZMPOP", "0", "1", "k");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "BZPOPMIN", "missing", "s", "0");
            expect(c, WRONGTYPE, "BZMPOP", "0", "2", "missing", "s", "MIN");
            expect(c, TIMEOUT_NEGATIVE, "BZPOPMIN", "s", "-1");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, integer(1), "ZADD", "k", "1.5", "m");
            expect(c, array(bulk("k"), bulk("m"), ",1.5\r\n"), "BZPOPMIN", "k", "0");
            expect(c, "_\r\n", "BZPOPMAX", "k", "0.01");
            expect(c, "_\r\n", "BZMPOP", "0.01", "1", "k", "MIN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aBlockedClientIsServedByTheNextAddition(FamilyTarget t) {
        try (RespConnection admin = fresh(t); RespConnection waiter = t.connect(); RespConnection producer = t.connect()) {
            waiter.send("BZPOPMIN", "k1", "k2", "0");
            awaitBlocked(admin, 1);
            // A change to another key serves nobody.
            expect(producer, integer(1), "ZADD", "other", "1", "x");
            expect(producer, integer(2), "ZADD", "k2", "5", "late", "3", "early");
            assertThat(read(waiter)).isEqualTo(bulks("k2", "early", "3"));
            awaitBlocked(admin, 0);
            expect(producer, bulks("late"), "ZRANGE", "k2", "0", "-1");
            // BZMPOP with a count takes what it can.
            waiter.send("BZMPOP", "0", "2", "k1", "k3", "MAX", "COUNT", "5");
            awaitBlocked(admin, 1);
            expect(producer, integer(2), "ZADD", "k3", "1", "a", "2", "b");
            assertThat(read(waiter)).isEqualTo(array(bulk("k3"), array(bulks("b", "2"), bulks("a", "1"))));
            expect(producer, ZERO, "EXISTS", "k3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void waitersAreServedInTheOrderTheyBlocked(FamilyTarget t) {
        try (RespConnection admin = fresh(t); RespConnection first = t.connect(); RespConnection second = t.connect();
             RespConnection producer = t.connect()) {
            first.send("BZPOPMIN", "k", "0");
            awaitBlocked(admin, 1);
            second.send("BZPOPMAX", "k", "0");
            awaitBlocked(admin, 2);
            expect(producer, integer(3), "ZADD", "k", "1", "a", "2", "b", "3", "c");
            assertThat(read(first)).isEqualTo(bulks("k", "a", "1"));
            assertThat(read(second)).isEqualTo(bulks("k", "c", "3"));
            expect(producer, bulks("b"), "ZRANGE", "k", "0", "-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aKeyOfAnotherTypeKeepsTheClientWaiting(FamilyTarget t) {
        try (RespConnection admin = fresh(t); RespConnection waiter = t.connect(); RespConnection producer = t.connect()) {
            waiter.send("BZPOPMAX", "k", "0");
            awaitBlocked(admin, 1);
            expect(producer, OK, "SET", "k", "string");
            expect(producer, integer(1), "DEL", "k");
            awaitBlocked(admin, 1);
            expect(producer, integer(1), "ZADD", "k", "7", "m");
            assertThat(read(waiter)).isEqualTo(bulks("k", "m", "7"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void timeoutsAndClientUnblock(FamilyTarget t) {
        try (RespConnection admin = fresh(t); RespConnection waiter = t.connect()) {
            long id = Long.parseLong(call(waiter, "CLIENT", "ID").replaceAll("[^0-9]", ""));
            // A short timeout ends with the null array.
            expect(waiter, NULL_ARRAY, "BZPOPMIN", "k", "0.05");
            waiter.send("BZPOPMIN", "k", "0");
            awaitBlocked(admin, 1);
            expect(admin, integer(1), "CLIENT", "UNBLOCK", Long.toString(id));
            assertThat(read(waiter)).isEqualTo(NULL_ARRAY);
            waiter.send("BZMPOP", "0", "1", "k", "MIN");
            awaitBlocked(admin, 1);
            expect(admin, integer(1), "CLIENT", "UNBLOCK", Long.toString(id), "ERROR");
            assertThat(read(waiter)).isEqualTo(error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
            expect(admin, integer(0), "CLIENT", "UNBLOCK", Long.toString(id));
            // A connection that goes away while blocked is forgotten.
            RespConnection gone = t.connect();
            gone.send("BZPOPMAX", "k", "0");
            awaitBlocked(admin, 1);
            gone.close();
            awaitBlocked(admin, 0);
            expect(admin, integer(1), "ZADD", "k", "1", "a");
            expect(admin, bulks("a"), "ZRANGE", "k", "0", "-1");
        }
    }
}
