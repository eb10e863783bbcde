package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.NIL3;
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
import static dev.cinnabar.server.family.FamilyTarget.status;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list commands that do not block (LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX
 * LSET LINSERT LREM LTRIM LPOS LMOVE RPOPLPUSH LMPOP), and the blocking ones where they do not
 * wait, through raw RESP with exact replies. Every case runs against Cinnabar and a real
 * redis-server with the same expected bytes. Encodings: Redis 7.0 reports every list as
 * "quicklist", Cinnabar reports small lists as "listpack" as Redis 7.2 does ({@link #listpack}).
 */
class ListCommandsTest extends FamilyTestBase {
    static final String WRONGTYPE = error("WRONGTYPE Operation against a key holding the wrong kind of value");
    static final String NIL_ARRAY = "*-1\r\n";

    /** OBJECT ENCODING of a small list: 7.2's "listpack" in Cinnabar, "quicklist" in Redis 7.0. */
    static String listpack(FamilyTarget t) {
        return bulk(t.isRedis() ? "quicklist" : "listpack");
    }

    static final String QUICKLIST = bulk("quicklist");

    /** A connection to an emptied server with the list defaults restored. */
    private static RespConnection fresh(FamilyTarget t) {
        RespConnection c = t.fresh();
        expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "-2", "list-compress-depth", "0");
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void pushesAndLength(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(1), "LPUSH", "l", "a");
            expect(c, integer(3), "LPUSH", "l", "b", "c");
            expect(c, bulks("c", "b", "a"), "LRANGE", "l", "0", "-1");
            expect(c, integer(5), "RPUSH", "l", "d", "e");
            expect(c, bulks("c", "b", "a", "d", "e"), "LRANGE", "l", "0", "-1");
            expect(c, integer(5), "LLEN", "l");
            expect(c, ZERO, "LLEN", "missing");
            // The X forms only push onto an existing list.
            expect(c, ZERO, "LPUSHX", "missing", "a");
            expect(c, ZERO, "RPUSHX", "missing", "a", "b");
            expect(c, ZERO, "EXISTS", "missing");
            expect(c, integer(7), "LPUSHX", "l", "x", "y");
            expect(c, integer(8), "RPUSHX", "l", "z");
            expect(c, bulks("y", "x", "c", "b", "a", "d", "e", "z"), "LRANGE", "l", "0", "-1");
            // Binary-safe elements and keys; integers come back as the text sent.
            String binary = "a\u0000b\r\n\u00ff";
            expect(c, integer(1), "RPUSH", "bin\u0000", binary);
            expect(c, integer(6), "RPUSH", "bin\u0000", "", "-0", "007", "9223372036854775807", "-9223372036854775808");
            expect(c, bulks(binary, "", "-0", "007", "9223372036854775807", "-9223372036854775808"),
                    "LRANGE", "bin\u0000", "0", "-1");
            expect(c, status("list"), "TYPE", "l");
            expect(c, listpack(t), "OBJECT", "ENCODING", "l");
            expect(c, wrongArity("lpush"), "LPUSH", "l");
            expect(c, wrongArity("rpushx"), "RPUSHX", "l");
            expect(c, wrongArity("llen"), "LLEN", "l", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void popsWithAndWithoutCount(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(6), "RPUSH", "l", "a", "b", "c", "d", "e", "f");
            expect(c, bulk("a"), "LPOP", "l");
            expect(c, bulk("f"), "RPOP", "l");
            expect(c, bulks("b", "c"), "LPOP", "l", "2");
            expect(c, bulks("e", "d"), "RPOP", "l", "2");
            expect(c, ZERO, "EXISTS", "l");
            expect(c, integer(3), "RPUSH", "l", "a", "b", "c");
            // A count past the length takes everything and deletes the key.
            expect(c, bulks("c", "b", "a"), "RPOP", "l", "10");
            expect(c, ZERO, "EXISTS", "l");
            // Missing key: nil, or a nil array with a count (even 0).
            expect(c, NIL, "LPOP", "l");
            expect(c, NIL_ARRAY, "LPOP", "l", "1");
            expect(c, NIL_ARRAY, "RPOP", "l", "0");
            // Count 0 on an existing list: an empty array, nothing popped.
            expect(c, integer(1), "RPUSH", "l", "x");
            expect(c, EMPTY_ARRAY, "LPOP", "l", "0");
            expect(c, integer(1), "LLEN", "l");
            String notPositive = error("ERR value is out of range, must be positive");
            expect(c, notPositive, "LPOP", "l", "-1");
            expect(c, notPositive, "RPOP", "l", "abc");
            expect(c, notPositive, "LPOP", "l", "9223372036854775808");
            expect(c, notPositive, "LPOP", "missing", "-1");
            expect(c, wrongArity("lpop"), "LPOP", "l", "1", "2");
            expect(c, wrongArity("rpop"), "RPOP");
            expect(c, bulks("x"), "LPOP", "l", "9");
            expect(c, ZERO, "EXISTS", "l");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lrangeIndexes(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(5), "RPUSH", "l", "0", "1", "2", "3", "4");
            expect(c, bulks("0", "1", "2", "3", "4"), "LRANGE", "l", "0", "-1");
            expect(c, bulks("1", "2"), "LRANGE", "l", "1", "2");
            expect(c, bulks("3", "4"), "LRANGE", "l", "-2", "-1");
            expect(c, bulks("0", "1", "2", "3", "4"), "LRANGE", "l", "-100", "100");
            expect(c, bulks("4"), "LRANGE", "l", "4", "4");
            expect(c, EMPTY_ARRAY, "LRANGE", "l", "5", "10");
            expect(c, EMPTY_ARRAY, "LRANGE", "l", "3", "2");
            expect(c, EMPTY_ARRAY, "LRANGE", "l", "-1", "-2");
            expect(c, EMPTY_ARRAY, "LRANGE", "l", "0", "-6");
            expect(c, bulks("0"), "LRANGE", "l", "-9223372036854775808", "0");
            expect(c, bulks("0", "1", "2", "3", "4"), "LRANGE", "l", "0", "9223372036854775807");
            expect(c, EMPTY_ARRAY, "LRANGE", "missing", "0", "-1");
            // The numbers are parsed before the key is looked up.
            expect(c, NOT_INTEGER, "LRANGE", "missing", "a", "1");
            expect(c, NOT_INTEGER, "LRANGE", "l", "0", "1.5");
            expect(c, NOT_INTEGER, "LRANGE", "l", "0", " 1");
            expect(c, wrongArity("lrange"), "LRANGE", "l", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lindexAndLset(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "RPUSH", "l", "a", "b", "c");
            expect(c, bulk("a"), "LINDEX", "l", "0");
            expect(c, bulk("c"), "LINDEX", "l", "-1");
            expect(c, bulk("a"), "LINDEX", "l", "-3");
            expect(c, NIL, "LINDEX", "l", "3");
            expect(c, NIL, "LINDEX", "l", "-4");
            expect(c, NIL, "LINDEX", "missing", "0");
            // LINDEX looks the key up first: a missing key answers nil even to a bad index.
            expect(c, NIL, "LINDEX", "missing", "x");
            expect(c, NOT_INTEGER, "LINDEX", "l", "x");
            expect(c, OK, "LSET", "l", "0", "A");
            expect(c, OK, "LSET", "l", "-1", "12345");
            expect(c, bulks("A", "b", "12345"), "LRANGE", "l", "0", "-1");
            expect(c, error("ERR index out of range"), "LSET", "l", "3", "x");
            expect(c, error("ERR index out of range"), "LSET", "l", "-4", "x");
            expect(c, error("ERR no such key"), "LSET", "missing", "0", "x");
            expect(c, error("ERR no such key"), "LSET", "missing", "x", "x");
            expect(c, NOT_INTEGER, "LSET", "l", "x", "y");
            expect(c, wrongArity("lset"), "LSET", "l", "0");
            expect(c, wrongArity("lindex"), "LINDEX", "l");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void linsert(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "RPUSH", "l", "a", "b", "a");
            expect(c, integer(4), "LINSERT", "l", "BEFORE", "a", "x");
            expect(c, integer(5), "LINSERT", "l", "after", "a", "y");
            expect(c, bulks("x", "a", "y", "b", "a"), "LRANGE", "l", "0", "-1");
            expect(c, integer(6), "LINSERT", "l", "AFTER", "b", "z");
            expect(c, integer(-1), "LINSERT", "l", "BEFORE", "nope", "z");
            expect(c, ZERO, "LINSERT", "missing", "BEFORE", "a", "z");
            expect(c, ZERO, "EXISTS", "missing");
            // Integer pivots match integer elements whatever their text; "01" is not 1.
            expect(c, integer(3), "RPUSH", "n", "1", "2", "01");
            expect(c, integer(4), "LINSERT", "n", "AFTER", "2", "two");
            expect(c, integer(5), "LINSERT", "n", "BEFORE", "01", "zero-one");
            expect(c, bulks("1", "2", "two", "zero-one", "01"), "LRANGE", "n", "0", "-1");
            // BEFORE/AFTER is checked before the key.
            expect(c, SYNTAX, "LINSERT", "missing", "MIDDLE", "a", "b");
            expect(c, SYNTAX, "LINSERT", "l", "BEFOREX", "a", "b");
            expect(c, wrongArity("linsert"), "LINSERT", "l", "BEFORE", "a");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lrem(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(7), "RPUSH", "l", "a", "b", "a", "c", "a", "b", "a");
            expect(c, integer(2), "LREM", "l", "2", "a");
            expect(c, bulks("b", "c", "a", "b", "a"), "LRANGE", "l", "0", "-1");
            expect(c, ONE, "LREM", "l", "-1", "b");
            expect(c, bulks("b", "c", "a", "a"), "LRANGE", "l", "0", "-1");
            expect(c, integer(2), "LREM", "l", "0", "a");
            expect(c, bulks("b", "c"), "LRANGE", "l", "0", "-1");
            expect(c, ZERO, "LREM", "l", "0", "nope");
            expect(c, integer(2), "RPUSH", "m", "x", "x");
            // The most negative count has no positive counterpart: it removes every match.
            expect(c, integer(2), "LREM", "m", "-9223372036854775808", "x");
            expect(c, ZERO, "EXISTS", "m");
            expect(c, integer(3), "RPUSH", "n", "5", "05", "5");
            expect(c, integer(2), "LREM", "n", "0", "5");
            expect(c, bulks("05"), "LRANGE", "n", "0", "-1");
            // Removing everything deletes the key.
            expect(c, ONE, "LREM", "l", "10", "b");
            expect(c, ONE, "LREM", "l", "-10", "c");
            expect(c, ZERO, "EXISTS", "l");
            expect(c, ZERO, "LREM", "missing", "0", "a");
            expect(c, NOT_INTEGER, "LREM", "missing", "x", "a");
            expect(c, wrongArity("lrem"), "LREM", "l", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void ltrim(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(6), "RPUSH", "l", "0", "1", "2", "3", "4", "5");
            expect(c, OK, "LTRIM", "l", "1", "-2");
            expect(c, bulks("1", "2", "3", "4"), "LRANGE", "l", "0", "-1");
            expect(c, OK, "LTRIM", "l", "-3", "100");
            expect(c, bulks("2", "3", "4"), "LRANGE", "l", "0", "-1");
            expect(c, OK, "LTRIM", "l", "0", "0");
            expect(c, bulks("2"), "LRANGE", "l", "0", "-1");
            // An empty range empties the list, which deletes the key.
            expect(c, OK, "LTRIM", "l", "1", "0");
            expect(c, ZERO, "EXISTS", "l");
            expect(c, integer(3), "RPUSH", "l", "a", "b", "c");
            expect(c, OK, "LTRIM", "l", "5", "10");
            expect(c, ZERO, "EXISTS", "l");
            expect(c, integer(3), "RPUSH", "l", "a", "b", "c");
            expect(c, OK, "LTRIM", "l", "-9223372036854775808", "9223372036854775807");
            expect(c, integer(3), "LLEN", "l");
            expect(c, OK, "LTRIM", "missing", "0", "1");
            expect(c, NOT_INTEGER, "LTRIM", "l", "0", "x");
            expect(c, NOT_INTEGER, "LTRIM", "missing", "x", "0");
            expect(c, wrongArity("ltrim"), "LTRIM", "l", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lpos(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(8), "RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
            expect(c, integer(2), "LPOS", "l", "c");
            expect(c, integer(6), "LPOS", "l", "c", "RANK", "2");
            expect(c, integer(7), "LPOS", "l", "c", "RANK", "-1");
            expect(c, integer(6), "LPOS", "l", "c", "RANK", "-2");
            expect(c, NIL, "LPOS", "l", "c", "RANK", "4");
            expect(c, array(integer(2), integer(6)), "LPOS", "l", "c", "COUNT", "2");
            expect(c, array(integer(2), integer(6), integer(7)), "LPOS", "l", "c", "COUNT", "0");
            expect(c, array(integer(7), integer(6), integer(2)), "LPOS", "l", "c", "RANK", "-1", "COUNT", "0");
            expect(c, array(integer(6), integer(7)), "LPOS", "l", "c", "RANK", "2", "COUNT", "5");
            expect(c, array(integer(2)), "LPOS", "l", "c", "COUNT", "0", "MAXLEN", "6");
            expect(c, NIL, "LPOS", "l", "c", "MAXLEN", "2");
            expect(c, integer(7), "LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1");
            expect(c, EMPTY_ARRAY, "LPOS", "l", "x", "COUNT", "1");
            expect(c, integer(3), "LPOS", "l", "1");
            expect(c, NIL, "LPOS", "l", "01");
            // Options may repeat; the last one wins.
            expect(c, array(integer(2), integer(6), integer(7)), "LPOS", "l", "c", "COUNT", "1", "count", "3");
            // The most negative rank stays negative when negated: every match counts, from the tail.
            expect(c, integer(7), "LPOS", "l", "c", "RANK", "-9223372036854775808");
            expect(c, array(integer(7), integer(6), integer(2)), "LPOS", "l", "c", "RANK", "-9223372036854775808",
                    "COUNT", "2");
            expect(c, NIL, "LPOS", "l", "c", "RANK", "9223372036854775807");
            expect(c, NIL, "LPOS", "missing", "c");
            expect(c, EMPTY_ARRAY, "LPOS", "missing", "c", "COUNT", "0");
            // Errors, options first (even for a missing key).
            expect(c, error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or "
                    + "use negative to start from the end of the list"), "LPOS", "missing", "c", "RANK", "0");
            expect(c, NOT_INTEGER, "LPOS", "l", "c", "RANK", "x");
            expect(c, error("ERR COUNT can't be negative"), "LPOS", "l", "c", "COUNT", "-1");
            expect(c, error("ERR COUNT can't be negative"), "LPOS", "l", "c", "COUNT", "x");
            expect(c, error("ERR MAXLEN can't be negative"), "LPOS", "l", "c", "MAXLEN", "-1");
            expect(c, error("ERR MAXLEN can't be negative"), "LPOS", "l", "c", "MAXLEN", "1.0");
            expect(c, SYNTAX, "LPOS", "l", "c", "RANK");
            expect(c, SYNTAX, "LPOS", "l", "c", "FOO", "1");
            expect(c, wrongArity("lpos"), "LPOS", "l");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lmoveAndRpoplpush(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "RPUSH", "src", "a", "b", "c");
            expect(c, bulk("a"), "LMOVE", "src", "dst", "LEFT", "RIGHT");
            expect(c, bulk("c"), "LMOVE", "src", "dst", "right", "left");
            expect(c, bulks("c", "a"), "LRANGE", "dst", "0", "-1");
            expect(c, bulk("b"), "RPOPLPUSH", "src", "dst");
            expect(c, ZERO, "EXISTS", "src");
            expect(c, bulks("b", "c", "a"), "LRANGE", "dst", "0", "-1");
            // Same source and destination: a rotation.
            expect(c, bulk("a"), "RPOPLPUSH", "dst", "dst");
            expect(c, bulks("a", "b", "c"), "LRANGE", "dst", "0", "-1");
            expect(c, bulk("a"), "LMOVE", "dst", "dst", "LEFT", "RIGHT");
            expect(c, bulks("b", "c", "a"), "LRANGE", "dst", "0", "-1");
            expect(c, integer(1), "RPUSH", "one", "x");
            expect(c, bulk("x"), "LMOVE", "one", "one", "LEFT", "LEFT");
            expect(c, bulks("x"), "LRANGE", "one", "0", "-1");
            // Missing source: nil, whatever the destination holds.
            expect(c, OK, "SET", "str", "v");
            expect(c, NIL, "LMOVE", "missing", "str", "LEFT", "LEFT");
            expect(c, NIL, "RPOPLPUSH", "missing", "dst");
            // A wrong destination type is found before anything moves.
            expect(c, WRONGTYPE, "LMOVE", "dst", "str", "LEFT", "LEFT");
            expect(c, WRONGTYPE, "RPOPLPUSH", "str", "dst");
            expect(c, integer(3), "LLEN", "dst");
            expect(c, SYNTAX, "LMOVE", "dst", "x", "UP", "LEFT");
            expect(c, SYNTAX, "LMOVE", "missing", "x", "LEFT", "DOWN");
            expect(c, wrongArity("lmove"), "LMOVE", "dst", "x", "LEFT");
            expect(c, wrongArity("rpoplpush"), "RPOPLPUSH", "dst");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lmpop(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "RPUSH", "b", "1", "2", "3");
            expect(c, NIL_ARRAY, "LMPOP", "1", "a", "LEFT");
            expect(c, array(bulk("b"), bulks("1")), "LMPOP", "2", "a", "b", "LEFT");
            expect(c, array(bulk("b"), bulks("3", "2")), "LMPOP", "2", "a", "b", "right", "COUNT", "10");
            expect(c, ZERO, "EXISTS", "b");
            expect(c, integer(2), "RPUSH", "a", "x", "y");
            expect(c, integer(1), "RPUSH", "b", "z");
            expect(c, array(bulk("a"), bulks("x", "y")), "LMPOP", "2", "a", "b", "LEFT", "count", "2");
            // Keys are looked at in order: a wrong type before the first non-empty list is an error.
            expect(c, OK, "SET", "s", "v");
            expect(c, WRONGTYPE, "LMPOP", "2", "s", "b", "LEFT");
            expect(c, array(bulk("b"), bulks("z")), "LMPOP", "2", "b", "s", "LEFT");
            String numkeys = error("ERR numkeys should be greater than 0");
            expect(c, numkeys, "LMPOP", "0", "a", "LEFT");
            expect(c, numkeys, "LMPOP", "-1", "a", "LEFT");
            expect(c, numkeys, "LMPOP", "x", "a", "LEFT");
            expect(c, SYNTAX, "LMPOP", "2", "a", "LEFT");
            expect(c, SYNTAX, "LMPOP", "9223372036854775807", "a", "LEFT");
            expect(c, SYNTAX, "LMPOP", "1", "a", "UP");
            expect(c, SYNTAX, "LMPOP", "1", "a", "LEFT", "COUNT");
            expect(c, SYNTAX, "LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "2");
            expect(c, SYNTAX, "LMPOP", "1", "a", "LEFT", "FOO");
            String count = error("ERR count should be greater than 0");
            expect(c, count, "LMPOP", "1", "a", "LEFT", "COUNT", "0");
            expect(c, count, "LMPOP", "1", "a", "LEFT", "COUNT", "-5");
            expect(c, count, "LMPOP", "1", "a", "LEFT", "COUNT", "x");
            expect(c, wrongArity("lmpop"), "LMPOP", "1", "a");
            // The keys come from numkeys.
            expect(c, bulks("a", "b"), "COMMAND", "GETKEYS", "LMPOP", "2", "a", "b", "LEFT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void wrongTypes(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "SET", "s", "v");
            for (List<String> command : List.of(List.of("LPUSH", "s", "a"), List.of("RPUSHX", "s", "a"),
                    List.of("LPOP", "s"), List.of("RPOP", "s", "0"), List.of("LLEN", "s"), List.of("LRANGE", "s", "0", "1"),
                    List.of("LINDEX", "s", "0"), List.of("LINDEX", "s", "x"), List.of("LSET", "s", "x", "v"),
                    List.of("LINSERT", "s", "BEFORE", "a", "b"), List.of("LREM", "s", "0", "a"), List.of("LTRIM", "s", "0", "1"),
                    List.of("LPOS", "s", "a"), List.of("LMOVE", "s", "d", "LEFT", "LEFT"), List.of("LMPOP", "1", "s", "LEFT"),
                    List.of("BLPOP", "s", "0"), List.of("BRPOP", "missing", "s", "0"), List.of("BLMOVE", "s", "d", "LEFT", "LEFT", "0"),
                    List.of("BRPOPLPUSH", "s", "d", "0"), List.of("BLMPOP", "0", "1", "s", "LEFT"))) {
                expect(c, WRONGTYPE, command.toArray(String[]::new));
            }
            // Argument errors come first where Redis checks them first.
            expect(c, error("ERR value is out of range, must be positive"), "LPOP", "s", "-1");
            expect(c, NOT_INTEGER, "LRANGE", "s", "x", "0");
            expect(c, SYNTAX, "LINSERT", "s", "UP", "a", "b");
            expect(c, error("ERR timeout is negative"), "BLPOP", "s", "-1");
            expect(c, bulk("v"), "GET", "s");
            expect(c, ZERO, "EXISTS", "d");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void blockingCommandsThatNeedNotWait(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(2), "RPUSH", "b", "x", "y");
            expect(c, array(bulk("b"), bulk("x")), "BLPOP", "a", "b", "0");
            expect(c, array(bulk("b"), bulk("y")), "BRPOP", "a", "b", "1.5");
            expect(c, ZERO, "EXISTS", "b");
            expect(c, integer(3), "RPUSH", "b", "1", "2", "3");
            expect(c, bulk("3"), "BRPOPLPUSH", "b", "c", "0");
            expect(c, bulk("1"), "BLMOVE", "b", "c", "LEFT", "RIGHT", "0");
            expect(c, bulks("3", "1"), "LRANGE", "c", "0", "-1");
            expect(c, array(bulk("b"), bulks("2")), "BLMPOP", "0", "2", "a", "b", "LEFT", "COUNT", "5");
            expect(c, array(bulk("c"), bulks("1")), "BLMPOP", "0.1", "1", "c", "RIGHT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void blockingTimeoutArguments(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            String notFloat = error("ERR timeout is not a float or out of range");
            String negative = error("ERR timeout is negative");
            for (String bad : List.of("abc", "", " 1", "1 ", "nan", "1e5000", "1,5", "0x")) {
                expect(c, notFloat, "BLPOP", "l", bad);
            }
            // Beyond the 64-bit range once in milliseconds (or infinite): Redis sees a negative number.
            for (String huge : List.of("-1", "-1.5", "1e30", "inf", "-inf", "+inf", "9.3e15", "-9223372036854775808")) {
                expect(c, negative, "BLPOP", "l", huge);
            }
            expect(c, notFloat, "BRPOP", "a", "b", "x");
            expect(c, notFloat, "BRPOPLPUSH", "a", "b", "x");
            expect(c, negative, "BLMOVE", "a", "b", "LEFT", "LEFT", "-1");
            expect(c, SYNTAX, "BLMOVE", "a", "b", "UP", "LEFT", "x");
            expect(c, notFloat, "BLMOVE", "a", "b", "LEFT", "LEFT", "x");
            // BLMPOP checks the arguments after the timeout before the timeout itself.
            expect(c, notFloat, "BLMPOP", "x", "1", "a", "LEFT");
            expect(c, negative, "BLMPOP", "-1", "1", "a", "LEFT");
            expect(c, SYNTAX, "BLMPOP", "-1", "1", "a", "UP");
            expect(c, error("ERR numkeys should be greater than 0"), "BLMPOP", "x", "0", "a", "LEFT");
            expect(c, error("ERR count should be greater than 0"), "BLMPOP", "x", "1", "a", "LEFT", "COUNT", "0");
            expect(c, wrongArity("blpop"), "BLPOP", "l");
            expect(c, wrongArity("blmove"), "BLMOVE", "a", "b", "LEFT", "LEFT");
            expect(c, wrongArity("brpoplpush"), "BRPOPLPUSH", "a", "b");
            expect(c, wrongArity("blmpop"), "BLMPOP", "0", "1", "a");
            // Short timeouts on empty keys: the nil array (also for BLMOVE and BRPOPLPUSH).
            expect(c, NIL_ARRAY, "BLPOP", "a", "b", "0.01");
            expect(c, NIL_ARRAY, "BRPOP", "a", "0.01");
            expect(c, NIL_ARRAY, "BLMOVE", "a", "b", "LEFT", "LEFT", "0.01");
            expect(c, NIL_ARRAY, "BRPOPLPUSH", "a", "b", "0.01");
            expect(c, NIL_ARRAY, "BLMPOP", "0.01", "2", "a", "b", "LEFT");
            // Hexadecimal seconds are accepted (strtold).
            expect(c, NIL_ARRAY, "BLPOP", "a", "0x0.01p0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void insideMultiNothingBlocks(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "MULTI");
            for (List<String> command : List.of(List.of("BLPOP", "a", "0"), List.of("BRPOP", "a", "b", "0"),
                    List.of("BLMOVE", "a", "b", "LEFT", "LEFT", "0"), List.of("BRPOPLPUSH", "a", "b", "0"),
                    List.of("BLMPOP", "0", "1", "a", "LEFT"), List.of("RPUSH", "a", "x"), List.of("BLPOP", "a", "0"))) {
                expect(c, status("QUEUED"), command.toArray(String[]::new));
            }
            // The blocking forms answer as their plain forms: nil arrays, and nil bulks for the moves.
            expect(c, array(NIL_ARRAY, NIL_ARRAY, NIL, NIL, NIL_ARRAY, integer(1), array(bulk("a"), bulk("x"))), "EXEC");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, OK, "MULTI");
            expect(c, status("QUEUED"), "BLPOP", "a", "0");
            expect(c, status("QUEUED"), "BLMOVE", "a", "b", "LEFT", "LEFT", "0");
            expect(c, array(NIL3, NIL3), "EXEC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp3Replies(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, NIL3, "LPOP", "missing");
            expect(c, NIL3, "RPOP", "missing", "2");
            expect(c, NIL3, "LINDEX", "missing", "0");
            expect(c, NIL3, "LPOS", "missing", "x");
            expect(c, NIL3, "LMOVE", "missing", "d", "LEFT", "LEFT");
            expect(c, NIL3, "LMPOP", "1", "missing", "LEFT");
            expect(c, NIL3, "BLPOP", "missing", "0.01");
            expect(c, NIL3, "BLMOVE", "missing", "d", "LEFT", "LEFT", "0.01");
            expect(c, integer(2), "RPUSH", "l", "a", "b");
            expect(c, NIL3, "LINDEX", "l", "5");
            expect(c, NIL3, "LPOS", "l", "x");
            expect(c, EMPTY_ARRAY, "LPOP", "l", "0");
            expect(c, array(bulk("l"), bulks("a")), "LMPOP", "1", "l", "LEFT");
            expect(c, array(bulk("l"), bulk("b")), "BLPOP", "l", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void encodingFollowsRedis72Rules(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "4");
            expect(c, integer(4), "RPUSH", "l", "a", "b", "c", "d");
            expect(c, listpack(t), "OBJECT", "ENCODING", "l");
            expect(c, integer(5), "RPUSH", "l", "e");
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "l");
            // Back to a listpack only at half the limit.
            expect(c, bulk("e"), "RPOP", "l");
            expect(c, bulk("d"), "RPOP", "l");
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "l");
            expect(c, bulk("c"), "RPOP", "l");
            expect(c, listpack(t), "OBJECT", "ENCODING", "l");
            // A multi-element push is checked as a whole, before any element goes in.
            expect(c, integer(5), "RPUSH", "m", "1", "2", "3", "4", "5");
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "m");
            expect(c, OK, "LTRIM", "m", "0", "1");
            expect(c, listpack(t), "OBJECT", "ENCODING", "m");
            expect(c, integer(5), "RPUSH", "n", "1", "2", "3", "4", "5");
            expect(c, ONE, "LREM", "n", "0", "3");
            expect(c, ZERO, "LREM", "n", "0", "nothing");
            expect(c, ONE, "LREM", "n", "0", "5");
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "n");
            expect(c, ONE, "LREM", "n", "0", "4");
            expect(c, listpack(t), "OBJECT", "ENCODING", "n");
            // The byte limit (8 KiB by default): one large element makes a quicklist at once.
            expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "-2");
            String big = "x".repeat(9000);
            expect(c, integer(1), "RPUSH", "big", big);
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "big");
            expect(c, integer(2), "LPUSH", "big", "small");
            expect(c, bulk(big), "RPOP", "big");
            expect(c, listpack(t), "OBJECT", "ENCODING", "big");
            // LSET and LINSERT convert for the new element first, found or not (Redis 7.2).
            expect(c, error("ERR index out of range"), "LSET", "big", "5", big);
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "big");
            expect(c, integer(1), "RPUSH", "ins", "a");
            expect(c, integer(-1), "LINSERT", "ins", "BEFORE", "nope", big);
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "ins");
            expect(c, integer(1), "RPUSH", "set", "a");
            expect(c, OK, "LSET", "set", "0", big);
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "set");
            expect(c, OK, "LSET", "set", "0", "small again");
            expect(c, listpack(t), "OBJECT", "ENCODING", "set");
            // A destination grows like a push.
            expect(c, integer(1), "RPUSH", "from", big);
            expect(c, bulk(big), "LMOVE", "from", "to", "LEFT", "LEFT");
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "to");
            // A configuration change applies to the next growth, not to lists as they are.
            expect(c, integer(3), "RPUSH", "cfg", "a", "b", "c");
            expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "2");
            expect(c, listpack(t), "OBJECT", "ENCODING", "cfg");
            expect(c, bulk("c"), "RPOP", "cfg");
            expect(c, listpack(t), "OBJECT", "ENCODING", "cfg");
            expect(c, integer(3), "RPUSH", "cfg", "c");
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "cfg");
            expect(c, bulks("a", "b", "c"), "LRANGE", "cfg", "0", "-1");
            expect(c, NIL, "OBJECT", "ENCODING", "missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void quicklistsOfManyNodesAndCompression(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "5", "list-compress-depth", "1");
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String element = "element number " + i + " of a fairly repetitive list, repetitive list";
                all.add(element);
                expect(c, integer(i + 1), i % 2 == 0 ? "RPUSH" : "LPUSH", "q", element);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 59; i >= 1; i -= 2) {
                expected.add(all.get(i));
            }
            for (int i = 0; i < 60; i += 2) {
                expected.add(all.get(i));
            }
            expect(c, bulks(expected.toArray(String[]::new)), "LRANGE", "q", "0", "-1");
            expect(c, bulk(expected.get(30)), "LINDEX", "q", "30");
            expect(c, OK, "LSET", "q", "30", "middle");
            expect(c, integer(61), "LINSERT", "q", "AFTER", "middle", "after middle");
            expect(c, integer(62), "LINSERT", "q", "BEFORE", "middle", "before middle");
            expect(c, array(integer(31)), "LPOS", "q", "middle", "COUNT", "0");
            expect(c, ONE, "LREM", "q", "0", "middle");
            expect(c, bulks("before middle", "after middle"), "LRANGE", "q", "30", "31");
            expect(c, OK, "LTRIM", "q", "10", "-10");
            expect(c, integer(42), "LLEN", "q");
            expect(c, bulk(expected.get(10)), "LINDEX", "q", "0");
            // DEBUG OBJECT's quicklist fields and size agree (the address and clock aside).
            String debug = call(c, "DEBUG", "OBJECT", "q").replaceAll("at:0x[0-9a-f]+", "at:?").replaceAll(" lru:\\d+", "");
            assertThat(debug).matches("\\+Value at:\\? refcount:1 encoding:quicklist serializedlength:\\d+ "
                    + "lru_seconds_idle:\\d+ ql_nodes:\\d+ ql_avg_node:\\d+\\.\\d\\d ql_listpack_max:5 ql_compressed:1 "
                    + "ql_uncompressed_size:\\d+\r\n");
            expect(c, OK, "CONFIG", "SET", "list-compress-depth", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void debugObjectAndDigestOfQuicklists(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "2");
            expect(c, integer(7), "RPUSH", "m", "a", "b", "c", "d", "e", "f", "g");
            String debug = call(c, "DEBUG", "OBJECT", "m").replaceAll("at:0x[0-9a-f]+", "at:?").replaceAll(" lru:\\d+", "");
            assertThat(debug).isEqualTo("+Value at:? refcount:1 encoding:quicklist serializedlength:58 lru_seconds_idle:0 "
                    + "ql_nodes:4 ql_avg_node:1.75 ql_listpack_max:2 ql_compressed:0 ql_uncompressed_size:49\r\n");
            expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "-2");
            expect(c, integer(3), "RPUSH", "l", "x", "1", "yy");
            expect(c, array(status("74dacded7513adeae5b89e9d9a4326b66291a688")), "DEBUG", "DIGEST-VALUE", "l");
            expect(c, integer(3), "RPUSH", "l2", "x", "1", "yy");
            expect(c, OK, "CONFIG", "SET", "list-max-listpack-size", "1");
            expect(c, integer(3), "RPUSH", "l3", "x", "1", "yy");
            expect(c, QUICKLIST, "OBJECT", "ENCODING", "l3");
            // The digest depends on the elements only, not on the encoding or the node layout.
            String digest = call(c, "DEBUG", "DIGEST-VALUE", "l");
            expect(c, digest, "DEBUG", "DIGEST-VALUE", "l3");
            expect(c, ONE, "COPY", "l3", "copy");
            expect(c, digest, "DEBUG", "DIGEST-VALUE", "copy");
            expect(c, bulks("x", "1", "yy"), "LRANGE", "copy", "0", "-1");
            expect(c, integer(4), "RPUSH", "copy", "more");
            expect(c, integer(3), "LLEN", "l3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void genericKeyCommandsOnLists(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(2), "RPUSH", "l", "a", "b");
            expect(c, OK, "SET", "s", "v");
            expect(c, status("list"), "TYPE", "l");
            expect(c, array(bulk("0"), bulks("l")), "SCAN", "0", "TYPE", "list");
            expect(c, OK, "RENAME", "l", "l2");
            expect(c, bulks("a", "b"), "LRANGE", "l2", "0", "-1");
            expect(c, ONE, "MOVE", "l2", "1");
            expect(c, OK, "SELECT", "1");
            expect(c, bulk("a"), "LPOP", "l2");
            expect(c, ONE, "DEL", "l2");
            expect(c, OK, "SELECT", "0");
            // Keys that expire take their list with them.
            expect(c, integer(1), "RPUSH", "e", "x");
            expect(c, ONE, "PEXPIRE", "e", "1");
            for (int i = 0; i < 200 && !call(c, "EXISTS", "e").equals(ZERO); i++) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            expect(c, ZERO, "LLEN", "e");
            expect(c, integer(1), "RPUSH", "e", "y");
            expect(c, integer(-1), "TTL", "e");
        }
    }
}
