package dev.cinnabar.server.differential;

import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SORT and SORT_RO against the real redis-server: seeded random lists, sets and sorted sets of numbers and
 * words, weight strings and hashes for BY and GET patterns, and SORT calls with random options
 * (BY with and without '*', hash fields, GET #, LIMIT with negative and huge values, ASC/DESC,
 * ALPHA, STORE, bad options). Replies compare exactly, except where Redis's own output depends on
 * its hash-table order: a set returned unsorted compares without order, and calls whose result
 * depends on that order (an unsorted set with LIMIT, ALPHA by equal weights over a set) are not
 * generated.
 */
class SortDifferentialTest {
    private final Differential differential = new Differential(TestServers.shared().port(), RedisOracle.shared().port(),
            List.of(Step.exact("RESET"), Step.exact("FLUSHALL")));

    private static final String[] ELEMENTS = {"1", "2", "3", "10", "-1", "1.5", "007", "a", "b", "B", "", "x\u0000y",
        "inf", "1e3"};
    // No weight overflows (1e400): Redis 7.0 never clears errno before strtod, so after one range
    // error its later numeric SORTs fail too, until some system call happens to fail and reset
    // errno. Cinnabar does not reproduce that; the family test checks the first range error.
    private static final String[] WEIGHTS = {"5", "1", "-2", "3.25", "abc", "", " 4", "nan", "0x10", "7"};

    private static String element(Random r, boolean numeric) {
        return numeric ? Integer.toString(r.nextInt(30) - 10) : ELEMENTS[r.nextInt(ELEMENTS.length)];
    }

    static Step sortStep(Random r) {
        boolean numeric = r.nextInt(3) > 0;
        String list = (numeric ? "n" : "w") + r.nextInt(2);
        String set = r.nextBoolean() ? "set" + r.nextInt(2) : "zset" + r.nextInt(2);
        return switch (r.nextInt(15)) {
            case 0, 1 -> Step.exact("RPUSH", list, element(r, numeric), element(r, numeric), element(r, numeric));
            case 2 -> Step.exact("SADD", "set" + r.nextInt(2), element(r, true), element(r, true), element(r, false));
            case 3 -> Step.exact("SET", "w_" + element(r, r.nextBoolean()), WEIGHTS[r.nextInt(WEIGHTS.length)]);
            case 4 -> Step.exact("HSET", "h_" + element(r, r.nextBoolean()), "f", WEIGHTS[r.nextInt(WEIGHTS.length)]);
            case 5 -> Step.exact("DEL", list);
            case 6 -> Step.exact("LRANGE", "dst", "0", "-1");
            case 7 -> Step.exact("ZADD", "zset" + r.nextInt(2), Integer.toString(r.nextInt(5)), element(r, true),
                    Integer.toString(r.nextInt(5)), element(r, r.nextInt(4) > 0));
            // SORT turns a small sorted set into a skiplist for good, as Redis does.
            case 8 -> Step.exact("OBJECT", "ENCODING", "zset" + r.nextInt(2));
            default -> sortCall(r, r.nextInt(4) == 0 ? set : list, r.nextInt(4) == 0 ? set : null);
        };
    }

    private static Step sortCall(Random r, String key, String setKey) {
        boolean onSet = key.startsWith("set");
        boolean onSortedSet = key.startsWith("zset");
        List<String> args = new ArrayList<>(List.of(r.nextInt(5) == 0 ? "SORT_RO" : "SORT", key));
        String by = null;
        if (r.nextInt(3) == 0) {
            by = new String[] {"w_*", "h_*->f", "nosort", "h_*->", "*"}[r.nextInt(5)];
            args.addAll(List.of("BY", by));
        }
        boolean sorted = by == null || by.contains("*");
        boolean alpha = r.nextInt(3) == 0;
        if (alpha) {
            args.add("ALPHA");
        }
        boolean limit = r.nextInt(3) == 0;
        if (limit) {
            args.addAll(List.of("LIMIT", new String[] {"0", "1", "-3", "2", "100", "x"}[r.nextInt(6)],
                    new String[] {"2", "-1", "0", "9223372036854775807", "3"}[r.nextInt(5)]));
        }
        int gets = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
        for (int i = 0; i < gets; i++) {
            args.addAll(List.of("GET", new String[] {"#", "w_*", "h_*->f", "nokey"}[r.nextInt(4)]));
        }
        if (r.nextBoolean()) {
            args.add(r.nextBoolean() ? "DESC" : "ASC");
        }
        boolean store = args.get(0).equals("SORT") && r.nextInt(4) == 0;
        if (store) {
            args.addAll(List.of("STORE", "dst"));
        }
        if (r.nextInt(20) == 0) {
            args.add(new String[] {"FOO", "LIMIT", "BY", "STORE"}[r.nextInt(4)]);
        }
        if (onSortedSet && alpha && by != null && by.contains("*")) {
            // Equal weights keep Redis's member-table (hash) order.
            return Step.exact("ZCARD", key);
        }
        if (onSet) {
            // A set with no sort criterion comes out in hash-table order unless stored.
            boolean unsorted = !sorted && !store;
            boolean tiesInHashOrder = alpha && by != null && sorted;
            if ((unsorted && limit) || tiesInHashOrder) {
                return Step.exact("SCARD", key);
            }
            if (unsorted) {
                return Step.of(Comparison.UNORDERED, args.toArray(String[]::new));
            }
        }
        return Step.exact(args.toArray(String[]::new));
    }

    @Test
    void sortStreams() {
        for (long seed : new long[] {701, 702, 703, 704, 705, 706, 707, 708, 709, 710}) {
            differential.checkRandom("sort", Differential.seed(seed), 300, SortDifferentialTest::sortStep);
        }
    }
}
