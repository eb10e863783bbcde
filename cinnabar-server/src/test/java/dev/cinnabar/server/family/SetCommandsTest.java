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
import static dev.cinnabar.server.family.FamilyTarget.status;
import static dev.cinnabar.server.family.FamilyTarget.strings;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The set commands on one or two keys (SADD SREM SCARD SISMEMBER SMISMEMBER SMEMBERS SRANDMEMBER
 * SPOP SMOVE SSCAN) through raw RESP with exact replies, against Cinnabar and a real redis-server
 * with the same expectations. Replies whose order Redis does not define (a set that is a listpack
 * in Cinnabar and a hashtable in Redis 7.0) are compared sorted; intsets list their members in
 * ascending order in both, and that is compared exactly.
 */
class SetCommandsTest extends FamilyTestBase {
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    /** The members of an array or set reply, sorted. */
    static List<String> sorted(RespConnection c, String... command) {
        List<String> out = new ArrayList<>(strings(c, command));
        out.sort(null);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void saddSremAndCounts(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, integer(3), "SADD", "s", "a", "b", "c");
            expect(c, integer(1), "SADD", "s", "a", "d", "d", "b");
            expect(c, ZERO, "SADD", "s", "a");
            expect(c, integer(4), "SCARD", "s");
            expect(c, ZERO, "SCARD", "missing");
            expect(c, status("set"), "TYPE", "s");
            expect(c, ONE, "SISMEMBER", "s", "a");
            expect(c, ZERO, "SISMEMBER", "s", "z");
            expect(c, ZERO, "SISMEMBER", "missing", "a");
            expect(c, array(ONE, ZERO, ONE, ZERO), "SMISMEMBER", "s", "a", "z", "d", "");
            expect(c, array(ZERO, ZERO), "SMISMEMBER", "missing", "a", "b");
            assertThat(sorted(c, "SMEMBERS", "s")).containsExactly("a", "b", "c", "d");
            expect(c, integer(2), "SREM", "s", "a", "z", "b", "a");
            expect(c, ZERO, "SREM", "s", "zz");
            expect(c, ZERO, "SREM", "missing", "a");
            assertThat(sorted(c, "SMEMBERS", "s")).containsExactly("c", "d");
            // Removing the last members deletes the key.
            expect(c, integer(2), "SREM", "s", "c", "d", "e");
            expect(c, ZERO, "EXISTS", "s");
            expect(c, status("none"), "TYPE", "s");
            expect(c, EMPTY_ARRAY, "SMEMBERS", "s");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void membersAreBinarySafe(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            String binary = "a\u0000b\r\nc\u00ff";
            expect(c, integer(4), "SADD", "bin\u0000", binary, "", "\u0080", " ");
            expect(c, ONE, "SISMEMBER", "bin\u0000", binary);
            expect(c, ONE, "SISMEMBER", "bin\u0000", "");
            expect(c, ZERO, "SISMEMBER", "bin\u0000", "a\u0000b");
            assertThat(sorted(c, "SMEMBERS", "bin\u0000")).containsExactly("", " ", binary, "\u0080");
            expect(c, ONE, "SREM", "bin\u0000", "");
            expect(c, integer(3), "SCARD", "bin\u0000");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void integersAreMembersInTheirCanonicalFormOnly(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, integer(4), "SADD", "n", "5", "-3", "100000", "9223372036854775807");
            // Members that only look like integers are other members.
            expect(c, integer(6), "SADD", "n", "05", "+5", "5.0", " 5", "-0", "9223372036854775808");
            expect(c, ZERO, "SADD", "n", "5");
            expect(c, ONE, "SISMEMBER", "n", "-3");
            expect(c, ONE, "SISMEMBER", "n", "05");
            expect(c, ZERO, "SISMEMBER", "n", "0");
            expect(c, ONE, "SREM", "n", "-0");
            expect(c, ZERO, "SREM", "n", "0");
            expect(c, integer(9), "SCARD", "n");
            // An intset lists its members in ascending order (the same in Redis 7.0 and 7.2).
            expect(c, integer(6), "SADD", "i", "3", "-1", "20", "0", "-9223372036854775808", "7");
            expect(c, bulks("-9223372036854775808", "-1", "0", "3", "7", "20"), "SMEMBERS", "i");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void wrongTypeAndMissingKeys(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "SET", "str", "x");
            expect(c, integer(2), "SADD", "set", "a", "b");
            for (List<String> command : List.of(List.of("SADD", "str", "a"), List.of("SREM", "str", "a"),
                    List.of("SCARD", "str"), List.of("SISMEMBER", "str", "a"), List.of("SMISMEMBER", "str", "a"),
                    List.of("SMEMBERS", "str"), List.of("SRANDMEMBER", "str"), List.of("SRANDMEMBER", "str", "0"),
                    List.of("SRANDMEMBER", "str", "-2"), List.of("SPOP", "str"), List.of("SPOP", "str", "0"),
                    List.of("SPOP", "str", "3"), List.of("SMOVE", "str", "set", "a"), List.of("SMOVE", "set", "str", "a"),
                    List.of("SMOVE", "set", "str", "nonmember"), List.of("SSCAN", "str", "0"),
                    List.of("SSCAN", "str", "0", "BADOPTION"))) {
                expect(c, WRONGTYPE, command.toArray(String[]::new));
            }
            // Nothing changed.
            expect(c, bulk("x"), "GET", "str");
            expect(c, integer(2), "SCARD", "set");
            // A missing source makes SMOVE answer 0 before it looks at the destination's type.
            expect(c, ZERO, "SMOVE", "missing", "str", "a");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void arityErrors(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, wrongArity("sadd"), "SADD", "s");
            expect(c, wrongArity("srem"), "SREM", "s");
            expect(c, wrongArity("scard"), "SCARD");
            expect(c, wrongArity("scard"), "SCARD", "a", "b");
            expect(c, wrongArity("sismember"), "SISMEMBER", "s");
            expect(c, wrongArity("sismember"), "SISMEMBER", "s", "a", "b");
            expect(c, wrongArity("smismember"), "SMISMEMBER", "s");
            expect(c, wrongArity("smembers"), "SMEMBERS");
            expect(c, wrongArity("smembers"), "SMEMBERS", "a", "b");
            expect(c, wrongArity("srandmember"), "SRANDMEMBER");
            expect(c, wrongArity("spop"), "SPOP");
            expect(c, wrongArity("smove"), "SMOVE", "a", "b");
            expect(c, wrongArity("smove"), "SMOVE", "a", "b", "c", "d");
            expect(c, wrongArity("sscan"), "SSCAN", "s");
            expect(c, wrongArity("sinter"), "SINTER");
            expect(c, wrongArity("sinterstore"), "SINTERSTORE", "d");
            expect(c, wrongArity("sintercard"), "SINTERCARD", "1");
            expect(c, wrongArity("sunion"), "SUNION");
            expect(c, wrongArity("sunionstore"), "SUNIONSTORE", "d");
            expect(c, wrongArity("sdiff"), "SDIFF");
            expect(c, wrongArity("sdiffstore"), "SDIFFSTORE", "d");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void srandmember(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, NIL, "SRANDMEMBER", "missing");
            expect(c, EMPTY_ARRAY, "SRANDMEMBER", "missing", "5");
            expect(c, EMPTY_ARRAY, "SRANDMEMBER", "missing", "-5");
            expect(c, EMPTY_ARRAY, "SRANDMEMBER", "missing", "0");
            expect(c, integer(5), "SADD", "i", "1", "2", "3", "4", "5");
            expect(c, EMPTY_ARRAY, "SRANDMEMBER", "i", "0");
            // A count of at least the size gives the whole set (in the intset's order).
            expect(c, bulks("1", "2", "3", "4", "5"), "SRANDMEMBER", "i", "5");
            expect(c, bulks("1", "2", "3", "4", "5"), "SRANDMEMBER", "i", "9223372036854775807");
            Set<String> all = Set.of("1", "2", "3", "4", "5");
            for (int i = 0; i < 20; i++) {
                List<String> three = strings(c, "SRANDMEMBER", "i", "3");
                assertThat(three).hasSize(3).doesNotHaveDuplicates();
                assertThat(all).containsAll(three);
                // A negative count draws that many times; members may repeat.
                List<String> many = strings(c, "SRANDMEMBER", "i", "-12");
                assertThat(many).hasSize(12);
                assertThat(all).containsAll(many);
                assertThat(all).contains(strings(c, "SRANDMEMBER", "i", "-1").get(0));
                assertThat(all).contains(strings(c, "SRANDMEMBER", "i", "1").get(0));
                String one = call(c, "SRANDMEMBER", "i");
                assertThat(one).matches("\\$1\r\n[1-5]\r\n");
            }
            // Over many draws, every member shows up (the draws are random, not always the first ones).
            Set<String> seen = new HashSet<>(strings(c, "SRANDMEMBER", "i", "-500"));
            assertThat(seen).isEqualTo(all);
            expect(c, integer(5), "SCARD", "i");
            // Errors, checked before the key is looked at.
            expect(c, NOT_INTEGER, "SRANDMEMBER", "i", "abc");
            expect(c, NOT_INTEGER, "SRANDMEMBER", "missing", "1.5");
            expect(c, NOT_INTEGER, "SRANDMEMBER", "i", "9223372036854775808");
            expect(c, error("ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807"), "SRANDMEMBER", "i", "-9223372036854775808");
            expect(c, SYNTAX, "SRANDMEMBER", "i", "1", "2");
            expect(c, SYNTAX, "SRANDMEMBER", "missing", "x", "y");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aHugeNegativeCountStopsAtTheOutputBufferLimit(FamilyTarget t) {
        try (RespConnection admin = t.fresh()) {
            expect(admin, integer(3), "SADD", "s", "a", "b", "c");
            expect(admin, OK, "CONFIG", "SET", "client-output-buffer-limit", "normal 1048576 1048576 0");
            try (RespConnection c = t.connect()) {
                // A billion draws would not fit in memory; the client is closed at its hard limit instead.
                c.send("SRANDMEMBER", "s", "-1000000000");
                c.readAvailable(20_000);
                assertThat(c.isClosedByPeer(5_000)).isTrue();
            } finally {
                expect(admin, OK, "CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0");
            }
            expect(admin, integer(3), "SCARD", "s");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void spop(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, NIL, "SPOP", "missing");
            expect(c, EMPTY_ARRAY, "SPOP", "missing", "3");
            expect(c, EMPTY_ARRAY, "SPOP", "missing", "0");
            expect(c, integer(6), "SADD", "s", "a", "b", "c", "d", "e", "f");
            Set<String> left = new HashSet<>(Set.of("a", "b", "c", "d", "e", "f"));
            String popped = call(c, "SPOP", "s");
            assertThat(popped).matches("\\$1\r\n[a-f]\r\n");
            assertThat(left.remove(popped.substring(4, 5))).isTrue();
            expect(c, EMPTY_ARRAY, "SPOP", "s", "0");
            List<String> two = strings(c, "SPOP", "s", "2");
            assertThat(two).hasSize(2).doesNotHaveDuplicates();
            assertThat(left).containsAll(two);
            left.removeAll(two);
            assertThat(new HashSet<>(strings(c, "SMEMBERS", "s"))).isEqualTo(left);
            // Popping at least what is left returns everything and deletes the key.
            assertThat(new HashSet<>(strings(c, "SPOP", "s", "100"))).isEqualTo(left);
            expect(c, ZERO, "EXISTS", "s");
            // The last member popped singly deletes the key too.
            expect(c, ONE, "SADD", "one", "x");
            expect(c, bulk("x"), "SPOP", "one");
            expect(c, ZERO, "EXISTS", "one");
            // An intset popped whole comes back in ascending order.
            expect(c, integer(3), "SADD", "i", "30", "10", "20");
            expect(c, bulks("10", "20", "30"), "SPOP", "i", "3");
            // Errors.
            String positive = error("ERR value is out of range, must be positive");
            expect(c, positive, "SPOP", "s", "-1");
            expect(c, positive, "SPOP", "s", "abc");
            expect(c, positive, "SPOP", "missing", "1.0");
            expect(c, positive, "SPOP", "s", "9223372036854775808");
            expect(c, SYNTAX, "SPOP", "s", "1", "2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void spopDrainsLargeSetsWithoutLosingOrRepeatingMembers(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            // A hashtable and an intset drained by counted pops of every size (both of Redis's strategies).
            for (String prefix : new String[] {"m", ""}) {
                List<String> args = new ArrayList<>(List.of("SADD", "big"));
                for (int i = 0; i < 300; i++) {
                    args.add(prefix + i);
                }
                expect(c, integer(300), args.toArray(String[]::new));
                Set<String> popped = new HashSet<>();
                int[] counts = {1, 5, 40, 3, 200, 7, 100};
                for (int count : counts) {
                    List<String> got = strings(c, "SPOP", "big", Integer.toString(count));
                    assertThat(got).doesNotHaveDuplicates();
                    for (String m : got) {
                        assertThat(popped.add(m)).as("popped twice: %s", m).isTrue();
                    }
                    long size = 300 - popped.size();
                    if (size > 0) {
                        expect(c, integer(size), "SCARD", "big");
                        Set<String> rest = new HashSet<>(strings(c, "SMEMBERS", "big"));
                        assertThat(rest).doesNotContainAnyElementsOf(popped).hasSize((int) size);
                    }
                }
                assertThat(popped).hasSize(300);
                expect(c, ZERO, "EXISTS", "big");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void smove(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, integer(2), "SADD", "src", "a", "b");
            expect(c, ZERO, "SMOVE", "missing", "dst", "a");
            expect(c, ZERO, "SMOVE", "src", "dst", "z");
            expect(c, ZERO, "EXISTS", "dst");
            // The same key: 1 when the member is there, nothing moves.
            expect(c, ONE, "SMOVE", "src", "src", "a");
            expect(c, ZERO, "SMOVE", "src", "src", "z");
            expect(c, integer(2), "SCARD", "src");
            // Moving creates the destination.
            expect(c, ONE, "SMOVE", "src", "dst", "a");
            expect(c, bulks("b"), "SMEMBERS", "src");
            expect(c, bulks("a"), "SMEMBERS", "dst");
            // A member already in the destination still leaves the source.
            expect(c, ONE, "SADD", "dst", "b");
            expect(c, ONE, "SMOVE", "src", "dst", "b");
            // The emptied source is deleted.
            expect(c, ZERO, "EXISTS", "src");
            assertThat(sorted(c, "SMEMBERS", "dst")).containsExactly("a", "b");
            // Integers move between intsets.
            expect(c, integer(3), "SADD", "i1", "1", "2", "3");
            expect(c, ONE, "SMOVE", "i1", "i2", "2");
            expect(c, bulks("1", "3"), "SMEMBERS", "i1");
            expect(c, bulks("2"), "SMEMBERS", "i2");
            expect(c, bulk("intset"), "OBJECT", "ENCODING", "i2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void sscan(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            String emptyScan = array(bulk("0"), EMPTY_ARRAY);
            expect(c, emptyScan, "SSCAN", "missing", "0");
            // A missing key answers before the options are read.
            expect(c, emptyScan, "SSCAN", "missing", "0", "BAD");
            expect(c, emptyScan, "SSCAN", "missing", "0", "COUNT", "0");
            expect(c, error("ERR invalid cursor"), "SSCAN", "missing", "abc");
            expect(c, integer(3), "SADD", "i", "3", "1", "2");
            // A compact set comes back whole, with cursor 0, whatever the cursor and COUNT.
            expect(c, array(bulk("0"), bulks("1", "2", "3")), "SSCAN", "i", "0");
            expect(c, array(bulk("0"), bulks("1", "2", "3")), "SSCAN", "i", "7", "COUNT", "1");
            expect(c, array(bulk("0"), bulks("1", "2", "3")), "SSCAN", "i", "-1");
            expect(c, array(bulk("0"), bulks("1", "2", "3")), "SSCAN", "i", "18446744073709551615");
            expect(c, array(bulk("0"), bulks("2")), "SSCAN", "i", "0", "MATCH", "2");
            expect(c, array(bulk("0"), bulks("1", "2", "3")), "SSCAN", "i", "0", "match", "*", "count", "5");
            expect(c, array(bulk("0"), EMPTY_ARRAY), "SSCAN", "i", "0", "MATCH", "x*");
            expect(c, error("ERR invalid cursor"), "SSCAN", "i", "18446744073709551616");
            expect(c, error("ERR invalid cursor"), "SSCAN", "i", " 1");
            expect(c, SYNTAX, "SSCAN", "i", "0", "COUNT", "0");
            expect(c, SYNTAX, "SSCAN", "i", "0", "COUNT", "-1");
            expect(c, NOT_INTEGER, "SSCAN", "i", "0", "COUNT", "x");
            expect(c, SYNTAX, "SSCAN", "i", "0", "MATCH");
            expect(c, SYNTAX, "SSCAN", "i", "0", "TYPE", "set");
            expect(c, SYNTAX, "SSCAN", "i", "0", "FOO", "bar");
            // A hashtable is scanned in steps; a full scan sees every member.
            List<String> args = new ArrayList<>(List.of("SADD", "big"));
            for (int i = 0; i < 1000; i++) {
                args.add("member:" + i);
            }
            expect(c, integer(1000), args.toArray(String[]::new));
            Set<String> seen = new HashSet<>();
            Set<String> matched = new HashSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                RespValueParts parts = RespValueParts.of(c, "SSCAN", "big", cursor, "COUNT", "20");
                cursor = parts.cursor();
                seen.addAll(parts.members());
                calls++;
            } while (!cursor.equals("0"));
            assertThat(seen).hasSize(1000);
            assertThat(calls).isGreaterThan(10);
            cursor = "0";
            do {
                RespValueParts parts = RespValueParts.of(c, "SSCAN", "big", cursor, "MATCH", "member:1?", "COUNT", "100");
                cursor = parts.cursor();
                matched.addAll(parts.members());
            } while (!cursor.equals("0"));
            assertThat(matched).hasSize(10).allMatch(m -> m.matches("member:1[0-9]"));
        }
    }

    /** An SSCAN reply: the next cursor and the members. */
    record RespValueParts(String cursor, List<String> members) {
        static RespValueParts of(RespConnection c, String... command) {
            var reply = (dev.cinnabar.resp.client.RespValue.Aggregate) c.call(
                    java.util.Arrays.stream(command).map(s -> s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                            .toList());
            String cursor = new String(((dev.cinnabar.resp.client.RespValue.Bulk) reply.elements().get(0)).bytes(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            return new RespValueParts(cursor, strings(reply.elements().get(1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp3Shapes(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, "~0\r\n", "SMEMBERS", "missing");
            expect(c, NIL3, "SPOP", "missing");
            expect(c, "~0\r\n", "SPOP", "missing", "2");
            expect(c, NIL3, "SRANDMEMBER", "missing");
            expect(c, EMPTY_ARRAY, "SRANDMEMBER", "missing", "2");
            expect(c, array(bulk("0"), EMPTY_ARRAY), "SSCAN", "missing", "0");
            expect(c, integer(3), "SADD", "i", "1", "2", "3");
            expect(c, "~3\r\n" + bulk("1") + bulk("2") + bulk("3"), "SMEMBERS", "i");
            expect(c, "~3\r\n" + bulk("1") + bulk("2") + bulk("3"), "SINTER", "i");
            expect(c, "~3\r\n" + bulk("1") + bulk("2") + bulk("3"), "SUNION", "i", "missing");
            expect(c, "~3\r\n" + bulk("1") + bulk("2") + bulk("3"), "SDIFF", "i", "missing");
            expect(c, "~0\r\n", "SINTER", "i", "missing");
            expect(c, "~0\r\n", "SPOP", "i", "0");
            expect(c, bulks("1", "2", "3"), "SRANDMEMBER", "i", "3");
            assertThat(call(c, "SRANDMEMBER", "i", "-2")).startsWith("*2\r\n");
            assertThat(call(c, "SPOP", "i", "1")).startsWith("~1\r\n");
            expect(c, array(ZERO, ZERO), "SMISMEMBER", "missing", "x", "y");
            expect(c, array(bulk("0"), EMPTY_ARRAY), "SSCAN", "i", "0", "MATCH", "nothing");
            assertThat(call(c, "SPOP", "i", "5")).startsWith("~2\r\n");
            expect(c, ZERO, "EXISTS", "i");
        }
    }
}
