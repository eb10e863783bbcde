package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A server that a command-family test runs against: the embedded Cinnabar, or a real redis-server
 * started for the test. The family tests run every raw-RESP case against both, with the same
 * hard-coded expected replies, so that each expectation is proven to be what Redis answers in the
 * very run that checks Cinnabar. A target is private to its test class (or test), so tests may
 * change its configuration. (It is deliberately not AutoCloseable: JUnit closes AutoCloseable
 * arguments of a parameterized test after each invocation.)
 */
final class FamilyTarget {
    private final String name;
    private final int port;
    private final AutoCloseable server;

    private FamilyTarget(String name, int port, AutoCloseable server) {
        this.name = name;
        this.port = port;
        this.server = server;
    }

    /** An embedded Cinnabar with options given as name, value pairs. */
    static FamilyTarget cinnabar(String... options) {
        Cinnabar s = TestServers.start(options);
        return new FamilyTarget("cinnabar", s.port(), s);
    }

    /** A private redis-server with options given as name, value pairs. */
    static FamilyTarget redis(String... options) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < options.length; i += 2) {
            args.add("--" + options[i]);
            args.add(options[i + 1]);
        }
        RedisOracle r = RedisOracle.start(args.toArray(String[]::new));
        return new FamilyTarget("redis", r.port(), r);
    }

    /** "cinnabar" or "redis". */
    static FamilyTarget of(String kind, String... options) {
        return switch (kind) {
            case "cinnabar" -> cinnabar(options);
            case "redis" -> redis(options);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Cinnabar and Redis, configured alike. */
    static List<FamilyTarget> both(String... options) {
        return List.of(cinnabar(options), redis(options));
    }

    int port() {
        return port;
    }

    String host() {
        return "127.0.0.1";
    }

    boolean isRedis() {
        return name.equals("redis");
    }

    RespConnection connect() {
        return new RespConnection(port);
    }

    /** A new connection to an emptied server (FLUSHALL, database 0). */
    RespConnection fresh() {
        RespConnection c = connect();
        assertThat(call(c, "FLUSHALL")).isEqualTo("+OK\r\n");
        return c;
    }

    @Override
    public String toString() {
        return name;
    }

    void stop() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- calls and expected replies ----

    /**
     * Sends a command whose arguments are ISO-8859-1 text (so "\u00ff" is the byte 0xff) and
     * returns the exact reply bytes as ISO-8859-1 text.
     */
    static String call(RespConnection c, String... args) {
        List<byte[]> bytes = Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toList();
        return new String(c.callRaw(bytes), StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> latin1(String... args) {
        return Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    /** The elements of an array reply of bulk strings, as ISO-8859-1 text. */
    static List<String> strings(RespConnection c, String... command) {
        return strings(c.call(latin1(command)));
    }

    static List<String> strings(RespValue reply) {
        assertThat(reply).isInstanceOf(RespValue.Aggregate.class);
        List<String> out = new ArrayList<>();
        for (RespValue v : ((RespValue.Aggregate) reply).elements()) {
            assertThat(v).isInstanceOf(RespValue.Bulk.class);
            out.add(new String(((RespValue.Bulk) v).bytes(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /**
     * Iterates SCAN (with extra options such as MATCH and COUNT) from cursor 0 until it returns 0,
     * and answers every key returned, in order, duplicates included.
     */
    static List<String> scanAll(RespConnection c, String... options) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            String[] command = new String[options.length + 2];
            command[0] = "SCAN";
            command[1] = cursor;
            System.arraycopy(options, 0, command, 2, options.length);
            RespValue reply = c.call(latin1(command));
            List<RespValue> parts = ((RespValue.Aggregate) reply).elements();
            assertThat(parts).hasSize(2);
            cursor = new String(((RespValue.Bulk) parts.get(0)).bytes(), StandardCharsets.ISO_8859_1);
            keys.addAll(strings(parts.get(1)));
            assertThat(++calls).as("SCAN calls").isLessThan(1_000_000);
        } while (!cursor.equals("0"));
        return keys;
    }

    /** Asserts the exact reply of a command. */
    static void expect(RespConnection c, String expected, String... command) {
        assertThat(call(c, command)).as(String.join(" ", command)).isEqualTo(expected);
    }

    /** The value of an integer reply (fails on any other reply). */
    static long integerOf(RespConnection c, String... command) {
        String reply = call(c, command);
        assertThat(reply).as(String.join(" ", command)).matches(":-?\\d+\r\n");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String NIL3 = "_\r\n";
    static final String EMPTY = "$0\r\n\r\n";
    static final String EMPTY_ARRAY = "*0\r\n";
    static final String ZERO = ":0\r\n";
    static final String ONE = ":1\r\n";
    static final String SYNTAX = "-ERR syntax error\r\n";
    static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";

    static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + s + "\r\n";
    }

    static String integer(long n) {
        return ":" + n + "\r\n";
    }

    static String error(String text) {
        return "-" + text + "\r\n";
    }

    static String status(String text) {
        return "+" + text + "\r\n";
    }

    static String wrongArity(String command) {
        return "-ERR wrong number of arguments for '" + command + "' command\r\n";
    }

    /** An array of already encoded elements. */
    static String array(String... elements) {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    /** An array of bulk strings. */
    static String bulks(String... strings) {
        StringBuilder b = new StringBuilder("*").append(strings.length).append("\r\n");
        for (String s : strings) {
            b.append(bulk(s));
        }
        return b.toString();
    }
}
