package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.NOT_INTEGER;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
import static dev.cinnabar.server.family.FamilyTarget.SYNTAX;
import static dev.cinnabar.server.family.FamilyTarget.ZERO;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static dev.cinnabar.server.family.ZsetTesting.WRONGTYPE;
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
 * ZUNION, ZINTER, ZDIFF, ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE and ZINTERCARD through raw RESP,
 * against Cinnabar and a real redis-server: weights, aggregates, Redis's NaN rules, the order in
 * which floating-point scores are summed, storing (and converting small results back to a
 * listpack) and every argument error.
 */
class SortedSetAlgebraCommandsTest extends FamilyTestBase {
    List<Arguments> encodings() {
        return ZsetTesting.inBothEncodings(targets);
    }

    private static void sets(RespConnection c) {
        expect(c, integer(3), "ZADD", "a", "1", "x", "2", "y", "3", "z");
        expect(c, integer(3), "ZADD", "b", "10", "y", "20", "z", "30", "w");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void unionIntersectionDifference(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            sets(c);
            expect(c, withScores("x", "1", "y", "12", "z", "23", "w", "30"), "ZUNION", "2", "a", "b", "WITHSCORES");
            expect(c, bulks("x", "y", "z", "w"), "ZUNION", "2", "a", "b");
            expect(c, withScores("y", "12", "z", "23"), "ZINTER", "2", "a", "b", "WITHSCORES");
            expect(c, withScores("x", "1"), "ZDIFF", "2", "a", "b", "WITHSCORES");
            expect(c, bulks("w"), "ZDIFF", "2", "b", "a");
            expect(c, withScores("w", "-30", "z", "-14", "y", "-6", "x", "2"), "ZUNION", "2", "a", "b", "WEIGHTS", "2",
                    "-1", "WITHSCORES");
            expect(c, withScores("x", "1", "y", "2", "z", "3", "w", "30"), "ZUNION", "2", "a", "b", "AGGREGATE", "MIN",
                    "WITHSCORES");
            expect(c, withScores("y", "10", "z", "20"), "ZINTER", "2", "a", "b", "aggregate", "max", "withscores");
            // Missing keys are empty sets; the same key twice counts twice.
            expect(c, withScores("x", "1", "y", "2", "z", "3"), "ZUNION", "2", "a", "missing", "WITHSCORES");
            expect(c, EMPTY_ARRAY, "ZINTER", "2", "a", "missing");
            expect(c, withScores("x", "2", "y", "4", "z", "6"), "ZINTER", "2", "a", "a", "WITHSCORES");
            expect(c, EMPTY_ARRAY, "ZDIFF", "2", "a", "a");
            expect(c, EMPTY_ARRAY, "ZDIFF", "1", "missing");
            expect(c, withScores("x", "1", "y", "2", "z", "3"), "ZDIFF", "2", "a", "missing", "WITHSCORES");
            // Options may repeat; the last wins.
            expect(c, withScores("y", "6", "z", "14"), "ZINTER", "2", "a", "b", "WEIGHTS", "1", "2", "WEIGHTS", "-2",
                    "1", "WITHSCORES", "WITHSCORES", "AGGREGATE", "MIN", "AGGREGATE", "SUM");
            expect(c, integer(2), "ZINTERCARD", "2", "a", "b");
            expect(c, ONE, "ZINTERCARD", "2", "a", "b", "LIMIT", "1");
            expect(c, integer(2), "ZINTERCARD", "2", "a", "b", "LIMIT", "0");
            expect(c, ZERO, "ZINTERCARD", "2", "a", "missing");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, pairs3("y", "12", "z", "23"), "ZINTER", "2", "a", "b", "WITHSCORES");
            expect(c, bulks("y", "z"), "ZINTER", "2", "a", "b");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void plainSetsScoreOne(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            sets(c);
            expect(c, integer(3), "SADD", "st", "y", "w", "7");
            expect(c, integer(3), "SADD", "nums", "1", "2", "3");
            expect(c, withScores("7", "1", "w", "1", "x", "1", "y", "3", "z", "3"), "ZUNION", "2", "a", "st", "WITHSCORES");
            expect(c, withScores("y", "3"), "ZINTER", "2", "a", "st", "WITHSCORES");
            expect(c, withScores("7", "1", "w", "1"), "ZDIFF", "2", "st", "a", "WITHSCORES");
            expect(c, ONE, "ZINTERCARD", "2", "a", "st");
            expect(c, integer(3), "ZUNIONSTORE", "d", "2", "st", "st", "WEIGHTS", "2", "3");
            expect(c, withScores("7", "5", "w", "5", "y", "5"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
            expect(c, withScores("1", "2", "2", "2", "3", "2"), "ZINTER", "2", "nums", "nums", "WITHSCORES");
            expect(c, withScores("1", "0.5", "2", "0.5", "3", "0.5"), "ZINTER", "1", "nums", "WEIGHTS", "0.5",
                    "WITHSCORES");
            expect(c, ZERO, "ZDIFFSTORE", "d", "2", "nums", "nums");
            expect(c, ZERO, "EXISTS", "d");
            // The store's result is a sorted set, even from plain sets only.
            expect(c, integer(3), "ZINTERSTORE", "d", "1", "nums");
            expect(c, FamilyTarget.status("zset"), "TYPE", "d");
            expect(c, encoding(enc), "OBJECT", "ENCODING", "d");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void infinitiesAndNaN(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(2), "ZADD", "p", "inf", "x", "1", "y");
            expect(c, integer(2), "ZADD", "n", "-inf", "x", "2", "y");
            // inf + -inf counts as 0; inf * 0 counts as 0.
            expect(c, withScores("x", "0", "y", "3"), "ZUNION", "2", "p", "n", "WITHSCORES");
            expect(c, withScores("x", "0", "y", "3"), "ZINTER", "2", "p", "n", "WITHSCORES");
            expect(c, withScores("x", "-inf", "y", "2"), "ZUNION", "2", "p", "n", "WEIGHTS", "0", "1", "WITHSCORES");
            expect(c, withScores("x", "-inf", "y", "1"), "ZUNION", "2", "p", "n", "AGGREGATE", "MIN", "WITHSCORES");
            expect(c, withScores("y", "2", "x", "inf"), "ZINTER", "2", "p", "n", "AGGREGATE", "MAX", "WITHSCORES");
            // A NaN product (-inf * 0) loses every MIN and MAX comparison: the first input's score stays.
            expect(c, withScores("y", "1", "x", "inf"), "ZINTER", "2", "p", "n", "WEIGHTS", "1", "0", "AGGREGATE", "MAX",
                    "WITHSCORES");
            expect(c, withScores("y", "0", "x", "inf"), "ZINTER", "2", "p", "n", "WEIGHTS", "1", "0", "AGGREGATE", "MIN",
                    "WITHSCORES");
            // As the first input's own product it counts as 0.
            expect(c, withScores("x", "-inf", "y", "0"), "ZINTER", "2", "p", "n", "WEIGHTS", "0", "1", "AGGREGATE", "MIN",
                    "WITHSCORES");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void scoresAreSummedFromTheSmallestInputUp(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "ZADD", "big", "0.1", "x", "1", "p", "1", "q");
            expect(c, ONE, "ZADD", "one", "0.2", "x");
            expect(c, integer(2), "ZADD", "two", "0.3", "x", "1", "r");
            // (0.2 + 0.3) + 0.1, whatever the order of the keys.
            for (List<String> order : List.of(List.of("big", "one", "two"), List.of("two", "one", "big"),
                    List.of("one", "big", "two"))) {
                expect(c, withScores("x", "0.59999999999999998", "p", "1", "q", "1", "r", "1"), "ZUNION", "3",
                        order.get(0), order.get(1), order.get(2), "WITHSCORES");
                expect(c, withScores("x", "0.59999999999999998"), "ZINTER", "3", order.get(0), order.get(1), order.get(2),
                        "WITHSCORES");
            }
            // Inputs of equal size keep their order.
            expect(c, ONE, "ZADD", "e", "0.1", "x");
            expect(c, ONE, "ZADD", "f", "0.2", "x");
            expect(c, ONE, "ZADD", "g", "0.3", "x");
            expect(c, withScores("x", "0.60000000000000009"), "ZUNION", "3", "e", "f", "g", "WITHSCORES");
            expect(c, withScores("x", "0.59999999999999998"), "ZUNION", "3", "g", "f", "e", "WITHSCORES");
            expect(c, withScores("x", "0.60000000000000009"), "ZINTER", "3", "e", "f", "g", "WITHSCORES");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void storeForms(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            sets(c);
            expect(c, integer(4), "ZUNIONSTORE", "d", "2", "a", "b");
            expect(c, withScores("x", "1", "y", "12", "z", "23", "w", "30"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
            expect(c, encoding(enc), "OBJECT", "ENCODING", "d");
            expect(c, integer(2), "ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "0.5");
            expect(c, withScores("y", "7", "z", "13"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
            expect(c, ONE, "ZDIFFSTORE", "d", "2", "a", "b");
            expect(c, withScores("x", "1"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
            // An empty result deletes the destination; the destination may be an input, or any type.
            expect(c, ZERO, "ZINTERSTORE", "d", "2", "a", "missing");
            expect(c, ZERO, "EXISTS", "d");
            expect(c, integer(3), "ZUNIONSTORE", "a", "2", "a", "a");
            expect(c, withScores("x", "2", "y", "4", "z", "6"), "ZRANGE", "a", "0", "-1", "WITHSCORES");
            expect(c, OK, "SET", "s", "x", "EX", "100");
            expect(c, integer(3), "ZDIFFSTORE", "s", "1", "b");
            expect(c, integer(-1), "TTL", "s");
            expect(c, FamilyTarget.status("zset"), "TYPE", "s");
            expect(c, SYNTAX, "ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES");
            expect(c, SYNTAX, "ZDIFFSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void storedResultsTakeTheSmallestEncodingThatFits(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "3");
            expect(c, integer(5), "ZADD", "big", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "big");
            expect(c, integer(2), "ZADD", "two", "1", "a", "9", "b");
            expect(c, integer(2), "ZINTERSTORE", "small", "2", "big", "two");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "small");
            expect(c, integer(3), "ZDIFFSTORE", "small", "2", "big", "two");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "small");
            expect(c, integer(5), "ZUNIONSTORE", "large", "2", "big", "two");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "large");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "128");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-value", "3");
            expect(c, integer(1), "ZADD", "long", "1", "abcd");
            expect(c, integer(3), "ZUNIONSTORE", "wide", "2", "long", "two");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "wide");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-value", "64");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void argumentErrors(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            sets(c);
            for (String command : List.of("zunion", "zinter", "zdiff", "zintercard")) {
                expect(c, error("ERR at least 1 input key is needed for '" + command + "' command"), command, "0", "a");
                expect(c, error("ERR at least 1 input key is needed for '" + command + "' command"), command, "-1", "a");
                expect(c, NOT_INTEGER, command, "x", "a");
                expect(c, SYNTAX, command, "3", "a", "b");
                expect(c, SYNTAX, command, "2", "a", "b", "FOO");
            }
            for (String command : List.of("zunionstore", "zinterstore", "zdiffstore")) {
                expect(c, error("ERR at least 1 input key is needed for '" + command + "' command"), command, "d", "0", "a");
                expect(c, wrongArity(command), command, "d", "1");
            }
            expect(c, error("ERR at least 1 input key is needed for 'zunion' command"), "ZUNION", "0", "a");
            expect(c, SYNTAX, "ZUNION", "2", "a", "b", "WEIGHTS", "1");
            expect(c, error("ERR weight value is not a float"), "ZUNION", "2", "a", "b", "WEIGHTS", "1", "x");
            expect(c, error("ERR weight value is not a float"), "ZINTER", "2", "a", "b", "WEIGHTS", "nan", "1");
            expect(c, error("ERR weight value is not a float"), "ZINTER", "2", "a", "b", "WEIGHTS", " 1", "1");
            expect(c, SYNTAX, "ZUNION", "2", "a", "b", "AGGREGATE", "AVG");
            expect(c, SYNTAX, "ZUNION", "2", "a", "b", "AGGREGATE");
            expect(c, SYNTAX, "ZDIFF", "2", "a", "b", "AGGREGATE", "SUM");
            expect(c, SYNTAX, "ZINTERCARD", "2", "a", "b", "WITHSCORES");
            expect(c, SYNTAX, "ZINTERCARD", "2", "a", "b", "LIMIT");
            expect(c, error("ERR LIMIT can't be negative"), "ZINTERCARD", "2", "a", "b", "LIMIT", "-1");
            expect(c, error("ERR LIMIT can't be negative"), "ZINTERCARD", "2", "a", "b", "LIMIT", "x");
            expect(c, OK, "SET", "s", "x");
            // Types are checked before the options.
            expect(c, WRONGTYPE, "ZUNION", "2", "a", "s", "FOO");
            expect(c, WRONGTYPE, "ZINTERCARD", "2", "s", "a");
            expect(c, WRONGTYPE, "ZDIFFSTORE", "d", "2", "a", "s");
            expect(c, NOT_INTEGER, "ZUNION", "x", "s");
        }
    }
}
