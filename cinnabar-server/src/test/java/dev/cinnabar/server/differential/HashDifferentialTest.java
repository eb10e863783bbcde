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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded random streams of hash commands against the real redis-server: six keys (one of them
 * often a string) and a dozen fields so that commands collide, values that cross the listpack
 * limits (set low in the reset steps, and changed mid-stream), integers and floats for the
 * counters, wrong arities and bad arguments mixed in, RESP2 and RESP3.
 *
 * <p>Replies are compared byte for byte, except where Redis defines no order: a hashtable's
 * HGETALL / HKEYS / HVALS / HSCAN are compared as sets of pairs or elements, but only once
 * Cinnabar confirms the key is a hashtable (a listpack's order must match exactly; OBJECT ENCODING
 * steps check that the encodings agree). HRANDFIELD is checked by its rules instead of equality:
 * same reply shape and length, distinct fields for a positive count, every field and value taken
 * from the hash. DEBUG DIGEST-VALUE and OBJECT ENCODING are compared exactly.
 *
 * <p>A last stream runs with the client subscribed (RESP3) to every keyspace notification, so that
 * the events each hash command emits ("new", "hset", "hdel", "hincrby", "hincrbyfloat", "del"...)
 * are compared with Redis's, in order and against the reply, as pushes in front of it.
 */
class HashDifferentialTest {
    private static final String[] FIELDS = {"a", "b", "c", "d", "e", "f", "1", "-2", "10", "", "field:long",
        "x y"};
    private static final String[] VALUES = {"", "0", "1", "-1", "42", "-9223372036854775808", "9223372036854775807",
        "9223372036854775808", "1.5", "-0.25", "1e3", "0x10", " 5", "05", "abc", "hello world", "12345678",
        "123456789012", "a-value-longer-than-sixteen", "bin\u0000ary", "inf", "3.0000000000000004"};

    private final int cinnabarPort = TestServers.shared().port();
    private final int redisPort = RedisOracle.shared().port();

    private Differential differential(String entries, String value) {
        List<Step> reset = List.of(Step.exact("FLUSHALL"), Step.exact("RESET"),
                Step.exact("CONFIG", "SET", "hash-max-listpack-entries", entries, "hash-max-listpack-value", value));
        return new Differential(cinnabarPort, redisPort, reset);
    }

    private static String key(Random r) {
        return "h" + r.nextInt(6);
    }

    private static String field(Random r) {
        return r.nextInt(5) == 0 ? "g" + r.nextInt(30) : FIELDS[r.nextInt(FIELDS.length)];
    }

