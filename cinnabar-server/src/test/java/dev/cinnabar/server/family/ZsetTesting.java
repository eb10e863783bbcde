package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.expect;

import dev.cinnabar.server.testing.RespConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the sorted-set family tests share: a target paired with the encoding a test runs in (the
 * same expectations hold for "listpack" and "skiplist"; the second is forced by setting
 * zset-max-listpack-entries to 0), and reply builders for scores and member/score lists.
 */
final class ZsetTesting {
    private ZsetTesting() {}

    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static final String NULL_ARRAY = "*-1\r\n";

    /** Every target, in both encodings. */
    static List<Arguments> inBothEncodings(List<FamilyTarget> targets) {
        List<Arguments> out = new ArrayList<>();
        for (FamilyTarget t : targets) {
            out.add(Arguments.of(t, "listpack"));
            out.add(Arguments.of(t, "skiplist"));
        }
        return out;
    }

    /** A connection to an emptied target whose new sorted sets take {@code encoding}. */
    static RespConnection fresh(FamilyTarget t, String encoding) {
        RespConnection c = t.fresh();
        expect(c, OK, "CONFIG", "SET", "zset-max-listpack-entries", encoding.equals("skiplist") ? "0" : "128");
        expect(c, OK, "CONFIG", "SET", "zset-max-listpack-value", "64");
        return c;
    }

    /** A connection to an emptied target with the default thresholds. */
    static RespConnection fresh(FamilyTarget t) {
        return fresh(t, "listpack");
    }

    /** OBJECT ENCODING's reply. */
    static String encoding(String name) {
        return bulk(name);
    }

    /** A RESP2 flat list of member, score, member, score... */
    static String withScores(String... membersAndScores) {
        return FamilyTarget.bulks(membersAndScores);
    }

    /** A RESP3 list of [member, double] pairs. */
    static String pairs3(String... membersAndScores) {
        StringBuilder b = new StringBuilder("*").append(membersAndScores.length / 2).append("\r\n");
        for (int i = 0; i < membersAndScores.length; i += 2) {
            b.append("*2\r\n").append(bulk(membersAndScores[i])).append(',').append(membersAndScores[i + 1]).append("\r\n");
        }
        return b.toString();
    }

    /** A RESP3 double. */
    static String double3(String text) {
        return "," + text + "\r\n";
    }
}
