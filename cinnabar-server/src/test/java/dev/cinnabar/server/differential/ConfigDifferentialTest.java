package dev.cinnabar.server.differential;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random CONFIG SET / CONFIG GET streams against the real redis-server, over the
 * parameters both have and whose values do not depend on the machine: valid and invalid values,
 * several parameters at once (with duplicates, aliases, unknown, immutable and protected names),
 * exact names in any case and glob patterns (compared without order: CONFIG GET promises none),
 * RESP2 and RESP3, and the slow log's length as slowlog-max-len changes.
 *
 * <p>Both servers are private, since the streams change server-wide settings. The reset steps
 * put every parameter back to Redis's default, except: slowlog-log-slower-than is 1000 seconds
 * (so that what the slow log holds never depends on timing), maxclients is 900 (Redis lowers
 * larger values to what the open-files limit allows) and loglevel is warning (quiet tests).
 */
class ConfigDifferentialTest {
    private static Cinnabar cinnabar;
    private static RedisOracle redis;
    private static Differential differential;

    /** Parameter, then valid values, then "|", then invalid ones. */
    private static final String[][] PARAMETERS = {
        {"hz", "0", "1", "10", "100", "500", "600", "2147483647", "|", "-1", "2147483648", "abc", "", "010", "+5", " 5"},
        {"dynamic-hz", "yes", "no", "YES", "|", "1", ""},
        {"timeout", "0", "1", "300", "2147483647", "|", "-1", "2147483648", "1.5", "1k"},
        // (up to 32767, Linux's limit for TCP_KEEPIDLE: see the report on larger values)
        {"tcp-keepalive", "0", "60", "300", "32767", "|", "-1", "x", "-0", "2147483648"},
        {"slowlog-log-slower-than", "-1", "0", "1000000000", "|", "-2", "x", "9223372036854775808"},
        {"slowlog-max-len", "0", "1", "2", "3", "5", "128", "9223372036854775807", "|", "-1", "x", "1k"},
        {"latency-monitor-threshold", "0", "100", "9223372036854775807", "|", "-1", "1.0"},
        {"latency-tracking", "yes", "no", "Yes", "NO", "|", "maybe", "", "1"},
        {"latency-tracking-info-percentiles", "", "50", "50 99 99.9", "0 100", "99.9999999", "0x10 1e1", ".5 5.", "-0",
            "+5", "1e-310", "|", "101", "50  99", " 50", "50 ", "nan", "abc", "inf", "-1", "1e-400", "1e400", "5d"},
        {"maxclients", "10", "100", "500", "900", "|", "0", "-1", "4294967296", "x"},
        {"proto-max-bulk-len", "1mb", "512mb", "1gb", "1048576", "2Gb", "17179869185gb", "|", "1k", "1t", "-1", "",
            "1.5mb", "9223372036854775808", "18446744073709551616", "kb"},
        {"client-query-buffer-limit", "1mb", "1gb", "2MB", "3000000", "|", "1k", "1m", "x", "010"},
        // The normal class also limits the test connections: only limits they can live with.
        {"client-output-buffer-limit", "normal 0 0 0", "slave 1 2 3", "replica 1kb 2mb 60", "pubsub 32mb 8mb 60",
            "normal 1gb 2gb 0", "pubsub 0 0 0 slave 256mb 64mb 60", "", "pubsub 1 2 4294967296", "PUBSUB 1 2 +5",
            "pubsub 1 2 ", "slave 17179869185gb 0 010", "|", "master 1 2 3", "normal 1 2", "pubsub x 1 1",
            "pubsub 1 2 -1", "pubsub 1 2  3", " pubsub 1 2 3", "foo 1 2 3", "pubsub 1 2 2147483648", "pubsub 1 2 0x10",
            "pubsub 1 2 3 foo 1 1 1", "pubsub -1 2 3"},
        {"protected-mode", "yes", "no", "|", "maybe"},
        {"loglevel", "warning", "notice", "WARNING", "|", "loud", "nothing", ""},
        {"hash-max-listpack-entries", "0", "1", "128", "512", "|", "-1", "x", "1k"},
        {"hash-max-ziplist-entries", "0", "7", "512", "|", "-1", ""},
        {"hash-max-listpack-value", "0", "64", "1k", "1kb", "", "|", "-1", "x"},
        {"hash-max-ziplist-value", "32", "64", "2mb", "|", "1.5"},
        {"zset-max-listpack-entries", "0", "128", "9223372036854775807", "|", "-5"},
        {"zset-max-ziplist-entries", "3", "128", "|", "x"},
        {"zset-max-listpack-value", "0", "64", "1gb", "|", "+1"},
        {"zset-max-ziplist-value", "10", "64", "|", "-1"},
        {"list-max-listpack-size", "-5", "-2", "-1", "0", "8", "-2147483648", "|", "2147483648", "x"},
        {"list-max-ziplist-size", "-3", "-2", "16", "|", "1kb"},
        {"list-compress-depth", "0", "1", "2147483647", "|", "-1"},
        {"set-max-intset-entries", "0", "512", "100000", "|", "-1", "1k"},
        {"active-expire-effort", "1", "5", "10", "|", "0", "11", "x"},
    };