    private static String value(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> Integer.toString(r.nextInt(200) - 100);
            case 1 -> "v".repeat(r.nextInt(24));
            default -> VALUES[r.nextInt(VALUES.length)];
        };
    }

    private static String number(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> "abc";
            case 1 -> "9223372036854775807";
            case 2 -> "-9223372036854775808";
            case 3 -> "1.5";
            case 4 -> "";
            default -> Integer.toString(r.nextInt(40) - 20);
        };
    }

    private static String floatNumber(Random r) {
        return new String[] {"1.1", "-2.25", "0.1", "1e10", "abc", "inf", "-inf", "nan", "3", "-0", "1.5e-3", "0x1p3",
            "5.0e+2", "1e308", "1e4000", "", " 1", "10.5"}[r.nextInt(18)];
    }

    Step step(Random r) {
        String k = key(r);
        return switch (r.nextInt(41)) {
            case 0, 1, 2, 3 -> {
                List<String> args = new ArrayList<>(List.of(r.nextInt(5) == 0 ? "HMSET" : "HSET", k));
                int pairs = 1 + r.nextInt(3);
                for (int i = 0; i < pairs; i++) {
                    args.add(field(r));
                    args.add(value(r));
                }
                if (r.nextInt(12) == 0) {
                    args.add(field(r));
                }
                yield Step.exact(args.toArray(String[]::new));
            }
            case 4 -> Step.exact("HSETNX", k, field(r), value(r));
            case 5, 6 -> Step.exact("HGET", k, field(r));
            case 7 -> Step.exact("HMGET", k, field(r), field(r), field(r));
            case 8, 9 -> {
                List<String> args = new ArrayList<>(List.of("HDEL", k));
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    args.add(field(r));
                }
                yield Step.exact(args.toArray(String[]::new));
            }
            case 10 -> Step.exact("HEXISTS", k, field(r));
            case 11 -> Step.exact("HLEN", k);
            case 12 -> Step.exact("HSTRLEN", k, field(r));
            case 13 -> Step.of(unorderedIfHashtable(k, HashDifferentialTest::elements), "HKEYS", k);
            case 14 -> Step.of(unorderedIfHashtable(k, HashDifferentialTest::elements), "HVALS", k);
            case 15, 16 -> Step.of(unorderedIfHashtable(k, HashDifferentialTest::pairs), "HGETALL", k);
            case 17, 18 -> Step.exact("HINCRBY", k, field(r), number(r));
            case 19, 20 -> Step.exact("HINCRBYFLOAT", k, field(r), floatNumber(r));
            case 21 -> Step.of(randomFields(k, 0, false), "HRANDFIELD", k);
            case 22, 23 -> {
                long count = r.nextInt(16) - 6;
                boolean withValues = r.nextBoolean();
                yield withValues ? Step.of(randomFields(k, count, true), "HRANDFIELD", k, Long.toString(count), "WITHVALUES")
                        : Step.of(randomFields(k, count, false), "HRANDFIELD", k, Long.toString(count));
            }
            case 24 -> Step.exact("HRANDFIELD", k, new String[] {"x", "1.5", "-9223372036854775808"}[r.nextInt(3)]);
            case 25 -> Step.exact("HRANDFIELD", k, "3", new String[] {"WITHVALUE", "FOO", "withvalues"}[r.nextInt(3)], "x");
            case 26 -> Step.exact("HRANDFIELD", k, r.nextBoolean() ? "9223372036854775807" : "-4611686018427387904",
                    "WITHVALUES");
            case 27, 28 -> {
                List<String> args = new ArrayList<>(List.of("HSCAN", k, "0", "COUNT", "1000"));
                if (r.nextBoolean()) {
                    args.addAll(List.of("MATCH", new String[] {"*", "?", "g*", "[a-c]", "1*", "nomatch"}[r.nextInt(6)]));
                }
                yield Step.of(unorderedIfHashtable(k, HashDifferentialTest::scanPairs), args.toArray(String[]::new));
            }
            // A bad cursor or a bad option (a hashtable's cursors are not comparable: its layout is ours).
            case 29 -> r.nextBoolean() ? Step.exact("HSCAN", k, new String[] {"x", "-", " 1", "18446744073709551616"}[r.nextInt(4)])
                    : Step.exact("HSCAN", k, "0", new String[] {"COUNT", "COUNT", "TYPE", "FOO", "MATCH"}[r.nextInt(5)],
                            new String[] {"0", "x", "-1"}[r.nextInt(3)], r.nextBoolean() ? "COUNT" : "MATCH");
            case 30, 39 -> Step.exact("OBJECT", "ENCODING", k);
            case 31, 32 -> Step.exact("DEBUG", "DIGEST-VALUE", k, key(r));
            case 33 -> Step.exact("SET", k, value(r));
            case 34 -> Step.exact(new String[] {"DEL", "EXISTS", "TYPE"}[r.nextInt(3)], k);
            case 35 -> Step.exact(new String[] {"COPY", "RENAME"}[r.nextInt(2)], k, key(r));
            case 36 -> Step.exact("CONFIG", "SET", r.nextBoolean() ? "hash-max-listpack-entries" : "hash-max-listpack-value",
                    new String[] {"0", "1", "4", "8", "512"}[r.nextInt(5)]);
            case 37 -> Step.of(Comparison.SHAPE, "HELLO", r.nextBoolean() ? "2" : "3");
            // Too few arguments.
            case 38 -> Step.exact(new String[] {"HSET", "HGET", "HDEL", "HINCRBY", "HINCRBYFLOAT", "HSCAN", "HMGET",
                "HSETNX", "HSTRLEN", "HEXISTS"}[r.nextInt(10)], k);
            default -> Step.exact("DEBUG", "DIGEST");
        };
    }

    // ---- comparisons ----

    private static String encoding(int port, String key) {
        try (RespConnection c = new RespConnection(port)) {
            RespValue v = c.call("OBJECT", "ENCODING", key);
            return v instanceof RespValue.Bulk b ? new String(b.bytes(), StandardCharsets.ISO_8859_1) : v.describe();
        }
    }

    /**
     * Exact, unless both servers hold {@code key} as a hashtable (asked after the command, which
     * changed nothing): then equal after {@code normalize}.
     */
    private Comparison unorderedIfHashtable(String key, Function<RespValue, Object> normalize) {
        return (a, b) -> {
            if (Arrays.equals(a, b)) {
                return null;
            }
            String ours = encoding(cinnabarPort, key);
            String theirs = encoding(redisPort, key);
            if (!ours.equals(theirs)) {
                return "replies differ, and so do the encodings: " + ours + " / " + theirs;
            }
            if (a.length == 0 || a[0] == '-' || !ours.equals("hashtable")) {
                return "replies differ";
            }
            return Objects.equals(normalize.apply(Comparison.parse(a)), normalize.apply(Comparison.parse(b))) ? null
                    : "replies differ (hashtable, compared without order)";
        };
    }

    private static String text(RespValue v) {
        return v instanceof RespValue.Bulk b ? new String(b.bytes(), StandardCharsets.ISO_8859_1) : v.describe();
    }

    /** The elements of an array, sorted. */
    private static Object elements(RespValue v) {
        List<String> out = new ArrayList<>();
        for (RespValue e : ((RespValue.Aggregate) v).elements()) {
            out.add(text(e));
        }
        out.sort(null);
        return out;
    }

    /** Field to value, from a flat array (RESP2) or a map (RESP3); fails on a repeated field. */
    private static Object pairs(RespValue v) {
        List<RespValue> flat = v instanceof RespValue.MapValue m ? m.keysAndValues() : ((RespValue.Aggregate) v).elements();
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (out.put(text(flat.get(i)), text(flat.get(i + 1))) != null) {
                return "repeated field " + text(flat.get(i));
            }
        }
        return out;
    }

    private static Object scanPairs(RespValue v) {
        List<RespValue> parts = ((RespValue.Aggregate) v).elements();
        return List.of(text(parts.get(0)), pairs(parts.get(1)));
    }

    /** The hash's content as Cinnabar holds it (read after the command; HRANDFIELD changes nothing). */
    private Map<String, String> cinnabarContent(String key) {
        try (RespConnection c = new RespConnection(cinnabarPort)) {
            RespValue v = c.call("HGETALL", key);
            Object p = v instanceof RespValue.Aggregate || v instanceof RespValue.MapValue ? pairs(v) : Map.of();
            @SuppressWarnings("unchecked")
            Map<String, String> map = p instanceof Map<?, ?> ? (Map<String, String>) p : Map.of();
            return map;
        }
    }

    /**
     * HRANDFIELD's rules: the same shape and length as Redis's reply, distinct fields when the
     * count is positive, and every field (and value) one of the hash's. {@code count} 0 stands for
     * the form without a count.
     */
    private Comparison randomFields(String key, long count, boolean withValues) {
        return (a, b) -> {
            if (Arrays.equals(a, b)) {
                return null;
            }
            if (a.length == 0 || b.length == 0 || a[0] == '-' || b[0] == '-' || a[0] != b[0]) {
                return "replies differ";
            }
            String shapes = Comparison.SHAPE.compare(a, b);
            if (shapes != null) {
                return shapes;
            }
            Map<String, String> content = cinnabarContent(key);
            for (byte[] reply : new byte[][] {a, b}) {
                String why = checkRandom(Comparison.parse(reply), content, count, withValues);
                if (why != null) {
                    return (reply == a ? "cinnabar: " : "redis: ") + why;
                }
            }
            return null;
        };
    }

    private static String checkRandom(RespValue reply, Map<String, String> content, long count, boolean withValues) {
        if (!(reply instanceof RespValue.Aggregate agg)) {
            return reply instanceof RespValue.Bulk ? (content.containsKey(text(reply)) ? null : "not a field: "
                    + text(reply)) : null;
        }
        List<String[]> picked = new ArrayList<>();
        List<RespValue> elements = agg.elements();
        for (int i = 0; i < elements.size(); i++) {
            RespValue e = elements.get(i);
            if (e instanceof RespValue.Aggregate pair) {
                picked.add(new String[] {text(pair.elements().get(0)), text(pair.elements().get(1))});
            } else if (withValues) {
                picked.add(new String[] {text(e), text(elements.get(++i))});
            } else {
                picked.add(new String[] {text(e), null});
            }
        }
        long expected = count > 0 ? Math.min(count, content.size()) : -count;
        if (picked.size() != expected) {
            return picked.size() + " fields for count " + count + " of a hash of " + content.size();
        }
        Set<String> seen = new HashSet<>();
        for (String[] p : picked) {
            if (!content.containsKey(p[0]) || (p[1] != null && !p[1].equals(content.get(p[0])))) {
                return "not a pair of the hash: " + p[0] + " " + p[1];
            }
            if (count > 0 && !seen.add(p[0])) {
                return "field repeated for a positive count: " + p[0];
            }
        }
        return null;
    }

    @Test
    void notifications() {
        Differential d = new Differential(cinnabarPort, redisPort, List.of(Step.exact("RESET"), Step.exact("FLUSHALL"),
                Step.exact("CONFIG", "SET", "hash-max-listpack-entries", "4", "hash-max-listpack-value", "8"),
                Step.exact("HELLO", "3"), Step.exact("CONFIG", "SET", "notify-keyspace-events", "KEA"),
                Step.exact("PSUBSCRIBE", "__key*@*__:*")));
        for (long seed : new long[] {431, 432, 433, 434}) {
            d.checkRandom("hash notifications", Differential.seed(seed), 300, r -> {
                // Only exactly compared replies: a push in front of the others would not parse.
                Step s = step(r);
                return s.comparison() == Comparison.EXACT && !s.describe().startsWith("\"CONFIG\"") ? s
                        : Step.exact("HLEN", key(r));
            });
        }
    }

    @AfterEach
    void restoreDefaults() {
        // The servers are shared with other tests.
        for (int port : new int[] {cinnabarPort, redisPort}) {
            try (RespConnection c = new RespConnection(port)) {
                c.call("CONFIG", "SET", "hash-max-listpack-entries", "512", "hash-max-listpack-value", "64",
                        "notify-keyspace-events", "");
            }
        }
    }

    @Test
    void smallLimits() {
        Differential d = differential("4", "8");
        for (long seed : new long[] {401, 402, 403, 404, 405, 406, 407, 408}) {
            d.checkRandom("hashes", Differential.seed(seed), 400, this::step);
        }
    }

    @Test
    void defaultLimitsWithLongValues() {
        Differential d = differential("512", "16");
        for (long seed : new long[] {411, 412, 413, 414}) {
            d.checkRandom("hashes", Differential.seed(seed), 400, this::step);
        }
    }

    @Test
    void everyHashIsAHashtable() {
        Differential d = differential("0", "0");
        for (long seed : new long[] {421, 422, 423}) {
            d.checkRandom("hashes", Differential.seed(seed), 300, this::step);
        }
    }
}
