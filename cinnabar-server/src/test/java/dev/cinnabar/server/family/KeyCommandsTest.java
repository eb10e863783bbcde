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
import static dev.cinnabar.server.family.FamilyTarget.integerOf;
import static dev.cinnabar.server.family.FamilyTarget.scanAll;
import static dev.cinnabar.server.family.FamilyTarget.status;
import static dev.cinnabar.server.family.FamilyTarget.strings;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RespConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic key commands (DEL UNLINK EXISTS TYPE KEYS SCAN RANDOMKEY RENAME RENAMENX MOVE COPY
 * TOUCH OBJECT FLUSHDB FLUSHALL SWAPDB) and the DEBUG helpers over keys, through raw RESP with
 * exact replies, each case run against Cinnabar and against a real redis-server.
 */
class KeyCommandsTest extends FamilyTestBase {
    private static final String NO_SUCH_KEY = error("ERR no such key");
    private static final String SAME_OBJECT = error("ERR source and destination objects are the same");
    private static final String DB_RANGE = error("ERR DB index is out of range");
    private static final String FAR_MILLIS = "4102444800123";

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void delUnlinkExistsAndTouch(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "MSET", "a", "1", "b", "2", "c", "3", "d", "4");
            expect(c, integer(4), "DBSIZE");
            // EXISTS and TOUCH count a repeated key each time; DEL counts it once.
            expect(c, integer(3), "EXISTS", "a", "a", "b", "missing");
            expect(c, integer(2), "TOUCH", "a", "b", "missing");
            expect(c, integer(2), "TOUCH", "a", "a");
            expect(c, ONE, "DEL", "a", "missing", "a");
            expect(c, integer(2), "UNLINK", "b", "c", "b");
            expect(c, ZERO, "DEL", "missing");
            expect(c, ZERO, "UNLINK", "missing");
            expect(c, ZERO, "EXISTS", "a", "b", "c");
            expect(c, ONE, "EXISTS", "d");
            expect(c, ONE, "DBSIZE");
            expect(c, status("string"), "TYPE", "d");
            expect(c, status("none"), "TYPE", "a");
            expect(c, wrongArity("del"), "DEL");
            expect(c, wrongArity("unlink"), "UNLINK");
            expect(c, wrongArity("exists"), "EXISTS");
            expect(c, wrongArity("touch"), "TOUCH");
            expect(c, wrongArity("type"), "TYPE");
            expect(c, wrongArity("type"), "TYPE", "a", "b");
            expect(c, wrongArity("keys"), "KEYS");
            expect(c, wrongArity("randomkey"), "RANDOMKEY", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void renameAndRenamenx(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "a", "1");
            expect(c, OK, "RENAME", "a", "b");
            expect(c, ZERO, "EXISTS", "a");
            expect(c, bulk("1"), "GET", "b");
            expect(c, bulk("int"), "OBJECT", "ENCODING", "b");
            // The destination is overwritten (losing its own expire time).
            expect(c, OK, "SET", "c", "old", "PXAT", FAR_MILLIS);
            expect(c, OK, "RENAME", "b", "c");
            expect(c, bulk("1"), "GET", "c");
            expect(c, integer(-1), "TTL", "c");
            // Renaming a key to itself: OK (RENAMENX: 0) when it exists, no such key otherwise.
            expect(c, OK, "RENAME", "c", "c");
            expect(c, ZERO, "RENAMENX", "c", "c");
            expect(c, bulk("1"), "GET", "c");
            expect(c, NO_SUCH_KEY, "RENAME", "missing", "x");
            expect(c, NO_SUCH_KEY, "RENAME", "missing", "missing");
            expect(c, NO_SUCH_KEY, "RENAMENX", "missing", "x");
            expect(c, NO_SUCH_KEY, "RENAMENX", "missing", "missing");
            expect(c, ZERO, "EXISTS", "x");
            // RENAMENX refuses an existing destination and leaves both keys alone.
            expect(c, OK, "SET", "d", "2");
            expect(c, ZERO, "RENAMENX", "c", "d");
            expect(c, bulks("1", "2"), "MGET", "c", "d");
            expect(c, ONE, "RENAMENX", "c", "e");
            expect(c, bulks("1"), "MGET", "e");
            expect(c, ZERO, "EXISTS", "c");
            // Binary-safe names.
            expect(c, OK, "RENAME", "e", "\u0000\r\n\u00ff");
            expect(c, bulk("1"), "GET", "\u0000\r\n\u00ff");
            expect(c, wrongArity("rename"), "RENAME", "a");
            expect(c, wrongArity("renamenx"), "RENAMENX", "a", "b", "c");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void move(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v");
            expect(c, ONE, "MOVE", "k", "1");
            expect(c, ZERO, "EXISTS", "k");
            expect(c, OK, "SELECT", "1");
            expect(c, bulk("v"), "GET", "k");
            // Not moved when the target holds the key: both stay.
            expect(c, OK, "SET", "k2", "in1");
            expect(c, OK, "SELECT", "0");
            expect(c, OK, "SET", "k2", "in0");
            expect(c, ZERO, "MOVE", "k2", "1");
            expect(c, bulk("in0"), "GET", "k2");
            expect(c, ZERO, "MOVE", "missing", "1");
            expect(c, ONE, "MOVE", "k2", "15");
            // Errors: the index is checked first (even for a missing key), then "same db".
            expect(c, SAME_OBJECT, "MOVE", "k", "0");
            expect(c, SAME_OBJECT, "MOVE", "missing", "0");
            expect(c, DB_RANGE, "MOVE", "k", "16");
            expect(c, DB_RANGE, "MOVE", "k", "-1");
            expect(c, DB_RANGE, "MOVE", "missing", "16");
            expect(c, NOT_INTEGER, "MOVE", "k", "abc");
            expect(c, NOT_INTEGER, "MOVE", "k", "1.0");
            expect(c, error("ERR value is out of range, value must between -2147483648 and 2147483647"),
                    "MOVE", "k", "99999999999");
            expect(c, wrongArity("move"), "MOVE", "k");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void copy(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "src", "hello");
            expect(c, ONE, "COPY", "src", "dst");
            expect(c, bulks("hello", "hello"), "MGET", "src", "dst");
            // The copy is independent of the original.
            expect(c, integer(10), "APPEND", "dst", "world");
            expect(c, bulk("hello"), "GET", "src");
            // An existing destination needs REPLACE.
            expect(c, ZERO, "COPY", "src", "dst");
            expect(c, bulk("helloworld"), "GET", "dst");
            expect(c, ONE, "COPY", "src", "dst", "REPLACE");
            expect(c, bulk("hello"), "GET", "dst");
            expect(c, ZERO, "COPY", "missing", "dst", "REPLACE");
            expect(c, ZERO, "COPY", "missing", "new");
            expect(c, ZERO, "EXISTS", "new");
            // To another database, even under the same name.
            expect(c, ONE, "COPY", "src", "src", "DB", "1");
            expect(c, ZERO, "COPY", "src", "src", "db", "1");
            expect(c, ONE, "COPY", "src", "src", "replace", "db", "1");
            expect(c, ONE, "COPY", "src", "other", "DB", "0");
            expect(c, OK, "SET", "n", "42");
            expect(c, ONE, "COPY", "n", "n2");
            expect(c, bulk("int"), "OBJECT", "ENCODING", "n2");
            expect(c, OK, "SELECT", "1");
            expect(c, bulk("hello"), "GET", "src");
            expect(c, OK, "SELECT", "0");
            expect(c, SAME_OBJECT, "COPY", "src", "src");
            expect(c, SAME_OBJECT, "COPY", "src", "src", "DB", "0");
            expect(c, SAME_OBJECT, "COPY", "missing", "missing");
            expect(c, DB_RANGE, "COPY", "src", "x", "DB", "16");
            expect(c, DB_RANGE, "COPY", "src", "x", "DB", "-1");
            expect(c, NOT_INTEGER, "COPY", "src", "x", "DB", "abc");
            expect(c, error("ERR value is out of range, value must between -2147483648 and 2147483647"),
                    "COPY", "src", "x", "DB", "-2147483649");
            expect(c, SYNTAX, "COPY", "src", "x", "DB");
            expect(c, SYNTAX, "COPY", "src", "x", "REPLACE", "FOO");
            expect(c, SYNTAX, "COPY", "src", "x", "DESTINATION");
            expect(c, ZERO, "EXISTS", "x");
            expect(c, wrongArity("copy"), "COPY", "src");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void swapdb(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection other = t.connect()) {
            expect(c, OK, "SET", "zero", "0");
            expect(c, OK, "SELECT", "1");
            expect(c, OK, "MSET", "one", "1", "also", "1");
            expect(c, OK, "SWAPDB", "0", "1");
            // Each connection stays on its index and sees what the swap put there.
            expect(c, bulks("0"), "MGET", "zero");
            expect(c, ONE, "DBSIZE");
            expect(other, integer(2), "DBSIZE");
            expect(other, bulk("1"), "GET", "one");
            expect(c, OK, "SWAPDB", "1", "0");
            expect(c, integer(2), "DBSIZE");
            expect(c, OK, "SWAPDB", "0", "0");
            expect(c, OK, "SWAPDB", "15", "1");
            expect(c, ZERO, "DBSIZE");
            expect(c, DB_RANGE, "SWAPDB", "0", "16");
            expect(c, DB_RANGE, "SWAPDB", "-1", "0");
            expect(c, DB_RANGE, "SWAPDB", "16", "-1");
            // Both indexes must parse before either is checked for range.
            expect(c, error("ERR invalid first DB index"), "SWAPDB", "a", "0");
            expect(c, error("ERR invalid first DB index"), "SWAPDB", "a", "b");
            expect(c, error("ERR invalid first DB index"), "SWAPDB", "99999999999", "0");
            expect(c, error("ERR invalid second DB index"), "SWAPDB", "0", "a");
            expect(c, error("ERR invalid second DB index"), "SWAPDB", "16", "a");
            expect(c, error("ERR invalid second DB index"), "SWAPDB", "0", "1.5");
            expect(c, wrongArity("swapdb"), "SWAPDB", "0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void flushdbAndFlushall(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "a", "1");
            expect(c, OK, "SELECT", "2");
            expect(c, OK, "SET", "b", "2");
            expect(c, OK, "FLUSHDB");
            expect(c, ZERO, "DBSIZE");
            expect(c, OK, "SELECT", "0");
            expect(c, ONE, "DBSIZE");
            expect(c, OK, "SET", "b", "2");
            expect(c, OK, "FLUSHDB", "ASYNC");
            expect(c, ZERO, "DBSIZE");
            expect(c, OK, "SET", "b", "2");
            expect(c, OK, "FLUSHDB", "sync");
            expect(c, OK, "SELECT", "3");
            expect(c, OK, "SET", "c", "3");
            expect(c, OK, "SELECT", "0");
            expect(c, OK, "SET", "d", "4");
            expect(c, OK, "FLUSHALL", "async");
            expect(c, ZERO, "DBSIZE");
            expect(c, OK, "SELECT", "3");
            expect(c, ZERO, "DBSIZE");
            expect(c, OK, "FLUSHALL", "SYNC");
            for (String command : List.of("FLUSHDB", "FLUSHALL")) {
                expect(c, SYNTAX, command, "FOO");
                expect(c, SYNTAX, command, "ASYNC", "SYNC");
                expect(c, SYNTAX, command, "ASYNC", "extra");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void randomkey(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, NIL, "RANDOMKEY");
            expect(c, OK, "SET", "only", "1");
            expect(c, bulk("only"), "RANDOMKEY");
            expect(c, OK, "MSET", "a", "1", "b", "2");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                seen.add(call(c, "RANDOMKEY"));
            }
            assertThat(seen).isSubsetOf(bulk("only"), bulk("a"), bulk("b")).hasSizeGreaterThan(1);
            // A key whose expire time has passed is never returned.
            expect(c, OK, "FLUSHDB");
            expect(c, OK, "SET", "gone", "1", "PXAT", "1");
            expect(c, NIL, "RANDOMKEY");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void objectSubcommands(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "k", "v");
            expect(c, bulk("embstr"), "OBJECT", "ENCODING", "k");
            expect(c, bulk("embstr"), "object", "encoding", "k");
            expect(c, ONE, "OBJECT", "REFCOUNT", "k");
            assertThat(integerOf(c, "OBJECT", "IDLETIME", "k")).isBetween(0L, 10L);
            expect(c, NIL, "OBJECT", "ENCODING", "missing");
            expect(c, NIL, "OBJECT", "REFCOUNT", "missing");
            expect(c, NIL, "OBJECT", "IDLETIME", "missing");
            expect(c, NIL, "OBJECT", "FREQ", "missing");
            expect(c, error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
                    + "that when switching between policies at runtime LRU and LFU data will take some time to adjust."),
                    "OBJECT", "FREQ", "k");
            expect(c, error("ERR unknown subcommand 'foo'. Try OBJECT HELP."), "OBJECT", "foo", "k");
            expect(c, wrongArity("object|encoding"), "OBJECT", "ENCODING");
            expect(c, wrongArity("object|encoding"), "OBJECT", "ENCODING", "k", "extra");
            expect(c, wrongArity("object|refcount"), "OBJECT", "REFCOUNT");
            expect(c, wrongArity("object"), "OBJECT");
            // HELP texts are each server's own words; the shape is common: a title, each subcommand's
            // synopsis line, and HELP last.
            List<String> help = new ArrayList<>();
            for (RespValue line : ((RespValue.Aggregate) c.call("OBJECT", "HELP")).elements()) {
                help.add(((RespValue.SimpleString) line).text());
            }
            assertThat(help.get(0)).isEqualTo("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
            assertThat(help).contains("ENCODING <key>", "FREQ <key>", "IDLETIME <key>", "REFCOUNT <key>");
            assertThat(help.subList(help.size() - 2, help.size())).containsExactly("HELP", "    Prints this help.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void debugHelpers(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            String zeros = "0".repeat(40);
            expect(c, status(zeros), "DEBUG", "DIGEST");
            expect(c, OK, "SET", "k", "v");
            expect(c, array(status("d79ee9fe5d5ad902d7f6620efc3b07b75ddd742f"), status(zeros)),
                    "DEBUG", "DIGEST-VALUE", "k", "missing");
            expect(c, status("264ccf65edec66bccfa7cc659414ccca432057d2"), "DEBUG", "DIGEST");
            // The digest depends on the value, not on its encoding.
            expect(c, OK, "SET", "n", "12345");
            expect(c, OK, "SET", "r", "1234");
            expect(c, integer(5), "APPEND", "r", "5");
            String digest = call(c, "DEBUG", "DIGEST-VALUE", "n");
            expect(c, digest, "DEBUG", "DIGEST-VALUE", "r");
            assertThat(call(c, "DEBUG", "OBJECT", "k")).matches(
                    "\\+Value at:0x\\p{XDigit}+ refcount:1 encoding:embstr serializedlength:2 lru:\\d+ lru_seconds_idle:\\d+\r\n");
            assertThat(call(c, "DEBUG", "OBJECT", "n")).matches(
                    "\\+Value at:0x\\p{XDigit}+ refcount:1 encoding:int serializedlength:3 lru:\\d+ lru_seconds_idle:\\d+\r\n");
            assertThat(call(c, "DEBUG", "OBJECT", "r")).matches(
                    "\\+Value at:0x\\p{XDigit}+ refcount:1 encoding:raw serializedlength:3 lru:\\d+ lru_seconds_idle:\\d+\r\n");
            expect(c, NO_SUCH_KEY, "DEBUG", "OBJECT", "missing");
            // POPULATE creates key:N = value:N, with an optional prefix and a size (zero-padded or cut).
            expect(c, OK, "FLUSHDB");
            expect(c, OK, "DEBUG", "POPULATE", "3");
            expect(c, bulks("value:0", "value:1", "value:2"), "MGET", "key:0", "key:1", "key:2");
            expect(c, OK, "DEBUG", "POPULATE", "2", "pre", "10");
            expect(c, bulk("value:1\u0000\u0000\u0000"), "GET", "pre:1");
            // Existing keys are left as they are.
            expect(c, OK, "DEBUG", "POPULATE", "5", "pre", "3");
            expect(c, bulks("value:0\u0000\u0000\u0000", "val"), "MGET", "pre:0", "pre:4");
            expect(c, integer(8), "DBSIZE");
            expect(c, error("ERR value is out of range, must be positive"), "DEBUG", "POPULATE", "-1");
            expect(c, error("ERR value is out of range, must be positive"), "DEBUG", "POPULATE", "abc");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void scanArguments(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            String done = array(bulk("0"), EMPTY_ARRAY);
            expect(c, done, "SCAN", "0");
            expect(c, OK, "SET", "k", "v");
            expect(c, array(bulk("0"), bulks("k")), "SCAN", "0");
            expect(c, array(bulk("0"), bulks("k")), "SCAN", "0", "MATCH", "k*", "COUNT", "5", "TYPE", "string");
            expect(c, array(bulk("0"), bulks("k")), "scan", "0", "match", "*", "type", "STRING");
            expect(c, done, "SCAN", "0", "MATCH", "x*");
            // An unknown type matches nothing (Redis 7.0 does not reject it).
            expect(c, done, "SCAN", "0", "TYPE", "list");
            expect(c, done, "SCAN", "0", "TYPE", "foo");
            // The cursor is parsed as C's strtoul does: a sign is accepted, an empty one is 0.
            expect(c, array(bulk("0"), bulks("k")), "SCAN", "+0");
            expect(c, array(bulk("0"), bulks("k")), "SCAN", "");
            String invalidCursor = error("ERR invalid cursor");
            for (String cursor : List.of("abc", " 0", "0 ", "1.5", "18446744073709551616", "-", "0x10")) {
                expect(c, invalidCursor, "SCAN", cursor);
            }
            expect(c, SYNTAX, "SCAN", "0", "COUNT", "0");
            expect(c, SYNTAX, "SCAN", "0", "COUNT", "-1");
            expect(c, NOT_INTEGER, "SCAN", "0", "COUNT", "abc");
            expect(c, SYNTAX, "SCAN", "0", "MATCH");
            expect(c, SYNTAX, "SCAN", "0", "TYPE");
            expect(c, SYNTAX, "SCAN", "0", "COUNT");
            expect(c, SYNTAX, "SCAN", "0", "FOO", "bar");
            expect(c, wrongArity("scan"), "SCAN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void scanReturnsEveryKeyAtLeastOnce(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            Set<String> expected = new HashSet<>();
            List<String> mset = new ArrayList<>(List.of("MSET"));
            for (int i = 0; i < 3000; i++) {
                expected.add("user:" + i);
                mset.add("user:" + i);
                mset.add(Integer.toString(i));
            }
            expect(c, OK, mset.toArray(String[]::new));
            expect(c, OK, "MSET", "other:1", "x", "other:2", "y");
            for (String[] options : List.of(new String[] {}, new String[] {"COUNT", "1"},
                    new String[] {"COUNT", "1000"}, new String[] {"MATCH", "user:*"},
                    new String[] {"MATCH", "user:*", "COUNT", "7"}, new String[] {"TYPE", "string", "COUNT", "100"})) {
                List<String> keys = scanAll(c, options);
                Set<String> distinct = new HashSet<>(keys);
                List<String> optionList = List.of(options);
                if (optionList.contains("MATCH")) {
                    assertThat(distinct).as("SCAN %s", optionList).isEqualTo(expected);
                } else {
                    assertThat(distinct).as("SCAN %s", optionList).containsAll(expected)
                            .contains("other:1", "other:2").hasSize(expected.size() + 2);
                }
            }
            // COUNT is a hint: MATCH filters after the walk, so a page may well be empty.
            List<String> page = strings(((RespValue.Aggregate)
                    c.call("SCAN", "0", "MATCH", "nothing*", "COUNT", "100")).elements().get(1));
            assertThat(page).isEmpty();
        }
    }

    /**
     * SCAN's guarantee: a key present for the whole iteration is returned at least once, even when
     * the table grows (and may shrink) between calls.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void scanKeepsItsGuaranteeWhileTheTableResizes(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            Set<String> stable = new HashSet<>();
            List<String> mset = new ArrayList<>(List.of("MSET"));
            for (int i = 0; i < 1000; i++) {
                stable.add("stable:" + i);
                mset.add("stable:" + i);
                mset.add("v");
            }
            expect(c, OK, mset.toArray(String[]::new));
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int page = 0;
            int added = 0;
            do {
                RespValue reply = c.call("SCAN", cursor, "COUNT", "10");
                List<RespValue> parts = ((RespValue.Aggregate) reply).elements();
                cursor = ((RespValue.Bulk) parts.get(0)).text();
                seen.addAll(strings(parts.get(1)));
                page++;
                if (page <= 60) {
                    // Grow through several doublings of the table ...
                    List<String> more = new ArrayList<>(List.of("MSET"));
                    for (int i = 0; i < 150; i++) {
                        more.add("grow:" + added++);
                        more.add("v");
                    }
                    expect(c, OK, more.toArray(String[]::new));
                } else if (page == 61) {
                    // ... then drop almost everything that was added.
                    List<String> drop = new ArrayList<>(List.of("UNLINK"));
                    for (int i = 0; i < added; i++) {
                        drop.add("grow:" + i);
                    }
                    expect(c, integer(added), drop.toArray(String[]::new));
                }
            } while (!cursor.equals("0"));
            assertThat(seen).containsAll(stable);
            assertThat(seen).allMatch(k -> k.startsWith("stable:") || k.startsWith("grow:"));
            expect(c, integer(1000), "DBSIZE");
        }
    }

    /** KEYS and SCAN MATCH follow Redis's glob rules (stringmatchlen). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void globPatterns(FamilyTarget t) {
        List<String> keys = List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "h?llo", "h[a]llo",
                "h\\llo", "hbllo", "h-llo", "h]llo", "h^llo", "Hello", "h[llo", "h\u00e9llo");
        Map<String, List<String>> cases = new LinkedHashMap<>();
        List<String> oneCharacter = List.of("h*llo", "h-llo", "h?llo", "h[llo", "h\\llo", "h]llo", "h^llo", "hallo",
                "hbllo", "hello", "hxllo", "h\u00e9llo");
        cases.put("h?llo", oneCharacter);
        cases.put("h*llo", List.of("h*llo", "h-llo", "h?llo", "h[a]llo", "h[llo", "h\\llo", "h]llo", "h^llo", "hallo",
                "hbllo", "heeeello", "hello", "hllo", "hxllo", "h\u00e9llo"));
        cases.put("h[ae]llo", List.of("hallo", "hello"));
        cases.put("h[^e]llo", List.of("h*llo", "h-llo", "h?llo", "h[llo", "h\\llo", "h]llo", "h^llo", "hallo", "hbllo",
                "hxllo", "h\u00e9llo"));
        cases.put("h[a-b]llo", List.of("hallo", "hbllo"));
        // A reversed range is swapped.
        cases.put("h[b-a]llo", List.of("hallo", "hbllo"));
        cases.put("h[a-cx]llo", List.of("hallo", "hbllo", "hxllo"));
        cases.put("h[a-e-x]llo", List.of("h-llo", "hallo", "hbllo", "hello", "hxllo"));
        // A '-' first is literal; "a-]" is a range that swallows the ']' and leaves the class open.
        cases.put("h[-a]llo", List.of("h-llo", "hallo"));
        cases.put("h[a-]llo", List.of());
        // An empty class matches nothing, its negation any one character.
        cases.put("h[]llo", List.of());
        cases.put("h[]]llo", List.of());
        cases.put("h[^]llo", oneCharacter);
        // '!' does not negate (only '^' does); '[' inside a class is literal.
        cases.put("h[!a]llo", List.of("hallo"));
        cases.put("h[[]llo", List.of("h[llo"));
        // Escapes, outside and inside classes.
        cases.put("h\\*llo", List.of("h*llo"));
        cases.put("h\\?llo", List.of("h?llo"));
        cases.put("h\\[a\\]llo", List.of("h[a]llo"));
        cases.put("h[\\]]llo", List.of("h]llo"));
        cases.put("h[\\^]llo", List.of("h^llo"));
        cases.put("h\\\\llo", List.of("h\\llo"));
        cases.put("*\\\\*", List.of("h\\llo"));
        cases.put("\\hello", List.of("hello"));
        // Unterminated classes and a trailing backslash.
        cases.put("h[abc", List.of());
        cases.put("hel[", List.of());
        cases.put("h\\", List.of());
        // Case matters; bytes above 0x7f compare as signed chars, as in C on x86.
        cases.put("[Hh]ello", List.of("Hello", "hello"));
        cases.put("H*", List.of("Hello"));
        cases.put("[^h]*", List.of("Hello"));
        cases.put("h[\u00e0-\u00ff]llo", List.of("h\u00e9llo"));
        cases.put("h[a-\u00ff]llo", List.of("h*llo", "h-llo", "h?llo", "h[llo", "h\\llo", "h]llo", "h^llo", "hallo"));
        cases.put("*[^a-z]*", List.of("Hello", "h*llo", "h-llo", "h?llo", "h[a]llo", "h[llo", "h\\llo", "h]llo", "h^llo",
                "h\u00e9llo"));
        cases.put("h?l*", List.of("h*llo", "h-llo", "h?llo", "h[llo", "h\\llo", "h]llo", "h^llo", "hallo", "hbllo",
                "hello", "hllo", "hxllo", "h\u00e9llo"));
        cases.put("hello*", List.of("hello"));
        cases.put("*", keys);
        cases.put("**", keys);
        cases.put("*llo*", keys);
        cases.put("?", List.of());
        cases.put("", List.of());
        try (RespConnection c = t.fresh()) {
            for (String key : keys) {
                expect(c, OK, "SET", key, "1");
            }
            for (Map.Entry<String, List<String>> e : cases.entrySet()) {
                assertThat(strings(c, "KEYS", e.getKey())).as("KEYS %s", e.getKey())
                        .containsExactlyInAnyOrderElementsOf(e.getValue());
                assertThat(new HashSet<>(scanAll(c, "MATCH", e.getKey(), "COUNT", "3"))).as("SCAN MATCH %s", e.getKey())
                        .isEqualTo(new HashSet<>(e.getValue()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp3Replies(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, NIL3, "RANDOMKEY");
            expect(c, NIL3, "OBJECT", "ENCODING", "missing");
            expect(c, status("none"), "TYPE", "missing");
            expect(c, OK, "SET", "k", "v");
            expect(c, array(bulk("0"), bulks("k")), "SCAN", "0");
            expect(c, bulks("k"), "KEYS", "*");
            expect(c, EMPTY_ARRAY, "KEYS", "x*");
        }
    }
}
