package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.NOT_INTEGER;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
import static dev.cinnabar.server.family.FamilyTarget.SYNTAX;
import static dev.cinnabar.server.family.FamilyTarget.ZERO;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
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
 * ZRANGE (by rank, BYSCORE, BYLEX, REV, LIMIT), ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE,
 * ZRANGEBYLEX, ZREVRANGEBYLEX, ZRANGESTORE, ZCOUNT, ZLEXCOUNT and ZREMRANGEBYRANK / BYSCORE / BYLEX
 * through raw RESP, against Cinnabar and a real redis-server, in both encodings.
 */
class SortedSetRangeCommandsTest extends FamilyTestBase {
    private static final String MIN_MAX_FLOAT = error("ERR min or max is not a float");
    private static final String MIN_MAX_STRING = error("ERR min or max not valid string range item");

    List<Arguments> encodings() {
        return ZsetTesting.inBothEncodings(targets);
    }

    private static void scores(RespConnection c) {
        expect(c, integer(6), "ZADD", "k", "1", "a", "2", "b", "2", "c", "3", "d", "4.5", "e", "-inf", "m");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void rangesByRank(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            scores(c);
            expect(c, bulks("m", "a", "b", "c", "d", "e"), "ZRANGE", "k", "0", "-1");
            expect(c, bulks("a", "b"), "ZRANGE", "k", "1", "2");
            expect(c, bulks("d", "e"), "ZRANGE", "k", "-2", "100");
            expect(c, bulks("m", "a"), "ZRANGE", "k", "-100", "1");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "3", "2");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "6", "10");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "0", "-7");
            expect(c, bulks("e", "d", "c"), "ZREVRANGE", "k", "0", "2");
            expect(c, bulks("e", "d", "c"), "ZRANGE", "k", "0", "2", "REV");
            expect(c, withScores("m", "-inf", "a", "1"), "ZRANGE", "k", "0", "1", "WITHSCORES");
            expect(c, withScores("e", "4.5", "d", "3"), "ZREVRANGE", "k", "0", "1", "withscores");
            expect(c, EMPTY_ARRAY, "ZRANGE", "missing", "0", "-1");
            expect(c, NOT_INTEGER, "ZRANGE", "k", "a", "1");
            expect(c, NOT_INTEGER, "ZRANGE", "k", "0", "1.5");
            expect(c, error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
                    "ZRANGE", "k", "0", "1", "LIMIT", "0", "1");
            expect(c, error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
                    "ZREVRANGE", "k", "0", "1", "LIMIT", "0", "1");
            expect(c, SYNTAX, "ZREVRANGE", "k", "0", "1", "REV");
            expect(c, SYNTAX, "ZRANGE", "k", "0", "1", "FOO");
            expect(c, SYNTAX, "ZRANGE", "k", "0", "1", "BYSCORE", "BYLEX");
            expect(c, wrongArity("zrange"), "ZRANGE", "k", "0");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZRANGE", "s", "0", "-1");
            // Argument errors are reported before the type check.
            expect(c, NOT_INTEGER, "ZRANGE", "s", "a", "1");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void rangesByScore(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            scores(c);
            expect(c, bulks("a", "b", "c"), "ZRANGEBYSCORE", "k", "1", "2");
            expect(c, bulks("b", "c"), "ZRANGEBYSCORE", "k", "(1", "2");
            expect(c, bulks("a"), "ZRANGEBYSCORE", "k", "1", "(2");
            expect(c, bulks("m", "a", "b", "c", "d", "e"), "ZRANGEBYSCORE", "k", "-inf", "+inf");
            expect(c, bulks("a", "b", "c", "d", "e"), "ZRANGEBYSCORE", "k", "(-inf", "inf");
            expect(c, EMPTY_ARRAY, "ZRANGEBYSCORE", "k", "(2", "(2");
            expect(c, bulks("b", "c"), "ZRANGEBYSCORE", "k", "2", "2");
            expect(c, EMPTY_ARRAY, "ZRANGEBYSCORE", "k", "3", "1");
            expect(c, bulks("e", "d"), "ZREVRANGEBYSCORE", "k", "+inf", "(2");
            expect(c, bulks("d", "c", "b"), "ZRANGE", "k", "3", "2", "BYSCORE", "REV");
            expect(c, withScores("c", "2", "d", "3"), "ZRANGEBYSCORE", "k", "(1", "4", "WITHSCORES", "LIMIT", "1", "2");
            expect(c, withScores("c", "2", "b", "2"), "ZREVRANGEBYSCORE", "k", "4", "(1", "LIMIT", "1", "2", "WITHSCORES");
            // LIMIT: a negative count means all; a negative offset or one past the end gives nothing.
            expect(c, bulks("b", "c", "d", "e"), "ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "2", "-1");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "2");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "6", "2");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "0", "0");
            expect(c, bulks("e"), "ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "5", "10");
            expect(c, bulks("a"), "ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "0", "2", "LIMIT", "1", "1");
            // Bounds are read by strtod: leading spaces, an empty bound (0), hexadecimal, huge values.
            expect(c, bulks("a", "b", "c"), "ZRANGEBYSCORE", "k", " 1", "0x2");
            expect(c, bulks("m"), "ZRANGEBYSCORE", "k", "-inf", "(");
            expect(c, EMPTY_ARRAY, "ZRANGEBYSCORE", "k", "", "(");
            expect(c, EMPTY_ARRAY, "ZRANGEBYSCORE", "k", "", "0");
            expect(c, bulks("m"), "ZRANGEBYSCORE", "k", "-1e400", "0");
            expect(c, bulks("a"), "ZRANGEBYSCORE", "k", "1\u0000junk", "1.5");
            for (String bad : List.of("abc", "nan", "(nan", "1x", " ", "((1", "1 ", "1e", "0x")) {
                expect(c, MIN_MAX_FLOAT, "ZRANGEBYSCORE", "k", bad, "1");
                expect(c, MIN_MAX_FLOAT, "ZRANGE", "k", "1", bad, "BYSCORE");
            }
            expect(c, SYNTAX, "ZRANGEBYSCORE", "k", "1", "2", "REV");
            expect(c, SYNTAX, "ZRANGEBYSCORE", "k", "1", "2", "BYSCORE");
            expect(c, SYNTAX, "ZRANGEBYSCORE", "k", "1", "2", "LIMIT", "1");
            expect(c, NOT_INTEGER, "ZRANGEBYSCORE", "k", "1", "2", "LIMIT", "a", "1");
            expect(c, NOT_INTEGER, "ZRANGEBYSCORE", "k", "1", "2", "LIMIT", "0", "x");
            expect(c, EMPTY_ARRAY, "ZRANGEBYSCORE", "missing", "1", "2");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZRANGEBYSCORE", "s", "1", "2");
            expect(c, MIN_MAX_FLOAT, "ZRANGEBYSCORE", "s", "x", "2");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void rangesByLex(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            expect(c, integer(7), "ZADD", "k", "0", "a", "0", "b", "0", "c", "0", "cc", "0", "d", "0", "", "0", "\u00ff");
            expect(c, bulks("", "a", "b", "c", "cc", "d", "\u00ff"), "ZRANGEBYLEX", "k", "-", "+");
            expect(c, bulks("b", "c", "cc"), "ZRANGEBYLEX", "k", "[b", "(d");
            expect(c, bulks("c", "cc"), "ZRANGEBYLEX", "k", "(b", "[cc");
            expect(c, bulks("", "a"), "ZRANGEBYLEX", "k", "[", "(b");
            expect(c, bulks("a"), "ZRANGEBYLEX", "k", "(", "(b");
            expect(c, EMPTY_ARRAY, "ZRANGEBYLEX", "k", "+", "-");
            expect(c, EMPTY_ARRAY, "ZRANGEBYLEX", "k", "-", "-");
            expect(c, EMPTY_ARRAY, "ZRANGEBYLEX", "k", "[c", "(c");
            expect(c, bulks("c"), "ZRANGEBYLEX", "k", "[c", "[c");
            expect(c, bulks("\u00ff", "d", "cc"), "ZREVRANGEBYLEX", "k", "+", "[cc");
            expect(c, bulks("cc", "c"), "ZRANGE", "k", "[cc", "(b", "BYLEX", "REV");
            expect(c, bulks("b", "c"), "ZRANGEBYLEX", "k", "-", "+", "LIMIT", "2", "2");
            expect(c, bulks("d", "cc"), "ZREVRANGEBYLEX", "k", "+", "-", "LIMIT", "1", "2");
            // "+" and "-" stand alone (a NUL byte ends them, as a C string).
            expect(c, bulks("d", "\u00ff"), "ZRANGEBYLEX", "k", "[d", "+\u0000junk");
            for (String bad : List.of("a", "", "+x", "-a", "{a")) {
                expect(c, MIN_MAX_STRING, "ZRANGEBYLEX", "k", bad, "+");
                expect(c, MIN_MAX_STRING, "ZLEXCOUNT", "k", "-", bad);
            }
            expect(c, error("ERR syntax error, WITHSCORES not supported in combination with BYLEX"),
                    "ZRANGE", "k", "-", "+", "BYLEX", "WITHSCORES");
            expect(c, error("ERR syntax error, WITHSCORES not supported in combination with BYLEX"),
                    "ZRANGEBYLEX", "k", "-", "+", "WITHSCORES");
            expect(c, integer(7), "ZLEXCOUNT", "k", "-", "+");
            expect(c, integer(3), "ZLEXCOUNT", "k", "[b", "[cc");
            expect(c, ZERO, "ZLEXCOUNT", "k", "(cc", "(d");
            expect(c, ZERO, "ZLEXCOUNT", "missing", "-", "+");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZLEXCOUNT", "s", "-", "+");
            expect(c, WRONGTYPE, "ZRANGEBYLEX", "s", "-", "+");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zcount(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            scores(c);
            expect(c, integer(6), "ZCOUNT", "k", "-inf", "+inf");
            expect(c, integer(3), "ZCOUNT", "k", "1", "2");
            expect(c, integer(2), "ZCOUNT", "k", "(1", "2");
            expect(c, ZERO, "ZCOUNT", "k", "(2", "(3");
            expect(c, integer(2), "ZCOUNT", "k", "2", "2");
            expect(c, ZERO, "ZCOUNT", "k", "5", "1");
            expect(c, integer(1), "ZCOUNT", "k", "-inf", "(1");
            expect(c, ZERO, "ZCOUNT", "missing", "1", "2");
            expect(c, MIN_MAX_FLOAT, "ZCOUNT", "k", "1", "x");
            expect(c, MIN_MAX_FLOAT, "ZCOUNT", "missing", "nan", "1");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZCOUNT", "s", "1", "2");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void removeRanges(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            scores(c);
            expect(c, integer(2), "ZREMRANGEBYRANK", "k", "0", "1");
            expect(c, bulks("b", "c", "d", "e"), "ZRANGE", "k", "0", "-1");
            expect(c, ONE, "ZREMRANGEBYRANK", "k", "-1", "100");
            expect(c, ZERO, "ZREMRANGEBYRANK", "k", "5", "10");
            expect(c, ZERO, "ZREMRANGEBYRANK", "k", "2", "1");
            expect(c, integer(2), "ZREMRANGEBYSCORE", "k", "(1", "2");
            expect(c, ZERO, "ZREMRANGEBYSCORE", "k", "5", "1");
            expect(c, bulks("d"), "ZRANGE", "k", "0", "-1");
            expect(c, ONE, "ZREMRANGEBYSCORE", "k", "-inf", "+inf");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, integer(4), "ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d");
            expect(c, integer(2), "ZREMRANGEBYLEX", "l", "(a", "[c");
            expect(c, ZERO, "ZREMRANGEBYLEX", "l", "[x", "+");
            expect(c, bulks("a", "d"), "ZRANGE", "l", "0", "-1");
            expect(c, integer(2), "ZREMRANGEBYLEX", "l", "-", "+");
            expect(c, ZERO, "EXISTS", "l");
            expect(c, ZERO, "ZREMRANGEBYRANK", "missing", "0", "-1");
            expect(c, NOT_INTEGER, "ZREMRANGEBYRANK", "missing", "a", "1");
            expect(c, MIN_MAX_FLOAT, "ZREMRANGEBYSCORE", "missing", "a", "1");
            expect(c, MIN_MAX_STRING, "ZREMRANGEBYLEX", "missing", "a", "+");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZREMRANGEBYRANK", "s", "0", "1");
            expect(c, WRONGTYPE, "ZREMRANGEBYSCORE", "s", "0", "1");
            expect(c, WRONGTYPE, "ZREMRANGEBYLEX", "s", "-", "+");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zrangestore(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            scores(c);
            expect(c, integer(3), "ZRANGESTORE", "d", "k", "1", "3");
            expect(c, withScores("a", "1", "b", "2", "c", "2"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
            // Whatever the source's encoding, a small result is stored as a listpack.
            expect(c, encoding("skiplist".equals(enc) ? "skiplist" : "listpack"), "OBJECT", "ENCODING", "d");
            expect(c, integer(2), "ZRANGESTORE", "d", "k", "(2", "+inf", "BYSCORE");
            expect(c, bulks("d", "e"), "ZRANGE", "d", "0", "-1");
            expect(c, integer(2), "ZRANGESTORE", "d", "k", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "2");
            expect(c, bulks("c", "d"), "ZRANGE", "d", "0", "-1");
            // The destination's TTL and type are replaced.
            expect(c, OK, "SET", "s", "x", "EX", "100");
            expect(c, integer(6), "ZRANGESTORE", "s", "k", "0", "-1");
            expect(c, integer(-1), "TTL", "s");
            // An empty result deletes the destination; a missing source too.
            expect(c, ZERO, "ZRANGESTORE", "d", "k", "10", "20");
            expect(c, ZERO, "EXISTS", "d");
            expect(c, integer(6), "ZRANGESTORE", "d", "k", "0", "-1");
            expect(c, ZERO, "ZRANGESTORE", "d", "missing", "0", "-1");
            expect(c, ZERO, "EXISTS", "d");
            expect(c, SYNTAX, "ZRANGESTORE", "d", "k", "0", "-1", "WITHSCORES");
            expect(c, wrongArity("zrangestore"), "ZRANGESTORE", "d", "k", "0");
            expect(c, OK, "SET", "str", "x");
            expect(c, WRONGTYPE, "ZRANGESTORE", "d", "str", "0", "-1");
            // Storing onto the source itself.
            expect(c, integer(2), "ZRANGESTORE", "k", "k", "0", "1");
            expect(c, bulks("m", "a"), "ZRANGE", "k", "0", "-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void zrangestoreConvertsSmallResultsBackToListpack(FamilyTarget t) {
        try (RespConnection c = fresh(t, "listpack")) {
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "4");
            expect(c, integer(6), "ZADD", "k", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "k");
            expect(c, integer(4), "ZRANGESTORE", "small", "k", "0", "3");
            expect(c, encoding("listpack"), "OBJECT", "ENCODING", "small");
            expect(c, integer(5), "ZRANGESTORE", "big", "k", "0", "4");
            expect(c, encoding("skiplist"), "OBJECT", "ENCODING", "big");
            expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", "128");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void resp3Pairs(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            scores(c);
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, pairs3("m", "-inf", "a", "1"), "ZRANGE", "k", "0", "1", "WITHSCORES");
            expect(c, pairs3("e", "4.5", "d", "3"), "ZREVRANGEBYSCORE", "k", "+inf", "-inf", "WITHSCORES", "LIMIT", "0", "2");
            expect(c, bulks("a", "b"), "ZRANGE", "k", "1", "2");
            expect(c, EMPTY_ARRAY, "ZRANGE", "k", "10", "20", "WITHSCORES");
        }
    }
}
