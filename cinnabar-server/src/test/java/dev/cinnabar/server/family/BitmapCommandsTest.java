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
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO through raw RESP with exact
 * replies, each case run against Cinnabar and against a real redis-server. (proto-max-bulk-len
 * limits on SETBIT are in {@link StringCommandsTest}.)
 */
class BitmapCommandsTest extends FamilyTestBase {
    private static final String BIT_OFFSET = error("ERR bit offset is not an integer or out of range");
    private static final String BIT_VALUE = error("ERR bit is not an integer or out of range");
    private static final String BITFIELD_TYPE = error(
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setbitAndGetbit(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, ZERO, "GETBIT", "b", "0");
            expect(c, ZERO, "SETBIT", "b", "7", "1");
            expect(c, bulk("\u0001"), "GET", "b");
            expect(c, ONE, "SETBIT", "b", "7", "0");
            expect(c, ZERO, "SETBIT", "b", "0", "1");
            expect(c, bulk("\u0080"), "GET", "b");
            expect(c, ONE, "GETBIT", "b", "0");
            expect(c, ZERO, "GETBIT", "b", "1");
            // Setting a bit past the end grows the string with zero bytes, even when clearing.
            expect(c, ZERO, "SETBIT", "b", "23", "0");
            expect(c, bulk("\u0080\u0000\u0000"), "GET", "b");
            expect(c, ZERO, "SETBIT", "grown", "17", "1");
            expect(c, bulk("\u0000\u0000\u0040"), "GET", "grown");
            // Reading past the end is 0, up to the largest offset.
            expect(c, ZERO, "GETBIT", "b", "100");
            expect(c, ZERO, "GETBIT", "b", "4294967295");
            expect(c, ZERO, "GETBIT", "missing", "4294967295");
            // An integer is read and written as its decimal text ("1" is 0x31).
            expect(c, OK, "SET", "n", "1");
            expect(c, ZERO, "GETBIT", "n", "0");
            expect(c, ONE, "GETBIT", "n", "2");
            expect(c, ONE, "GETBIT", "n", "7");
            expect(c, bulk("int"), "OBJECT", "ENCODING", "n");
            expect(c, ZERO, "SETBIT", "n", "6", "1");
            expect(c, bulk("3"), "GET", "n");
            expect(c, bulk("raw"), "OBJECT", "ENCODING", "n");
            // SETBIT keeps the expire time.
            expect(c, OK, "SET", "t", "a", "PXAT", "4102444800123");
            expect(c, ZERO, "SETBIT", "t", "100", "1");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "t");
            for (String offset : List.of("-1", "4294967296", "abc", "1.5", "", "18446744073709551616")) {
                expect(c, BIT_OFFSET, "SETBIT", "b", offset, "1");
                expect(c, BIT_OFFSET, "GETBIT", "b", offset);
                expect(c, BIT_OFFSET, "GETBIT", "missing", offset);
            }
            for (String bit : List.of("2", "-1", "abc", "01", " 1", "", "1.0")) {
                expect(c, BIT_VALUE, "SETBIT", "b", "1", bit);
            }
            expect(c, BIT_OFFSET, "SETBIT", "b", "-1", "2");
            expect(c, ZERO, "EXISTS", "missing");
            expect(c, bulk("\u0080\u0000\u0000"), "GET", "b");
            expect(c, wrongArity("setbit"), "SETBIT", "b", "1");
            expect(c, wrongArity("getbit"), "GETBIT", "b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void bitcount(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "s", "foobar");
            expect(c, integer(26), "BITCOUNT", "s");
            expect(c, integer(4), "BITCOUNT", "s", "0", "0");
            expect(c, integer(6), "BITCOUNT", "s", "1", "1");
            expect(c, integer(6), "BITCOUNT", "s", "1", "1", "BYTE");
            expect(c, integer(17), "BITCOUNT", "s", "5", "30", "BIT");
            expect(c, integer(17), "BITCOUNT", "s", "5", "30", "bit");
            expect(c, integer(26), "BITCOUNT", "s", "0", "-1", "BIT");
            expect(c, integer(7), "BITCOUNT", "s", "-2", "-1");
            expect(c, integer(1), "BITCOUNT", "s", "-3", "-1", "BIT");
            expect(c, ZERO, "BITCOUNT", "s", "-1", "-2");
            expect(c, ZERO, "BITCOUNT", "s", "100", "200");
            expect(c, ZERO, "BITCOUNT", "s", "3", "2");
            // A negative end before the start of the string is clamped to the first byte.
            expect(c, integer(4), "BITCOUNT", "s", "0", "-100");
            expect(c, integer(4), "BITCOUNT", "s", "-100", "-100");
            expect(c, integer(26), "BITCOUNT", "s", "-100", "100");
            expect(c, OK, "SET", "n", "1");
            expect(c, integer(3), "BITCOUNT", "n");
            expect(c, ZERO, "BITCOUNT", "missing");
            expect(c, ZERO, "BITCOUNT", "missing", "0", "-1");
            // The range is parsed only for an existing key.
            expect(c, ZERO, "BITCOUNT", "missing", "a", "b");
            expect(c, ZERO, "BITCOUNT", "missing", "0");
            expect(c, SYNTAX, "BITCOUNT", "s", "0");
            expect(c, SYNTAX, "BITCOUNT", "s", "0", "1", "FOO");
            expect(c, SYNTAX, "BITCOUNT", "s", "0", "1", "BIT", "extra");
            expect(c, NOT_INTEGER, "BITCOUNT", "s", "a", "b");
            expect(c, NOT_INTEGER, "BITCOUNT", "s", "0", "1.5", "BIT");
            expect(c, wrongArity("bitcount"), "BITCOUNT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void bitpos(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "p", "\u00ff\u00f0\u0000");
            expect(c, integer(12), "BITPOS", "p", "0");
            expect(c, OK, "SET", "p", "\u0000\u00ff\u00f0");
            expect(c, integer(8), "BITPOS", "p", "1", "0");
            expect(c, integer(16), "BITPOS", "p", "1", "2");
            expect(c, integer(16), "BITPOS", "p", "1", "2", "-1", "BYTE");
            expect(c, integer(8), "BITPOS", "p", "1", "7", "15", "BIT");
            expect(c, integer(8), "BITPOS", "p", "1", "7", "-3", "bit");
            expect(c, integer(0), "BITPOS", "p", "0", "0", "-1", "BIT");
            expect(c, integer(20), "BITPOS", "p", "0", "12", "-1", "BIT");
            expect(c, integer(-1), "BITPOS", "p", "1", "5", "7", "BIT");
            // All ones: with no end a clear bit is "found" just past the string; with an end it is not.
            expect(c, OK, "SET", "a", "\u00ff\u00ff\u00ff");
            expect(c, integer(24), "BITPOS", "a", "0");
            expect(c, integer(24), "BITPOS", "a", "0", "0");
            expect(c, integer(-1), "BITPOS", "a", "0", "0", "-1");
            expect(c, integer(-1), "BITPOS", "a", "0", "0", "-1", "BIT");
            expect(c, integer(-1), "BITPOS", "a", "0", "100");
            expect(c, integer(-1), "BITPOS", "a", "1", "5", "2");
            expect(c, integer(0), "BITPOS", "a", "1");
            // All zeros.
            expect(c, OK, "SET", "z", "\u0000\u0000");
            expect(c, integer(-1), "BITPOS", "z", "1");
            expect(c, integer(0), "BITPOS", "z", "0");
            expect(c, integer(1), "BITPOS", "z", "0", "1", "1", "BIT");
            expect(c, integer(-1), "BITPOS", "z", "1", "3", "3", "BIT");
            expect(c, OK, "SET", "e", "");
            expect(c, integer(-1), "BITPOS", "e", "1");
            expect(c, integer(-1), "BITPOS", "e", "0");
            // A missing key: -1 for a set bit, 0 for a clear one; its range is not even parsed.
            expect(c, integer(-1), "BITPOS", "missing", "1");
            expect(c, integer(0), "BITPOS", "missing", "0");
            expect(c, integer(-1), "BITPOS", "missing", "1", "abc");
            expect(c, integer(0), "BITPOS", "missing", "0", "1", "2", "FOO");
            String bitArgument = error("ERR The bit argument must be 1 or 0.");
            expect(c, bitArgument, "BITPOS", "p", "2");
            expect(c, bitArgument, "BITPOS", "missing", "-1");
            expect(c, NOT_INTEGER, "BITPOS", "p", "abc");
            expect(c, NOT_INTEGER, "BITPOS", "p", "1", "abc");
            expect(c, NOT_INTEGER, "BITPOS", "p", "1", "0", "abc");
            expect(c, SYNTAX, "BITPOS", "p", "1", "0", "1", "FOO");
            expect(c, SYNTAX, "BITPOS", "p", "1", "0", "1", "BIT", "extra");
            expect(c, wrongArity("bitpos"), "BITPOS", "p");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void bitop(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "MSET", "key1", "foobar", "key2", "abcdef", "short", "\u00ff");
            expect(c, integer(6), "BITOP", "AND", "dest", "key1", "key2");
            expect(c, bulk("`bc`ab"), "GET", "dest");
            // Shorter and missing sources count as zero bytes; the result is as long as the longest.
            expect(c, integer(6), "BITOP", "or", "dest", "key1", "key2", "short");
            expect(c, bulk("\u00ffoofev"), "GET", "dest");
            expect(c, integer(6), "BITOP", "XOR", "dest", "key1", "key2", "missing");
            expect(c, bulk("\u0007\r\u000c\u0006\u0004\u0014"), "GET", "dest");
            expect(c, integer(6), "BITOP", "AND", "dest", "key1", "missing");
            expect(c, bulk("\u0000".repeat(6)), "GET", "dest");
            expect(c, integer(1), "BITOP", "NOT", "dest", "short");
            expect(c, bulk("\u0000"), "GET", "dest");
            expect(c, integer(6), "BITOP", "NOT", "dest", "key1");
            expect(c, bulk("\u0099\u0090\u0090\u009d\u009e\u008d"), "GET", "dest");
            expect(c, bulk("raw"), "OBJECT", "ENCODING", "dest");
            expect(c, integer(6), "BITOP", "OR", "single", "key1");
            expect(c, bulk("raw"), "OBJECT", "ENCODING", "single");
            // Only missing sources: the destination is deleted.
            expect(c, ZERO, "BITOP", "NOT", "dest", "missing");
            expect(c, ZERO, "EXISTS", "dest");
            expect(c, OK, "SET", "dest", "x");
            expect(c, ZERO, "BITOP", "AND", "dest", "missing1", "missing2");
            expect(c, ZERO, "EXISTS", "dest");
            // The destination is overwritten, losing its expire time; it may be a source too.
            expect(c, OK, "SET", "dest", "x", "PXAT", "4102444800123");
            expect(c, integer(6), "BITOP", "OR", "dest", "key1");
            expect(c, integer(-1), "TTL", "dest");
            expect(c, integer(6), "BITOP", "AND", "key1", "key1", "key2");
            expect(c, bulk("`bc`ab"), "GET", "key1");
            // Integers take part as their text.
            expect(c, OK, "SET", "n", "12");
            expect(c, integer(2), "BITOP", "XOR", "dest", "n", "n");
            expect(c, bulk("\u0000\u0000"), "GET", "dest");
            expect(c, error("ERR BITOP NOT must be called with a single source key."),
                    "BITOP", "NOT", "dest", "key1", "key2");
            expect(c, SYNTAX, "BITOP", "NAND", "dest", "key1");
            expect(c, wrongArity("bitop"), "BITOP", "AND", "dest");
            expect(c, wrongArity("bitop"), "BITOP", "NOT", "dest");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void bitfieldGetSetIncrby(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "x", "foobar");
            expect(c, array(integer(6), integer(111), integer(3690620391307935744L), integer(7381240782615871488L)),
                    "BITFIELD", "x", "GET", "u4", "0", "GET", "i8", "8", "GET", "u63", "0", "GET", "i64", "0");
            // "#N" offsets count in units of the type's width.
            expect(c, array(integer(111)), "BITFIELD", "x", "GET", "u8", "#1");
            expect(c, array(integer(-1)), "BITFIELD", "x", "GET", "i1", "1");
            expect(c, array(integer(0)), "BITFIELD", "x", "GET", "u8", "#1000");
            expect(c, EMPTY_ARRAY, "BITFIELD", "x");
            expect(c, array(integer(0), integer(0)), "BITFIELD", "missing", "GET", "u8", "0", "GET", "i5", "3");
            expect(c, ZERO, "EXISTS", "missing");
            // The example of Redis's documentation.
            expect(c, array(integer(1), integer(0)), "BITFIELD", "mykey", "INCRBY", "i5", "100", "1", "GET", "u4", "0");
            // SET answers the old value; INCRBY the new one.
            expect(c, array(integer(0), integer(200), integer(-56), integer(-55)),
                    "BITFIELD", "f", "SET", "u8", "#1", "200", "GET", "u8", "8", "GET", "i8", "8", "INCRBY", "i8", "8", "1");
            expect(c, bulk("\u0000\u00c9"), "GET", "f");
            expect(c, array(integer(0), integer(-1), integer(9223372036854775807L)),
                    "BITFIELD", "w", "SET", "i64", "0", "-1", "GET", "i64", "0", "GET", "u63", "1");
            expect(c, bulk("raw"), "OBJECT", "ENCODING", "w");
            // BITFIELD keeps the expire time.
            expect(c, OK, "SET", "t", "a", "PXAT", "4102444800123");
            expect(c, array(integer(97)), "BITFIELD", "t", "SET", "u8", "0", "98");
            expect(c, integer(4102444800123L), "PEXPIRETIME", "t");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void bitfieldOverflowModes(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            // The documentation's example: WRAP (the default) and SAT on a 2-bit counter.
            String[] counter = {"BITFIELD", "c", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102", "1"};
            expect(c, array(integer(1), integer(1)), counter);
            expect(c, array(integer(2), integer(2)), counter);
            expect(c, array(integer(3), integer(3)), counter);
            expect(c, array(integer(0), integer(3)), counter);
            // FAIL answers nil and leaves the field as it was.
            expect(c, array(NIL, integer(1), integer(1)),
                    "BITFIELD", "d", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5", "INCRBY", "u2", "0", "1", "GET", "u2", "0");
            expect(c, array(integer(0), integer(-56), integer(200)),
                    "BITFIELD", "d", "overflow", "wrap", "SET", "i8", "#1", "200", "GET", "i8", "#1", "GET", "u8", "8");
            expect(c, array(integer(64), integer(127), integer(127), integer(-128)),
                    "BITFIELD", "d", "OVERFLOW", "SAT", "SET", "i8", "0", "200", "GET", "i8", "0", "SET", "i8", "0", "-200",
                    "GET", "i8", "0");
            expect(c, array(NIL, integer(-128)), "BITFIELD", "d", "OVERFLOW", "FAIL", "SET", "i8", "0", "200", "GET", "i8", "0");
            // INCRBY answers the new value.
            expect(c, array(integer(127), integer(127), integer(-128)),
                    "BITFIELD", "d", "OVERFLOW", "WRAP", "INCRBY", "i8", "0", "-1", "GET", "i8", "0", "INCRBY", "i8", "0", "1");
            expect(c, array(integer(-128), integer(-128), integer(127)),
                    "BITFIELD", "d", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "-1", "GET", "i8", "0", "INCRBY", "i8", "0", "1000");
            // 64-bit signed fields wrap around and saturate at Long.MIN/MAX.
            expect(c, array(integer(0), integer(-9223372036854775808L), integer(9223372036854775807L)),
                    "BITFIELD", "l", "SET", "i64", "0", "-9223372036854775807", "INCRBY", "i64", "0", "-1",
                    "INCRBY", "i64", "0", "-1");
            expect(c, array(integer(9223372036854775807L), NIL, integer(-9223372036854775808L),
                    integer(-9223372036854775808L)),
                    "BITFIELD", "l", "SET", "i64", "0", "-9223372036854775808", "OVERFLOW", "FAIL", "INCRBY", "i64", "0",
                    "-1", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "-1", "GET", "i64", "0");
            // Unsigned saturation and wrap at 63 bits.
            expect(c, array(integer(9223372036854775807L), integer(0), integer(0)),
                    "BITFIELD", "u", "OVERFLOW", "SAT", "INCRBY", "u63", "0", "9223372036854775807", "OVERFLOW", "WRAP",
                    "INCRBY", "u63", "0", "1", "OVERFLOW", "SAT", "INCRBY", "u63", "0", "-1");
            // OVERFLOW alone is no operation.
            expect(c, EMPTY_ARRAY, "BITFIELD", "d", "OVERFLOW", "SAT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void bitfieldErrors(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "x", "foobar");
            for (String type : List.of("u64", "i65", "i0", "u0", "x8", "8", "", "u", "i-1", "u 8", "I8x")) {
                expect(c, BITFIELD_TYPE, "BITFIELD", "x", "GET", type, "0");
            }
            // The type letter is lower case only.
            expect(c, BITFIELD_TYPE, "BITFIELD", "x", "GET", "U8", "0");
            expect(c, BITFIELD_TYPE, "BITFIELD", "x", "SET", "I8", "0", "1");
            for (String offset : List.of("-1", "abc", "#-1", "#", "4294967296", "#536870912", "1.5")) {
                expect(c, BIT_OFFSET, "BITFIELD", "x", "GET", "u8", offset);
            }
            expect(c, error("ERR Invalid OVERFLOW type specified"), "BITFIELD", "x", "OVERFLOW", "FOO");
            expect(c, NOT_INTEGER, "BITFIELD", "x", "SET", "u8", "0", "abc");
            expect(c, NOT_INTEGER, "BITFIELD", "x", "INCRBY", "u8", "0", "1.5");
            expect(c, SYNTAX, "BITFIELD", "x", "FOO");
            expect(c, SYNTAX, "BITFIELD", "x", "GET", "u8");
            expect(c, SYNTAX, "BITFIELD", "x", "SET", "u8", "0");
            expect(c, SYNTAX, "BITFIELD", "x", "GET", "u8", "0", "OVERFLOW");
            // Errors anywhere in the command leave the string untouched.
            expect(c, BITFIELD_TYPE, "BITFIELD", "x", "SET", "u8", "0", "65", "GET", "u64", "0");
            expect(c, bulk("foobar"), "GET", "x");
            expect(c, ZERO, "EXISTS", "missing");
            expect(c, NOT_INTEGER, "BITFIELD", "missing", "SET", "u8", "0", "x");
            expect(c, ZERO, "EXISTS", "missing");
            expect(c, wrongArity("bitfield"), "BITFIELD");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void bitfieldRo(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "x", "foobar");
            expect(c, array(integer(102), integer(6)), "BITFIELD_RO", "x", "GET", "u8", "0", "GET", "u4", "0");
            expect(c, array(integer(0)), "BITFIELD_RO", "missing", "GET", "u8", "0");
            expect(c, EMPTY_ARRAY, "BITFIELD_RO", "x");
            String onlyGet = error("ERR BITFIELD_RO only supports the GET subcommand");
            expect(c, onlyGet, "BITFIELD_RO", "x", "GET", "u8", "0", "SET", "u8", "0", "1");
            expect(c, onlyGet, "BITFIELD_RO", "x", "INCRBY", "u8", "0", "1");
            // OVERFLOW is accepted, and useless.
            expect(c, EMPTY_ARRAY, "BITFIELD_RO", "x", "OVERFLOW", "SAT");
            expect(c, array(integer(102)), "BITFIELD_RO", "x", "OVERFLOW", "FAIL", "GET", "u8", "0");
            expect(c, bulk("foobar"), "GET", "x");
            expect(c, wrongArity("bitfield_ro"), "BITFIELD_RO");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp3Replies(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, array(NIL3, integer(0)),
                    "BITFIELD", "d", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5", "GET", "u2", "0");
            expect(c, EMPTY_ARRAY, "BITFIELD", "d");
            // The failed INCRBY still created the string it would have written to.
            expect(c, ONE, "EXISTS", "d");
            expect(c, ZERO, "BITCOUNT", "d");
            expect(c, integer(-1), "BITPOS", "missing", "1");
        }
    }
}
