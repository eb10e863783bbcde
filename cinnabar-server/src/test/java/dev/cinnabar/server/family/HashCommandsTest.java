package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY;
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
import static dev.cinnabar.server.family.FamilyTarget.strings;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RespConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hash commands (HSET HSETNX HMSET HGET HMGET HDEL HEXISTS HLEN HSTRLEN HKEYS HVALS HGETALL
 * HINCRBY HINCRBYFLOAT HRANDFIELD HSCAN) through raw RESP with exact replies, run against Cinnabar
 * and against a real redis-server, which proves every expected reply is Redis's own. Encoding
 * transitions (listpack to hashtable, never back) are asserted on both. Replies whose order Redis
 * does not define (a hashtable's HGETALL, random fields) are compared as sets or by their rules.
 */
class HashCommandsTest extends FamilyTestBase {
    private static final String WRONGTYPE = error("WRONGTYPE Operation against a key holding the wrong kind of value");
    private static final String LISTPACK = bulk("listpack");
    private static final String HASHTABLE = bulk("hashtable");

    /** A connection to an emptied server with Redis's default hash limits. */
    private static RespConnection fresh(FamilyTarget t) {
        RespConnection c = t.fresh();
        expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "512", "hash-max-listpack-value", "64");
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setAndGetFieldsBinarySafely(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "HSET", "h", "a", "1", "b", "2", "c", "3");
            expect(c, ZERO, "HSET", "h", "a", "one");
            expect(c, integer(1), "HSET", "h", "a", "uno", "d", "4");
            // A field given twice counts once; the last value wins.
            expect(c, integer(1), "HSET", "h", "e", "x", "e", "y");
            expect(c, bulk("y"), "HGET", "h", "e");
            expect(c, bulk("uno"), "HGET", "h", "a");
            expect(c, NIL, "HGET", "h", "nope");
            expect(c, NIL, "HGET", "missing", "a");
            String binary = "a\u0000b\r\nc\u00ff";
            expect(c, integer(2), "HSET", "h", binary, binary, "", "");
            expect(c, bulk(binary), "HGET", "h", binary);
            expect(c, EMPTY, "HGET", "h", "");
            // Numbers come back as sent, whatever the listpack stores them as.
            expect(c, integer(4), "HSET", "n", "1", "-9223372036854775808", "007", "-0", "2", "12345678901234567890",
                    "-17", "9223372036854775807");
            expect(c, bulk("-9223372036854775808"), "HGET", "n", "1");
            expect(c, bulk("-0"), "HGET", "n", "007");
            expect(c, bulk("12345678901234567890"), "HGET", "n", "2");
            expect(c, NIL, "HGET", "n", "7");
            expect(c, array(bulk("uno"), NIL, bulk("2"), NIL), "HMGET", "h", "a", "zz", "b", "nope");
            expect(c, array(NIL, NIL), "HMGET", "missing", "a", "b");
            expect(c, OK, "HMSET", "h", "f", "6", "a", "again");
            expect(c, bulk("again"), "HGET", "h", "a");
            expect(c, OK, "HMSET", "created", "x", "1");
            expect(c, status("hash"), "TYPE", "created");
            expect(c, ZERO, "HSETNX", "h", "a", "no");
            expect(c, bulk("again"), "HGET", "h", "a");
            expect(c, ONE, "HSETNX", "h", "g", "7");
            expect(c, ONE, "HSETNX", "fresh", "f", "v");
            expect(c, bulk("v"), "HGET", "fresh", "f");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void arityErrors(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, wrongArity("hset"), "HSET", "h");
            expect(c, wrongArity("hset"), "HSET", "h", "f");
            expect(c, wrongArity("hset"), "HSET", "h", "f", "v", "g");
            expect(c, wrongArity("hmset"), "HMSET", "h", "f", "v", "g");
            expect(c, wrongArity("hmset"), "HMSET", "h", "f");
            expect(c, wrongArity("hsetnx"), "HSETNX", "h", "f");
            expect(c, wrongArity("hget"), "HGET", "h");
            expect(c, wrongArity("hget"), "HGET", "h", "a", "b");
            expect(c, wrongArity("hmget"), "HMGET", "h");
            expect(c, wrongArity("hdel"), "HDEL", "h");
            expect(c, wrongArity("hexists"), "HEXISTS", "h");
            expect(c, wrongArity("hlen"), "HLEN", "h", "x");
            expect(c, wrongArity("hstrlen"), "HSTRLEN", "h");
            expect(c, wrongArity("hkeys"), "HKEYS");
            expect(c, wrongArity("hvals"), "HVALS", "h", "x");
            expect(c, wrongArity("hgetall"), "HGETALL");
            expect(c, wrongArity("hincrby"), "HINCRBY", "h", "f");
            expect(c, wrongArity("hincrbyfloat"), "HINCRBYFLOAT", "h", "f", "1", "2");
            expect(c, wrongArity("hrandfield"), "HRANDFIELD");
            expect(c, wrongArity("hscan"), "HSCAN", "h");
            expect(c, ZERO, "EXISTS", "h");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyCommandRefusesAnotherType(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "SET", "s", "x");
            for (String[] command : new String[][] {{"HSET", "s", "f", "v"}, {"HMSET", "s", "f", "v"},
                {"HSETNX", "s", "f", "v"}, {"HGET", "s", "f"}, {"HMGET", "s", "f"}, {"HDEL", "s", "f"},
                {"HEXISTS", "s", "f"}, {"HLEN", "s"}, {"HSTRLEN", "s", "f"}, {"HKEYS", "s"}, {"HVALS", "s"},
                {"HGETALL", "s"}, {"HINCRBY", "s", "f", "1"}, {"HINCRBYFLOAT", "s", "f", "1"}, {"HRANDFIELD", "s"},
                {"HRANDFIELD", "s", "2"}, {"HRANDFIELD", "s", "2", "WITHVALUES"}, {"HSCAN", "s", "0"},
                {"HSCAN", "s", "0", "COUNT", "0"}, {"HSCAN", "s", "0", "BOGUS"}}) {
                expect(c, WRONGTYPE, command);
            }
            // Argument errors found before the key is looked at come first.
            expect(c, NOT_INTEGER, "HINCRBY", "s", "f", "x");
            expect(c, NOT_FLOAT, "HINCRBYFLOAT", "s", "f", "x");
            expect(c, error("ERR value is NaN or Infinity"), "HINCRBYFLOAT", "s", "f", "inf");
            expect(c, NOT_INTEGER, "HRANDFIELD", "s", "x");
            expect(c, SYNTAX, "HRANDFIELD", "s", "1", "FOO");
            expect(c, error("ERR invalid cursor"), "HSCAN", "s", "x");
            expect(c, bulk("x"), "GET", "s");
            // A hash is not a string either.
            expect(c, ONE, "HSET", "h", "f", "v");
            expect(c, WRONGTYPE, "GET", "h");
            expect(c, WRONGTYPE, "APPEND", "h", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deletingTheLastFieldDeletesTheHash(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "HSET", "h", "a", "1", "b", "2", "c", "3");
            expect(c, ZERO, "HDEL", "h", "nope");
            expect(c, ONE, "HDEL", "h", "a", "a", "nope");
            expect(c, integer(2), "HLEN", "h");
            expect(c, integer(2), "HDEL", "h", "b", "c", "b");
            expect(c, ZERO, "EXISTS", "h");
            expect(c, ZERO, "HDEL", "h", "b");
            expect(c, ZERO, "HDEL", "missing", "x");
            expect(c, ZERO, "HLEN", "missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lengthsAndExistence(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(5), "HSET", "h", "s", "hello", "i", "-123", "big", "-9223372036854775808", "e", "", "z",
                    "0");
            expect(c, integer(5), "HLEN", "h");
            expect(c, integer(5), "HSTRLEN", "h", "s");
            expect(c, integer(4), "HSTRLEN", "h", "i");
            expect(c, integer(20), "HSTRLEN", "h", "big");
            expect(c, ZERO, "HSTRLEN", "h", "e");
            expect(c, ONE, "HSTRLEN", "h", "z");
            expect(c, ZERO, "HSTRLEN", "h", "nope");
            expect(c, ZERO, "HSTRLEN", "missing", "s");
            expect(c, ONE, "HEXISTS", "h", "e");
            expect(c, ZERO, "HEXISTS", "h", "E");
            expect(c, ZERO, "HEXISTS", "missing", "e");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void listingFieldsKeepsInsertionOrderInAListpack(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "HSET", "h", "b", "2", "a", "1", "c", "3");
            expect(c, ONE, "HSET", "h", "0", "zero");
            expect(c, ZERO, "HSET", "h", "a", "one");
            expect(c, ONE, "HDEL", "h", "b");
            expect(c, bulks("a", "c", "0"), "HKEYS", "h");
            expect(c, bulks("one", "3", "zero"), "HVALS", "h");
            expect(c, bulks("a", "one", "c", "3", "0", "zero"), "HGETALL", "h");
            expect(c, EMPTY_ARRAY, "HKEYS", "missing");
            expect(c, EMPTY_ARRAY, "HVALS", "missing");
            expect(c, EMPTY_ARRAY, "HGETALL", "missing");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "h");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aHashtableListsEveryFieldOnce(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "4");
            Map<String, String> model = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                expect(c, ONE, "HSET", "h", "f" + i, "v" + i);
                model.put("f" + i, "v" + i);
            }
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "h");
            List<String> all = strings(c, "HGETALL", "h");
            Map<String, String> got = new HashMap<>();
            for (int i = 0; i < all.size(); i += 2) {
                got.put(all.get(i), all.get(i + 1));
            }
            assertThat(all).hasSize(80);
            assertThat(got).isEqualTo(model);
            assertThat(new HashSet<>(strings(c, "HKEYS", "h"))).isEqualTo(model.keySet());
            assertThat(strings(c, "HVALS", "h")).containsExactlyInAnyOrderElementsOf(model.values());
            expect(c, integer(40), "HLEN", "h");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void encodingTransitions(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "3", "hash-max-listpack-value", "5");
            expect(c, integer(3), "HSET", "h", "a", "1", "b", "2", "c", "3");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "h");
            expect(c, ONE, "HSET", "h", "d", "4");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "h");
            // Never back, however small it gets.
            expect(c, integer(3), "HDEL", "h", "a", "b", "c");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "h");
            // A value or a field one byte over the limit converts; at the limit it does not.
            expect(c, ONE, "HSET", "v", "f", "12345");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "v");
            expect(c, ONE, "HSET", "v", "g", "123456");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "v");
            expect(c, ONE, "HSET", "w", "fffff6", "1");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "w");
            // HSETNX converts on a long value only when it sets it.
            expect(c, ONE, "HSET", "x", "f", "1");
            expect(c, ZERO, "HSETNX", "x", "f", "123456");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "x");
            expect(c, ONE, "HSETNX", "x", "g", "123456");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "x");
            // HINCRBY converts when the result or the field is too long.
            expect(c, integer(1), "HINCRBY", "y", "f", "1");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "y");
            expect(c, integer(100001), "HINCRBY", "y", "f", "100000");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "y");
            expect(c, integer(1), "HINCRBY", "z", "longfield", "1");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "z");
            expect(c, bulk("1.25"), "HINCRBYFLOAT", "zf", "f", "1.25");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "zf");
            expect(c, bulk("1.2500001"), "HINCRBYFLOAT", "zf", "f", "0.0000001");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "zf");
            // A lowered limit applies at the next write, even one that only updates a field.
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "512");
            expect(c, integer(3), "HSET", "u", "a", "1", "b", "2", "c", "3");
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "2");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "u");
            expect(c, ZERO, "HSETNX", "u", "a", "1");
            expect(c, LISTPACK, "OBJECT", "ENCODING", "u");
            expect(c, ZERO, "HSET", "u", "a", "9");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "u");
            // With a limit of 0 every hash is a hashtable.
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "0");
            expect(c, ONE, "HSET", "zero", "f", "v");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "zero");
            expect(c, bulk("v"), "HGET", "zero", "f");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void incrementByIntegers(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(5), "HINCRBY", "h", "n", "5");
            expect(c, integer(-5), "HINCRBY", "h", "n", "-10");
            expect(c, bulk("-5"), "HGET", "h", "n");
            expect(c, integer(7), "HINCRBY", "h", "fresh", "7");
            expect(c, integer(6), "HSET", "h", "s", "abc", "f", "1.5", "sp", " 1", "max", "9223372036854775807", "min",
                    "-9223372036854775808", "lead", "01");
            expect(c, error("ERR hash value is not an integer"), "HINCRBY", "h", "s", "1");
            expect(c, error("ERR hash value is not an integer"), "HINCRBY", "h", "f", "1");
            expect(c, error("ERR hash value is not an integer"), "HINCRBY", "h", "sp", "1");
            expect(c, error("ERR hash value is not an integer"), "HINCRBY", "h", "lead", "1");
            expect(c, error("ERR increment or decrement would overflow"), "HINCRBY", "h", "max", "1");
            expect(c, error("ERR increment or decrement would overflow"), "HINCRBY", "h", "min", "-1");
            expect(c, integer(-1), "HINCRBY", "h", "max", "-9223372036854775808");
            expect(c, NOT_INTEGER, "HINCRBY", "h", "n", "1.5");
            expect(c, NOT_INTEGER, "HINCRBY", "h", "n", "99999999999999999999");
            expect(c, NOT_INTEGER, "HINCRBY", "h", "n", "");
            expect(c, integer(-5), "HINCRBY", "h", "n", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void incrementByFloats(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, bulk("10.5"), "HINCRBYFLOAT", "h", "p", "10.5");
            expect(c, bulk("10.6"), "HINCRBYFLOAT", "h", "p", "0.1");
            expect(c, bulk("0"), "HINCRBYFLOAT", "h", "p", "-10.6");
            expect(c, bulk("5000"), "HINCRBYFLOAT", "h", "e", "5.0e3");
            expect(c, bulk("16"), "HINCRBYFLOAT", "h", "x", "0x10");
            expect(c, bulk("17"), "HINCRBYFLOAT", "h", "x", "1.");
            expect(c, bulk("17.5"), "HINCRBYFLOAT", "h", "x", ".5");
            expect(c, bulk("0"), "HINCRBYFLOAT", "h", "z", "-0.0");
            expect(c, bulk("3"), "HINCRBYFLOAT", "h", "int", "3");
            expect(c, integer(5), "HINCRBY", "h", "int", "2");
            expect(c, ONE, "HSET", "h", "big", "1e30");
            expect(c, bulk("1000000000000000000024696061952"), "HINCRBYFLOAT", "h", "big", "1");
            expect(c, ONE, "HSET", "h", "inf", "inf");
            expect(c, error("ERR increment would produce NaN or Infinity"), "HINCRBYFLOAT", "h", "inf", "1");
            expect(c, ONE, "HSET", "h", "s", "abc");
            expect(c, error("ERR hash value is not a float"), "HINCRBYFLOAT", "h", "s", "1");
            expect(c, ONE, "HSET", "h", "nan", "nan");
            expect(c, error("ERR hash value is not a float"), "HINCRBYFLOAT", "h", "nan", "1");
            expect(c, error("ERR value is NaN or Infinity"), "HINCRBYFLOAT", "h", "p", "-inf");
            expect(c, NOT_FLOAT, "HINCRBYFLOAT", "h", "p", "nan");
            expect(c, NOT_FLOAT, "HINCRBYFLOAT", "h", "p", "1e5000");
            expect(c, NOT_FLOAT, "HINCRBYFLOAT", "h", "p", " 1");
            expect(c, NOT_FLOAT, "HINCRBYFLOAT", "h", "p", "");
            expect(c, ONE, "HSET", "h", "huge", "1e4932");
            expect(c, error("ERR increment would produce NaN or Infinity"), "HINCRBYFLOAT", "h", "huge", "1e4932");
            expect(c, bulk("1.5"), "HINCRBYFLOAT", "other", "f", "1.5");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void randomFieldErrorsAndDeterministicCases(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, NIL, "HRANDFIELD", "missing");
            expect(c, EMPTY_ARRAY, "HRANDFIELD", "missing", "5");
            expect(c, EMPTY_ARRAY, "HRANDFIELD", "missing", "-5", "WITHVALUES");
            expect(c, NOT_INTEGER, "HRANDFIELD", "missing", "x");
            expect(c, SYNTAX, "HRANDFIELD", "missing", "1", "foo");
            expect(c, integer(3), "HSET", "h", "a", "1", "b", "2", "c", "3");
            expect(c, NOT_INTEGER, "HRANDFIELD", "h", "1.5");
            expect(c, error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"),
                    "HRANDFIELD", "h", "-9223372036854775808");
            expect(c, SYNTAX, "HRANDFIELD", "h", "1", "WITHVALUE");
            expect(c, SYNTAX, "HRANDFIELD", "h", "1", "WITHVALUES", "x");
            expect(c, error("ERR value is out of range"), "HRANDFIELD", "h", "9223372036854775807", "WITHVALUES");
            expect(c, error("ERR value is out of range"), "HRANDFIELD", "h", "-4611686018427387904", "withvalues");
            expect(c, EMPTY_ARRAY, "HRANDFIELD", "h", "0");
            expect(c, EMPTY_ARRAY, "HRANDFIELD", "h", "0", "WITHVALUES");
            // Asking for at least the whole hash returns the whole hash, in listpack order.
            expect(c, bulks("a", "b", "c"), "HRANDFIELD", "h", "3");
            expect(c, bulks("a", "1", "b", "2", "c", "3"), "HRANDFIELD", "h", "10", "withvalues");
            // A single field can only be drawn again and again.
            expect(c, ONE, "HSET", "one", "f", "v");
            expect(c, bulk("f"), "HRANDFIELD", "one");
            expect(c, bulks("f", "f", "f"), "HRANDFIELD", "one", "-3");
            expect(c, bulks("f", "v", "f", "v"), "HRANDFIELD", "one", "-2", "WITHVALUES");
            expect(c, bulks("f", "v"), "HRANDFIELD", "one", "1", "WITHVALUES");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void randomFieldsFollowTheCountRules(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "16");
            for (String key : new String[] {"small", "large"}) {
                int size = key.equals("small") ? 10 : 60;
                Map<String, String> model = new HashMap<>();
                for (int i = 0; i < size; i++) {
                    call(c, "HSET", key, "f" + i, "v" + i);
                    model.put("f" + i, "v" + i);
                }
                expect(c, key.equals("small") ? LISTPACK : HASHTABLE, "OBJECT", "ENCODING", key);
                for (int round = 0; round < 20; round++) {
                    for (int count : new int[] {1, 3, size / 2, size - 1, size, size + 5}) {
                        List<String> distinct = strings(c, "HRANDFIELD", key, Integer.toString(count));
                        assertThat(distinct).hasSize(Math.min(count, size)).doesNotHaveDuplicates();
                        assertThat(model.keySet()).containsAll(distinct);
                        List<String> repeated = strings(c, "HRANDFIELD", key, Integer.toString(-count), "WITHVALUES");
                        assertThat(repeated).hasSize(2 * count);
                        for (int i = 0; i < repeated.size(); i += 2) {
                            assertThat(model).containsEntry(repeated.get(i), repeated.get(i + 1));
                        }
                        List<String> pairs = strings(c, "HRANDFIELD", key, Integer.toString(count), "WITHVALUES");
                        assertThat(pairs).hasSize(2 * Math.min(count, size));
                        Set<String> fields = new HashSet<>();
                        for (int i = 0; i < pairs.size(); i += 2) {
                            assertThat(model).containsEntry(pairs.get(i), pairs.get(i + 1));
                            assertThat(fields.add(pairs.get(i))).isTrue();
                        }
                    }
                }
                // Every field comes up sooner or later.
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < 2000 && seen.size() < size; i++) {
                    seen.add(strings(c, "HRANDFIELD", key, "-5").get(0));
                }
                assertThat(seen).isEqualTo(model.keySet());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp3Replies(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(2), "HSET", "h", "a", "1", "b", "2");
            call(c, "HELLO", "3");
            expect(c, "%2\r\n" + bulk("a") + bulk("1") + bulk("b") + bulk("2"), "HGETALL", "h");
            expect(c, "%0\r\n", "HGETALL", "missing");
            expect(c, bulks("a", "b"), "HKEYS", "h");
            expect(c, NIL3, "HGET", "h", "zz");
            expect(c, array(bulk("1"), NIL3), "HMGET", "h", "a", "zz");
            expect(c, NIL3, "HRANDFIELD", "missing");
            expect(c, array(array(bulk("a"), bulk("1")), array(bulk("b"), bulk("2"))), "HRANDFIELD", "h", "2",
                    "WITHVALUES");
            expect(c, ONE, "HSET", "one", "f", "v");
            expect(c, array(array(bulk("f"), bulk("v")), array(bulk("f"), bulk("v"))), "HRANDFIELD", "one", "-2",
                    "WITHVALUES");
            expect(c, array(bulk("f"), bulk("f")), "HRANDFIELD", "one", "-2");
            expect(c, array(bulk("0"), bulks("a", "1", "b", "2")), "HSCAN", "h", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void scanAListpackInOneCall(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(4), "HSET", "h", "a", "1", "b", "2", "ab", "3", "10", "x");
            String all = array(bulk("0"), bulks("a", "1", "b", "2", "ab", "3", "10", "x"));
            expect(c, all, "HSCAN", "h", "0");
            // Whatever the cursor, a listpack is returned whole.
            expect(c, all, "HSCAN", "h", "5");
            expect(c, all, "HSCAN", "h", "-1");
            expect(c, all, "HSCAN", "h", "0", "COUNT", "1");
            expect(c, all, "HSCAN", "h", "0", "MATCH", "*", "count", "2", "COUNT", "1");
            expect(c, array(bulk("0"), bulks("a", "1", "ab", "3")), "HSCAN", "h", "0", "MATCH", "a*");
            expect(c, array(bulk("0"), bulks("10", "x")), "HSCAN", "h", "0", "match", "1?");
            expect(c, array(bulk("0"), EMPTY_ARRAY), "HSCAN", "h", "0", "MATCH", "nomatch");
            expect(c, array(bulk("0"), EMPTY_ARRAY), "HSCAN", "missing", "0");
            // Options are checked only when the hash exists.
            expect(c, array(bulk("0"), EMPTY_ARRAY), "HSCAN", "missing", "0", "FOO");
            expect(c, SYNTAX, "HSCAN", "h", "0", "COUNT", "0");
            expect(c, NOT_INTEGER, "HSCAN", "h", "0", "COUNT", "x");
            expect(c, SYNTAX, "HSCAN", "h", "0", "MATCH");
            expect(c, SYNTAX, "HSCAN", "h", "0", "TYPE", "string");
            expect(c, SYNTAX, "HSCAN", "h", "0", "FOO", "bar");
            expect(c, error("ERR invalid cursor"), "HSCAN", "h", "x");
            expect(c, error("ERR invalid cursor"), "HSCAN", "h", "18446744073709551616");
            expect(c, error("ERR invalid cursor"), "HSCAN", "missing", " 1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void scanAHashtableWithACursor(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "8");
            Map<String, String> model = new HashMap<>();
            for (int i = 0; i < 500; i++) {
                call(c, "HSET", "h", "field:" + i, "value:" + i);
                model.put("field:" + i, "value:" + i);
            }
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "h");
            for (String count : new String[] {"1", "10", "100", "1000"}) {
                Map<String, String> seen = new HashMap<>();
                String cursor = "0";
                int calls = 0;
                do {
                    List<RespValue> parts = ((RespValue.Aggregate) c.call(RespConnection.args("HSCAN", "h", cursor,
                            "COUNT", count))).elements();
                    cursor = new String(((RespValue.Bulk) parts.get(0)).bytes());
                    List<String> items = strings(parts.get(1));
                    assertThat(items.size() % 2).isZero();
                    for (int i = 0; i < items.size(); i += 2) {
                        seen.put(items.get(i), items.get(i + 1));
                    }
                    assertThat(++calls).isLessThan(10_000);
                } while (!cursor.equals("0"));
                assertThat(seen).as("COUNT " + count).isEqualTo(model);
            }
            List<String> matched = new ArrayList<>();
            String cursor = "0";
            do {
                List<RespValue> parts = ((RespValue.Aggregate) c.call(RespConnection.args("HSCAN", "h", cursor,
                        "MATCH", "field:1?"))).elements();
                cursor = new String(((RespValue.Bulk) parts.get(0)).bytes());
                matched.addAll(strings(parts.get(1)));
            } while (!cursor.equals("0"));
            Set<String> fields = new HashSet<>();
            for (int i = 0; i < matched.size(); i += 2) {
                fields.add(matched.get(i));
                assertThat(matched.get(i + 1)).isEqualTo(model.get(matched.get(i)));
            }
            assertThat(fields).hasSize(10).allMatch(f -> f.matches("field:1\\d"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void digestsAreRedisOwn(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "HSET", "h", "a", "1", "b", "two", "-17", "9223372036854775807");
            expect(c, array(status("7d1bda38c6512e47a2bab47a51fef647360db2a9")), "DEBUG", "DIGEST-VALUE", "h");
            // The same pairs in another order and encoding give the same digest.
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "1");
            expect(c, integer(3), "HSET", "g", "-17", "9223372036854775807", "b", "two", "a", "1");
            expect(c, HASHTABLE, "OBJECT", "ENCODING", "g");
            expect(c, array(status("7d1bda38c6512e47a2bab47a51fef647360db2a9")), "DEBUG", "DIGEST-VALUE", "g");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void debugObjectGivesTheRdbSize(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "HSET", "small", "a", "1", "b", "hello", "c", "12345678901");
            assertThat(FamilyTarget.call(c, "DEBUG", "OBJECT", "small")).contains(" encoding:listpack serializedlength:36 ");
            expect(c, OK, "CONFIG", "SET", "hash-max-listpack-entries", "2");
            expect(c, integer(4), "HSET", "big", "a", "1", "b", "hello", "c", "12345678901", "d", "xxxxxxxxxxxxxxxxxx");
            assertThat(FamilyTarget.call(c, "DEBUG", "OBJECT", "big")).contains(" encoding:hashtable serializedlength:48 ");
        }
    }

    private static String status(String text) {
        return "+" + text + "\r\n";
    }
}
