package dev.cinnabar.server.differential;

import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded random streams of list commands against the real redis-server: four list keys and a
 * string key so that commands collide and hit the wrong type, a small set of elements (integers,
 * texts that only look like integers, empty, binary, long ones) so that searches match, node
 * limits set low in the reset steps and changed along the way (by count and by bytes, with and
 * without compression) so that lists cross between listpack and quicklist all the time, bad
 * arguments of every kind, blocking commands with short timeouts, MULTI/EXEC around them, and
 * DEBUG DIGEST-VALUE / DEBUG DIGEST of the contents. Replies are compared byte for byte, except
 * OBJECT ENCODING, where Cinnabar's "listpack" (Redis 7.2) stands for 7.0's "quicklist".
 */
class ListDifferentialTest {
    private static final List<Step> RESET = List.of(Step.exact("RESET"), Step.exact("FLUSHALL"),
            Step.exact("CONFIG", "SET", "list-max-listpack-size", "4", "list-compress-depth", "1"));

    private final int cinnabar = TestServers.shared().port();
    private final int redis = RedisOracle.shared().port();

    /**
     * OBJECT ENCODING of lists, alone or in an EXEC reply: Cinnabar's 7.2 "listpack" is 7.0's
     * "quicklist"; everything else exactly. (No element of these streams is the text "listpack".)
     */
    static final Comparison LIST_ENCODING = (a, b) -> {
        String mapped = new String(a, StandardCharsets.ISO_8859_1).replace("$8\r\nlistpack\r\n", "$9\r\nquicklist\r\n");
        return Comparison.EXACT.compare(mapped.getBytes(StandardCharsets.ISO_8859_1), b);
    };

    private static final String[] ELEMENTS = {"a", "b", "c", "1", "2", "-1", "0", "05", "+1", "", "1.5",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "bin\u0000\r\n", "x".repeat(70),
        "y".repeat(300)};

    private static String key(Random r) {
        return r.nextInt(12) == 0 ? "s" : "l" + r.nextInt(4);
    }

    private static String element(Random r) {
        return switch (r.nextInt(20)) {
            case 0 -> "z".repeat(1000 + r.nextInt(4000));
            case 1, 2 -> Integer.toString(r.nextInt(100) - 50);
            default -> ELEMENTS[r.nextInt(ELEMENTS.length)];
        };
    }

