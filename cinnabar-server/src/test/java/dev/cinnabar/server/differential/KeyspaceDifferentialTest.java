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
 * Seeded random streams over strings, bitmaps, generic key commands and expiry against the real
 * redis-server: a small set of keys so that commands collide, values that cross the int / embstr
 * / raw encodings, and wrong arguments mixed in. OBJECT ENCODING and DEBUG DIGEST are compared
 * exactly, TTLs with a tolerance of 1 s / 1000 ms, unordered results without order.
 */
class KeyspaceDifferentialTest {
    private static final List<Step> RESET = List.of(Step.exact("FLUSHALL"), Step.exact("RESET"),
            Step.exact("CONFIG", "SET", "proto-max-bulk-len", "536870912"));

    private final Differential differential =
            new Differential(TestServers.shared().port(), RedisOracle.shared().port(), RESET);

    private static String key(Random r) {
        return "k" + r.nextInt(6);
    }

    private static final String[] VALUES = {"", "0", "1", "-1", "42", "9999", "10000", "-9223372036854775808",
        "9223372036854775807", "9223372036854775808", "12345678901234567890", "1.5", "-0.25", "1e3", " 5", "05", "+5",
        "abc", "foobar", "x".repeat(44), "y".repeat(45), "bin\u0000ary\r\n", "inf", "nan", "0x10", "3.0000000000000004",
        "10.5", "hello world", "\u00ff\u00fe"};

    private static String value(Random r) {
        return r.nextInt(8) == 0 ? Integer.toString(r.nextInt(2000) - 1000) : VALUES[r.nextInt(VALUES.length)];
    }

