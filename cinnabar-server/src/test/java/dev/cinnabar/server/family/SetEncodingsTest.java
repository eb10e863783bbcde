package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.status;
import static dev.cinnabar.server.family.FamilyTarget.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OBJECT ENCODING of sets through their life, and DEBUG DIGEST-VALUE across encodings. Cinnabar
 * follows Redis 7.2 (intset, listpack, hashtable) where the 7.0 oracle has only intset and
 * hashtable, so each expectation names both: {@link #compact} is "listpack" on Cinnabar and
 * "hashtable" on Redis 7.0 (docs/COMPATIBILITY.md, "Set encodings"). Everything else, and the
 * digests, is the same on both.
 */
class SetEncodingsTest extends FamilyTestBase {
    /** Cinnabar's listpack, which is a hashtable in Redis 7.0. */
    private static String compact(FamilyTarget t) {
        return t.isRedis() ? "hashtable" : "listpack";
    }

    private static void encoding(RespConnection c, String key, String expected) {
        expect(c, bulk(expected), "OBJECT", "ENCODING", key);
    }

    private static String[] sadd(String key, String prefix, int from, int toExclusive) {
        List<String> args = new ArrayList<>(List.of("SADD", key));
        for (int i = from; i < toExclusive; i++) {
            args.add(prefix + i);
        }
        return args.toArray(String[]::new);
    }

    private static RespConnection fresh(FamilyTarget t) {
        RespConnection c = t.fresh();
        expect(c, OK, "CONFIG", "SET", "set-max-intset-entries", "512");
        if (!t.isRedis()) {
            expect(c, OK, "CONFIG", "SET", "set-max-listpack-entries", "128", "set-max-listpack-value", "64");
        }
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void intsetsGrowIntoHashtables(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(512), sadd("s", "", 0, 512));
            encoding(c, "s", "intset");
            expect(c, ONE, "SADD", "s", "512");
            encoding(c, "s", "hashtable");
            // Smaller limit, set at run time.
            expect(c, OK, "CONFIG", "SET", "set-max-intset-entries", "4");
            expect(c, integer(4), "SADD", "t", "1", "2", "3", "4");
            encoding(c, "t", "intset");
            expect(c, ONE, "SADD", "t", "5");
            encoding(c, "t", "hashtable");
            // A new key given more integers than the intset limit starts as a listpack in 7.2.
            expect(c, integer(5), "SADD", "u", "1", "2", "3", "4", "5");
            encoding(c, "u", compact(t));
            // Removing members never converts back.
            expect(c, integer(4), "SREM", "t", "1", "2", "3", "4");
            encoding(c, "t", "hashtable");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void stringsMakeCompactSetsOrHashtables(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "SADD", "s", "1", "2", "3");
            encoding(c, "s", "intset");
            expect(c, ONE, "SADD", "s", "a");
            encoding(c, "s", compact(t));
            // A listpack (Cinnabar) holds 128 members of up to 64 bytes.
            expect(c, integer(124), sadd("s", "m", 0, 124));
            encoding(c, "s", compact(t));
            expect(c, ONE, "SADD", "s", "m124");
            encoding(c, "s", "hashtable");
            expect(c, ONE, "SADD", "long", "x".repeat(64));
            encoding(c, "long", compact(t));
            expect(c, ONE, "SADD", "long", "y".repeat(65));
            encoding(c, "long", "hashtable");
            // An intset of 128 members or more goes straight to a hashtable on a string.
            expect(c, integer(128), sadd("big", "", 0, 128));
            expect(c, ONE, "SADD", "big", "a");
            encoding(c, "big", "hashtable");
            expect(c, integer(127), sadd("small", "", 0, 127));
            expect(c, ONE, "SADD", "small", "a");
            encoding(c, "small", compact(t));
            // Many arguments at once give a hashtable at once.
            expect(c, integer(129), sadd("many", "m", 0, 129));
            encoding(c, "many", "hashtable");
            // Removing members never converts back.
            String[] remove = sadd("many", "m", 1, 129);
            remove[0] = "SREM";
            expect(c, integer(128), remove);
            encoding(c, "many", "hashtable");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resultsOfSetOperationsAndMoves(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(200), sadd("h1", "", 0, 200));
            expect(c, ONE, "SADD", "h1", "x");
            expect(c, integer(200), sadd("h2", "", 100, 300));
            expect(c, ONE, "SADD", "h2", "x");
            encoding(c, "h1", "hashtable");
            // An intersection of integers only is stored as an intset, and SMEMBERS is then ascending.
            expect(c, ONE, "SREM", "h2", "x");
            expect(c, integer(100), "SINTERSTORE", "dst", "h1", "h2");
            encoding(c, "dst", "intset");
            assertThat(strings(c, "SMEMBERS", "dst").get(0)).isEqualTo("100");
            expect(c, integer(2), "SADD", "p", "a", "b");
            expect(c, integer(2), "SADD", "q", "b", "c");
            expect(c, integer(3), "SUNIONSTORE", "dst", "p", "q");
            encoding(c, "dst", compact(t));
            expect(c, integer(1), "SDIFFSTORE", "dst", "p", "q");
            encoding(c, "dst", compact(t));
            expect(c, integer(2), "SUNIONSTORE", "dst", "p");
            expect(c, integer(3), "SADD", "i", "700", "800", "9");
            expect(c, integer(2), "SDIFFSTORE", "dst", "i", "h1");
            encoding(c, "dst", "intset");
            // SMOVE creates the destination for its member.
            expect(c, ONE, "SMOVE", "p", "new1", "a");
            encoding(c, "new1", compact(t));
            expect(c, ONE, "SMOVE", "i", "new2", "700");
            encoding(c, "new2", "intset");
            // COPY keeps the encoding.
            expect(c, ONE, "COPY", "h1", "copy");
            encoding(c, "copy", "hashtable");
            expect(c, ONE, "COPY", "i", "copy2");
            encoding(c, "copy2", "intset");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void spopRebuildsWhatRemains(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            // Popping most of a hashtable of strings rebuilds the rest: 7.2 makes it a listpack.
            expect(c, integer(200), sadd("h", "m", 0, 200));
            encoding(c, "h", "hashtable");
            assertThat(strings(c, "SPOP", "h", "190")).hasSize(190).doesNotHaveDuplicates();
            expect(c, integer(10), "SCARD", "h");
            encoding(c, "h", compact(t));
            // An intset stays an intset.
            expect(c, integer(100), sadd("i", "", 0, 100));
            assertThat(strings(c, "SPOP", "i", "95")).hasSize(95).doesNotHaveDuplicates();
            encoding(c, "i", "intset");
            // A few pops leave the encoding alone.
            expect(c, integer(200), sadd("h2", "m", 0, 200));
            assertThat(strings(c, "SPOP", "h2", "10")).hasSize(10);
            encoding(c, "h2", "hashtable");
            // A hashtable of integers rebuilt: 7.0 makes it an intset, 7.2 a listpack.
            expect(c, integer(600), sadd("hi", "", 0, 600));
            encoding(c, "hi", "hashtable");
            assertThat(strings(c, "SPOP", "hi", "590")).hasSize(590).doesNotHaveDuplicates();
            encoding(c, "hi", t.isRedis() ? "intset" : "listpack");
        }
    }

    @Test
    void listpackLimitsAreConfigurableOnCinnabar() {
        FamilyTarget cinnabar = targets.get(0);
        assertThat(cinnabar.isRedis()).isFalse();
        try (RespConnection c = fresh(cinnabar)) {
            expect(c, bulks("set-max-listpack-entries", "128"), "CONFIG", "GET", "set-max-listpack-entries");
            expect(c, bulks("set-max-listpack-value", "64"), "CONFIG", "GET", "set-max-listpack-value");
            expect(c, OK, "CONFIG", "SET", "set-max-listpack-entries", "2", "set-max-listpack-value", "1kb");
            expect(c, bulks("set-max-listpack-value", "1024"), "CONFIG", "GET", "set-max-listpack-value");
            expect(c, integer(2), "SADD", "s", "a", "b");
            encoding(c, "s", "listpack");
            expect(c, ONE, "SADD", "s", "c");
            encoding(c, "s", "hashtable");
            expect(c, ONE, "SADD", "long", "z".repeat(1024));
            encoding(c, "long", "listpack");
            expect(c, OK, "CONFIG", "SET", "set-max-listpack-entries", "0");
            expect(c, ONE, "SADD", "none", "a");
            encoding(c, "none", "hashtable");
            expect(c, "-ERR CONFIG SET failed (possibly related to argument 'set-max-listpack-entries') - argument must "
                    + "be between 0 and 9223372036854775807 inclusive\r\n", "CONFIG", "SET", "set-max-listpack-entries", "-1");
            expect(c, "-ERR CONFIG SET failed (possibly related to argument 'set-max-listpack-entries') - argument "
                    + "couldn't be parsed into an integer\r\n", "CONFIG", "SET", "set-max-listpack-entries", "x");
            expect(c, "-ERR CONFIG SET failed (possibly related to argument 'set-max-listpack-value') - argument must "
                    + "be a memory value\r\n", "CONFIG", "SET", "set-max-listpack-value", "-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void digestsAreTheSameInEveryEncoding(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(5), "SADD", "a", "a", "b", "c", "1", "2");
            expect(c, "*1\r\n+b61daf08bbb208f9a6c7d9382868f1513fd7e269\r\n", "DEBUG", "DIGEST-VALUE", "a");
            // The same members in a hashtable (grown past the limits, then emptied of the others).
            expect(c, integer(5), "SADD", "h", "a", "b", "c", "1", "2");
            String[] others = sadd("h", "m", 0, 200);
            expect(c, integer(200), others);
            others[0] = "SREM";
            expect(c, integer(200), others);
            encoding(c, "h", "hashtable");
            expect(c, "*1\r\n+b61daf08bbb208f9a6c7d9382868f1513fd7e269\r\n", "DEBUG", "DIGEST-VALUE", "h");
            expect(c, integer(4), "SADD", "i", "5", "-7", "100000", "9223372036854775807");
            expect(c, "*1\r\n+4dc6cbcc303b5e55d083958d1232feabf2f9c99e\r\n", "DEBUG", "DIGEST-VALUE", "i");
            expect(c, ONE, "PEXPIREAT", "i", "4102444800000");
            expect(c, "*1\r\n+ab433533ec02b40111957e7557583130e857881d\r\n", "DEBUG", "DIGEST-VALUE", "i");
            expect(c, status("set"), "TYPE", "i");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void debugObjectShowsTheEncodingAndTheRdbSize(FamilyTarget t) {
        try (RespConnection c = fresh(t)) {
            expect(c, integer(3), "SADD", "i", "1", "2", "3");
            // The intset's 14 bytes saved as one string.
            assertThat(call(c, "DEBUG", "OBJECT", "i")).contains(" encoding:intset serializedlength:15 ");
            // A hashtable: its size, then each member as a string.
            expect(c, integer(200), sadd("h", "m", 0, 200));
            assertThat(call(c, "DEBUG", "OBJECT", "h")).contains(" encoding:hashtable serializedlength:892 ");
        }
    }

    @Test
    void wholeDatasetDigestsAgree() {
        List<String> digests = new ArrayList<>();
        for (FamilyTarget t : targets) {
            try (RespConnection c = fresh(t)) {
                expect(c, integer(3), "SADD", "s1", "x", "1", "yy");
                expect(c, integer(300), sadd("s2", "k", 0, 300));
                expect(c, integer(3), "SADD", "s3", "3", "2", "1");
                expect(c, OK, "SELECT", "3");
                expect(c, integer(2), "SADD", "s1", "other", "db");
                digests.add(call(c, "DEBUG", "DIGEST"));
            }
        }
        assertThat(digests.get(0)).matches("\\+[0-9a-f]{40}\r\n").isEqualTo(digests.get(1));
    }
}