    private static String index(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> "x";
            case 1 -> "9223372036854775807";
            case 2 -> "-9223372036854775808";
            case 3 -> "1.0";
            default -> Integer.toString(r.nextInt(17) - 8);
        };
    }

    private static String count(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "-1";
            case 1 -> "x";
            case 2 -> "0";
            case 3 -> "9223372036854775807";
            default -> Integer.toString(1 + r.nextInt(6));
        };
    }

    private static String end(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> "UP";
            case 1 -> "left";
            case 2 -> "Right";
            default -> r.nextBoolean() ? "LEFT" : "RIGHT";
        };
    }

    private static String timeout(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> "-1";
            case 1 -> "x";
            case 2 -> "inf";
            default -> "0.01";
        };
    }

    private static List<String> keys(Random r, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(key(r));
        }
        return keys;
    }

    private static Step step(List<String> args) {
        return Step.exact(args.toArray(String[]::new));
    }

    static Step listStep(Random r) {
        String k = key(r);
        switch (r.nextInt(40)) {
            case 0, 1, 2, 3, 4, 5 -> {
                List<String> args = new ArrayList<>(List.of(r.nextBoolean() ? "LPUSH" : "RPUSH", k));
                int n = 1 + (r.nextInt(3) == 0 ? r.nextInt(8) : 0);
                for (int i = 0; i < n; i++) {
                    args.add(element(r));
                }
                return step(args);
            }
            case 6 -> {
                return Step.exact(r.nextBoolean() ? "LPUSHX" : "RPUSHX", k, element(r), element(r));
            }
            case 7, 8 -> {
                return r.nextBoolean() ? Step.exact(r.nextBoolean() ? "LPOP" : "RPOP", k)
                        : Step.exact(r.nextBoolean() ? "LPOP" : "RPOP", k, count(r));
            }
            case 9 -> {
                return Step.exact("LLEN", k);
            }
            case 10, 11 -> {
                return Step.exact("LRANGE", k, index(r), index(r));
            }
            case 12 -> {
                return Step.exact("LINDEX", k, index(r));
            }
            case 13 -> {
                return Step.exact("LSET", k, index(r), element(r));
            }
            case 14 -> {
                return Step.exact("LINSERT", k, new String[] {"BEFORE", "AFTER", "after", "BETWEEN"}[r.nextInt(4)],
                        element(r), element(r));
            }
            case 15, 16 -> {
                return Step.exact("LREM", k, r.nextInt(8) == 0 ? "x" : Integer.toString(r.nextInt(7) - 3), element(r));
            }
            case 17 -> {
                return Step.exact("LTRIM", k, index(r), index(r));
            }
            case 18, 19 -> {
                List<String> args = new ArrayList<>(List.of("LPOS", k, element(r)));
                int options = r.nextInt(4);
                for (int i = 0; i < options; i++) {
                    switch (r.nextInt(4)) {
                        case 0 -> args.addAll(List.of("RANK", r.nextInt(6) == 0 ? "0" : Integer.toString(r.nextInt(7) - 3)));
                        case 1 -> args.addAll(List.of("COUNT", r.nextInt(6) == 0 ? "-1" : Integer.toString(r.nextInt(4))));
                        case 2 -> args.addAll(List.of("MAXLEN", r.nextInt(6) == 0 ? "x" : Integer.toString(r.nextInt(8))));
                        default -> args.add(r.nextBoolean() ? "RANK" : "FOO");
                    }
                }
                return step(args);
            }
            case 20, 21 -> {
                return Step.exact("LMOVE", k, key(r), end(r), end(r));
            }
            case 22 -> {
                return Step.exact("RPOPLPUSH", k, key(r));
            }
            case 23, 24 -> {
                int n = 1 + r.nextInt(3);
                List<String> args = new ArrayList<>(List.of("LMPOP", r.nextInt(10) == 0 ? Integer.toString(n + 1) : Integer.toString(n)));
                args.addAll(keys(r, n));
                args.add(end(r));
                if (r.nextBoolean()) {
                    args.addAll(List.of("COUNT", count(r)));
                }
                return step(args);
            }
            case 25 -> {
                List<String> args = new ArrayList<>(List.of(r.nextBoolean() ? "BLPOP" : "BRPOP"));
                args.addAll(keys(r, 1 + r.nextInt(3)));
                args.add(timeout(r));
                return step(args);
            }
            case 26 -> {
                return Step.exact("BLMOVE", k, key(r), end(r), end(r), timeout(r));
            }
            case 27 -> {
                return Step.exact("BRPOPLPUSH", k, key(r), timeout(r));
            }
            case 28 -> {
                int n = 1 + r.nextInt(3);
                List<String> args = new ArrayList<>(List.of("BLMPOP", timeout(r), Integer.toString(n)));
                args.addAll(keys(r, n));
                args.add(end(r));
                if (r.nextBoolean()) {
                    args.addAll(List.of("COUNT", count(r)));
                }
                return step(args);
            }
            case 29, 30 -> {
                return Step.of(LIST_ENCODING, "OBJECT", "ENCODING", k);
            }
            case 31 -> {
                return Step.exact("DEBUG", "DIGEST-VALUE", k, key(r));
            }
            case 32 -> {
                return Step.exact("SET", "s", element(r));
            }
            case 33 -> {
                return r.nextBoolean()
                        ? Step.exact("CONFIG", "SET", "list-max-listpack-size",
                                new String[] {"-1", "-2", "-5", "0", "1", "2", "3", "4", "8", "128"}[r.nextInt(10)])
                        : Step.exact("CONFIG", "SET", "list-compress-depth", Integer.toString(r.nextInt(3)));
            }
            case 34 -> {
                String command = new String[] {"MULTI", "EXEC", "EXEC", "DISCARD"}[r.nextInt(4)];
                return command.equals("EXEC") ? Step.of(LIST_ENCODING, command) : Step.exact(command);
            }
            case 35 -> {
                return r.nextBoolean() ? Step.exact("COPY", k, key(r), "REPLACE") : Step.exact("RENAME", k, key(r));
            }
            case 36 -> {
                return Step.exact(new String[] {"TYPE", "EXISTS", "DEL"}[r.nextInt(3)], k);
            }
            case 37 -> {
                return Step.exact("DEBUG", "DIGEST");
            }
            default -> {
                return Step.exact("LRANGE", k, "0", "-1");
            }
        }
    }

    @Test
    void listStreams() {
        Differential differential = new Differential(cinnabar, redis, RESET);
        for (long seed : new long[] {501, 502, 503, 504, 505, 506, 507, 508, 509, 510}) {
            differential.checkRandom("lists", Differential.seed(seed), 400, ListDifferentialTest::listStep);
        }
    }

    @Test
    void listStreamsWithByteLimitedNodes() {
        Differential differential = new Differential(cinnabar, redis, List.of(Step.exact("RESET"), Step.exact("FLUSHALL"),
                Step.exact("CONFIG", "SET", "list-max-listpack-size", "-1", "list-compress-depth", "2")));
        for (long seed : new long[] {521, 522, 523, 524, 525, 526}) {
            differential.checkRandom("lists by bytes", Differential.seed(seed), 400, ListDifferentialTest::listStep);
        }
    }

    /**
     * The keyspace notifications of list commands: the stream's client is a RESP3 subscriber of
     * every keyspace and keyevent channel, so each command's events arrive as pushes before its
     * reply and are compared with it (names, order, and which commands notify).
     */
    @Test
    void listNotifications() {
        Differential differential = new Differential(cinnabar, redis, List.of(Step.exact("RESET"), Step.exact("FLUSHALL"),
                Step.exact("CONFIG", "SET", "list-max-listpack-size", "4", "list-compress-depth", "0"),
                Step.exact("HELLO", "3"), Step.exact("CONFIG", "SET", "notify-keyspace-events", "KEA"),
                Step.exact("PSUBSCRIBE", "__key*@*__:*")));
        for (long seed : new long[] {541, 542, 543, 544, 545, 546}) {
            differential.checkRandom("list notifications", Differential.seed(seed), 300, r -> {
                // OBJECT ENCODING is left out (the replies carry pushes), so EXEC compares exactly.
                Step s = listStep(r);
                if (s.comparison() == Comparison.EXACT) {
                    return s;
                }
                return new String(s.args().get(0), StandardCharsets.ISO_8859_1).equals("EXEC") ? Step.exact("EXEC")
                        : Step.exact("DBSIZE");
            });
        }
    }

    @AfterEach
    void restoreDefaults() {
        // The servers are shared with other tests: put the list settings back.
        for (int port : new int[] {cinnabar, redis}) {
            try (RespConnection c = new RespConnection(port)) {
                c.call("CONFIG", "SET", "list-max-listpack-size", "-2", "list-compress-depth", "0",
                        "notify-keyspace-events", "");
                c.call("FLUSHALL");
            }
        }
    }
}
