package dev.cinnabar.server.differential;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random streams of set commands against the real redis-server: four set keys and a string
 * key, so commands collide and hit wrong types; a small universe of members (integers, strings
 * that look like integers, long and binary strings) so sets overlap; the intset limit set low in
 * the reset steps so sets cross it often (Cinnabar's listpack limits too, which Redis 7.0 does not
 * have and refuses); bad arguments mixed in.
 *
 * <p>Compared exactly except: replies whose order Redis does not define are compared without
 * order; OBJECT ENCODING maps Cinnabar's (Redis 7.2's) listpack to 7.0's hashtable. SADD never
 * gets more arguments than the intset limit, because 7.2 chooses the encoding of a new key from
 * the argument count where 7.0 adds one by one (documented in COMPATIBILITY.md), and the mapping
 * would not hold.
 *
 * <p>SPOP and SRANDMEMBER draw at random, so they run on a scratch key in a group of steps:
 * copy a set into it, list it (recording its members), draw (checked by the rules: counts,
 * distinct members for positive counts, membership in what was recorded), list what remains after
 * SPOP (it must be what was there minus what this server popped), then delete the scratch key, so
 * the two servers never hold different data outside the group. SRANDMEMBER on the real keys is
 * checked by counts and distinctness only.
 */
class SetDifferentialTest {
    private static final String SCRATCH = "scratch";
    private static final String[] MEMBERS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "-3",
        "100000", "9223372036854775807", "-9223372036854775808", "a", "b", "c", "d", "e", "01", "+1", "", "x".repeat(70),
        "bin\u0000ary", "hello world"};

    private static Differential differential(int intsetEntries, int listpackEntries, int listpackValue) {
        List<Step> reset = List.of(Step.exact("FLUSHALL"), Step.exact("RESET"),
                Step.exact("CONFIG", "SET", "set-max-intset-entries", Integer.toString(intsetEntries)),
                // Refused by Redis 7.0 (reset replies are not compared); Cinnabar's listpacks then convert often.
                Step.exact("CONFIG", "SET", "set-max-listpack-entries", Integer.toString(listpackEntries)),
                Step.exact("CONFIG", "SET", "set-max-listpack-value", Integer.toString(listpackValue)));
        return new Differential(cinnabar.port(), redis.port(), reset);
    }

    // Private servers: the reset steps change the set limits, which other tests may not expect.
    private static Cinnabar cinnabar;
    private static RedisOracle redis;

    @BeforeAll
    static void startServers() {
        cinnabar = TestServers.start();
        redis = RedisOracle.start();
    }

    @AfterAll
    static void stopServers() {
        cinnabar.close();
        redis.close();
    }

    // ---- comparisons ----

    private static String text(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    private static boolean isError(byte[] raw) {
        return raw.length > 0 && raw[0] == '-';
    }

    /** The members of an array or set reply (null for anything else). */
    private static List<String> elements(byte[] raw) {
        RespValue v = Comparison.parse(raw);
        if (!(v instanceof RespValue.Aggregate agg)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (RespValue e : agg.elements()) {
            out.add(e instanceof RespValue.Bulk b ? new String(b.bytes(), StandardCharsets.ISO_8859_1) : e.describe());
        }
        return out;
    }

    /** OBJECT ENCODING: Cinnabar's listpack (Redis 7.2) is a hashtable in Redis 7.0. */
    static final Comparison ENCODING = (cinnabar, redis) -> {
        if (Arrays.equals(cinnabar, redis)) {
            return null;
        }
        if (text(cinnabar).equals("$8\r\nlistpack\r\n") && text(redis).equals("$9\r\nhashtable\r\n")) {
            return null;
        }
        return "encodings differ (Cinnabar's listpack stands for 7.0's hashtable, nothing else may differ)";
    };

    /**
     * OBJECT ENCODING right after SPOP rebuilt a set: 7.0 rebuilds what remains of a hashtable as
     * an intset when the first member left is an integer, 7.2 as a listpack (which becomes a
     * hashtable past the listpack limit). Which members remain is random on both servers.
     */
    static final Comparison ENCODING_AFTER_SPOP = (cinnabar, redis) -> {
        if (ENCODING.compare(cinnabar, redis) == null) {
            return null;
        }
        String ours = text(cinnabar);
        if ((ours.equals("$8\r\nlistpack\r\n") || ours.equals("$9\r\nhashtable\r\n"))
                && text(redis).equals("$6\r\nintset\r\n")) {
            return null;
        }
        return "encodings differ after SPOP";
    };

    /**
     * What the steps of one SPOP/SRANDMEMBER group learn about the scratch key, each record
     * consumed by the next step. The group's comparisons are stateful: the harness clears the
     * probe before every play, so a sequence shortened while shrinking never reads stale records.
     */
    static final class Probe {
        Set<String> content;
        Set<String> remainderCinnabar;
        Set<String> remainderRedis;

        void clear() {
            content = null;
            remainderCinnabar = null;
            remainderRedis = null;
        }
    }

    static Differential.StatefulComparison stateful(Probe probe, Comparison c) {
        return new Differential.StatefulComparison() {
            @Override
            public String compare(byte[] cinnabar, byte[] redis) {
                return c.compare(cinnabar, redis);
            }

            @Override
            public void reset() {
                probe.clear();
            }
        };
    }

    /** SMEMBERS of the scratch key: compared without order, and its members recorded. */
    static Comparison record(Probe probe) {
        return stateful(probe, (cinnabar, redis) -> {
            probe.clear();
            String why = Comparison.UNORDERED.compare(cinnabar, redis);
            if (why == null && elements(redis) != null) {
                probe.content = new HashSet<>(elements(redis));
            }
            return why;
        });
    }

    /**
     * A random draw (SPOP or SRANDMEMBER, with {@code count} or without when null): errors and
     * types compare exactly; the members drawn must be members, as many as the rules say, distinct
     * unless SRANDMEMBER's count is negative. For SPOP, what should remain on each server is noted.
     */
    static Comparison draw(Probe probe, boolean pop, Long count) {
        return stateful(probe, (cinnabar, redis) -> {
            Set<String> content = probe.content;
            probe.content = null;
            if (isError(cinnabar) || isError(redis) || cinnabar.length == 0 || redis.length == 0) {
                return Comparison.EXACT.compare(cinnabar, redis);
            }
            if (cinnabar[0] != redis[0]) {
                return "reply types differ";
            }
            List<String> x;
            List<String> y;
            if (count == null) {
                RespValue a = Comparison.parse(cinnabar);
                RespValue b = Comparison.parse(redis);
                if (!(a instanceof RespValue.Bulk ab) || !(b instanceof RespValue.Bulk bb)) {
                    return Comparison.EXACT.compare(cinnabar, redis);
                }
                x = List.of(new String(ab.bytes(), StandardCharsets.ISO_8859_1));
                y = List.of(new String(bb.bytes(), StandardCharsets.ISO_8859_1));
            } else {
                x = elements(cinnabar);
                y = elements(redis);
                if (x == null || y == null) {
                    return Comparison.EXACT.compare(cinnabar, redis);
                }
            }
            if (x.size() != y.size()) {
                return "different numbers of members drawn";
            }
            boolean distinct = count == null || count >= 0;
            if (distinct && (new HashSet<>(x).size() != x.size() || new HashSet<>(y).size() != y.size())) {
                return "a member drawn twice";
            }
            if (content != null) {
                if (!content.containsAll(x) || !content.containsAll(y)) {
                    return "a member drawn that is not in the set " + content;
                }
                long expected = count == null ? 1 : count >= 0 ? Math.min(count, content.size()) : -count;
                if (content.isEmpty()) {
                    expected = 0;
                }
                if (x.size() != expected) {
                    return expected + " members expected, " + x.size() + " drawn";
                }
                if (pop) {
                    Set<String> left = new HashSet<>(content);
                    x.forEach(left::remove);
                    probe.remainderCinnabar = left;
                    left = new HashSet<>(content);
                    y.forEach(left::remove);
                    probe.remainderRedis = left;
                }
            }
            return null;
        });
    }

    /** SMEMBERS after SPOP: each server keeps what it had minus what it popped. */
    static Comparison remainder(Probe probe) {
        return stateful(probe, (cinnabar, redis) -> {
            Set<String> expectedCinnabar = probe.remainderCinnabar;
            Set<String> expectedRedis = probe.remainderRedis;
            probe.clear();
            if (expectedCinnabar == null) {
                // Nothing was recorded (an error, or a step left out while shrinking): sizes only.
                return RANDOM_COUNTED.compare(cinnabar, redis);
            }
            List<String> x = elements(cinnabar);
            List<String> y = elements(redis);
            if (x == null || y == null || x.size() != y.size()) {
                return "remainders differ in size";
            }
            if (!new HashSet<>(x).equals(expectedCinnabar)) {
                return "Cinnabar kept " + x + ", expected " + expectedCinnabar;
            }
            if (!new HashSet<>(y).equals(expectedRedis)) {
                return "Redis kept " + y + ", expected " + expectedRedis;
            }
            return null;
        });
    }

    /** SRANDMEMBER on a real key, without recorded members: same count, distinct for positive counts. */
    static final Comparison RANDOM_COUNTED = (cinnabar, redis) -> {
        if (isError(cinnabar) || isError(redis)) {
            return Comparison.EXACT.compare(cinnabar, redis);
        }
        List<String> x = elements(cinnabar);
        List<String> y = elements(redis);
        if (x == null || y == null || cinnabar[0] != redis[0]) {
            return Comparison.EXACT.compare(cinnabar, redis);
        }
        return x.size() == y.size() ? null : "different numbers of members";
    };

    /** The top-level RESP values of a raw reply: RESP3 pushes first, then the command's reply. */
    static List<byte[]> values(byte[] raw) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(raw);
        List<byte[]> out = new ArrayList<>();
        while (b.isReadable()) {
            int start = b.readerIndex();
            if (dev.cinnabar.resp.client.ReplyReader.read(b) == null) {
                break;
            }
            byte[] part = new byte[b.readerIndex() - start];
            b.getBytes(start, part);
            out.add(part);
        }
        return out;
    }

    /**
     * With keyspace notifications on, a command's pushes arrive in front of its reply: they are
     * compared exactly (events, channels, order), the reply with {@code inner}.
     */
    static Comparison withPushes(Comparison inner) {
        Comparison c = (cinnabar, redis) -> {
            List<byte[]> x = values(cinnabar);
            List<byte[]> y = values(redis);
            if (x.isEmpty() || y.isEmpty()) {
                return Comparison.EXACT.compare(cinnabar, redis);
            }
            if (x.size() != y.size()) {
                return "different notifications";
            }
            for (int i = 0; i < x.size() - 1; i++) {
                if (!Arrays.equals(x.get(i), y.get(i))) {
                    return "notifications differ";
                }
            }
            return inner.compare(x.get(x.size() - 1), y.get(y.size() - 1));
        };
        if (inner instanceof Differential.StatefulComparison stateful) {
            return new Differential.StatefulComparison() {
                @Override
                public String compare(byte[] cinnabar, byte[] redis) {
                    return c.compare(cinnabar, redis);
                }

                @Override
                public void reset() {
                    stateful.reset();
                }
            };
        }
        return c;
    }

    // ---- the generator ----

    /** Produces single steps, or the steps of a group one after the other. */
    static final class Generator implements Differential.Generator {
        private final Deque<Step> pending = new ArrayDeque<>();
        private final int maxSaddArguments;
        private final boolean notifications;

        Generator(int maxSaddArguments, boolean notifications) {
            this.maxSaddArguments = maxSaddArguments;
            this.notifications = notifications;
        }

        @Override
        public Step next(Random r) {
            if (pending.isEmpty()) {
                generate(r);
            }
            return pending.poll();
        }

        private static String key(Random r) {
            return r.nextInt(9) == 0 ? "str" : "s" + r.nextInt(4);
        }

        private static String member(Random r) {
            return MEMBERS[r.nextInt(r.nextInt(3) == 0 ? MEMBERS.length : 17)];
        }

        private static String[] command(String name, String first, Random r, int members) {
            List<String> args = new ArrayList<>(List.of(name, first));
            for (int i = 0; i < members; i++) {
                args.add(member(r));
            }
            return args.toArray(String[]::new);
        }

        private static String[] keys(String name, Random r, int extra) {
            List<String> args = new ArrayList<>(List.of(name));
            if (extra >= 0) {
                args.add(r.nextInt(5) == 0 ? "dst" : key(r));
            }
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                args.add(r.nextInt(10) == 0 ? "missing" : key(r));
            }
            return args.toArray(String[]::new);
        }

        private void add(Step s) {
            pending.add(notifications ? new Step(s.args(), withPushes(s.comparison())) : s);
        }

        private void generate(Random r) {
            String k = key(r);
            switch (r.nextInt(41)) {
                case 0, 1, 2, 3, 4, 5 -> add(Step.exact(command("SADD", k, r, 1 + r.nextInt(maxSaddArguments))));
                case 6, 7 -> add(Step.exact(command("SREM", k, r, 1 + r.nextInt(3))));
                case 8 -> add(Step.exact("SCARD", k));
                case 9 -> add(Step.exact("SISMEMBER", k, member(r)));
                case 10 -> add(Step.exact(command("SMISMEMBER", k, r, 1 + r.nextInt(3))));
                case 11, 12 -> add(Step.of(Comparison.UNORDERED, "SMEMBERS", k));
                case 13 -> add(Step.exact("SMOVE", k, r.nextInt(4) == 0 ? k : key(r), member(r)));
                case 14 -> add(Step.of(Comparison.UNORDERED, keys(r.nextBoolean() ? "SINTER" : "SUNION", r, -1)));
                case 15 -> add(Step.of(Comparison.UNORDERED, keys("SDIFF", r, -1)));
                case 16, 17 -> add(Step.exact(keys(new String[] {"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"}[r.nextInt(3)],
                        r, 1)));
                case 18 -> {
                    List<String> args = new ArrayList<>(List.of("SINTERCARD"));
                    int n = 1 + r.nextInt(3);
                    args.add(r.nextInt(8) == 0 ? new String[] {"0", "-1", "x", "9"}[r.nextInt(4)] : Integer.toString(n));
                    for (int i = 0; i < n; i++) {
                        args.add(key(r));
                    }
                    if (r.nextBoolean()) {
                        args.add(r.nextInt(6) == 0 ? "FOO" : "LIMIT");
                        args.add(new String[] {"0", "1", "2", "5", "-1", "x"}[r.nextInt(6)]);
                    }
                    add(Step.exact(args.toArray(String[]::new)));
                }
                case 19, 20 -> add(Step.of(ENCODING, "OBJECT", "ENCODING", r.nextInt(6) == 0 ? "dst" : k));
                case 21 -> add(Step.exact("DEBUG", "DIGEST-VALUE", k, key(r), "dst"));
                case 22 -> add(Step.exact("DEBUG", "DIGEST"));
                case 23 -> {
                    List<String> args = new ArrayList<>(List.of("SSCAN", k, "0", "COUNT", "1000"));
                    if (r.nextBoolean()) {
                        args.addAll(List.of("MATCH", new String[] {"*", "1*", "[a-c]", "?", "*o*"}[r.nextInt(5)]));
                    }
                    add(Step.of(Comparison.UNORDERED, args.toArray(String[]::new)));
                }
                case 24 -> {
                    // A bad cursor, or a good one with a bad option (each answered at its turn: cursor, key, options).
                    String[][] bad = {{"COUNT", "0"}, {"COUNT", "-1"}, {"COUNT", "x"}, {"TYPE", "set"}, {"FOO", "5"},
                        {"MATCH"}};
                    List<String> args = new ArrayList<>(List.of("SSCAN", k,
                            new String[] {"abc", "-", "0", " 1", "18446744073709551616"}[r.nextInt(5)]));
                    args.addAll(List.of(bad[r.nextInt(bad.length)]));
                    add(Step.exact(args.toArray(String[]::new)));
                }
                case 25 -> add(Step.of(RANDOM_COUNTED, "SRANDMEMBER", k,
                        new String[] {"0", "1", "2", "5", "-3", "100", "-20", "x", "-9223372036854775808"}[r.nextInt(9)]));
                case 26 -> add(r.nextBoolean()
                        ? Step.exact("SPOP", k, new String[] {"-1", "abc", "1.5", "9223372036854775808"}[r.nextInt(4)])
                        : Step.exact("SRANDMEMBER", k, new String[] {"abc", "1.5", "-9223372036854775808"}[r.nextInt(3)]));
                case 27 -> add(Step.exact(r.nextBoolean() ? "SPOP" : "SRANDMEMBER", k, "1", "2"));
                case 28 -> add(Step.exact("SET", "str", "text"));
                case 29 -> add(Step.exact("DEL", k));
                case 30 -> add(Step.exact("TYPE", k));
                case 31 -> add(Step.exact("COPY", k, key(r), "REPLACE"));
                case 32 -> add(Step.exact("EXPIRE", r.nextBoolean() ? "dst" : k, "100000"));
                case 33 -> add(Step.of(Comparison.integerWithin(1), "TTL", r.nextBoolean() ? "dst" : k));
                case 34 -> add(Step.exact(new String[] {"SADD", "SREM", "SMOVE", "SISMEMBER", "SSCAN", "SMISMEMBER"}[r.nextInt(6)],
                        k));
                case 35 -> add(Step.exact(new String[][] {{"COMMAND", "GETKEYS", "SINTERCARD", "2", k, "s1", "LIMIT", "1"},
                    {"COMMAND", "GETKEYS", "SINTERCARD", "0", k}, {"COMMAND", "GETKEYS", "SINTERCARD", "3", k, "s1"},
                    {"COMMAND", "GETKEYS", "SINTERCARD", "x", k}, {"COMMAND", "GETKEYS", "SMOVE", k, "s2", "m"},
                    {"COMMAND", "GETKEYS", "SINTERSTORE", "dst", k, "s3"}, {"COMMAND", "GETKEYS", "SSCAN", k, "0"},
                    {"COMMAND", "GETKEYS", "SDIFF", k, "s1", "s2"}}[r.nextInt(8)]));
                default -> group(r, k);
            }
        }

        /** The SPOP / SRANDMEMBER group on the scratch key (see the class comment). */
        private void group(Random r, String k) {
            Probe probe = new Probe();
            boolean pop = r.nextBoolean();
            Long count = r.nextInt(4) == 0 ? null : (long) (pop ? new int[] {0, 1, 2, 3, 5, 8, 100}[r.nextInt(7)]
                    : new int[] {0, 1, 2, 3, 5, 100, -1, -4, -30}[r.nextInt(9)]);
            add(Step.exact("DEL", SCRATCH));
            add(Step.exact("COPY", k, SCRATCH));
            add(Step.of(ENCODING, "OBJECT", "ENCODING", SCRATCH));
            add(Step.of(record(probe), "SMEMBERS", SCRATCH));
            List<String> draw = new ArrayList<>(List.of(pop ? "SPOP" : "SRANDMEMBER", SCRATCH));
            if (count != null) {
                draw.add(Long.toString(count));
            }
            add(Step.of(draw(probe, pop, count), draw.toArray(String[]::new)));
            if (pop) {
                add(Step.of(remainder(probe), "SMEMBERS", SCRATCH));
                add(Step.of(ENCODING_AFTER_SPOP, "OBJECT", "ENCODING", SCRATCH));
            }
            add(Step.exact("DEL", SCRATCH));
        }
    }

    private static void run(Differential d, String family, long[] seeds, int maxSaddArguments) {
        for (long seed : seeds) {
            d.checkRandom(family, Differential.seed(seed), 800, new Generator(maxSaddArguments, false));
        }
    }

    /**
     * The same streams with every keyspace notification on: the client is a RESP3 subscriber of
     * every keyspace and keyevent channel, so each command's events (sadd, srem, spop, del, new,
     * sinterstore, keymiss...) arrive in front of its reply and are compared byte for byte.
     */
    @Test
    void notifications() {
        Differential d = new Differential(cinnabar.port(), redis.port(), List.of(Step.exact("FLUSHALL"),
                Step.exact("RESET"), Step.exact("CONFIG", "SET", "set-max-intset-entries", "5"),
                Step.exact("CONFIG", "SET", "set-max-listpack-entries", "4"),
                Step.exact("DEBUG", "SET-ACTIVE-EXPIRE", "0"), Step.exact("HELLO", "3"),
                Step.exact("CONFIG", "SET", "notify-keyspace-events", "KEAnm"),
                Step.exact("PSUBSCRIBE", "__key*@*__:*")));
        for (long seed : new long[] {331, 332, 333, 334}) {
            d.checkRandom("set notifications", Differential.seed(seed), 600, new Generator(4, true));
        }
    }

    @Test
    void smallLimits() {
        run(differential(5, 4, 6), "sets (intset 5)", new long[] {301, 302, 303, 304, 305, 306}, 4);
    }

    @Test
    void mediumLimits() {
        run(differential(12, 16, 64), "sets (intset 12)", new long[] {311, 312, 313, 314}, 8);
    }

    @Test
    void defaultLimits() {
        run(differential(512, 128, 64), "sets (defaults)", new long[] {321, 322, 323}, 20);
    }
}
