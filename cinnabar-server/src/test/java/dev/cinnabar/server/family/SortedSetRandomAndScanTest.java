package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.NOT_INTEGER;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.SYNTAX;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.strings;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static dev.cinnabar.server.family.ZsetTesting.WRONGTYPE;
import static dev.cinnabar.server.family.ZsetTesting.fresh;
import static dev.cinnabar.server.family.ZsetTesting.pairs3;
import static dev.cinnabar.server.family.ZsetTesting.withScores;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ZRANDMEMBER (its count rules: distinct members for a positive count, repeats for a negative one,
 * the whole set from the highest score down when the count covers it) and ZSCAN (one call for a
 * listpack; a full cursor iteration of a skiplist returns every member), against Cinnabar and a
 * real redis-server.
 */
class SortedSetRandomAndScanTest extends FamilyTestBase {
    List<Arguments> encodings() {
        return ZsetTesting.inBothEncodings(targets);
    }

    private static final Map<String, String> CONTENT = Map.of("a", "1", "b", "2", "c", "3.5", "d", "4", "e", "5");

    private static void content(RespConnection c) {
        expect(c, integer(5), "ZADD", "k", "1", "a", "2", "b", "3.5", "c", "4", "d", "5", "e");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void zrandmemberCounts(FamilyTarget t, String enc) {
        try (RespConnection c = fresh(t, enc)) {
            content(c);
            for (int i = 0; i < 20; i++) {
                assertThat(CONTENT).containsKey(strings(c, "ZRANDMEMBER", "k", "1").get(0));
                String one = call(c, "ZRANDMEMBER", "k");
                assertThat(CONTENT.keySet().stream().map(FamilyTarget::bulk)).contains(one);
                List<String> distinct = strings(c, "ZRANDMEMBER", "k", "3");
                assertThat(distinct).hasSize(3).doesNotHaveDuplicates();
                assertThat(CONTENT.keySet()).containsAll(distinct);
                List<String> repeated = strings(c, "ZRANDMEMBER", "k", "-20");
                assertThat(repeated).hasSize(20);
                assertThat(CONTENT.keySet()).containsAll(repeated);
                List<String> pairs = strings(c, "ZRANDMEMBER", "k", "-4", "WITHSCORES");
                assertThat(pairs).hasSize(8);
                for (int p = 0; p < pairs.size(); p += 2) {
                    assertThat(CONTENT).containsEntry(pairs.get(p), pairs.get(p + 1));
                }
            }
            // Over a few hundred draws every member shows up (repeats allowed).
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                seen.addAll(strings(c, "ZRANDMEMBER", "k", "-20"));
            }
            assertThat(seen).isEqualTo(CONTENT.keySet());
            // A count that covers the set returns all of it, from the highest score down.
            expect(c, FamilyTarget.bulks("e", "d", "c", "b", "a"), "ZRANDMEMBER", "k", "5");
            expect(c, withScores("e", "5", "d", "4", "c", "3.5", "b", "2", "a", "1"), "ZRANDMEMBER", "k", "100",
                    "WITHSCORES");
            expect(c, EMPTY_ARRAY, "ZRANDMEMBER", "k", "0");
            expect(c, EMPTY_ARRAY, "ZRANDMEMBER", "missing", "5");
            expect(c, EMPTY_ARRAY, "ZRANDMEMBER", "missing", "-5", "WITHSCORES");
            expect(c, NIL, "ZRANDMEMBER", "missing");
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            expect(c, pairs3("e", "5", "d", "4", "c", "3.5", "b", "2", "a", "1"), "ZRANDMEMBER", "k", "5", "WITHSCORES");
            RespValue nested = c.call("ZRANDMEMBER", "k", "-3", "WITHSCORES");
            assertThat(((RespValue.Aggregate) nested).elements()).hasSize(3)
                    .allSatisfy(p -> assertThat(((RespValue.Aggregate) p).elements()).hasSize(2));
            expect(c, "_\r\n", "ZRANDMEMBER", "missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void zrandmemberErrors(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            content(c);
            expect(c, NOT_INTEGER, "ZRANDMEMBER", "k", "abc");
            expect(c, NOT_INTEGER, "ZRANDMEMBER", "missing", "1.5");
            expect(c, error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"),
                    "ZRANDMEMBER", "k", "-9223372036854775808");
            expect(c, error("ERR value is out of range"), "ZRANDMEMBER", "k", "-4611686018427387904", "WITHSCORES");
            expect(c, error("ERR value is out of range"), "ZRANDMEMBER", "k", "4611686018427387904", "WITHSCORES");
            expect(c, SYNTAX, "ZRANDMEMBER", "k", "1", "FOO");
            expect(c, SYNTAX, "ZRANDMEMBER", "k", "1", "WITHSCORES", "x");
            expect(c, wrongArity("zrandmember"), "ZRANDMEMBER");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZRANDMEMBER", "s");
            expect(c, WRONGTYPE, "ZRANDMEMBER", "s", "2");
            expect(c, NOT_INTEGER, "ZRANDMEMBER", "s", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void zscanOfAListpackIsOneCall(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(4), "ZADD", "k", "1", "a", "0.1", "b", "-0", "ab", "4611686018427387904", "big");
            // The listpack's own text: integral scores as integers, others as %.17g.
            expect(c, array(bulk("0"), FamilyTarget.bulks("ab", "0", "b", "0.10000000000000001", "a", "1", "big",
                    "4611686018427387904")), "ZSCAN", "k", "0");
            expect(c, array(bulk("0"), FamilyTarget.bulks("ab", "0", "a", "1")), "ZSCAN", "k", "0", "MATCH", "a*",
                    "COUNT", "1");
            expect(c, array(bulk("0"), EMPTY_ARRAY), "ZSCAN", "k", "0", "MATCH", "zz*");
            expect(c, array(bulk("0"), EMPTY_ARRAY), "ZSCAN", "missing", "0");
            // A missing key answers before the options are read.
            expect(c, array(bulk("0"), EMPTY_ARRAY), "ZSCAN", "missing", "0", "FOO");
            expect(c, error("ERR invalid cursor"), "ZSCAN", "missing", "x");
            expect(c, error("ERR invalid cursor"), "ZSCAN", "k", "-");
            expect(c, SYNTAX, "ZSCAN", "k", "0", "COUNT", "0");
            expect(c, NOT_INTEGER, "ZSCAN", "k", "0", "COUNT", "x");
            expect(c, SYNTAX, "ZSCAN", "k", "0", "TYPE", "zset");
            expect(c, SYNTAX, "ZSCAN", "k", "0", "MATCH");
            expect(c, wrongArity("zscan"), "ZSCAN", "k");
            expect(c, OK, "SET", "s", "x");
            expect(c, WRONGTYPE, "ZSCAN", "s", "0");
            expect(c, error("ERR invalid cursor"), "ZSCAN", "s", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void zscanOfASkiplistVisitsEveryMember(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            List<String> add = new ArrayList<>(List.of("ZADD", "k"));
            Map<String, String> expected = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                add.add(i % 7 == 0 ? "-0" : (i / 4.0) + "");
                add.add("m" + i);
                // The first 128 members went into a listpack, which keeps -0 as 0; the set then became
                // a skiplist, which keeps -0.
                expected.put("m" + i, i % 7 == 0 ? (i < 128 ? "0" : "-0") : ScoreFormat.g17(i / 4.0));
            }
            expect(c, integer(300), add.toArray(String[]::new));
            expect(c, bulk("skiplist"), "OBJECT", "ENCODING", "k");
            Map<String, String> seen = new HashMap<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<RespValue> reply = ((RespValue.Aggregate) c.call("ZSCAN", "k", cursor, "COUNT", "20")).elements();
                cursor = ((RespValue.Bulk) reply.get(0)).text();
                List<String> items = strings(reply.get(1));
                for (int i = 0; i < items.size(); i += 2) {
                    seen.put(items.get(i), items.get(i + 1));
                }
                assertThat(++calls).isLessThan(1000);
            } while (!cursor.equals("0"));
            assertThat(calls).isGreaterThan(1);
            assertThat(seen).isEqualTo(expected);
            // MATCH filters members, scores go with them.
            Map<String, String> matched = new HashMap<>();
            cursor = "0";
            do {
                List<RespValue> reply = ((RespValue.Aggregate) c.call("ZSCAN", "k", cursor, "MATCH", "m1?")).elements();
                cursor = ((RespValue.Bulk) reply.get(0)).text();
                List<String> items = strings(reply.get(1));
                for (int i = 0; i < items.size(); i += 2) {
                    matched.put(items.get(i), items.get(i + 1));
                }
            } while (!cursor.equals("0"));
            assertThat(matched).hasSize(10).containsEntry("m10", "2.5").containsEntry("m14", "0");
        }
    }

    /** %.17g for the few values the scan test uses (quarters print exactly). */
    private static final class ScoreFormat {
        static String g17(double d) {
            if (d == Math.rint(d)) {
                return Long.toString((long) d);
            }
            return new java.math.BigDecimal(d).stripTrailingZeros().toPlainString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void binaryMembersRoundTrip(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            String member = "\u0000\u00ff\r\n";
            expect(c, integer(1), "ZADD", "k", "1", member);
            expect(c, bulk(member), "ZRANDMEMBER", "k");
            expect(c, array(bulk("0"), FamilyTarget.bulks(member, "1")), "ZSCAN", "k", "0");
            expect(c, FamilyTarget.bulks(member), "ZRANGEBYLEX", "k", "[\u0000", "+");
        }
    }
}
