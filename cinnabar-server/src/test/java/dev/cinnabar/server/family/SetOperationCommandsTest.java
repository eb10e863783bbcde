package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.EMPTY_ARRAY;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
import static dev.cinnabar.server.family.FamilyTarget.SYNTAX;
import static dev.cinnabar.server.family.FamilyTarget.ZERO;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.status;
import static dev.cinnabar.server.family.SetCommandsTest.WRONGTYPE;
import static dev.cinnabar.server.family.SetCommandsTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF SDIFFSTORE through raw RESP with exact
 * replies, against Cinnabar and a real redis-server with the same expectations (replies of sets
 * that are not intsets compared sorted).
 */
class SetOperationCommandsTest extends FamilyTestBase {
    private static void fill(RespConnection c) {
        expect(c, integer(4), "SADD", "a", "x", "y", "z", "1");
        expect(c, integer(3), "SADD", "b", "y", "z", "w");
        expect(c, integer(2), "SADD", "c", "z", "1");
        expect(c, integer(4), "SADD", "i", "4", "1", "3", "2");
        expect(c, integer(3), "SADD", "j", "3", "5", "1");
        expect(c, OK, "SET", "str", "v");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void intersections(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            fill(c);
            assertThat(sorted(c, "SINTER", "a", "b")).containsExactly("y", "z");
            assertThat(sorted(c, "SINTER", "a", "b", "c")).containsExactly("z");
            assertThat(sorted(c, "SINTER", "a")).containsExactly("1", "x", "y", "z");
            assertThat(sorted(c, "SINTER", "a", "a")).containsExactly("1", "x", "y", "z");
            expect(c, EMPTY_ARRAY, "SINTER", "a", "missing");
            expect(c, EMPTY_ARRAY, "SINTER", "missing");
            expect(c, EMPTY_ARRAY, "SINTER", "i", "b");
            // The smallest set is an intset: the result comes in its (ascending) order.
            expect(c, bulks("1", "3"), "SINTER", "i", "j");
            expect(c, bulks("1"), "SINTER", "a", "i");
            // Every key is type-checked, even after a missing one.
            expect(c, WRONGTYPE, "SINTER", "missing", "str");
            expect(c, WRONGTYPE, "SINTER", "a", "str");
            expect(c, WRONGTYPE, "SINTER", "str", "missing");

            expect(c, integer(2), "SINTERCARD", "2", "a", "b");
            expect(c, integer(1), "SINTERCARD", "3", "a", "b", "c");
            expect(c, integer(2), "SINTERCARD", "2", "i", "j");
            expect(c, integer(1), "SINTERCARD", "2", "a", "b", "LIMIT", "1");
            expect(c, integer(2), "SINTERCARD", "2", "a", "b", "LIMIT", "0");
            expect(c, integer(2), "SINTERCARD", "2", "a", "b", "limit", "5");
            expect(c, integer(1), "SINTERCARD", "2", "a", "b", "LIMIT", "5", "LIMIT", "1");
            expect(c, integer(4), "SINTERCARD", "1", "a");
            expect(c, ZERO, "SINTERCARD", "2", "a", "missing");
            expect(c, WRONGTYPE, "SINTERCARD", "2", "missing", "str");
            String numkeys = error("ERR numkeys should be greater than 0");
            expect(c, numkeys, "SINTERCARD", "0", "a");
            expect(c, numkeys, "SINTERCARD", "-1", "a");
            expect(c, numkeys, "SINTERCARD", "x", "a");
            expect(c, numkeys, "SINTERCARD", "9223372036854775808", "a");
            String tooMany = error("ERR Number of keys can't be greater than number of args");
            expect(c, tooMany, "SINTERCARD", "2", "a");
            expect(c, tooMany, "SINTERCARD", "9223372036854775807", "a");
            expect(c, SYNTAX, "SINTERCARD", "1", "a", "b");
            expect(c, SYNTAX, "SINTERCARD", "1", "a", "LIMIT");
            expect(c, SYNTAX, "SINTERCARD", "1", "a", "LIMIT", "1", "FOO");
            String negative = error("ERR LIMIT can't be negative");
            expect(c, negative, "SINTERCARD", "1", "a", "LIMIT", "-1");
            expect(c, negative, "SINTERCARD", "1", "a", "LIMIT", "x");
            // Options are checked before the keys.
            expect(c, negative, "SINTERCARD", "1", "str", "LIMIT", "-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void unionsAndDifferences(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            fill(c);
            assertThat(sorted(c, "SUNION", "a", "b")).containsExactly("1", "w", "x", "y", "z");
            assertThat(sorted(c, "SUNION", "a", "missing", "c")).containsExactly("1", "x", "y", "z");
            expect(c, EMPTY_ARRAY, "SUNION", "missing", "missing2");
            // A union of integers only is built in an intset: ascending.
            expect(c, bulks("1", "2", "3", "4", "5"), "SUNION", "j", "i");
            expect(c, WRONGTYPE, "SUNION", "a", "str");

            assertThat(sorted(c, "SDIFF", "a", "b")).containsExactly("1", "x");
            assertThat(sorted(c, "SDIFF", "a", "b", "c")).containsExactly("x");
            assertThat(sorted(c, "SDIFF", "a", "missing")).containsExactly("1", "x", "y", "z");
            expect(c, EMPTY_ARRAY, "SDIFF", "missing", "a");
            expect(c, EMPTY_ARRAY, "SDIFF", "a", "a");
            expect(c, EMPTY_ARRAY, "SDIFF", "a", "b", "a");
            expect(c, bulks("2", "4"), "SDIFF", "i", "j");
            expect(c, bulks("2", "3", "4"), "SDIFF", "i", "a");
            expect(c, WRONGTYPE, "SDIFF", "missing", "str");
            expect(c, WRONGTYPE, "SDIFF", "str", "a");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void storeForms(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            fill(c);
            expect(c, integer(2), "SINTERSTORE", "dst", "a", "b");
            assertThat(sorted(c, "SMEMBERS", "dst")).containsExactly("y", "z");
            expect(c, integer(5), "SUNIONSTORE", "dst", "a", "b");
            assertThat(sorted(c, "SMEMBERS", "dst")).containsExactly("1", "w", "x", "y", "z");
            expect(c, integer(2), "SDIFFSTORE", "dst", "a", "b");
            assertThat(sorted(c, "SMEMBERS", "dst")).containsExactly("1", "x");
            // The destination may be a source.
            expect(c, integer(1), "SINTERSTORE", "dst", "dst", "c");
            expect(c, bulks("1"), "SMEMBERS", "dst");
            expect(c, integer(4), "SUNIONSTORE", "dst", "dst", "i");
            expect(c, bulks("1", "2", "3", "4"), "SMEMBERS", "dst");
            // A string destination is replaced, and its expire time goes with it.
            expect(c, OK, "SET", "s2", "v", "EX", "1000");
            expect(c, integer(2), "SINTERSTORE", "s2", "i", "j");
            expect(c, status("set"), "TYPE", "s2");
            expect(c, integer(-1), "TTL", "s2");
            expect(c, ONE, "EXPIRE", "s2", "1000");
            expect(c, integer(5), "SUNIONSTORE", "s2", "i", "j");
            expect(c, integer(-1), "TTL", "s2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void emptyResultsDeleteTheDestination(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            fill(c);
            expect(c, integer(2), "SINTERSTORE", "dst", "a", "b");
            expect(c, ZERO, "SINTERSTORE", "dst", "a", "missing");
            expect(c, ZERO, "EXISTS", "dst");
            expect(c, ZERO, "SINTERSTORE", "dst", "a", "missing");
            expect(c, integer(2), "SINTERSTORE", "dst", "a", "b");
            expect(c, ZERO, "SINTERSTORE", "dst", "i", "b");
            expect(c, ZERO, "EXISTS", "dst");
            expect(c, ZERO, "SUNIONSTORE", "str", "missing");
            expect(c, ZERO, "EXISTS", "str");
            expect(c, OK, "SET", "str", "v");
            expect(c, ZERO, "SDIFFSTORE", "str", "a", "a");
            expect(c, ZERO, "EXISTS", "str");
            expect(c, OK, "SET", "str", "v");
            expect(c, ZERO, "SDIFFSTORE", "dst", "missing", "a");
            // A wrong-typed source fails the command and leaves the destination alone.
            expect(c, integer(2), "SINTERSTORE", "dst", "a", "b");
            expect(c, WRONGTYPE, "SINTERSTORE", "dst", "a", "str");
            expect(c, WRONGTYPE, "SINTERSTORE", "dst", "missing", "str");
            expect(c, WRONGTYPE, "SUNIONSTORE", "dst", "str");
            expect(c, WRONGTYPE, "SDIFFSTORE", "dst", "a", "str");
            expect(c, integer(2), "SCARD", "dst");
            expect(c, bulk("v"), "GET", "str");
        }
    }
}