    /** Names both servers know but that refuse CONFIG SET, and names neither knows. */
    private static final String[] REFUSED = {"databases", "tcp-backlog", "enable-debug-command", "enable-protected-configs",
        "logfile", "daemonize", "dir", "nosuch", "no-such-config", "hash-max-ziplist", ""};

    /** Patterns that, in Redis 7.0, match only parameters Cinnabar has too. */
    private static final String[] PATTERNS = {"slowlog-*", "*max-*-entries", "*max-*-value", "*ziplist*", "*listpack*",
        "latency-*", "client-*", "h?", "Hash-Max-*", "zset-*", "list-*", "hash-*", "*-buffer-limit", "t[ci]*",
        "*keepalive", "dynamic-h[a-z]", "LATENCY-TRACKING*", "nosuch*", "[", "slowlog-max-le?", "*\\-hz"};

    private static final List<Step> RESET = buildReset();

    /** Redis 7.2's set parameters, which Cinnabar has (its sets are 7.2's) and the 7.0 oracle does not. */
    private static final java.util.regex.Pattern SET_LISTPACK_PAIR = java.util.regex.Pattern.compile(
            "\\$(24\r\nset-max-listpack-entries|22\r\nset-max-listpack-value)\r\n\\$\\d+\r\n[^\r]*\r\n");

    /**
     * CONFIG GET with patterns, compared without order, after taking the two 7.2 set parameters
     * out of Cinnabar's reply (docs/COMPATIBILITY.md, "Set encodings").
     */
    static final Comparison PATTERN_GET = (cinnabarReply, redisReply) -> {
        String text = new String(cinnabarReply, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = SET_LISTPACK_PAIR.matcher(text);
        int removed = 0;
        while (m.find()) {
            removed++;
        }
        if (removed > 0 && (text.startsWith("*") || text.startsWith("%"))) {
            int end = text.indexOf("\r\n");
            long count = Long.parseLong(text.substring(1, end));
            long left = count - (text.startsWith("*") ? 2L * removed : removed);
            text = text.charAt(0) + Long.toString(left) + SET_LISTPACK_PAIR.matcher(text.substring(end)).replaceAll("");
        }
        return Comparison.UNORDERED.compare(text.getBytes(StandardCharsets.ISO_8859_1), redisReply);
    };

    private static List<Step> buildReset() {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.exact("RESET"));
        steps.add(Step.exact("CONFIG", "SET", "hz", "10", "dynamic-hz", "yes", "timeout", "0", "tcp-keepalive", "300",
                "slowlog-log-slower-than", "1000000000", "slowlog-max-len", "128", "latency-monitor-threshold", "0",
                "latency-tracking", "yes", "latency-tracking-info-percentiles", "50 99 99.9", "maxclients", "900",
                "proto-max-bulk-len", "512mb", "client-query-buffer-limit", "1gb", "client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", "protected-mode", "yes",
                "loglevel", "warning", "hash-max-listpack-entries", "512", "hash-max-listpack-value", "64",
                "zset-max-listpack-entries", "128", "zset-max-listpack-value", "64", "list-max-listpack-size", "-2",
                "list-compress-depth", "0", "set-max-intset-entries", "512", "active-expire-effort", "1"));
        steps.add(Step.exact("SLOWLOG", "RESET"));
        return steps;
    }

