package dev.cinnabar.server.differential;

import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random streams of sorted-set commands against the real redis-server. A few keys so that
 * commands collide (z0..z3 with any scores, l0 and l1 holding only score 0 for the lexicographic
 * commands, whose order is otherwise unspecified in Redis, and a string key for WRONGTYPE), members
 * that are integers, binary, empty or longer than the listpack value limit, scores with every
 * special form (inf, -0, exponents, hex, garbage), and thresholds set low in the reset steps (and
 * changed mid-stream) so that the listpack/skiplist conversions happen all the time. OBJECT
 * ENCODING, DEBUG DIGEST-VALUE and DEBUG DIGEST compare exactly; ZRANDMEMBER is checked by rules
 * (counts, distinctness, membership and scores against each server's content); ZSCAN's pairs
 * without order (a skiplist's table order is the hash's).
 */
class ZsetDifferentialTest {
    private static final int CINNABAR = TestServers.shared().port();
    private static final int REDIS = RedisOracle.shared().port();

    private static List<Step> reset(String entries, String value) {
        return List.of(Step.exact("FLUSHALL"), Step.exact("RESET"),
                Step.exact("CONFIG", "SET", "zset-max-listpack-entries", entries),
                Step.exact("CONFIG", "SET", "zset-max-listpack-value", value));
    }

    private static final String[] MEMBERS = {"a", "b", "c", "d", "e", "f", "g", "", "1", "2", "10", "-5", "007",
        "1.5", "xxxxxxxxxx", "yyyyyyyyyyyyyyyyyyyyyyyyy", "b\u0000c", "\u00ff", "A"};
    private static final String[] SCORES = {"0", "1", "2", "3", "-1", "-0", "1.5", "0.1", "2.5", "1e3", "-1e-3",
        "inf", "-inf", "+inf", "1e300", "0x10", "4611686018427387904", "10",
        "3.14159", "1732700000.123", "-2.675e-9", "1e-12"};
    private static final String[] BAD_SCORES = {"abc", "nan", "1e400", " 1", "", "(1", "1x"};
    private static final String[] BOUNDS = {"-inf", "+inf", "inf", "0", "1", "2", "(1", "(2", "2.5", "(0", "-1", "10",
        "1e3", "(-inf", "(+inf", "-0", "(-0", "", "(", "1e400", " 1", "3", "(3", "abc", "nan", "1x", "((1", "  "};
    private static final String[] LEX_BOUNDS = {"-", "+", "[a", "(a", "[c", "(c", "[d", "[", "(", "[b\u0000c", "[1",
        "(10", "[\u00ff", "[e", "(f", "a", "", "+x"};

    private static String member(Random r) {
        return MEMBERS[r.nextInt(MEMBERS.length)];
    }

    private static String score(Random r) {
        if (r.nextInt(40) == 0) {
            return BAD_SCORES[r.nextInt(BAD_SCORES.length)];
        }
        return r.nextInt(3) == 0 ? Integer.toString(r.nextInt(9) - 4) : SCORES[r.nextInt(SCORES.length)];
    }

    private static String key(Random r) {
        return r.nextInt(25) == 0 ? "s" : r.nextInt(25) == 0 ? "missing" : "z" + r.nextInt(4);
    }

    private static String lexKey(Random r) {
        return r.nextInt(25) == 0 ? "s" : "l" + r.nextInt(2);
    }

    private static String number(Random r) {
        return switch (r.nextInt(30)) {
            case 0 -> "abc";
            case 1 -> "9223372036854775807";
            case 2 -> "-9223372036854775808";
            case 3, 4, 5, 6, 7, 8 -> "-" + (1 + r.nextInt(6));
            default -> Integer.toString(r.nextInt(8));
        };
    }

    private static String bound(Random r) {
        // The last five bounds are invalid: rarer than the others.
        return BOUNDS[r.nextInt(r.nextInt(8) == 0 ? BOUNDS.length : BOUNDS.length - 5)];
    }

    private static String lexBound(Random r) {
        // The last three bounds are invalid.
        return LEX_BOUNDS[r.nextInt(r.nextInt(8) == 0 ? LEX_BOUNDS.length : LEX_BOUNDS.length - 3)];
    }

    private static List<String> keys(Random r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(key(r));
        }
        return out;
    }

    /**
     * Inputs of the algebra: sorted sets, and now and then a plain set (t0, t1), which Redis reads
     * with score 1. The plain sets are never asked for their encoding (7.2's listpack sets differ
     * from the 7.0 oracle's).
     */
    private static List<String> inputKeys(Random r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(4) == 0 ? "t" + r.nextInt(2) : key(r));
        }
        return out;
    }

    static Step step(Random r) {
        String k = key(r);
        List<String> args = new ArrayList<>();
        int pick = r.nextInt(50);
        switch (pick >= 44 ? 0 : pick) {
            case 0, 1, 2, 3, 4, 5 -> {
                args.addAll(List.of("ZADD", k));
                String[] options = {"NX", "XX", "GT", "LT", "CH", "INCR", "nx", "Ch"};
                int n = r.nextInt(4) == 0 ? r.nextInt(3) : 0;
                for (int i = 0; i < n; i++) {
                    args.add(options[r.nextInt(options.length)]);
                }
                int pairs = 1 + r.nextInt(r.nextInt(3) == 0 ? 12 : 3);
                for (int i = 0; i < pairs; i++) {
                    args.add(score(r));
                    args.add(member(r));
                }
                if (r.nextInt(30) == 0) {
                    args.add("extra");
                }
            }
            case 6 -> args.addAll(List.of("ZINCRBY", k, score(r), member(r)));
            case 7 -> {
                args.addAll(List.of("ZADD", lexKey(r)));
                int pairs = 1 + r.nextInt(5);
                for (int i = 0; i < pairs; i++) {
                    args.add(r.nextInt(10) == 0 ? "-0" : "0");
                    args.add(member(r));
                }
            }
            case 8, 9 -> {
                args.addAll(List.of("ZREM", r.nextInt(4) == 0 ? lexKey(r) : k));
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    args.add(member(r));
                }
            }
            case 10 -> args.addAll(List.of(r.nextBoolean() ? "ZCARD" : "TYPE", k));
            case 11 -> args.addAll(List.of("ZSCORE", k, member(r)));
            case 12 -> args.addAll(List.of("ZMSCORE", k, member(r), member(r)));
            case 13 -> args.addAll(List.of(r.nextBoolean() ? "ZRANK" : "ZREVRANK", k, member(r)));
            case 14 -> args.addAll(List.of("ZCOUNT", k, bound(r), bound(r)));
            case 15 -> args.addAll(List.of("ZLEXCOUNT", lexKey(r), lexBound(r), lexBound(r)));
            case 16, 17, 18 -> {
                args.addAll(List.of("ZRANGE", k));
                int type = r.nextInt(3);
                if (type == 2) {
                    args.set(1, lexKey(r));
                    args.addAll(List.of(lexBound(r), lexBound(r), "BYLEX"));
                } else if (type == 1) {
                    args.addAll(List.of(bound(r), bound(r), "BYSCORE"));
                } else {
                    args.addAll(List.of(number(r), number(r)));
                }
                rangeOptions(r, args, true);
            }
            case 19 -> {
                args.addAll(List.of(r.nextBoolean() ? "ZRANGEBYSCORE" : "ZREVRANGEBYSCORE", k, bound(r), bound(r)));
                rangeOptions(r, args, true);
            }
            case 20 -> {
                args.addAll(List.of(r.nextBoolean() ? "ZRANGEBYLEX" : "ZREVRANGEBYLEX", lexKey(r), lexBound(r),
                        lexBound(r)));
                rangeOptions(r, args, false);
            }
            case 21 -> {
                args.addAll(List.of("ZREVRANGE", k, number(r), number(r)));
                if (r.nextBoolean()) {
                    args.add(r.nextInt(5) == 0 ? "LIMIT" : "WITHSCORES");
                }
            }
            case 22 -> {
                boolean lex = r.nextInt(3) == 0;
                args.addAll(List.of("ZRANGESTORE", key(r), lex ? lexKey(r) : k));
                if (lex) {
                    args.addAll(List.of(lexBound(r), lexBound(r), "BYLEX"));
                } else if (r.nextBoolean()) {
                    args.addAll(List.of(bound(r), bound(r), "BYSCORE"));
                } else {
                    args.addAll(List.of(number(r), number(r)));
                }
                rangeOptions(r, args, false);
            }
            case 23 -> args.addAll(List.of("ZREMRANGEBYRANK", k, number(r), number(r)));
            case 24 -> args.addAll(List.of("ZREMRANGEBYSCORE", k, bound(r), bound(r)));
            case 25 -> args.addAll(List.of("ZREMRANGEBYLEX", lexKey(r), lexBound(r), lexBound(r)));
            case 26, 27 -> {
                args.addAll(List.of(r.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", r.nextInt(5) == 0 ? lexKey(r) : k));
                if (r.nextBoolean()) {
                    args.add(number(r));
                }
            }
            case 28 -> {
                List<String> keys = keys(r, 1 + r.nextInt(3));
                boolean blocking = r.nextBoolean();
                args.add(blocking ? "BZMPOP" : "ZMPOP");
                if (blocking) {
                    args.add(r.nextInt(8) == 0 ? "abc" : "0.01");
                }
                args.add(r.nextInt(10) == 0 ? number(r) : Integer.toString(keys.size()));
                args.addAll(keys);
                args.add(new String[] {"MIN", "MAX", "min", "FOO"}[r.nextInt(4)]);
                if (r.nextBoolean()) {
                    args.addAll(List.of("COUNT", number(r)));
                }
            }
            case 29 -> {
                args.add(r.nextBoolean() ? "BZPOPMIN" : "BZPOPMAX");
                args.addAll(keys(r, 1 + r.nextInt(3)));
                args.add(new String[] {"0.01", "0.01", "-1", "abc"}[r.nextInt(4)]);
            }
            case 30, 31, 32 -> {
                String[] ops = {"ZUNION", "ZINTER", "ZDIFF", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZINTERCARD"};
                String op = ops[r.nextInt(ops.length)];
                args.add(op);
                if (op.endsWith("STORE")) {
                    args.add(key(r));
                }
                List<String> keys = inputKeys(r, 1 + r.nextInt(3));
                args.add(r.nextInt(12) == 0 ? number(r) : Integer.toString(keys.size()));
                args.addAll(keys);
                if (r.nextInt(3) == 0) {
                    args.add("WEIGHTS");
                    for (int i = 0; i < keys.size(); i++) {
                        args.add(new String[] {"1", "2", "0", "-1", "0.5", "inf", "abc", "1e-3"}[r.nextInt(8)]);
                    }
                }
                if (r.nextInt(3) == 0) {
                    args.addAll(List.of("AGGREGATE", new String[] {"SUM", "MIN", "MAX", "max", "FOO"}[r.nextInt(5)]));
                }
                if (r.nextInt(3) == 0) {
                    args.add("WITHSCORES");
                }
                if (op.equals("ZINTERCARD") && r.nextBoolean()) {
                    args.addAll(List.of("LIMIT", number(r)));
                }
            }
            case 33 -> {
                return zrandmember(r, k);
            }
            case 34 -> {
                args.addAll(List.of("ZSCAN", k, r.nextInt(8) == 0 ? "abc" : "0", "COUNT", "1000"));
                if (r.nextBoolean()) {
                    args.addAll(List.of("MATCH", new String[] {"*", "a*", "[a-c]", "*0*", "?"}[r.nextInt(5)]));
                }
                return Step.of(SCAN_PAIRS, args.toArray(String[]::new));
            }
            case 35 -> args.addAll(List.of("OBJECT", "ENCODING", r.nextBoolean() ? k : lexKey(r)));
            case 36 -> args.addAll(List.of("DEBUG", "DIGEST-VALUE", k, lexKey(r)));
            case 37 -> args.addAll(List.of("CONFIG", "SET", r.nextBoolean() ? "zset-max-listpack-entries" : "zset-max-listpack-value",
                    new String[] {"0", "1", "2", "4", "8", "128"}[r.nextInt(6)]));
            case 38 -> args.addAll(List.of("SET", r.nextInt(6) != 0 ? "s" : k, "v"));
            case 39 -> args.addAll(List.of("DEL", k));
            case 40 -> args.add("DEBUG DIGEST".split(" ")[0]);
            case 41 -> args.addAll(List.of("COPY", k, key(r), "REPLACE"));
            case 42 -> {
                // Plain sets for the algebra: integers (an intset) or any members.
                args.addAll(List.of(r.nextInt(5) == 0 ? "SREM" : "SADD", "t" + r.nextInt(2)));
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    args.add(r.nextBoolean() ? Integer.toString(r.nextInt(12)) : member(r));
                }
                if (r.nextInt(4) == 0) {
                    return Step.exact("ZADD", "t" + r.nextInt(2), "1", "a");
                }
            }
            default -> args.addAll(List.of("ZRANGE", lexKey(r), "0", "-1", "WITHSCORES"));
        }
        if (args.size() == 1 && args.get(0).equals("DEBUG")) {
            args.add("DIGEST");
        }
        return Step.exact(args.toArray(String[]::new));
    }

    private static void rangeOptions(Random r, List<String> args, boolean scores) {
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(3) != 0) {
                // The options this form takes (mostly valid).
                args.add(scores && r.nextBoolean() ? "WITHSCORES" : "LIMIT");
                if (args.get(args.size() - 1).equals("LIMIT")) {
                    args.addAll(List.of(Integer.toString(r.nextInt(4) - (r.nextInt(6) == 0 ? 1 : 0)),
                            Integer.toString(r.nextInt(5) - 1)));
                }
                continue;
            }
            switch (r.nextInt(6)) {
                case 0 -> args.addAll(List.of("LIMIT", number(r), number(r)));
                case 1 -> args.add("REV");
                case 2 -> args.add(scores || r.nextInt(4) == 0 ? "WITHSCORES" : "LIMIT");
                case 3 -> args.add(new String[] {"BYSCORE", "BYLEX", "FOO"}[r.nextInt(3)]);
                default -> args.addAll(List.of("LIMIT", Integer.toString(r.nextInt(3)), Integer.toString(r.nextInt(4) - 1)));
            }
        }
    }

    private static Step zrandmember(Random r, String k) {
        List<String> args = new ArrayList<>(List.of("ZRANDMEMBER", k));
        int shape = r.nextInt(6);
        Long count = null;
        boolean withScores = false;
        if (shape > 0) {
            String c = new String[] {"0", "1", "2", "3", "-1", "-3", "-7", "5", "100", "abc", "-9223372036854775808"}[r.nextInt(11)];
            args.add(c);
            count = c.equals("abc") ? null : Long.parseLong(c);
        }
        if (shape > 2) {
            withScores = r.nextInt(10) != 0;
            args.add(withScores ? "WITHSCORES" : "FOO");
        }
        return Step.of(randomMembers(k, count, withScores), args.toArray(String[]::new));
    }

    // ---- comparisons ----

    private static RespValue parse(byte[] raw) {
        return dev.cinnabar.resp.client.ReplyReader.read(io.netty.buffer.Unpooled.wrappedBuffer(raw));
    }

    private static String text(RespValue v) {
        if (v instanceof RespValue.Bulk b) {
            return new String(b.bytes(), StandardCharsets.ISO_8859_1);
        }
        if (v instanceof RespValue.Double d) {
            return d.text();
        }
        return v.describe();
    }

    /** ZSCAN: the same cursor and the same member/score pairs, in any order. */
    static final Comparison SCAN_PAIRS = (a, b) -> {
        if (a.length == 0 || b.length == 0 || a[0] == '-' || b[0] == '-') {
            return Comparison.EXACT.compare(a, b);
        }
        List<RespValue> x = ((RespValue.Aggregate) parse(a)).elements();
        List<RespValue> y = ((RespValue.Aggregate) parse(b)).elements();
        if (!text(x.get(0)).equals(text(y.get(0)))) {
            return "cursors differ";
        }
        return pairs(x.get(1)).equals(pairs(y.get(1))) ? null : "scanned pairs differ";
    };

    private static Set<String> pairs(RespValue items) {
        List<RespValue> e = ((RespValue.Aggregate) items).elements();
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < e.size(); i += 2) {
            out.add(text(e.get(i)) + "=" + text(e.get(i + 1)));
        }
        if (out.size() * 2 != e.size()) {
            out.add("<odd or repeated items: " + e.size() + ">");
        }
        return out;
    }

    /** The content of a key on one server (member to score text), or null when it is not a sorted set. */
    private static Map<String, String> content(int port, String key) {
        try (RespConnection c = new RespConnection(port)) {
            RespValue v = c.call("ZRANGE", key, "0", "-1", "WITHSCORES");
            if (!(v instanceof RespValue.Aggregate agg)) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i + 1 < agg.elements().size(); i += 2) {
                out.put(text(agg.elements().get(i)), text(agg.elements().get(i + 1)));
            }
            return out;
        }
    }

    /**
     * ZRANDMEMBER: errors compare exactly; otherwise both servers must hold the same content and
     * each reply must obey the rules for its count (distinct members for a positive count, exactly
     * |count| elements for a negative one, the whole set from the highest score down when a
     * positive count covers it), with every member and score taken from that content, and both
     * replies must have the same shape.
     */
    static Comparison randomMembers(String key, Long count, boolean withScores) {
        return (a, b) -> {
            if (a.length == 0 || b.length == 0 || a[0] == '-' || b[0] == '-') {
                return Comparison.EXACT.compare(a, b);
            }
            String shapes = Comparison.SHAPE.compare(a, b);
            if (shapes != null) {
                return shapes;
            }
            Map<String, String> mine = content(CINNABAR, key);
            Map<String, String> theirs = content(REDIS, key);
            if (mine == null || !mine.equals(theirs)) {
                return "the servers hold different contents at " + key + ": " + mine + " vs " + theirs;
            }
            String why = obeysRules(parse(a), mine, count, withScores);
            if (why != null) {
                return why;
            }
            why = obeysRules(parse(b), theirs, count, withScores);
            return why == null ? null : "the rule does not fit redis's own reply: " + why;
        };
    }

    private static String obeysRules(RespValue reply, Map<String, String> content, Long count, boolean withScores) {
        if (count == null) {
            if (reply instanceof RespValue.Bulk bulk) {
                return content.containsKey(text(bulk)) ? null : "not a member: " + text(bulk);
            }
            return content.isEmpty() ? null : "nil from a non-empty set";
        }
        List<RespValue> items = ((RespValue.Aggregate) reply).elements();
        List<String[]> elements = new ArrayList<>();
        if (withScores && !items.isEmpty() && !(items.get(0) instanceof RespValue.Aggregate)) {
            for (int i = 0; i + 1 < items.size(); i += 2) {
                elements.add(new String[] {text(items.get(i)), text(items.get(i + 1))});
            }
        } else {
            for (RespValue item : items) {
                if (item instanceof RespValue.Aggregate pair) {
                    elements.add(new String[] {text(pair.elements().get(0)), text(pair.elements().get(1))});
                } else {
                    elements.add(new String[] {text(item), null});
                }
            }
        }
        long size = content.size();
        long expected = count >= 0 ? Math.min(count, size) : (size == 0 ? 0 : -count);
        if (elements.size() != expected) {
            return "expected " + expected + " elements, got " + elements.size();
        }
        Set<String> seen = new HashSet<>();
        for (String[] e : elements) {
            if (!content.containsKey(e[0])) {
                return "not a member: " + e[0];
            }
            if (withScores != (e[1] != null)) {
                return "scores present: " + (e[1] != null);
            }
            if (e[1] != null && !e[1].equals(content.get(e[0]))) {
                return "wrong score for " + e[0] + ": " + e[1];
            }
            if (count > 0 && !seen.add(e[0])) {
                return "repeated member " + e[0] + " for a positive count";
            }
        }
        if (count > 0 && count >= size) {
            List<String> descending = new ArrayList<>(content.keySet());
            java.util.Collections.reverse(descending);
            List<String> got = elements.stream().map(e -> e[0]).toList();
            if (!got.equals(descending)) {
                return "the whole set should come from the highest score down: " + got;
            }
        }
        return null;
    }

    // ---- runs ----

    private void run(String family, long[] seeds, int length, String entries, String value) {
        Differential differential = new Differential(CINNABAR, REDIS, reset(entries, value));
        for (long seed : seeds) {
            long s = Differential.seed(seed);
            differential.checkRandom(family, s, length, r -> {
                if (r.nextInt(60) == 0) {
                    return Step.of(Comparison.SHAPE, "HELLO", r.nextBoolean() ? "3" : "2");
                }
                return step(r);
            });
        }
    }

    /**
     * Keyspace notifications of the same streams: the stream's client is a RESP3 subscriber of
     * every keyspace and keyevent channel, so each push a command causes arrives next to its reply
     * and is compared with it, byte for byte (which commands notify, the event names, their order
     * and their place relative to the reply).
     */
    @Test
    void notifications() {
        Differential differential = new Differential(CINNABAR, REDIS, List.of(
                Step.exact("RESET"), Step.exact("FLUSHALL"),
                Step.exact("CONFIG", "SET", "zset-max-listpack-entries", "4"),
                Step.exact("CONFIG", "SET", "zset-max-listpack-value", "8"),
                Step.exact("HELLO", "3"),
                Step.exact("CONFIG", "SET", "notify-keyspace-events", "KEA"),
                Step.exact("PSUBSCRIBE", "__key*@*__:*")));
        try {
            for (long seed : new long[] {331, 332, 333, 334}) {
                differential.checkRandom("zset notifications", Differential.seed(seed), 400, r -> {
                    Step s = step(r);
                    return s.comparison() == Comparison.EXACT ? s : Step.exact("DBSIZE");
                });
            }
        } finally {
            for (int port : new int[] {CINNABAR, REDIS}) {
                try (RespConnection c = new RespConnection(port)) {
                    c.call("CONFIG", "SET", "notify-keyspace-events", "");
                }
            }
        }
    }

    /**
     * MULTI/EXEC around the same commands: queued replies, EXEC's array of results, DISCARD, and the
     * blocking pops, which inside a transaction answer at once as their non-blocking forms.
     */
    @Test
    void transactions() {
        Differential differential = new Differential(CINNABAR, REDIS, reset("4", "8"));
        for (long seed : new long[] {341, 342, 343, 344}) {
            java.util.ArrayDeque<Step> pending = new java.util.ArrayDeque<>();
            differential.checkRandom("zset transactions", Differential.seed(seed), 500, r -> {
                if (!pending.isEmpty()) {
                    return pending.poll();
                }
                if (r.nextInt(6) == 0) {
                    int n = 1 + r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        Step s = r.nextInt(4) == 0 ? Step.exact("BZPOPMIN", key(r), key(r), "0.01") : step(r);
                        pending.add(s.comparison() == Comparison.EXACT ? s : Step.exact("ZCARD", key(r)));
                    }
                    pending.add(Step.exact(r.nextInt(5) == 0 ? "DISCARD" : "EXEC"));
                    return Step.exact("MULTI");
                }
                return step(r);
            });
        }
    }

    @Test
    void smallThresholds() {
        run("zset (entries 4, value 8)", new long[] {301, 302, 303, 304, 305, 306, 307, 308}, 800, "4", "8");
    }

    @Test
    void tinyThresholds() {
        run("zset (entries 1, value 1)", new long[] {311, 312, 313}, 400, "1", "1");
    }

    @Test
    void defaultThresholds() {
        run("zset (defaults)", new long[] {321, 322, 323, 324}, 800, "128", "64");
    }
}
