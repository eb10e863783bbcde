package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY;
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
import static dev.cinnabar.server.family.FamilyTarget.integerOf;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The string commands (GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX MGET MSET MSETNX APPEND
 * STRLEN GETRANGE SUBSTR SETRANGE INCR DECR INCRBY DECRBY INCRBYFLOAT LCS) through raw RESP, with
 * exact replies. Every case runs against Cinnabar and against a real redis-server, which proves the
 * expected replies are Redis's own.
 */
class StringCommandsTest extends FamilyTestBase {
    private static final String FAR_SECONDS = "4102444800"; // 2100-01-01T00:00:00Z
    private static final String FAR_MILLIS = "4102444800123";

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void getAndSetAreBinarySafe(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, NIL, "GET", "k");
            expect(c, OK, "SET", "k", "hello");
            expect(c, bulk("hello"), "GET", "k");
            expect(c, OK, "SET", "k", "world");
            expect(c, bulk("world"), "GET", "k");
            expect(c, OK, "SET", "k", "");
            expect(c, EMPTY, "GET", "k");
            expect(c, ONE, "EXISTS", "k");
            String binary = "a\u0000b\r\nc\u00ff\u0080";
            expect(c, OK, "SET", "bin\u0000\u00ff", binary);
            expect(c, bulk(binary), "GET", "bin\u0000\u00ff");
            expect(c, OK, "SET", "", "empty key");
            expect(c, bulk("empty key"), "GET", "");
            // Integers come back as the text they were sent as.
            expect(c, OK, "SET", "n", "-9223372036854775808");
            expect(c, bulk("-9223372036854775808"), "GET", "n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setNxXxAndGet(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v1", "NX");
            expect(c, NIL, "SET", "k", "v2", "NX");
            expect(c, bulk("v1"), "GET", "k");
            expect(c, NIL, "SET", "missing", "v", "XX");
            expect(c, ZERO, "EXISTS", "missing");
            expect(c, OK, "SET", "k", "v3", "XX");
            expect(c, bulk("v3"), "GET", "k");
            // GET returns the old value (nil when there was none) instead of OK.
            expect(c, bulk("v3"), "SET", "k", "v4", "GET");
            expect(c, NIL, "SET", "fresh", "v", "GET");
            expect(c, bulk("v"), "GET", "fresh");
            // With NX/XX, GET still answers the old value, whether or not the write happens.
            expect(c, bulk("v4"), "SET", "k", "v5", "NX", "GET");
            expect(c, bulk("v4"), "GET", "k");
            expect(c, NIL, "SET", "new", "v", "NX", "GET");
            expect(c, bulk("v"), "GET", "new");
            expect(c, NIL, "SET", "absent", "v", "XX", "GET");
            expect(c, ZERO, "EXISTS", "absent");
            expect(c, bulk("v4"), "SET", "k", "v6", "GET", "XX");
            expect(c, bulk("v6"), "GET", "k");
            // Options are case-insensitive and may repeat.
            expect(c, NIL, "set", "k", "v", "nX");
            expect(c, bulk("v6"), "SET", "k", "v7", "gEt", "get");
            expect(c, NIL, "SET", "k", "v", "NX", "NX");
            expect(c, OK, "SET", "k", "v8", "XX", "xx");
            expect(c, OK, "SET", "k", "v9", "EX", "100", "EX", "200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setOptionConflictsAndBadExpireTimes(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v");
            for (List<String> options : List.of(
                    List.of("NX", "XX"), List.of("XX", "NX"), List.of("EX", "10", "PX", "10"),
                    List.of("EX", "10", "EXAT", FAR_SECONDS), List.of("PX", "10", "PXAT", FAR_MILLIS),
                    List.of("EXAT", FAR_SECONDS, "PXAT", FAR_MILLIS), List.of("KEEPTTL", "EX", "10"),
                    List.of("EX", "10", "KEEPTTL"), List.of("PXAT", FAR_MILLIS, "KEEPTTL"), List.of("PERSIST"),
                    List.of("EX"), List.of("PX"), List.of("NX", "EXAT"), List.of("FOO"), List.of("GET", "FOO"),
                    List.of("EX", "10", "10"))) {
                String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("SET", "k", "x"),
                        options.stream()).toArray(String[]::new);
                expect(c, SYNTAX, command);
            }
            expect(c, NOT_INTEGER, "SET", "k", "x", "EX", "abc");
            expect(c, NOT_INTEGER, "SET", "k", "x", "PX", "1.5");
            expect(c, NOT_INTEGER, "SET", "k", "x", "EXAT", "");
            String invalid = error("ERR invalid expire time in 'set' command");
            expect(c, invalid, "SET", "k", "x", "EX", "0");
            expect(c, invalid, "SET", "k", "x", "EX", "-1");
            expect(c, invalid, "SET", "k", "x", "PX", "0");
            expect(c, invalid, "SET", "k", "x", "EXAT", "0");
            expect(c, invalid, "SET", "k", "x", "PXAT", "-5");
            // Overflow: seconds times 1000, or now plus the relative time.
            expect(c, invalid, "SET", "k", "x", "EX", "9223372036854776");
            expect(c, invalid, "SET", "k", "x", "EX", "9223372036854775807");
            expect(c, invalid, "SET", "k", "x", "PX", "9223372036854775807");
            expect(c, invalid, "SET", "missing", "x", "EX", "0");
            expect(c, invalid, "SET", "k", "x", "NX", "GET", "EX", "-3");
            // None of the failed commands wrote anything.
            expect(c, bulk("v"), "GET", "k");
            expect(c, ZERO, "EXISTS", "missing");
            // The largest EXAT that fits in milliseconds is accepted.
            expect(c, OK, "SET", "k", "x", "EXAT", "9223372036854775");
            expect(c, integer(9223372036854775000L), "PEXPIRETIME", "k");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setExpireOptionsAndKeepTtl(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v", "EXAT", FAR_SECONDS);
            expect(c, integer(4102444800000L), "PEXPIRETIME", "k");
            expect(c, integer(4102444800L), "EXPIRETIME", "k");
            expect(c, OK, "SET", "k", "v", "PXAT", FAR_MILLIS);
            expect(c, integer(4102444800123L), "PEXPIRETIME", "k");
            assertThat(integerOf(c, "TTL", "k")).isPositive();
            // KEEPTTL keeps the expire time, with or without GET; a plain SET clears it.
            expect(c, OK, "SET", "k", "v2", "KEEPTTL");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "k");
            expect(c, bulk("v2"), "SET", "k", "v3", "GET", "KEEPTTL");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "k");
            expect(c, bulk("v3"), "SET", "k", "v4", "GET");
            expect(c, integer(-1), "PEXPIRETIME", "k");
            expect(c, integer(-1), "TTL", "k");
            expect(c, OK, "SET", "k", "v", "PXAT", FAR_MILLIS);
            expect(c, OK, "SET", "k", "v5");
            expect(c, integer(-1), "PTTL", "k");
            // KEEPTTL on a key without expire, and on a new key, sets none.
            expect(c, OK, "SET", "k", "v6", "KEEPTTL");
            expect(c, integer(-1), "TTL", "k");
            expect(c, OK, "SET", "other", "v", "KEEPTTL");
            expect(c, integer(-1), "TTL", "other");
            // Relative times (the remaining time only shrinks, so it is at most what was set).
            expect(c, OK, "SET", "k", "v", "EX", "1000000");
            assertThat(integerOf(c, "TTL", "k")).isBetween(999_000L, 1_000_000L);
            expect(c, OK, "SET", "k", "v", "PX", "1000000000");
            assertThat(integerOf(c, "PTTL", "k")).isBetween(999_000_000L, 1_000_000_000L);
            // An overwrite with a new expire replaces the old one.
            expect(c, OK, "SET", "k", "v", "EXAT", FAR_SECONDS, "XX");
            expect(c, integer(4102444800000L), "PEXPIRETIME", "k");
            // An absolute time in the past stores and at once expires the key.
            expect(c, OK, "SET", "k", "v", "EXAT", "1");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, OK, "SET", "k", "old");
            expect(c, bulk("old"), "SET", "k", "new", "PXAT", "1", "GET");
            expect(c, NIL, "GET", "k");
            // XX with an expire on a missing key does nothing.
            expect(c, NIL, "SET", "absent", "v", "XX", "EX", "100");
            expect(c, integer(-2), "TTL", "absent");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setnxSetexAndPsetex(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, ONE, "SETNX", "k", "v1");
            expect(c, ZERO, "SETNX", "k", "v2");
            expect(c, bulk("v1"), "GET", "k");
            expect(c, OK, "SETEX", "k", "1000000", "v3");
            expect(c, bulk("v3"), "GET", "k");
            assertThat(integerOf(c, "TTL", "k")).isBetween(999_000L, 1_000_000L);
            // SETNX does not touch the TTL of the key it refuses to overwrite.
            expect(c, ZERO, "SETNX", "k", "v4");
            assertThat(integerOf(c, "TTL", "k")).isPositive();
            expect(c, OK, "PSETEX", "p", "1000000000", "v");
            assertThat(integerOf(c, "PTTL", "p")).isBetween(999_000_000L, 1_000_000_000L);
            for (String bad : List.of("0", "-5", "9223372036854775807")) {
                expect(c, error("ERR invalid expire time in 'setex' command"), "SETEX", "k", bad, "v");
                expect(c, error("ERR invalid expire time in 'psetex' command"), "PSETEX", "k", bad, "v");
            }
            expect(c, error("ERR invalid expire time in 'setex' command"), "SETEX", "k", "9223372036854776", "v");
            expect(c, NOT_INTEGER, "SETEX", "k", "abc", "v");
            expect(c, NOT_INTEGER, "PSETEX", "k", "1.5", "v");
            expect(c, bulk("v3"), "GET", "k");
            expect(c, wrongArity("setex"), "SETEX", "k", "10");
            expect(c, wrongArity("psetex"), "PSETEX", "k", "10", "v", "extra");
            expect(c, wrongArity("setnx"), "SETNX", "k");
        }
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void getsetAndGetdel(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, NIL, "GETSET", "k", "v1");
            expect(c, bulk("v1"), "GET", "k");
            expect(c, OK, "SET", "k", "v1", "PXAT", FAR_MILLIS);
            // GETSET replaces the value and, like SET, drops the expire time.
            expect(c, bulk("v1"), "GETSET", "k", "v2");
            expect(c, integer(-1), "TTL", "k");
            expect(c, bulk("v2"), "GETSET", "k", "123");
            expect(c, bulk("int"), "OBJECT", "ENCODING", "k");
            expect(c, bulk("123"), "GETDEL", "k");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, NIL, "GETDEL", "k");
            expect(c, NIL, "GETDEL", "never");
            expect(c, wrongArity("getset"), "GETSET", "k");
            expect(c, wrongArity("getdel"), "GETDEL", "k", "v");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void getexChangesOrRemovesTheExpireTime(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, NIL, "GETEX", "k");
            expect(c, NIL, "GETEX", "k", "PERSIST");
            expect(c, OK, "SET", "k", "v");
            expect(c, bulk("v"), "GETEX", "k");
            expect(c, integer(-1), "TTL", "k");
            expect(c, bulk("v"), "GETEX", "k", "EX", "1000000");
            assertThat(integerOf(c, "TTL", "k")).isBetween(999_000L, 1_000_000L);
            expect(c, bulk("v"), "GETEX", "k", "PX", "1000000000");
            assertThat(integerOf(c, "PTTL", "k")).isBetween(999_000_000L, 1_000_000_000L);
            expect(c, bulk("v"), "GETEX", "k", "EXAT", FAR_SECONDS);
            expect(c, integer(4102444800000L), "PEXPIRETIME", "k");
            expect(c, bulk("v"), "GETEX", "k", "pxat", FAR_MILLIS);
            expect(c, integer(4102444800123L), "PEXPIRETIME", "k");
            // Without options GETEX leaves the expire time alone.
            expect(c, bulk("v"), "GETEX", "k");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "k");
            expect(c, bulk("v"), "GETEX", "k", "PERSIST");
            expect(c, integer(-1), "PEXPIRETIME", "k");
            expect(c, bulk("v"), "GETEX", "k", "PERSIST", "persist");
            expect(c, bulk("v"), "GETEX", "k", "EX", "10", "EX", "1000");
            // An absolute time in the past answers the value and deletes the key.
            expect(c, bulk("v"), "GETEX", "k", "EXAT", "1");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, OK, "SET", "k", "w");
            expect(c, bulk("w"), "GETEX", "k", "PXAT", "1000");
            expect(c, NIL, "GET", "k");
            // Option errors come before the lookup; the expire value is checked only for an existing key.
            expect(c, OK, "SET", "k", "v");
            for (List<String> options : List.of(List.of("PERSIST", "EX", "10"), List.of("EX", "10", "PERSIST"),
                    List.of("KEEPTTL"), List.of("NX"), List.of("GET"), List.of("FOO"), List.of("EX"),
                    List.of("EX", "10", "PX", "10"))) {
                String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("GETEX", "k"),
                        options.stream()).toArray(String[]::new);
                expect(c, SYNTAX, command);
                command[1] = "missing";
                expect(c, SYNTAX, command);
            }
            expect(c, NIL, "GETEX", "missing", "EX", "abc");
            expect(c, NIL, "GETEX", "missing", "EX", "0");
            expect(c, NOT_INTEGER, "GETEX", "k", "EX", "abc");
            String invalid = error("ERR invalid expire time in 'getex' command");
            expect(c, invalid, "GETEX", "k", "EX", "0");
            expect(c, invalid, "GETEX", "k", "PXAT", "-1");
            expect(c, invalid, "GETEX", "k", "EX", "9223372036854775807");
            expect(c, integer(-1), "TTL", "k");
            expect(c, wrongArity("getex"), "GETEX");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void msetMgetAndMsetnx(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "MSET", "a", "1", "b", "two", "c", "");
            expect(c, array(bulk("1"), bulk("two"), EMPTY, NIL, bulk("1")), "MGET", "a", "b", "c", "missing", "a");
            expect(c, array(NIL), "MGET", "missing");
            // The last of repeated keys wins; MSET drops expire times like SET.
            expect(c, OK, "SET", "a", "x", "PXAT", FAR_MILLIS);
            expect(c, OK, "MSET", "a", "first", "a", "second");
            expect(c, bulk("second"), "GET", "a");
            expect(c, integer(-1), "TTL", "a");
            // MSETNX writes all or nothing.
            expect(c, ZERO, "MSETNX", "new1", "v", "a", "v", "new2", "v");
            expect(c, integer(0), "EXISTS", "new1", "new2");
            expect(c, ONE, "MSETNX", "new1", "v1", "new2", "v2", "new1", "v3");
            expect(c, bulks("v3", "v2"), "MGET", "new1", "new2");
            expect(c, wrongArity("mset"), "MSET", "a", "1", "b");
            expect(c, wrongArity("mset"), "MSET", "a");
            expect(c, wrongArity("msetnx"), "MSETNX", "a", "1", "b");
            expect(c, wrongArity("mget"), "MGET");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void appendAndStrlen(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, ZERO, "STRLEN", "k");
            expect(c, integer(5), "APPEND", "k", "Hello");
            expect(c, integer(11), "APPEND", "k", " World");
            expect(c, bulk("Hello World"), "GET", "k");
            expect(c, integer(11), "STRLEN", "k");
            expect(c, integer(11), "APPEND", "k", "");
            // APPEND of nothing to a missing key still creates it, empty.
            expect(c, ZERO, "APPEND", "e", "");
            expect(c, ONE, "EXISTS", "e");
            expect(c, EMPTY, "GET", "e");
            // The length of an integer is the length of its decimal text.
            expect(c, OK, "SET", "n", "-12345");
            expect(c, integer(6), "STRLEN", "n");
            expect(c, integer(7), "APPEND", "n", "6");
            expect(c, bulk("-123456"), "GET", "n");
            // APPEND keeps the expire time.
            expect(c, OK, "SET", "t", "a", "PXAT", FAR_MILLIS);
            expect(c, integer(2), "APPEND", "t", "b");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "t");
            expect(c, ZERO, "STRLEN", "bin");
            expect(c, integer(3), "APPEND", "bin", "\u0000\r\n");
            expect(c, integer(3), "STRLEN", "bin");
            expect(c, wrongArity("append"), "APPEND", "k");
            expect(c, wrongArity("strlen"), "STRLEN", "k", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void getrangeAndSubstr(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "This is a string");
            expect(c, bulk("This"), "GETRANGE", "k", "0", "3");
            expect(c, bulk("ing"), "GETRANGE", "k", "-3", "-1");
            expect(c, bulk("This is a string"), "GETRANGE", "k", "0", "-1");
            expect(c, bulk("string"), "GETRANGE", "k", "10", "100");
            expect(c, bulk("is a"), "SUBSTR", "k", "5", "8");
            expect(c, EMPTY, "GETRANGE", "k", "5", "2");
            expect(c, EMPTY, "GETRANGE", "k", "-1", "-5");
            expect(c, EMPTY, "GETRANGE", "k", "16", "20");
            expect(c, bulk("g"), "GETRANGE", "k", "15", "15");
            // Redis 7.0 clamps a negative end below the start of the string to 0, so one byte comes back.
            expect(c, bulk("T"), "GETRANGE", "k", "0", "-100");
            expect(c, bulk("T"), "GETRANGE", "k", "-100", "-100");
            expect(c, bulk("This is a string"), "GETRANGE", "k", "-100", "100");
            expect(c, bulk("This is a string"), "GETRANGE", "k", "-9223372036854775808", "9223372036854775807");
            expect(c, bulk("T"), "GETRANGE", "k", "0", "-9223372036854775808");
            expect(c, OK, "SET", "n", "12345");
            expect(c, bulk("234"), "GETRANGE", "n", "1", "3");
            expect(c, bulk("5"), "GETRANGE", "n", "-1", "-1");
            expect(c, OK, "SET", "e", "");
            expect(c, EMPTY, "GETRANGE", "e", "0", "-1");
            expect(c, EMPTY, "GETRANGE", "e", "0", "0");
            expect(c, EMPTY, "GETRANGE", "missing", "0", "-1");
            expect(c, NOT_INTEGER, "GETRANGE", "k", "0", "1.5");
            expect(c, NOT_INTEGER, "GETRANGE", "missing", "a", "b");
            expect(c, NOT_INTEGER, "GETRANGE", "k", "0", "9223372036854775808");
            expect(c, wrongArity("getrange"), "GETRANGE", "k", "0");
            expect(c, wrongArity("substr"), "SUBSTR", "k", "0", "1", "2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setrange(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "Hello World");
            expect(c, integer(11), "SETRANGE", "k", "6", "Redis");
            expect(c, bulk("Hello Redis"), "GET", "k");
            expect(c, integer(14), "SETRANGE", "k", "10", "sXYZ");
            expect(c, bulk("Hello RedisXYZ"), "GET", "k");
            // Missing bytes are zeros.
            expect(c, integer(6), "SETRANGE", "z", "5", "x");
            expect(c, bulk("\u0000\u0000\u0000\u0000\u0000x"), "GET", "z");
            // Writing nothing creates nothing and grows nothing, even past the end or the limit.
            expect(c, ZERO, "SETRANGE", "none", "0", "");
            expect(c, ZERO, "EXISTS", "none");
            expect(c, integer(14), "SETRANGE", "k", "100", "");
            expect(c, integer(14), "SETRANGE", "k", "9999999999", "");
            expect(c, ZERO, "SETRANGE", "none", "9999999999", "");
            expect(c, integer(14), "STRLEN", "k");
            // An integer is rewritten as text.
            expect(c, OK, "SET", "n", "123");
            expect(c, integer(3), "SETRANGE", "n", "1", "9");
            expect(c, bulk("193"), "GET", "n");
            // SETRANGE keeps the expire time.
            expect(c, OK, "SET", "t", "abc", "PXAT", FAR_MILLIS);
            expect(c, integer(3), "SETRANGE", "t", "0", "x");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "t");
            expect(c, error("ERR offset is out of range"), "SETRANGE", "k", "-1", "x");
            expect(c, error("ERR offset is out of range"), "SETRANGE", "none", "-1", "");
            expect(c, NOT_INTEGER, "SETRANGE", "k", "abc", "x");
            expect(c, error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"),
                    "SETRANGE", "k", "536870912", "x");
            expect(c, error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"),
                    "SETRANGE", "none", "536870911", "xy");
            expect(c, ZERO, "EXISTS", "none");
            expect(c, wrongArity("setrange"), "SETRANGE", "k", "0");
        }
    }

    /** proto-max-bulk-len bounds the strings APPEND, SETRANGE and SETBIT may build, and LCS's table (1mb here). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cinnabar", "redis"})
    void stringsMayNotGrowBeyondProtoMaxBulkLen(String kind) {
        FamilyTarget t = FamilyTarget.of(kind, "proto-max-bulk-len", "1mb");
        try (RespConnection c = t.connect()) {
            String tooLong = error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
            String half = "x".repeat(512 * 1024);
            expect(c, OK, "SET", "k", half);
            expect(c, integer(1024 * 1024), "APPEND", "k", half);
            expect(c, tooLong, "APPEND", "k", "y");
            expect(c, integer(1024 * 1024), "STRLEN", "k");
            expect(c, integer(1024 * 1024), "SETRANGE", "k", "1048575", "z");
            expect(c, tooLong, "SETRANGE", "k", "1048576", "z");
            expect(c, tooLong, "SETRANGE", "k", "1048575", "zz");
            expect(c, tooLong, "SETRANGE", "new", "1048576", "z");
            expect(c, integer(1024 * 1024), "SETRANGE", "new", "1048575", "z");
            expect(c, ZERO, "SETBIT", "bits", "8388607", "1");
            expect(c, error("ERR bit offset is not an integer or out of range"), "SETBIT", "bits", "8388608", "1");
            expect(c, integer(1024 * 1024), "STRLEN", "bits");
            // LCS's table of (len1 + 1) * (len2 + 1) 32-bit cells must fit in proto-max-bulk-len too.
            expect(c, OK, "MSET", "a", "x".repeat(511), "b", "y".repeat(511));
            expect(c, ZERO, "LCS", "a", "b", "LEN");
            expect(c, OK, "MSET", "a", "x".repeat(512), "b", "y".repeat(512));
            expect(c, error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"),
                    "LCS", "a", "b");
        } finally {
            t.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void incrAndDecr(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, ONE, "INCR", "n");
            expect(c, integer(11), "INCRBY", "n", "10");
            expect(c, integer(6), "DECRBY", "n", "5");
            expect(c, integer(5), "DECR", "n");
            expect(c, integer(-5), "DECRBY", "n", "10");
            expect(c, integer(-7), "INCRBY", "n", "-2");
            expect(c, integer(-1), "DECR", "missing");
            expect(c, bulk("-7"), "GET", "n");
            expect(c, NOT_INTEGER, "INCRBY", "n", "abc");
            expect(c, NOT_INTEGER, "INCRBY", "n", "1.5");
            expect(c, NOT_INTEGER, "INCRBY", "n", "9223372036854775808");
            expect(c, NOT_INTEGER, "DECRBY", "n", "");
            // Only the canonical decimal form of a 64-bit integer counts as one.
            for (String notAnInteger : List.of("abc", "+5", " 5", "5 ", "05", "-0", "1.0", "1e3", "",
                    "9223372036854775808", "0x10")) {
                expect(c, OK, "SET", "s", notAnInteger);
                expect(c, NOT_INTEGER, "INCR", "s");
                expect(c, NOT_INTEGER, "DECRBY", "s", "1");
                expect(c, bulk(notAnInteger), "GET", "s");
            }
            expect(c, OK, "SET", "max", "9223372036854775807");
            expect(c, error("ERR increment or decrement would overflow"), "INCR", "max");
            expect(c, error("ERR increment or decrement would overflow"), "INCRBY", "max", "1");
            expect(c, integer(9223372036854775806L), "INCRBY", "max", "-1");
            expect(c, OK, "SET", "min", "-9223372036854775808");
            expect(c, error("ERR increment or decrement would overflow"), "DECR", "min");
            expect(c, error("ERR increment or decrement would overflow"), "INCRBY", "min", "-9223372036854775808");
            expect(c, error("ERR increment or decrement would overflow"), "DECRBY", "min", "9223372036854775807");
            expect(c, error("ERR decrement would overflow"), "DECRBY", "min", "-9223372036854775808");
            expect(c, error("ERR decrement would overflow"), "DECRBY", "zero", "-9223372036854775808");
            expect(c, ZERO, "EXISTS", "zero");
            expect(c, integer(-1), "INCRBY", "min", "9223372036854775807");
            // The counters keep their expire time.
            expect(c, OK, "SET", "t", "5", "PXAT", FAR_MILLIS);
            expect(c, integer(6), "INCR", "t");
            expect(c, integer(16), "INCRBY", "t", "10");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "t");
            expect(c, wrongArity("incr"), "INCR");
            expect(c, wrongArity("incrby"), "INCRBY", "n");
            expect(c, wrongArity("decrby"), "DECRBY", "n", "1", "2");
            expect(c, wrongArity("decr"), "DECR", "n", "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void incrbyfloatFormatsLikeRedis(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "f", "10.50");
            expect(c, bulk("10.6"), "INCRBYFLOAT", "f", "0.1");
            expect(c, bulk("5.6"), "INCRBYFLOAT", "f", "-5");
            expect(c, bulk("5.6"), "GET", "f");
            expect(c, OK, "SET", "f", "5.0e3");
            expect(c, bulk("5200"), "INCRBYFLOAT", "f", "2.0e2");
            expect(c, OK, "SET", "f", "3.0e3");
            expect(c, bulk("3000"), "INCRBYFLOAT", "f", "0");
            expect(c, OK, "SET", "f", "5.0e+2");
            expect(c, bulk("500"), "INCRBYFLOAT", "f", "0");
            expect(c, bulk("500.5"), "INCRBYFLOAT", "f", "0.5");
            expect(c, bulk("0"), "INCRBYFLOAT", "f", "-500.5");
            expect(c, bulk("100000000000000000000"), "INCRBYFLOAT", "f", "1e20");
            expect(c, bulk("0.1"), "INCRBYFLOAT", "g", "0.1");
            expect(c, bulk("0.3"), "INCRBYFLOAT", "g", "0.2");
            expect(c, bulk("0.00001"), "INCRBYFLOAT", "h", "1.0e-5");
            expect(c, bulk("16.00001"), "INCRBYFLOAT", "h", "0x10");
            expect(c, bulk("0"), "INCRBYFLOAT", "z", "-0.0");
            expect(c, bulk("100000000000000000"), "INCRBYFLOAT", "big", "1e17");
            expect(c, bulk("0.01"), "INCRBYFLOAT", "small", "0.1e-1");
            expect(c, bulk("0.01000000000000001"), "INCRBYFLOAT", "small", "1e-17");
            // Seventeen significant digits of a long double.
            expect(c, OK, "SET", "p", "1.5");
            expect(c, bulk("2.73456789012345679"), "INCRBYFLOAT", "p", "1.23456789012345678901234");
            expect(c, bulk("2.73456789012345679"), "INCRBYFLOAT", "p", "-1e-20");
            // Integers work, and the result stays a plain decimal.
            expect(c, OK, "SET", "i", "7");
            expect(c, bulk("10"), "INCRBYFLOAT", "i", "3");
            expect(c, bulk("7.5"), "INCRBYFLOAT", "i", "-2.5");
            // The keyspace keeps the expire time.
            expect(c, OK, "SET", "t", "1", "PXAT", FAR_MILLIS);
            expect(c, bulk("1.5"), "INCRBYFLOAT", "t", "0.5");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "t");
            // Errors: not a float (value or increment), NaN or infinity.
            for (String notAFloat : List.of("abc", "nan", " 1", "1 ", "", "1.5.5", "1,5")) {
                expect(c, NOT_FLOAT, "INCRBYFLOAT", "g", notAFloat);
                expect(c, OK, "SET", "s", notAFloat);
                expect(c, NOT_FLOAT, "INCRBYFLOAT", "s", "1");
            }
            expect(c, bulk("0.3"), "GET", "g");
            String nanOrInfinity = error("ERR increment would produce NaN or Infinity");
            expect(c, nanOrInfinity, "INCRBYFLOAT", "g", "inf");
            expect(c, nanOrInfinity, "INCRBYFLOAT", "g", "-inf");
            expect(c, OK, "SET", "s", "+inf");
            expect(c, nanOrInfinity, "INCRBYFLOAT", "s", "1");
            expect(c, nanOrInfinity, "INCRBYFLOAT", "s", "-inf");
            expect(c, bulk("+inf"), "GET", "s");
            expect(c, wrongArity("incrbyfloat"), "INCRBYFLOAT", "g");
        }
    }

    /**
     * INCRBYFLOAT computes in an x87 long double (64-bit mantissa, exponent up to 16383) and prints
     * "%.17Lf" without trailing zeros: every digit of a huge result shows.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void incrbyfloatUsesLongDoubleRangeAndPrecision(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "h", "1e308");
            expect(c, bulk(TWICE_1E308), "INCRBYFLOAT", "h", "1e308");
            expect(c, bulk(ONE_E400), "INCRBYFLOAT", "g", "1e400");
            String huge = call(c, "INCRBYFLOAT", "z", "1e4000");
            assertThat(huge).startsWith("$4000\r\n99999999999999999999654638730996237849")
                    .hasSize("$4000\r\n".length() + 4000 + 2);
            expect(c, bulk("123456789.12345678899873747"), "INCRBYFLOAT", "w", "123456789.123456789");
            expect(c, bulk("0.00000000000000001"), "INCRBYFLOAT", "tiny", "1e-17");
            expect(c, bulk("0"), "INCRBYFLOAT", "tinier", "-0.000000000000000001");
            expect(c, bulk("12345678901234567890"), "INCRBYFLOAT", "wide", "12345678901234567890");
            expect(c, OK, "SET", "one", "1");
            expect(c, bulk("1"), "INCRBYFLOAT", "one", "1e-4940");
            expect(c, bulk("1"), "INCRBYFLOAT", "one", "0.0000000000000000001");
            // Beyond the long double range: the sum overflows, or the text does not parse at all.
            expect(c, OK, "SET", "max", "1e4932");
            expect(c, error("ERR increment would produce NaN or Infinity"), "INCRBYFLOAT", "max", "1e4932");
            expect(c, NOT_FLOAT, "INCRBYFLOAT", "x", "1e5000");
            expect(c, NOT_FLOAT, "INCRBYFLOAT", "x", "1e-5000");
            expect(c, ZERO, "EXISTS", "x");
        }
    }

    private static final String TWICE_1E308 =
            "19999999999999999999337175931169129132112019969483113441559409598984346973767612"
            + "37442002538437770786408934944501080264463042694991879211671948416288603928375359"
            + "18200039206381557326219209014213335878306791577877829121087126122536729803237260"
            + "434173178506889763247582601711514636284849020905456510092687857156096";

    private static final String ONE_E400 =
            "10000000000000000000281880683947586514586453433629052038625910693539685534008629"
            + "86203936399484832416052209405392731761620029582277725925573402382897659334066101"
            + "77974474345461739178624481166749717237789438243915933380474706750262466844013592"
            + "37513603830343735485505244955964979021825038280091068414947402456898653040951017"
            + "51265809261582758892018347251164331659136266413817630973480634373249743022194688"
            + "0";

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void objectEncodingFollowsTheValue(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            String integerValue = bulk("int");
            String embstr = bulk("embstr");
            String raw = bulk("raw");
            for (String value : List.of("0", "123", "-1", "9223372036854775807", "-9223372036854775808",
                    "-1234567890123456789")) {
                expect(c, OK, "SET", "k", value);
                expect(c, integerValue, "OBJECT", "ENCODING", "k");
            }
            for (String value : List.of("", "abc", "05", "+5", " 5", "1.5", "-0", "9223372036854775808",
                    "12345678901234567890", "x".repeat(44))) {
                expect(c, OK, "SET", "k", value);
                expect(c, embstr, "OBJECT", "ENCODING", "k");
            }
            expect(c, OK, "SET", "k", "x".repeat(45));
            expect(c, raw, "OBJECT", "ENCODING", "k");
            // Every way of storing an integer string encodes it as int.
            expect(c, OK, "SETEX", "a", "1000", "42");
            expect(c, OK, "MSET", "b", "42", "c", "forty-two");
            expect(c, NIL, "GETSET", "d", "42");
            expect(c, ONE, "SETNX", "e", "42");
            for (String key : List.of("a", "b", "d", "e")) {
                expect(c, integerValue, "OBJECT", "ENCODING", key);
            }
            expect(c, embstr, "OBJECT", "ENCODING", "c");
            // In-place edits make a raw string, even a short one or a former integer.
            expect(c, OK, "SET", "s", "ab");
            expect(c, integer(3), "APPEND", "s", "c");
            expect(c, raw, "OBJECT", "ENCODING", "s");
            // APPEND to a missing key stores its argument as SET would.
            expect(c, integer(1), "APPEND", "fresh", "a");
            expect(c, embstr, "OBJECT", "ENCODING", "fresh");
            expect(c, integer(3), "APPEND", "number", "123");
            expect(c, integerValue, "OBJECT", "ENCODING", "number");
            expect(c, integer(4), "APPEND", "number", "4");
            expect(c, raw, "OBJECT", "ENCODING", "number");
            expect(c, OK, "SET", "n", "12");
            expect(c, integer(2), "SETRANGE", "n", "0", "3");
            expect(c, raw, "OBJECT", "ENCODING", "n");
            expect(c, integer(2), "SETRANGE", "r", "1", "x");
            expect(c, raw, "OBJECT", "ENCODING", "r");
            expect(c, OK, "SET", "m", "1");
            expect(c, ZERO, "SETBIT", "m", "6", "1");
            expect(c, raw, "OBJECT", "ENCODING", "m");
            expect(c, bulk("3"), "GET", "m");
            // INCR turns a raw or embstr integer text back into int ...
            expect(c, integer(4), "INCR", "m");
            expect(c, integerValue, "OBJECT", "ENCODING", "m");
            expect(c, integer(33), "INCR", "n");
            expect(c, integerValue, "OBJECT", "ENCODING", "n");
            // ... and INCRBYFLOAT always stores text, even of a whole number.
            expect(c, bulk("4.5"), "INCRBYFLOAT", "m", "0.5");
            expect(c, embstr, "OBJECT", "ENCODING", "m");
            expect(c, bulk("5"), "INCRBYFLOAT", "m", "0.5");
            expect(c, embstr, "OBJECT", "ENCODING", "m");
            expect(c, integer(6), "INCR", "m");
            expect(c, integerValue, "OBJECT", "ENCODING", "m");
            // int to embstr and back by overwriting.
            expect(c, OK, "SET", "m", "six");
            expect(c, embstr, "OBJECT", "ENCODING", "m");
            expect(c, OK, "SET", "m", "6");
            expect(c, integerValue, "OBJECT", "ENCODING", "m");
            expect(c, NIL, "OBJECT", "ENCODING", "missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void objectRefcountOfSharedIntegers(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            String shared = integer(Integer.MAX_VALUE);
            for (String value : List.of("0", "1", "9999")) {
                expect(c, OK, "SET", "k", value);
                expect(c, shared, "OBJECT", "REFCOUNT", "k");
            }
            for (String value : List.of("10000", "-1", "123456", "abc", "x".repeat(50))) {
                expect(c, OK, "SET", "k", value);
                expect(c, ONE, "OBJECT", "REFCOUNT", "k");
            }
            expect(c, OK, "SET", "k", "9998");
            expect(c, integer(9999), "INCR", "k");
            expect(c, shared, "OBJECT", "REFCOUNT", "k");
            expect(c, integer(10000), "INCR", "k");
            expect(c, ONE, "OBJECT", "REFCOUNT", "k");
            expect(c, integer(9999), "DECR", "k");
            expect(c, shared, "OBJECT", "REFCOUNT", "k");
            expect(c, integer(5), "INCRBY", "counter", "5");
            expect(c, shared, "OBJECT", "REFCOUNT", "counter");
            expect(c, NIL, "OBJECT", "REFCOUNT", "missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lcs(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "MSET", "key1", "ohmytext", "key2", "mynewtext");
            expect(c, bulk("mytext"), "LCS", "key1", "key2");
            expect(c, integer(6), "LCS", "key1", "key2", "LEN");
            String match1 = array(array(integer(4), integer(7)), array(integer(5), integer(8)));
            String match2 = array(array(integer(2), integer(3)), array(integer(0), integer(1)));
            expect(c, array(bulk("matches"), array(match1, match2), bulk("len"), integer(6)),
                    "LCS", "key1", "key2", "IDX");
            expect(c, array(bulk("matches"), array(match1), bulk("len"), integer(6)),
                    "LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4");
            String match1WithLength = array(array(integer(4), integer(7)), array(integer(5), integer(8)), integer(4));
            String match2WithLength = array(array(integer(2), integer(3)), array(integer(0), integer(1)), integer(2));
            expect(c, array(bulk("matches"), array(match1WithLength, match2WithLength), bulk("len"), integer(6)),
                    "LCS", "key1", "key2", "IDX", "WITHMATCHLEN");
            expect(c, array(bulk("matches"), array(match1WithLength), bulk("len"), integer(6)),
                    "LCS", "key1", "key2", "IDX", "MINMATCHLEN", "3", "WITHMATCHLEN");
            expect(c, array(bulk("matches"), array(match1, match2), bulk("len"), integer(6)),
                    "LCS", "key1", "key2", "IDX", "MINMATCHLEN", "-5");
            // Missing keys are empty strings; integers are compared as their text.
            expect(c, EMPTY, "LCS", "key1", "missing");
            expect(c, ZERO, "LCS", "missing", "other", "LEN");
            expect(c, array(bulk("matches"), FamilyTarget.EMPTY_ARRAY, bulk("len"), ZERO),
                    "LCS", "missing", "key2", "IDX");
            expect(c, OK, "MSET", "n1", "12345", "n2", "2x4");
            expect(c, bulk("24"), "LCS", "n1", "n2");
            expect(c, bulk("ohmytext"), "LCS", "key1", "key1");
            expect(c, error("ERR If you want both the length and indexes, please just use IDX."),
                    "LCS", "key1", "key2", "LEN", "IDX");
            expect(c, SYNTAX, "LCS", "key1", "key2", "FOO");
            expect(c, SYNTAX, "LCS", "key1", "key2", "MINMATCHLEN");
            expect(c, NOT_INTEGER, "LCS", "key1", "key2", "MINMATCHLEN", "x");
            expect(c, wrongArity("lcs"), "LCS", "key1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void wrongNumberOfArguments(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, wrongArity("get"), "GET");
            expect(c, wrongArity("get"), "get", "a", "b");
            expect(c, wrongArity("set"), "SET", "k");
            expect(c, wrongArity("set"), "Set");
            expect(c, wrongArity("getex"), "GETEX");
            expect(c, wrongArity("strlen"), "STRLEN");
            expect(c, wrongArity("incrbyfloat"), "INCRBYFLOAT", "k", "1", "2");
            expect(c, wrongArity("setrange"), "SETRANGE", "k", "0", "a", "b");
            expect(c, wrongArity("getrange"), "GETRANGE");
            expect(c, wrongArity("msetnx"), "MSETNX");
            // Nothing was written by any of them.
            expect(c, ZERO, "DBSIZE");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp3Replies(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, NIL3, "GET", "k");
            expect(c, NIL3, "SET", "k", "v", "GET");
            expect(c, NIL3, "SET", "k", "v", "NX");
            expect(c, array(bulk("v"), NIL3), "MGET", "k", "missing");
            expect(c, NIL3, "GETDEL", "missing");
            expect(c, NIL3, "GETEX", "missing");
            expect(c, bulk("1.5"), "INCRBYFLOAT", "f", "1.5");
            expect(c, OK, "MSET", "key1", "ohmytext", "key2", "mynewtext");
            expect(c, "%2\r\n" + bulk("matches") + array(array(array(integer(4), integer(7)),
                    array(integer(5), integer(8)))) + bulk("len") + integer(6),
                    "LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4");
            expect(c, NIL3, "OBJECT", "ENCODING", "missing");
        }
    }
}
