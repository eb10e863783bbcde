package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.NOT_INTEGER;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
import static dev.cinnabar.server.family.FamilyTarget.ZERO;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.integerOf;
import static dev.cinnabar.server.family.FamilyTarget.scanAll;
import static dev.cinnabar.server.family.FamilyTarget.strings;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX/XX/GT/LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME and
 * PERSIST, and how expire times follow a key through other commands, through raw RESP with exact
 * replies, each case run against Cinnabar and against a real redis-server. Times are absolute and
 * far in the future (exact) or relative and long (checked within a wide bound), or in the past.
 */
class ExpireCommandsTest extends FamilyTestBase {
    private static final String FAR_SECONDS = "4102444800"; // 2100-01-01T00:00:00Z
    private static final long FAR = 4102444800000L;

    private static String millis(long value) {
        return Long.toString(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void missingAndPersistentKeys(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            for (String command : List.of("TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME")) {
                expect(c, integer(-2), command, "missing");
            }
            expect(c, OK, "SET", "k", "v");
            for (String command : List.of("TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME")) {
                expect(c, integer(-1), command, "k");
            }
            for (String command : List.of("EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT")) {
                expect(c, ZERO, command, "missing", "100");
            }
            expect(c, ZERO, "PERSIST", "k");
            expect(c, ZERO, "PERSIST", "missing");
            expect(c, ZERO, "EXISTS", "missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void setAndReadExpireTimes(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v");
            expect(c, ONE, "EXPIREAT", "k", FAR_SECONDS);
            expect(c, integer(4102444800L), "EXPIRETIME", "k");
            expect(c, integer(FAR), "PEXPIRETIME", "k");
            assertThat(integerOf(c, "TTL", "k")).isPositive();
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR + 123));
            expect(c, integer(FAR + 123), "PEXPIRETIME", "k");
            // EXPIRETIME rounds milliseconds to the nearest second, as TTL does.
            expect(c, integer(4102444800L), "EXPIRETIME", "k");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR + 499));
            expect(c, integer(4102444800L), "EXPIRETIME", "k");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR + 500));
            expect(c, integer(4102444801L), "EXPIRETIME", "k");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR + 999));
            expect(c, integer(4102444801L), "EXPIRETIME", "k");
            // Relative times: the remaining time never exceeds what was set.
            expect(c, ONE, "EXPIRE", "k", "1000000");
            assertThat(integerOf(c, "TTL", "k")).isBetween(999_000L, 1_000_000L);
            assertThat(integerOf(c, "PTTL", "k")).isBetween(999_000_000L, 1_000_000_000L);
            long expireTime = integerOf(c, "EXPIRETIME", "k");
            assertThat(integerOf(c, "PEXPIRETIME", "k") / 1000).isBetween(expireTime - 1, expireTime);
            expect(c, ONE, "PEXPIRE", "k", "1000000000");
            assertThat(integerOf(c, "PTTL", "k")).isBetween(999_000_000L, 1_000_000_000L);
            // The largest times that fit.
            expect(c, ONE, "PEXPIREAT", "k", "9223372036854775807");
            expect(c, integer(9223372036854775807L), "PEXPIRETIME", "k");
            expect(c, integer(9223372036854776L), "EXPIRETIME", "k");
            expect(c, ONE, "EXPIREAT", "k", "9223372036854775");
            expect(c, integer(9223372036854775000L), "PEXPIRETIME", "k");
            // The value is untouched by all this.
            expect(c, bulk("v"), "GET", "k");
            expect(c, ONE, "PERSIST", "k");
            expect(c, integer(-1), "TTL", "k");
            expect(c, ZERO, "PERSIST", "k");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void nxXxGtLt(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v");
            // No expire time yet: XX and GT refuse (no time counts as forever); NX and LT set one.
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR), "XX");
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR), "GT");
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR), "XX", "GT");
            expect(c, integer(-1), "PEXPIRETIME", "k");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR), "LT");
            expect(c, integer(FAR), "PEXPIRETIME", "k");
            expect(c, ONE, "PERSIST", "k");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR), "nx");
            expect(c, integer(FAR), "PEXPIRETIME", "k");
            // With an expire time: NX refuses; XX sets; GT and LT compare strictly.
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR + 1000), "NX");
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR), "GT");
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR), "LT");
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR - 1), "GT");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR + 1), "GT");
            expect(c, integer(FAR + 1), "PEXPIRETIME", "k");
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR + 2), "LT");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR - 1), "lt");
            expect(c, integer(FAR - 1), "PEXPIRETIME", "k");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR + 5), "XX");
            expect(c, ONE, "PEXPIREAT", "k", millis(FAR + 6), "XX", "GT");
            expect(c, ZERO, "PEXPIREAT", "k", millis(FAR + 6), "XX", "LT");
            expect(c, integer(FAR + 6), "PEXPIRETIME", "k");
            // Seconds are compared in milliseconds, and options may repeat.
            expect(c, ZERO, "EXPIREAT", "k", FAR_SECONDS, "GT", "GT");
            expect(c, ONE, "EXPIREAT", "k", FAR_SECONDS, "LT", "XX", "lt");
            expect(c, integer(FAR), "PEXPIRETIME", "k");
            expect(c, ONE, "EXPIRE", "k", "1000", "LT");
            expect(c, ZERO, "EXPIRE", "k", "2000", "LT");
            expect(c, ONE, "EXPIRE", "k", "2000", "GT");
            expect(c, ZERO, "PEXPIRE", "k", "1000", "GT");
            assertThat(integerOf(c, "TTL", "k")).isBetween(1000L, 2000L);
            // Missing keys answer 0 whatever the options.
            expect(c, ZERO, "EXPIRE", "missing", "100", "NX");
            expect(c, ZERO, "EXPIRE", "missing", "100", "LT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void optionAndTimeErrors(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v");
            String nxAndOthers = error("ERR NX and XX, GT or LT options at the same time are not compatible");
            String gtAndLt = error("ERR GT and LT options at the same time are not compatible");
            for (String key : List.of("k", "missing")) {
                expect(c, nxAndOthers, "EXPIRE", key, "10", "NX", "XX");
                expect(c, nxAndOthers, "EXPIRE", key, "10", "XX", "NX");
                expect(c, nxAndOthers, "PEXPIRE", key, "10", "NX", "GT");
                expect(c, nxAndOthers, "EXPIREAT", key, "10", "LT", "NX");
                expect(c, gtAndLt, "PEXPIREAT", key, "10", "GT", "LT");
                expect(c, error("ERR Unsupported option foo"), "EXPIRE", key, "10", "foo");
                expect(c, error("ERR Unsupported option Foo"), "EXPIRE", key, "10", "NX", "Foo");
                // Options are checked before the time is parsed.
                expect(c, nxAndOthers, "EXPIRE", key, "abc", "NX", "XX");
                expect(c, NOT_INTEGER, "EXPIRE", key, "abc");
                expect(c, NOT_INTEGER, "PEXPIRE", key, "1.5");
                expect(c, NOT_INTEGER, "EXPIREAT", key, "");
                expect(c, NOT_INTEGER, "PEXPIREAT", key, "9223372036854775808");
                // Times that overflow milliseconds, or now plus the relative time, name the command.
                expect(c, error("ERR invalid expire time in 'expire' command"), "EXPIRE", key, "9223372036854775807");
                expect(c, error("ERR invalid expire time in 'expire' command"), "EXPIRE", key, "-9223372036854775808");
                expect(c, error("ERR invalid expire time in 'expire' command"), "EXPIRE", key, "9223372036854776");
                expect(c, error("ERR invalid expire time in 'expire' command"), "EXPIRE", key, "-9223372036854776");
                expect(c, error("ERR invalid expire time in 'pexpire' command"), "PEXPIRE", key, "9223372036854775807");
                expect(c, error("ERR invalid expire time in 'expireat' command"),
                        "EXPIREAT", key, "9223372036854775807");
                expect(c, error("ERR invalid expire time in 'expireat' command"), "EXPIREAT", key, "9223372036854776");
            }
            expect(c, integer(-1), "TTL", "k");
            expect(c, ZERO, "EXISTS", "missing");
            expect(c, wrongArity("expire"), "EXPIRE", "k");
            expect(c, wrongArity("pexpireat"), "PEXPIREAT", "k");
            expect(c, wrongArity("ttl"), "TTL");
            expect(c, wrongArity("pttl"), "PTTL", "k", "x");
            expect(c, wrongArity("expiretime"), "EXPIRETIME");
            expect(c, wrongArity("pexpiretime"), "PEXPIRETIME", "a", "b");
            expect(c, wrongArity("persist"), "PERSIST");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void timesInThePastDeleteTheKey(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            for (String[] command : List.of(new String[] {"EXPIRE", "k", "-1"}, new String[] {"EXPIRE", "k", "0"},
                    new String[] {"PEXPIRE", "k", "-1000"}, new String[] {"EXPIREAT", "k", "1"},
                    new String[] {"PEXPIREAT", "k", "0"}, new String[] {"EXPIRE", "k", "-9223372036854775"},
                    new String[] {"PEXPIRE", "k", "-9223372036854775808"}, new String[] {"EXPIRE", "k", "-5", "LT"})) {
                expect(c, OK, "SET", "k", "v");
                expect(c, ONE, command);
                expect(c, ZERO, "EXISTS", "k");
                expect(c, integer(-2), "TTL", "k");
            }
            // An option that refuses leaves the key alone.
            expect(c, OK, "SET", "k", "v", "PXAT", millis(FAR));
            expect(c, ZERO, "EXPIRE", "k", "-1", "GT");
            expect(c, ZERO, "EXPIRE", "k", "-1", "NX");
            expect(c, bulk("v"), "GET", "k");
            expect(c, ONE, "EXPIRE", "k", "-1", "XX");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, ZERO, "EXPIRE", "missing", "-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void expireTimeFollowsTheKeyThroughOtherCommands(FamilyTarget t) {
        String when = millis(FAR + 42);
        String expireTime = integer(FAR + 42);
        try (RespConnection c = t.fresh()) {
            // RENAME and RENAMENX carry the expire time.
            expect(c, OK, "SET", "a", "v", "PXAT", when);
            expect(c, OK, "RENAME", "a", "b");
            expect(c, expireTime, "PEXPIRETIME", "b");
            expect(c, ONE, "RENAMENX", "b", "c");
            expect(c, expireTime, "PEXPIRETIME", "c");
            // ... and a persistent source makes a persistent destination.
            expect(c, OK, "SET", "p", "v");
            expect(c, OK, "RENAME", "p", "c");
            expect(c, integer(-1), "PEXPIRETIME", "c");
            // MOVE carries it to the other database.
            expect(c, OK, "SET", "m", "v", "PXAT", when);
            expect(c, ONE, "MOVE", "m", "3");
            // COPY gives the copy the same expire time, here and in another database.
            expect(c, OK, "SET", "s", "v", "PXAT", when);
            expect(c, ONE, "COPY", "s", "s2");
            expect(c, expireTime, "PEXPIRETIME", "s2");
            expect(c, expireTime, "PEXPIRETIME", "s");
            expect(c, ONE, "COPY", "s", "s3", "DB", "3");
            // COPY REPLACE of a persistent source over a volatile destination clears it.
            expect(c, OK, "SET", "plain", "v");
            expect(c, ONE, "COPY", "plain", "s2", "REPLACE");
            expect(c, integer(-1), "PEXPIRETIME", "s2");
            expect(c, OK, "SELECT", "3");
            expect(c, expireTime, "PEXPIRETIME", "m");
            expect(c, expireTime, "PEXPIRETIME", "s3");
            expect(c, OK, "SELECT", "0");
            // Overwriting commands clear it: SET, GETSET, MSET, and SET without KEEPTTL.
            for (String[] overwrite : List.of(new String[] {"SET", "k", "new"}, new String[] {"GETSET", "k", "new"},
                    new String[] {"MSET", "k", "new"}, new String[] {"SET", "k", "new", "GET"},
                    new String[] {"SET", "k", "new", "XX"}, new String[] {"SETEX", "k", "100", "new"})) {
                expect(c, OK, "SET", "k", "v", "PXAT", when);
                call(c, overwrite);
                assertThat(integerOf(c, "PEXPIRETIME", "k")).as(String.join(" ", overwrite)).isNotEqualTo(FAR + 42);
            }
            expect(c, OK, "SET", "k", "v", "PXAT", when);
            expect(c, OK, "SET", "k", "new");
            expect(c, integer(-1), "PEXPIRETIME", "k");
            // In-place modifications and KEEPTTL keep it.
            expect(c, OK, "SET", "k", "1", "PXAT", when);
            for (String[] modify : List.of(new String[] {"SET", "k", "2", "KEEPTTL"}, new String[] {"INCR", "k"},
                    new String[] {"DECRBY", "k", "5"}, new String[] {"INCRBYFLOAT", "k", "1.5"},
                    new String[] {"APPEND", "k", "0"}, new String[] {"SETRANGE", "k", "0", "9"},
                    new String[] {"SETBIT", "k", "100", "1"}, new String[] {"BITFIELD", "k", "SET", "u8", "0", "65"},
                    new String[] {"GETEX", "k"}, new String[] {"SETNX", "k", "x"},
                    new String[] {"EXPIRE", "k", "100", "NX"})) {
                call(c, modify);
                assertThat(integerOf(c, "PEXPIRETIME", "k")).as(String.join(" ", modify)).isEqualTo(FAR + 42);
            }
            // SWAPDB moves expire times with their databases; FLUSHDB and FLUSHALL forget them.
            expect(c, OK, "SET", "w", "v", "PXAT", when);
            expect(c, OK, "SWAPDB", "0", "5");
            expect(c, integer(-2), "PEXPIRETIME", "w");
            expect(c, OK, "SELECT", "5");
            expect(c, expireTime, "PEXPIRETIME", "w");
            expect(c, OK, "FLUSHDB");
            expect(c, OK, "SET", "w", "v");
            expect(c, integer(-1), "PEXPIRETIME", "w");
            expect(c, OK, "SET", "w", "v", "PXAT", when);
            expect(c, OK, "FLUSHALL");
            expect(c, OK, "SET", "w", "v");
            expect(c, integer(-1), "PEXPIRETIME", "w");
            expect(c, OK, "SELECT", "0");
            // GETDEL and DEL take it away with the key.
            expect(c, OK, "SET", "g", "v", "PXAT", when);
            expect(c, bulk("v"), "GETDEL", "g");
            expect(c, OK, "SET", "g", "v");
            expect(c, integer(-1), "PEXPIRETIME", "g");
        }
    }

    /**
     * A key past its expire time is gone for every command that looks at it, even while it still
     * sits in the table (active expiry off); DBSIZE counts it until something touches it, and KEYS
     * hides it without deleting it, as in Redis 7.0.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void expiredKeysAreGoneOnAccess(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "0");
            try {
                expect(c, OK, "SET", "live", "v");
                List<String[]> accesses = List.of(new String[] {"GET", "e"}, new String[] {"EXISTS", "e"},
                        new String[] {"TTL", "e"}, new String[] {"PEXPIRETIME", "e"}, new String[] {"TYPE", "e"},
                        new String[] {"STRLEN", "e"}, new String[] {"OBJECT", "ENCODING", "e"},
                        new String[] {"INCR", "e"}, new String[] {"APPEND", "e", "x"}, new String[] {"SETNX", "e", "x"},
                        new String[] {"EXPIRE", "e", "100"}, new String[] {"PERSIST", "e"}, new String[] {"DEL", "e"},
                        new String[] {"GETBIT", "e", "0"}, new String[] {"BITCOUNT", "e"},
                        new String[] {"COPY", "e", "copied"}, new String[] {"MOVE", "e", "1"},
                        new String[] {"SET", "e", "x", "NX", "GET"});
                List<String> replies = List.of(NIL, ZERO, integer(-2), integer(-2), "+none\r\n", ZERO, NIL, ONE,
                        ONE, ONE, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, NIL);
                // Those that write a new key leave two keys; the others leave only "live".
                List<Integer> sizes = List.of(1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 2);
                for (int i = 0; i < accesses.size(); i++) {
                    String[] access = accesses.get(i);
                    call(c, "DEL", "e", "copied");
                    expireOneKey(c);
                    expect(c, replies.get(i), access);
                    expect(c, integer(sizes.get(i)), "DBSIZE");
                    expect(c, ZERO, "EXISTS", "copied");
                }
                // KEYS leaves the key in place; SCAN deletes it.
                call(c, "DEL", "e");
                expireOneKey(c);
                assertThat(strings(c, "KEYS", "*")).containsExactly("live");
                expect(c, integer(2), "DBSIZE");
                assertThat(scanAll(c)).containsExactly("live");
                expect(c, ONE, "DBSIZE");
                // RENAME and GETEX of an expired key find nothing.
                expireOneKey(c);
                expect(c, error("ERR no such key"), "RENAME", "e", "f");
                expireOneKey(c);
                expect(c, NIL, "GETEX", "e", "PERSIST");
                expect(c, ONE, "DBSIZE");
                expect(c, bulks("v"), "MGET", "live");
            } finally {
                expect(c, OK, "DEBUG", "SET-ACTIVE-EXPIRE", "1");
            }
        }
    }

    /** Stores "e" with a 1 ms time to live and lets the server sleep well past it. */
    private static void expireOneKey(RespConnection c) {
        expect(c, OK, "SET", "e", "v", "PX", "1");
        expect(c, OK, "DEBUG", "SLEEP", "0.02");
        expect(c, integer(2), "DBSIZE");
    }
}