    private static String number(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "-" + r.nextInt(20);
            case 1 -> "abc";
            case 2 -> "9223372036854775807";
            case 3 -> "-9223372036854775808";
            case 4 -> "1.5";
            default -> Integer.toString(r.nextInt(20));
        };
    }

    private static String bigOffset(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "-1";
            case 1 -> "4294967296";
            case 2 -> "abc";
            default -> Integer.toString(r.nextInt(64));
        };
    }

    static Step stringStep(Random r) {
        String k = key(r);
        return switch (r.nextInt(34)) {
            case 0, 1 -> Step.exact("SET", k, value(r));
            case 2 -> Step.exact("GET", k);
            case 3 -> {
                List<String> args = new ArrayList<>(List.of("SET", k, value(r)));
                String[] options = {"NX", "XX", "GET", "KEEPTTL", "EX", "PX", "EXAT", "PXAT", "nx", "Get", "FOO"};
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    String o = options[r.nextInt(options.length)];
                    args.add(o);
                    if (o.startsWith("E") || o.startsWith("P")) {
                        args.add(switch (r.nextInt(6)) {
                            case 0 -> "0";
                            case 1 -> "-5";
                            case 2 -> "abc";
                            case 3 -> o.endsWith("AT") ? "4102444800" : "100000";
                            default -> o.endsWith("AT") ? "4102444800000" : "500000";
                        });
                    }
                }
                yield Step.exact(args.toArray(String[]::new));
            }
            case 4 -> Step.exact("SETNX", k, value(r));
            // Short relative TTLs would make the two servers disagree by timing alone: only long or invalid ones.
            case 5 -> Step.exact(r.nextBoolean() ? "SETEX" : "PSETEX", k,
                    new String[] {"100000", "250000", "0", "-5", "abc", "1.5", "9223372036854775807"}[r.nextInt(7)], value(r));
            case 6 -> Step.exact("GETSET", k, value(r));
            case 7 -> Step.exact("GETDEL", k);
            case 8 -> Step.exact("GETEX", k, new String[] {"PERSIST", "EX", "PX", "EXAT", "PXAT", "FOO"}[r.nextInt(6)],
                    new String[] {"100000", "0", "abc", "4102444800000", "-1"}[r.nextInt(5)]);
            case 9 -> Step.exact("GETEX", k);
            case 10 -> Step.exact("MGET", k, key(r), key(r));
            case 11 -> Step.exact("MSET", k, value(r), key(r), value(r));
            case 12 -> Step.exact("MSETNX", k, value(r), key(r), value(r));
            case 13 -> Step.exact("MSET", k, value(r), key(r));
            case 14 -> Step.exact("APPEND", k, value(r));
            case 15 -> Step.exact("STRLEN", k);
            case 16 -> Step.exact(r.nextBoolean() ? "GETRANGE" : "SUBSTR", k, number(r), number(r));
            case 17 -> Step.exact("SETRANGE", k, r.nextInt(8) == 0 ? "-1" : Integer.toString(r.nextInt(30)), value(r));
            case 18 -> Step.exact(r.nextBoolean() ? "INCR" : "DECR", k);
            case 19 -> Step.exact(r.nextBoolean() ? "INCRBY" : "DECRBY", k, number(r));
            case 20 -> Step.exact("INCRBYFLOAT", k, new String[] {"1.1", "-2.25", "0.1", "1e10", "abc", "inf", "3",
                "-0", "1.5e-3", "0x1p3", "5.0e+2"}[r.nextInt(11)]);
            case 21 -> Step.exact("LCS", k, key(r));
            case 22 -> Step.exact("LCS", k, key(r), new String[] {"LEN", "IDX", "IDX", "FOO"}[r.nextInt(4)],
                    r.nextBoolean() ? "WITHMATCHLEN" : "MINMATCHLEN", "1");
            case 23 -> Step.exact("OBJECT", "ENCODING", k);
            case 24 -> Step.exact("OBJECT", "REFCOUNT", k);
            case 25 -> Step.exact("SETBIT", k, bigOffset(r), r.nextInt(6) == 0 ? "2" : Integer.toString(r.nextInt(2)));
            case 26 -> Step.exact("GETBIT", k, bigOffset(r));
            case 27 -> {
                List<String> args = new ArrayList<>(List.of("BITCOUNT", k));
                if (r.nextBoolean()) {
                    args.add(number(r));
                    args.add(number(r));
                    if (r.nextBoolean()) {
                        args.add(new String[] {"BIT", "BYTE", "foo"}[r.nextInt(3)]);
                    }
                }
                yield Step.exact(args.toArray(String[]::new));
            }
            case 28 -> {
                List<String> args = new ArrayList<>(List.of("BITPOS", k, r.nextInt(5) == 0 ? "2" : Integer.toString(r.nextInt(2))));
                int extra = r.nextInt(4);
                for (int i = 0; i < extra; i++) {
                    args.add(i == 2 ? new String[] {"BIT", "BYTE", "foo"}[r.nextInt(3)] : number(r));
                }
                yield Step.exact(args.toArray(String[]::new));
            }
            case 29 -> Step.exact("BITOP", new String[] {"AND", "OR", "XOR", "NOT", "FOO"}[r.nextInt(5)], key(r), k,
                    key(r));
            case 30 -> Step.exact("BITOP", "NOT", key(r), k);
            case 31 -> {
                List<String> args = new ArrayList<>(List.of(r.nextInt(5) == 0 ? "BITFIELD_RO" : "BITFIELD", k));
                int ops = 1 + r.nextInt(3);
                for (int i = 0; i < ops; i++) {
                    String type = (r.nextBoolean() ? "i" : "u") + (1 + r.nextInt(r.nextInt(4) == 0 ? 70 : 16));
                    String offset = r.nextInt(4) == 0 ? "#" + r.nextInt(4) : Integer.toString(r.nextInt(40));
                    switch (r.nextInt(5)) {
                        case 0 -> args.addAll(List.of("GET", type, offset));
                        case 1 -> args.addAll(List.of("SET", type, offset, number(r)));
                        case 2 -> args.addAll(List.of("INCRBY", type, offset, Integer.toString(r.nextInt(600) - 300)));
                        case 3 -> args.addAll(List.of("OVERFLOW", new String[] {"WRAP", "SAT", "FAIL", "FOO"}[r.nextInt(4)]));
                        default -> args.add("BOGUS");
                    }
                }
                yield Step.exact(args.toArray(String[]::new));
            }
            case 32 -> Step.exact("CONFIG", "SET", "proto-max-bulk-len", r.nextBoolean() ? "1mb" : "512mb");
            default -> Step.exact("DEBUG", "DIGEST-VALUE", k, key(r));
        };
    }

    static Step keyStep(Random r) {
        String k = key(r);
        return switch (r.nextInt(30)) {
            case 0, 1 -> Step.exact("SET", k, value(r));
            case 2 -> Step.exact(r.nextBoolean() ? "DEL" : "UNLINK", k, key(r));
            case 3 -> Step.exact("EXISTS", k, k, key(r));
            case 4 -> Step.exact("TYPE", k);
            case 5 -> Step.of(Comparison.UNORDERED, "KEYS", new String[] {"*", "k[0-2]", "k?", "*1*", "[^k]*", "k\\1",
                "K*"}[r.nextInt(7)]);
            case 6 -> Step.of(Comparison.UNORDERED, "SCAN", "0", "COUNT", "1000", "MATCH",
                    new String[] {"*", "k[3-5]", "nomatch"}[r.nextInt(3)]);
            case 7 -> Step.of(Comparison.UNORDERED, "SCAN", "0", "COUNT", "1000", "TYPE",
                    new String[] {"string", "STRING", "list", "none"}[r.nextInt(4)]);
            case 8 -> {
                // Only error replies compare exactly: a full listing's order follows each server's hashing.
                String cursor = new String[] {"abc", "-", "0", " 1", "0x1"}[r.nextInt(5)];
                String count = new String[] {"0", "1000", "abc", "-1"}[r.nextInt(4)];
                yield Step.of(cursor.equals("0") && count.equals("1000") ? Comparison.UNORDERED : Comparison.EXACT,
                        "SCAN", cursor, "COUNT", count);
            }
            case 9 -> Step.exact("SCAN", "0", "FOO");
            case 10 -> Step.exact(r.nextBoolean() ? "RENAME" : "RENAMENX", k, r.nextInt(4) == 0 ? k : key(r));
            case 11 -> Step.exact("MOVE", k, new String[] {"1", "0", "16", "-1", "abc"}[r.nextInt(5)]);
            case 12 -> Step.exact("SELECT", Integer.toString(r.nextInt(2)));
            case 13 -> Step.exact("COPY", k, key(r));
            case 14 -> Step.exact("COPY", k, key(r), new String[] {"REPLACE", "DB", "FOO"}[r.nextInt(3)],
                    new String[] {"1", "0", "99", "REPLACE"}[r.nextInt(4)]);
            case 15 -> Step.exact("TOUCH", k, key(r));
            case 16 -> Step.exact("OBJECT", new String[] {"ENCODING", "REFCOUNT", "FREQ", "NOSUCH"}[r.nextInt(4)], k);
            case 17 -> Step.exact("DBSIZE");
            case 18 -> Step.exact(new String[] {"EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"}[r.nextInt(4)], k,
                    new String[] {"100000", "200000", "-1", "0", "4102444800", "4102444800000", "abc",
                        "9223372036854775807", "-100"}[r.nextInt(9)]);
            case 19 -> Step.exact(new String[] {"EXPIRE", "PEXPIRE"}[r.nextInt(2)], k, new String[] {"100000", "300000"}[r.nextInt(2)],
                    new String[] {"NX", "XX", "GT", "LT", "FOO", "nx"}[r.nextInt(6)]);
            case 20 -> Step.exact("EXPIRE", k, "100000", "NX", "XX");
            case 21 -> Step.of(Comparison.integerWithin(1), r.nextBoolean() ? "TTL" : "EXPIRETIME", k);
            case 22 -> Step.of(Comparison.integerWithin(1000), r.nextBoolean() ? "PTTL" : "PEXPIRETIME", k);
            case 23 -> Step.exact("PERSIST", k);
            case 24 -> Step.exact("SWAPDB", new String[] {"0", "1", "16", "abc"}[r.nextInt(4)], new String[] {"0", "1", "x"}[r.nextInt(3)]);
            case 25 -> Step.exact(r.nextBoolean() ? "FLUSHDB" : "FLUSHALL", new String[] {"ASYNC", "SYNC", "FOO"}[r.nextInt(3)]);
            case 26 -> Step.of(Comparison.TYPE, "RANDOMKEY");
            case 27 -> Step.exact("DEBUG", "DIGEST");
            case 28 -> Step.exact("GETEX", k, "EXAT", "1");
            default -> stringStep(r);
        };
    }

    @Test
    void strings() {
        for (long seed : new long[] {101, 102, 103, 104, 105, 106}) {
            differential.checkRandom("strings", Differential.seed(seed), 400, KeyspaceDifferentialTest::stringStep);
        }
    }

    @Test
    void keysAndExpiry() {
        for (long seed : new long[] {201, 202, 203, 204, 205, 206}) {
            differential.checkRandom("keys", Differential.seed(seed), 400, KeyspaceDifferentialTest::keyStep);
        }
    }
}