    @BeforeAll
    static void startServers() {
        cinnabar = TestServers.start();
        redis = RedisOracle.start();
        differential = new Differential(cinnabar.port(), redis.port(), RESET);
    }

    @AfterAll
    static void stopServers() {
        cinnabar.close();
        redis.close();
    }

    @Test
    void resetStepsAgree() {
        // Every parameter, after the reset, reads the same on both servers.
        List<Step> steps = new ArrayList<>();
        for (String[] p : PARAMETERS) {
            steps.add(Step.exact("CONFIG", "GET", p[0]));
        }
        steps.add(Step.exact("SLOWLOG", "LEN"));
        differential.check(steps);
    }

    @Test
    void randomSetAndGetStreams() {
        for (long seed : new long[] {11, 12, 13, 14, 15, 16}) {
            differential.checkRandom("config", Differential.seed(seed), 250, ConfigDifferentialTest::step);
        }
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A value for parameter row {@code p}: valid three times in four. */
    private static String value(Random r, String[] p) {
        int bar = List.of(p).indexOf("|");
        boolean valid = r.nextInt(4) != 0 || bar == p.length - 1;
        return valid ? p[1 + r.nextInt(bar - 1)] : p[bar + 1 + r.nextInt(p.length - bar - 1)];
    }

    /** The name in a random case now and then: names are case-insensitive. */
    private static String name(Random r, String name) {
        if (name.isEmpty()) {
            return name;
        }
        return switch (r.nextInt(6)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
            default -> name;
        };
    }

    private static Step step(Random r) {
        String[] p = PARAMETERS[r.nextInt(PARAMETERS.length)];
        return switch (r.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5 -> Step.exact("CONFIG", "SET", name(r, p[0]), value(r, p));
            case 6, 7 -> {
                // several at once: duplicates, aliases and refused names happen
                List<String> args = new ArrayList<>(List.of("CONFIG", "SET"));
                int n = 2 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String[] q = r.nextInt(8) == 0 ? new String[] {pick(r, REFUSED), "1", "|", "x"}
                            : PARAMETERS[r.nextInt(PARAMETERS.length)];
                    args.add(name(r, q[0]));
                    args.add(value(r, q));
                }
                yield Step.of(Comparison.EXACT, args.toArray(String[]::new));
            }
            case 8 -> Step.exact("CONFIG", "SET", name(r, pick(r, REFUSED)), value(r, p));
            case 9, 10, 11 -> Step.exact("CONFIG", "GET", name(r, p[0]));
            case 12, 13 -> Step.of(PATTERN_GET, "CONFIG", "GET", pick(r, PATTERNS));
            case 14 -> {
                List<String> args = new ArrayList<>(List.of("CONFIG", "GET"));
                int n = 2 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    args.add(r.nextBoolean() ? pick(r, PATTERNS) : name(r, PARAMETERS[r.nextInt(PARAMETERS.length)][0]));
                }
                yield Step.of(PATTERN_GET, args.toArray(String[]::new));
            }
            case 15 -> Step.exact("SLOWLOG", "LEN");
            case 16 -> r.nextBoolean() ? Step.exact("SLOWLOG", "RESET") : Step.exact("CONFIG", "RESETSTAT");
            case 17 -> Step.of(Comparison.SHAPE, "HELLO", String.valueOf(2 + r.nextInt(2)));
            case 18 -> switch (r.nextInt(5)) {
                case 0 -> Step.exact("CONFIG", "SET", p[0]);
                case 1 -> Step.exact("CONFIG", "SET", p[0], value(r, p), "timeout");
                case 2 -> Step.exact("CONFIG", "GET");
                case 3 -> Step.exact("CONFIG", "RESETSTAT", "x");
                default -> Step.exact("CONFIG", r.nextBoolean() ? "NOSUCH" : "get-all", p[0]);
            };
            default -> Step.exact("CONFIG", "SET", "slowlog-log-slower-than", r.nextBoolean() ? "0" : "-1",
                    "slowlog-max-len", String.valueOf(r.nextInt(6)));
        };
    }
}
