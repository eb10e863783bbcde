package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.NIL3;
import static dev.cinnabar.server.family.FamilyTarget.NOT_FLOAT;
import static dev.cinnabar.server.family.FamilyTarget.NOT_INTEGER;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
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
import static dev.cinnabar.server.family.ZsetTesting.WRONGTYPE;
import static dev.cinnabar.server.family.ZsetTesting.double3;
import static dev.cinnabar.server.family.ZsetTesting.encoding;
import static dev.cinnabar.server.family.ZsetTesting.fresh;
import static dev.cinnabar.server.family.ZsetTesting.pairs3;
import static dev.cinnabar.server.family.ZsetTesting.withScores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ZADD, ZINCRBY, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZREM and the encodings, through raw RESP
 * with exact replies. Every case runs against Cinnabar and a real redis-server, in both encodings
 * where the behaviour must not depend on it.
 */
class SortedSetCommandsTest extends FamilyTestBase {
    List<Arguments> encodings() {
        return ZsetTesting.inBothEncodings(targets);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zaddAddsAndUpdates(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(3), "ZADD", "k", "1", "a", "2", "b", "3", "c");
            expect(c, encoding(enc), "OBJECT", "ENCODING", "k");
            expect(c, withScores("a", "1", "b", "2", "c", "3"), "ZRANGE", "k", "0", "-1", "WITHSCORES");
            // Updates are not counted, except with CH; a repeated member in one call counts once.
            expect(c, integer(1), "ZADD", "k", "5", "a", "4", "d");
            expect(c, integer(2), "ZADD", "k", "CH", "6", "a", "4", "d", "7", "b");
            expect(c, ZERO, "ZADD", "k", "6", "a");
            expect(c, integer(1), "ZADD", "k", "1", "e", "2", "e", "3", "e");
            expect(c, bulk("3"), "ZSCORE", "k", "e");
            // Equal scores order by member bytes; integers, empty and binary members are kept as sent.
            expect(c, integer(4), "ZADD", "k", "3", "", "3", "10", "3", "9", "3", "b\u0000\u00ff");
            expect(c, bulks("", "10", "9", "b\u0000\u00ff", "c", "e", "d", "a", "b"), "ZRANGE", "k", "0", "-1");
            expect(c, bulk("3"), "ZSCORE", "k", "10");
            expect(c, integer(9), "ZCARD", "k");
            expect(c, ZERO, "ZCARD", "missing");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZCARD", "s");
            expect(c, WRONGTYPE, "ZADD", "s", "1", "a");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zaddOptions(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(2), "ZADD", "k", "10", "a", "20", "b");
            // NX only adds; XX only updates.
            expect(c, integer(1), "ZADD", "k", "NX", "1", "a", "1", "c");
            expect(c, bulk("10"), "ZSCORE", "k", "a");
            expect(c, ZERO, "ZADD", "k", "XX", "1", "a", "1", "d");
            expect(c, bulk("1"), "ZSCORE", "k", "a");
            expect(c, NIL, "ZSCORE", "k", "d");
            expect(c, integer(1), "ZADD", "k", "xx", "ch", "2", "a", "2", "d");
            // GT / LT update only upward / downward, and still add new members (unless XX).
            expect(c, integer(2), "ZADD", "k", "GT", "CH", "5", "a", "1", "b", "0", "e");
            expect(c, withScores("e", "0", "c", "1", "a", "5", "b", "20"), "ZRANGE", "k", "0", "-1", "WITHSCORES");
            expect(c, integer(2), "ZADD", "k", "LT", "CH", "6", "a", "3", "b", "7", "f");
            expect(c, withScores("e", "0", "c", "1", "b", "3", "a", "5", "f", "7"), "ZRANGE", "k", "0", "-1",
                    "WITHSCORES");
            expect(c, ZERO, "ZADD", "k", "XX", "GT", "CH", "1", "a", "9", "g");
            expect(c, integer(1), "ZADD", "k", "XX", "GT", "CH", "9", "a");
            // INCR replies with the new score, or nil when an option prevents the change.
            expect(c, bulk("10.5"), "ZADD", "k", "INCR", "1.5", "a");
            expect(c, NIL, "ZADD", "k", "INCR", "NX", "1", "a");
            expect(c, bulk("1"), "ZADD", "k", "INCR", "NX", "1", "new");
            expect(c, NIL, "ZADD", "k", "INCR", "XX", "1", "absent");
            expect(c, NIL, "ZADD", "k", "INCR", "GT", "-1", "a");
            expect(c, bulk("9.5"), "ZADD", "k", "INCR", "LT", "-1", "a");
            // An unchanged score is not an update, but INCR still replies with it.
            expect(c, bulk("9.5"), "ZADD", "k", "INCR", "0", "a");
            expect(c, ZERO, "ZADD", "k", "CH", "9.5", "a");
            // XX on a missing key creates nothing.
            expect(c, ZERO, "ZADD", "missing", "XX", "1", "a");
            expect(c, NIL, "ZADD", "missing", "XX", "INCR", "1", "a");
            expect(c, ZERO, "EXISTS", "missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void zaddErrors(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, wrongArity("zadd"), "ZADD", "k");
            expect(c, wrongArity("zadd"), "ZADD", "k", "1");
            expect(c, wrongArity("zadd"), "ZADD", "k", "NX");
            expect(c, SYNTAX, "ZADD", "k", "1", "a", "2");
            expect(c, SYNTAX, "ZADD", "k", "NX", "XX", "1");
            expect(c, SYNTAX, "ZADD", "k", "5", "NX", "a");
            String xxnx = error("ERR XX and NX options at the same time are not compatible");
            String gtltnx = error("ERR GT, LT, and/or NX options at the same time are not compatible");
            expect(c, xxnx, "ZADD", "k", "NX", "XX", "1", "a");
            expect(c, xxnx, "ZADD", "k", "xx", "nx", "abc", "a");
            expect(c, gtltnx, "ZADD", "k", "GT", "LT", "1", "a");
            expect(c, gtltnx, "ZADD", "k", "NX", "GT", "1", "a");
            expect(c, gtltnx, "ZADD", "k", "LT", "NX", "1", "a");
            String incr = error("ERR INCR option supports a single increment-element pair");
            expect(c, incr, "ZADD", "k", "INCR", "1", "a", "2", "b");
            expect(c, incr, "ZADD", "k", "INCR", "abc", "a", "1", "b");
            // Every score is checked before anything is added.
            for (String bad : List.of("abc", "nan", "NaN", "1e400", "-1e400", "1e-400", " 1", "1 ", "", "1x", "(1", "0x",
                    "inf1", "1e")) {
                expect(c, NOT_FLOAT, "ZADD", "k", "1", "a", bad, "b");
            }
            expect(c, NOT_FLOAT, "ZADD", "k", "1\u0000", "a");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, OK, "SET", "s", "x");
            // Score errors come before the type check; the type check before NaN.
            expect(c, NOT_FLOAT, "ZADD", "s", "abc", "a");
            expect(c, WRONGTYPE, "ZADD", "s", "1", "a");
            expect(c, WRONGTYPE, "ZINCRBY", "s", "1", "a");
            expect(c, integer(1), "ZADD", "k", "inf", "a");
            String nan = error("ERR resulting score is not a number (NaN)");
            expect(c, nan, "ZADD", "k", "INCR", "-inf", "a");
            expect(c, nan, "ZINCRBY", "k", "-inf", "a");
            expect(c, bulk("inf"), "ZSCORE", "k", "a");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void scoresAreParsedAndPrintedAsRedisDoes(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(12), "ZADD", "k", "0.1", "a", "1e3", "b", "-1.5E-3", "c", "0x10", "d", "+inf", "e",
                    "-Infinity", "f", ".5", "g", "5.", "h", "1e20", "i", "4e-320", "j", "0x1p-2", "l", "123456789.123456789", "m");
            expect(c, bulk("0.10000000000000001"), "ZSCORE", "k", "a");
            expect(c, bulk("1000"), "ZSCORE", "k", "b");
            expect(c, bulk("-0.0015"), "ZSCORE", "k", "c");
            expect(c, bulk("16"), "ZSCORE", "k", "d");
            expect(c, bulk("inf"), "ZSCORE", "k", "e");
            expect(c, bulk("-inf"), "ZSCORE", "k", "f");
            expect(c, bulk("0.5"), "ZSCORE", "k", "g");
            expect(c, bulk("5"), "ZSCORE", "k", "h");
            expect(c, bulk("1e+20"), "ZSCORE", "k", "i");
            expect(c, bulk("3.999955468730732e-320"), "ZSCORE", "k", "j");
            expect(c, bulk("0.25"), "ZSCORE", "k", "l");
            expect(c, bulk("123456789.12345679"), "ZSCORE", "k", "m");
            expect(c, bulk("0.30000000000000004"), "ZINCRBY", "k", "0.2", "a");
            expect(c, bulk("4.6116860184273879e+18"), "ZINCRBY", "n", "4611686018427387904", "big");
            expect(c, bulk("4.6116860184273879e+18"), "ZSCORE", "n", "big");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void negativeZeroSurvivesOnlyInTheSkiplist(FamilyTarget t) {
        try (RespConnection c = fresh(t, "listpack")) {
            // A listpack stores integral scores as integers: -0 becomes 0.
            expect(c, ONE, "ZADD", "k", "-0", "a");
            expect(c, bulk("0"), "ZSCORE", "k", "a");
            // The reply of INCR is the computed score (-0 + 0 = 0); nothing changes since 0 == -0.
            expect(c, bulk("-0"), "ZADD", "k", "INCR", "-0", "b");
            expect(c, bulk("0"), "ZSCORE", "k", "b");
        }
        try (RespConnection c = fresh(t, "skiplist")) {
            expect(c, ONE, "ZADD", "k", "-0", "a");
            expect(c, bulk("-0"), "ZSCORE", "k", "a");
            expect(c, ZERO, "ZADD", "k", "CH", "0", "a");
            expect(c, bulk("-0"), "ZSCORE", "k", "a");
            expect(c, bulk("0"), "ZINCRBY", "k", "0", "a");
            expect(c, withScores("a", "-0"), "ZRANGE", "k", "0", "-1", "WITHSCORES");
            // Stored back as a listpack (ZRANGESTORE), -0 becomes 0.
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "128");
            expect(c, ONE, "ZRANGESTORE", "d", "k", "0", "-1");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "d");
            expect(c, bulk("0"), "ZSCORE", "d", "a");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zincrby(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, bulk("2.5"), "ZINCRBY", "k", "2.5", "a");
            expect(c, bulk("5"), "ZINCRBY", "k", "2.5", "a");
            expect(c, bulk("-1"), "ZINCRBY", "k", "-6", "a");
            expect(c, bulk("inf"), "ZINCRBY", "k", "inf", "a");
            expect(c, bulk("inf"), "ZINCRBY", "k", "1", "a");
            expect(c, wrongArity("zincrby"), "ZINCRBY", "k", "1");
            expect(c, NOT_FLOAT, "ZINCRBY", "k", "abc", "a");
            // ZINCRBY shares ZADD's parser: an option word in place of the increment is a syntax error.
            expect(c, SYNTAX, "ZINCRBY", "k", "nx", "a");
            expect(c, SYNTAX, "ZINCRBY", "k", "INCR", "a");
            expect(c, SYNTAX, "ZINCRBY", "k", "ch", "a");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zscoreAndZmscore(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(2), "ZADD", "k", "1.5", "a", "-2", "b");
            expect(c, bulk("1.5"), "ZSCORE", "k", "a");
            expect(c, NIL, "ZSCORE", "k", "x");
            expect(c, NIL, "ZSCORE", "missing", "a");
            expect(c, array(bulk("1.5"), NIL, bulk("-2")), "ZMSCORE", "k", "a", "x", "b");
            expect(c, array(NIL, NIL), "ZMSCORE", "missing", "a", "b");
            expect(c, wrongArity("zmscore"), "ZMSCORE", "k");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZSCORE", "s", "a");
            expect(c, WRONGTYPE, "ZMSCORE", "s", "a");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, double3("1.5"), "ZSCORE", "k", "a");
            expect(c, NIL3, "ZSCORE", "k", "x");
            expect(c, array(double3("1.5"), NIL3, double3("-2")), "ZMSCORE", "k", "a", "x", "b");
            expect(c, double3("3.5"), "ZINCRBY", "k", "2", "a");
            expect(c, double3("inf"), "ZADD", "k", "INCR", "inf", "b");
            expect(c, NIL3, "ZADD", "k", "INCR", "NX", "1", "b");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zrankAndZrevrank(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(4), "ZADD", "k", "1", "a", "2", "b", "2", "c", "3", "d");
            expect(c, ZERO, "ZRANK", "k", "a");
            expect(c, integer(2), "ZRANK", "k", "c");
            expect(c, integer(3), "ZREVRANK", "k", "a");
            expect(c, ZERO, "ZREVRANK", "k", "d");
            expect(c, NIL, "ZRANK", "k", "x");
            expect(c, NIL, "ZREVRANK", "missing", "a");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZRANK", "s", "a");
            expect(c, wrongArity("zrank"), "ZRANK", "k");
            expect(c, wrongArity("zrevrank"), "ZREVRANK", "k", "a", "WITHSCORE", "x");
        }
    }

    /** WITHSCORE is Redis 7.2 (the 7.0 reference has arity 3): Cinnabar only, as the redis.io page describes it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("encodingsOfCinnabar")
    void zrankWithScoreAsInRedis72(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(3), "ZADD", "k", "1", "one", "2", "two", "3.5", "three");
            expect(c, array(integer(2), bulk("3.5")), "ZRANK", "k", "three", "WITHSCORE");
            expect(c, array(integer(0), bulk("3.5")), "ZREVRANK", "k", "three", "withscore");
            expect(c, "*-1\r\n", "ZRANK", "k", "four", "WITHSCORE");
            expect(c, "*-1\r\n", "ZREVRANK", "missing", "four", "WITHSCORE");
            expect(c, NIL, "ZRANK", "k", "four");
            expect(c, SYNTAX, "ZRANK", "k", "one", "WITHSCORES");
            expect(c, wrongArity("zrank"), "ZRANK", "k", "one", "WITHSCORE", "extra");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, array(integer(1), double3("2")), "ZRANK", "k", "two", "WITHSCORE");
            expect(c, NIL3, "ZRANK", "k", "four", "WITHSCORE");
        }
    }

    List<Arguments> encodingsOfCinnabar() {
        return ZsetTesting.inBothEncodings(targets.stream().filter(t -> !t.isRedis()).toList());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zremDeletesEmptiedKeys(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(3), "ZADD", "k", "1", "a", "2", "b", "3", "c");
            expect(c, integer(2), "ZREM", "k", "a", "x", "b", "a");
            expect(c, bulks("c"), "ZRANGE", "k", "0", "-1");
            expect(c, ZERO, "ZREM", "k", "x");
            expect(c, ONE, "ZREM", "k", "c", "d");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, ZERO, "ZREM", "missing", "a");
            expect(c, wrongArity("zrem"), "ZREM", "k");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZREM", "s", "a");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void encodingFollowsTheThresholds(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "3");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-value", "5");
            expect(c, integer(3), "ZADD", "k", "1", "a", "2", "b", "3", "c");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "k");
            expect(c, ONE, "ZADD", "k", "4", "d");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "k");
            // A skiplist stays a skiplist when it shrinks.
            expect(c, integer(3), "ZREM", "k", "a", "b", "c");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "k");
            // A member longer than the value limit converts at once.
            expect(c, ONE, "ZADD", "w", "1", "abcde");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "w");
            expect(c, ONE, "ZADD", "w", "1", "abcdef");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "w");
            // Members added one by one: duplicates in one ZADD do not count twice.
            expect(c, ONE, "ZADD", "d", "1", "x", "2", "x", "3", "x", "4", "x");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "d");
            // Updates never convert; only a new member does.
            expect(c, ZERO, "ZADD", "d", "5", "x");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "d");
            // With a limit of 0 entries every sorted set is a skiplist.
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "0");
            expect(c, ONE, "ZADD", "z", "1", "a");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "z");
            // The old config names are aliases.
            expect(c, OK, "CONFIG", "SET", "zset-max-ziplist-entries", "2");
            expect(c, bulks("zset-max-listpack-entries", "2"), "CONFIG", "GET", "zset-max-listpack-entries");
            expect(c, integer(2), "ZADD", "y", "1", "a", "2", "b");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "y");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-value", "64");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "128");
            expect(c, FamilyTarget.status("zset"), "TYPE", "y");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void digestsAreEqualInBothEncodings(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            String[] add = {"ZADD", "k", "1", "a", "0.1", "b", "-inf", "c", "1e20", "d", "2", "12345", "3", "b\u0000c"};
            expect(c, integer(6), add);
            String listpack = call(c, "DEBUG", "DIGEST-VALUE", "k");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "0");
            expect(c, integer(6), add[0], "s", add[2], add[3], add[4], add[5], add[6], add[7], add[8], add[9], add[10],
                    add[11], add[12], add[13]);
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "s");
            expect(c, listpack, "DEBUG", "DIGEST-VALUE", "s");
            expect(c, "*1\r\n+f7a9d1dd9ade80b99ffdfaf108cc488c9dc0f320\r\n", "DEBUG", "DIGEST-VALUE", "k");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "128");
        }
    }

    /**
     * DEBUG OBJECT: the RDB size of the value (kept small here: Redis compresses strings over 20
     * bytes when it saves, which Cinnabar's figure leaves out).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void debugObject(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(2), "ZADD", "k", "1", "a", "2", "b");
            assertThat(call(c, "DEBUG", "OBJECT", "k")).matches(
                    "\\+Value at:0x\\p{XDigit}+ refcount:1 encoding:listpack serializedlength:18 lru:\\d+ lru_seconds_idle:\\d+\r\n");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "0");
            expect(c, integer(4), "ZADD", "s", "1", "a", "2", "12345", "3.5", "123456789012", "4", "-5");
            assertThat(call(c, "DEBUG", "OBJECT", "s")).matches(
                    "\\+Value at:0x\\p{XDigit}+ refcount:1 encoding:skiplist serializedlength:53 lru:\\d+ lru_seconds_idle:\\d+\r\n");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "128");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void copyAndTypeAndDelete(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(2), "ZADD", "k", "1", "a", "2", "b");
            expect(c, ONE, "COPY", "k", "copy");
            expect(c, ONE, "ZADD", "copy", "3", "c");
            expect(c, integer(2), "ZCARD", "k");
            expect(c, integer(3), "ZCARD", "copy");
            expect(c, encoding(enc), "OBJECT", "ENCODING", "copy");
            expect(c, FamilyTarget.status("zset"), "TYPE", "k");
            expect(c, ONE, "DEL", "k");
            expect(c, ZERO, "ZCARD", "k");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "0", "-1");
        }
    }
}
