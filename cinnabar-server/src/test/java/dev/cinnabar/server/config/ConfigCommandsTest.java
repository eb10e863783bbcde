package dev.cinnabar.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONFIG GET / SET / RESETSTAT / REWRITE / HELP through a real connection to a private server.
 * Every expected reply is what redis-server 7.0.15 sent for the same commands.
 */
class ConfigCommandsTest {
    @TempDir
    Path dir;

    private Cinnabar server;
    private RespConnection c;

    @BeforeEach
    void start() {
        server = TestServers.start();
        c = new RespConnection(server.port());
    }

    @AfterEach
    void stop() {
        c.close();
        server.close();
    }

    private String call(String... args) {
        return c.callRawString(args);
    }

    private String get(String name) {
        return call("CONFIG", "GET", name);
    }

    private static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + s + "\r\n";
    }

    /** A RESP2 CONFIG GET reply with these name/value pairs, in this order. */
    private static String pairs(String... namesAndValues) {
        StringBuilder sb = new StringBuilder("*" + namesAndValues.length + "\r\n");
        for (String s : namesAndValues) {
            sb.append(bulk(s));
        }
        return sb.toString();
    }

    private static String setFailed(String argument, String reason) {
        return "-ERR CONFIG SET failed (possibly related to argument '" + argument + "') - " + reason + "\r\n";
    }

    private void assertUnordered(String actual, String expected) {
        String why = Comparison.UNORDERED.compare(actual.getBytes(StandardCharsets.ISO_8859_1),
                expected.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(why).as("%s\nexpected (any order): %s", actual, expected).isNull();
    }

    // ---- CONFIG GET ----

    @Test
    void getAnswersUnderTheNameAsTyped() {
        assertThat(get("hz")).isEqualTo(pairs("hz", "10"));
        assertThat(get("HZ")).isEqualTo(pairs("HZ", "10"));
        assertThat(get("Hash-Max-Ziplist-Entries")).isEqualTo(pairs("Hash-Max-Ziplist-Entries", "512"));
        // a name already answered, compared without case, is not repeated
        assertThat(call("CONFIG", "GET", "HZ", "hz")).isEqualTo(pairs("HZ", "10"));
        assertThat(call("CONFIG", "GET", "hz", "HZ")).isEqualTo(pairs("hz", "10"));
        assertThat(call("CONFIG", "GET", "hz", "h?", "hz")).isEqualTo(pairs("hz", "10"));
        assertThat(get("nosuch")).isEqualTo("*0\r\n");
        assertThat(call("CONFIG", "GET", "nosuch", "no*such")).isEqualTo("*0\r\n");
    }

    @Test
    void getWithGlobs() {
        assertUnordered(get("HASH-MAX-*-ENTRIES"),
                pairs("hash-max-listpack-entries", "512", "hash-max-ziplist-entries", "512"));
        assertUnordered(get("*ziplist*"), pairs("hash-max-ziplist-value", "64", "hash-max-ziplist-entries", "512",
                "zset-max-ziplist-entries", "128", "list-max-ziplist-size", "-2", "zset-max-ziplist-value", "64"));
        assertUnordered(get("t[ci]*"), pairs("timeout", "0", "tcp-keepalive", "300", "tcp-backlog", "511"));
        // several patterns, overlapping, and an alias named exactly next to a glob matching it
        assertUnordered(call("CONFIG", "GET", "maxclients", "timeout", "*max-ziplist-entries", "hash-max-ziplist-entries",
                "MAXCLIENTS"), pairs("maxclients", "10000", "timeout", "0", "hash-max-ziplist-entries", "512",
                "zset-max-ziplist-entries", "128"));
        assertUnordered(get("latency-*"), pairs("latency-tracking", "yes", "latency-tracking-info-percentiles",
                "50 99 99.9", "latency-monitor-threshold", "0"));
        assertUnordered(get("client-*"), pairs("client-query-buffer-limit", "1073741824", "client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
    }

    @Test
    void getRepliesWithAMapInResp3() {
        call("HELLO", "3");
        assertThat(get("hz")).isEqualTo("%1\r\n" + bulk("hz") + bulk("10"));
        String two = call("CONFIG", "GET", "maxclients", "timeout");
        assertThat(two).startsWith("%2\r\n");
        assertUnordered(two, "%2\r\n" + bulk("timeout") + bulk("0") + bulk("maxclients") + bulk("10000"));
    }

    // ---- CONFIG SET ----

    @Test
    void setSeveralAtOnce() {
        assertThat(call("CONFIG", "SET", "hz", "20", "timeout", "30", "HASH-MAX-ZIPLIST-ENTRIES", "100")).isEqualTo("+OK\r\n");
        assertThat(get("hz")).isEqualTo(pairs("hz", "20"));
        assertThat(get("timeout")).isEqualTo(pairs("timeout", "30"));
        assertThat(get("hash-max-listpack-entries")).isEqualTo(pairs("hash-max-listpack-entries", "100"));
    }

    @Test
    void setIsAllOrNothing() {
        call("CONFIG", "SET", "hz", "20", "timeout", "30");
        assertThat(call("CONFIG", "SET", "hz", "30", "timeout", "x"))
                .isEqualTo(setFailed("timeout", "argument couldn't be parsed into an integer"));
        assertThat(call("CONFIG", "SET", "timeout", "5", "hz", "30", "loglevel", "loud", "tcp-keepalive", "7"))
                .isEqualTo(setFailed("loglevel", "argument(s) must be one of the following: debug, verbose, notice, warning"));
        assertThat(call("CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 3 pubsub x 1 1"))
                .isEqualTo(setFailed("client-output-buffer-limit",
                        "Error in hard, soft or soft_seconds setting in buffer limit configuration."));
        assertThat(call("CONFIG", "SET", "hz", "31", "nosuch", "1")).startsWith("-ERR Unknown option");
        assertThat(get("hz")).isEqualTo(pairs("hz", "20"));
        assertThat(get("timeout")).isEqualTo(pairs("timeout", "30"));
        assertThat(get("tcp-keepalive")).isEqualTo(pairs("tcp-keepalive", "300"));
        assertThat(get("client-output-buffer-limit")).isEqualTo(pairs("client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
    }

    @Test
    void unknownOptions() {
        assertThat(call("CONFIG", "SET", "nosuch", "1"))
                .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n");
        assertThat(call("CONFIG", "SET", "NoSuch", "1", "other", "2"))
                .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'NoSuch'\r\n");
        // an unknown name wins over a later error, not over an earlier one
        assertThat(call("CONFIG", "SET", "hz", "x", "nosuch", "1"))
                .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n");
        assertThat(call("CONFIG", "SET", "nosuch", "1", "databases", "2"))
                .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n");
        assertThat(call("CONFIG", "SET", "databases", "1", "nosuch", "2"))
                .isEqualTo(setFailed("databases", "can't set immutable config"));
    }

    @Test
    void immutableParameters() {
        for (String name : List.of("databases", "tcp-backlog", "enable-protected-configs", "enable-debug-command",
                "logfile", "daemonize", "Databases")) {
            assertThat(call("CONFIG", "SET", name, "1")).isEqualTo(setFailed(name, "can't set immutable config"));
        }
    }

    @Test
    void protectedParametersFollowEnableProtectedConfigs() throws Exception {
        assertThat(call("CONFIG", "SET", "dir", dir.toString())).isEqualTo(setFailed("dir", "can't set protected config"));
        assertThat(call("CONFIG", "SET", "DIR", "/nonexistent")).isEqualTo(setFailed("DIR", "can't set protected config"));
        for (String mode : List.of("yes", "local")) {
            try (Cinnabar s = TestServers.start("enable-protected-configs", mode);
                 RespConnection r = new RespConnection(s.port())) {
                // this connection comes from the loopback interface, so "local" allows it
                assertThat(r.callRawString("CONFIG", "SET", "dir", dir.toString())).isEqualTo("+OK\r\n");
                assertThat(r.callRawString("CONFIG", "GET", "dir")).isEqualTo(pairs("dir", dir.toRealPath().toString()));
                Files.createDirectory(dir.resolve("sub-" + mode));
                Files.writeString(dir.resolve("file"), "x");
                // relative to the current dir, as chdir
                assertThat(r.callRawString("CONFIG", "SET", "dir", "sub-" + mode)).isEqualTo("+OK\r\n");
                assertThat(r.callRawString("CONFIG", "GET", "dir"))
                        .isEqualTo(pairs("dir", dir.toRealPath().resolve("sub-" + mode).toString()));
                assertThat(r.callRawString("CONFIG", "SET", "dir", "..")).isEqualTo("+OK\r\n");
                assertThat(r.callRawString("CONFIG", "GET", "dir")).isEqualTo(pairs("dir", dir.toRealPath().toString()));
                assertThat(r.callRawString("CONFIG", "SET", "dir", "/nonexistent"))
                        .isEqualTo(setFailed("dir", "No such file or directory"));
                assertThat(r.callRawString("CONFIG", "SET", "dir", "file")).isEqualTo(setFailed("dir", "Not a directory"));
                assertThat(r.callRawString("CONFIG", "SET", "dir", "")).isEqualTo(setFailed("dir", "No such file or directory"));
                assertThat(r.callRawString("CONFIG", "GET", "dir")).isEqualTo(pairs("dir", dir.toRealPath().toString()));
            }
        }
    }

    @Test
    void duplicateParameters() {
        assertThat(call("CONFIG", "SET", "hz", "5", "hz", "6")).isEqualTo(setFailed("hz", "duplicate parameter"));
        assertThat(call("CONFIG", "SET", "hz", "5", "HZ", "6")).isEqualTo(setFailed("HZ", "duplicate parameter"));
        assertThat(call("CONFIG", "SET", "hash-max-ziplist-entries", "1", "HASH-MAX-ZIPLIST-ENTRIES", "2"))
                .isEqualTo(setFailed("HASH-MAX-ZIPLIST-ENTRIES", "duplicate parameter"));
        // an immutable parameter named first wins over the duplicate
        assertThat(call("CONFIG", "SET", "databases", "1", "hz", "5", "hz", "6"))
                .isEqualTo(setFailed("databases", "can't set immutable config"));
        assertThat(get("hz")).isEqualTo(pairs("hz", "10"));
        // In Redis 7.0 a name and its alias are two entries of the config table: setting both is
        // not a duplicate, and the last one wins.
        assertThat(call("CONFIG", "SET", "hash-max-listpack-entries", "1", "hash-max-ziplist-entries", "2"))
                .isEqualTo("+OK\r\n");
        assertThat(get("hash-max-listpack-entries")).isEqualTo(pairs("hash-max-listpack-entries", "2"));
    }

    @Test
    void validationErrorsNameTheParameterAsRedisDoes() {
        // the lower-case table name, of the alias when an alias was used
        assertThat(call("CONFIG", "SET", "HZ", "x")).isEqualTo(setFailed("hz", "argument couldn't be parsed into an integer"));
        assertThat(call("CONFIG", "SET", "HASH-MAX-ZIPLIST-ENTRIES", "x"))
                .isEqualTo(setFailed("hash-max-ziplist-entries", "argument couldn't be parsed into an integer"));
        assertThat(call("CONFIG", "SET", "zset-max-ziplist-value", "-1"))
                .isEqualTo(setFailed("zset-max-ziplist-value", "argument must be a memory value"));
        assertThat(call("CONFIG", "SET", "maxclients", "0"))
                .isEqualTo(setFailed("maxclients", "argument must be between 1 and 4294967295 inclusive"));
        assertThat(call("CONFIG", "SET", "proto-max-bulk-len", "1k"))
                .isEqualTo(setFailed("proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive"));
        assertThat(call("CONFIG", "SET", "protected-mode", "1"))
                .isEqualTo(setFailed("protected-mode", "argument must be 'yes' or 'no'"));
        assertThat(call("CONFIG", "SET", "latency-tracking-info-percentiles", "50  99"))
                .isEqualTo(setFailed("latency-tracking-info-percentiles", "Invalid latency-tracking-info-percentiles parameters"));
        assertThat(call("CONFIG", "SET", "client-output-buffer-limit", "normal 1 2  3"))
                .isEqualTo(setFailed("client-output-buffer-limit", "Wrong number of arguments in buffer limit configuration."));
        assertThat(call("CONFIG", "SET", "client-output-buffer-limit", "master 1 2 3"))
                .isEqualTo(setFailed("client-output-buffer-limit", "Invalid client class specified in buffer limit configuration."));
    }

    @Test
    void syntaxAndArity() {
        assertThat(call("CONFIG", "SET", "hz", "1", "timeout")).isEqualTo("-ERR syntax error\r\n");
        assertThat(call("CONFIG", "SET", "hz")).isEqualTo("-ERR wrong number of arguments for 'config|set' command\r\n");
        assertThat(call("CONFIG", "SET")).isEqualTo("-ERR wrong number of arguments for 'config|set' command\r\n");
        assertThat(call("CONFIG", "GET")).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
        assertThat(call("CONFIG")).isEqualTo("-ERR wrong number of arguments for 'config' command\r\n");
        assertThat(call("CONFIG", "RESETSTAT", "x"))
                .isEqualTo("-ERR wrong number of arguments for 'config|resetstat' command\r\n");
        assertThat(call("CONFIG", "REWRITE", "x")).isEqualTo("-ERR wrong number of arguments for 'config|rewrite' command\r\n");
        assertThat(call("CONFIG", "foo")).isEqualTo("-ERR unknown subcommand 'foo'. Try CONFIG HELP.\r\n");
    }

    @Test
    void values() {
        assertThat(call("CONFIG", "SET", "protected-mode", "NO", "loglevel", "DEBUG", "latency-tracking", "Yes"))
                .isEqualTo("+OK\r\n");
        assertThat(get("protected-mode")).isEqualTo(pairs("protected-mode", "no"));
        assertThat(get("loglevel")).isEqualTo(pairs("loglevel", "debug"));
        assertThat(call("CONFIG", "SET", "proto-max-bulk-len", "1Gb", "hash-max-listpack-value", "17179869185gb",
                "client-query-buffer-limit", "2mb")).isEqualTo("+OK\r\n");
        assertThat(get("proto-max-bulk-len")).isEqualTo(pairs("proto-max-bulk-len", "1073741824"));
        assertThat(get("hash-max-listpack-value")).isEqualTo(pairs("hash-max-listpack-value", "1073741824"));
        assertThat(get("client-query-buffer-limit")).isEqualTo(pairs("client-query-buffer-limit", "2097152"));
        // (limits this connection can live with: it is a normal client)
        assertThat(call("CONFIG", "SET", "client-output-buffer-limit", "NORMAL 1gb 2GB +5 replica 1kb 2 4294967296"))
                .isEqualTo("+OK\r\n");
        assertThat(get("client-output-buffer-limit")).isEqualTo(pairs("client-output-buffer-limit",
                "normal 1073741824 2147483648 5 slave 1024 2 0 pubsub 33554432 8388608 60"));
        assertThat(call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1 2 ")).isEqualTo("+OK\r\n");
        assertThat(call("CONFIG", "SET", "client-output-buffer-limit", "")).isEqualTo("+OK\r\n");
        assertThat(get("client-output-buffer-limit")).isEqualTo(pairs("client-output-buffer-limit",
                "normal 1073741824 2147483648 5 slave 1024 2 0 pubsub 1 2 0"));
        assertThat(call("CONFIG", "SET", "latency-tracking-info-percentiles", "0x10 1e1 .5 -0 99.9999999")).isEqualTo("+OK\r\n");
        assertThat(get("latency-tracking-info-percentiles")).isEqualTo(pairs("latency-tracking-info-percentiles",
                "16 10 0.5 -0 100"));
        assertThat(call("CONFIG", "SET", "latency-tracking-info-percentiles", "")).isEqualTo("+OK\r\n");
        assertThat(get("latency-tracking-info-percentiles")).isEqualTo(pairs("latency-tracking-info-percentiles", ""));
    }

    @Test
    void hzIsClamped() {
        assertThat(call("CONFIG", "SET", "hz", "0")).isEqualTo("+OK\r\n");
        assertThat(get("hz")).isEqualTo(pairs("hz", "1"));
        assertThat(call("CONFIG", "SET", "hz", "600")).isEqualTo("+OK\r\n");
        assertThat(get("hz")).isEqualTo(pairs("hz", "500"));
        assertThat(call("CONFIG", "SET", "hz", "-1"))
                .isEqualTo(setFailed("hz", "argument must be between 0 and 2147483647 inclusive"));
        assertThat(get("hz")).isEqualTo(pairs("hz", "500"));
    }

    @Test
    void sensitiveValuesAreRedactedInTheSlowLog() {
        call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        call("SLOWLOG", "RESET");
        assertThat(call("CONFIG", "SET", "hz", "5", "requirepass", "s2", "hz", "6"))
                .isEqualTo(setFailed("hz", "duplicate parameter"));
        String entry = call("SLOWLOG", "GET", "1");
        assertThat(entry).contains(bulk("requirepass") + bulk("(redacted)") + bulk("hz") + bulk("6")).doesNotContain("s2");
    }

    @Test
    void shorterSlowLogIsTrimmedWhenTheNextCommandIsLogged() {
        call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        for (int i = 0; i < 6; i++) {
            call("PING");
        }
        // Logged: the CONFIG SET and the six PINGs (SLOWLOG LEN is logged after it answers).
        assertThat(call("SLOWLOG", "LEN")).isEqualTo(":7\r\n");
        // With the slow log on, the CONFIG SET itself goes through it and trims it.
        assertThat(call("CONFIG", "SET", "slowlog-max-len", "3")).isEqualTo("+OK\r\n");
        assertThat(call("SLOWLOG", "LEN")).isEqualTo(":3\r\n");
        // With the slow log off, nothing is trimmed until a command is logged again.
        assertThat(call("CONFIG", "SET", "slowlog-log-slower-than", "-1", "slowlog-max-len", "1")).isEqualTo("+OK\r\n");
        assertThat(call("SLOWLOG", "LEN")).isEqualTo(":3\r\n");
        call("PING");
        assertThat(call("SLOWLOG", "LEN")).isEqualTo(":3\r\n");
        assertThat(call("CONFIG", "SET", "slowlog-log-slower-than", "0")).isEqualTo("+OK\r\n");
        assertThat(call("SLOWLOG", "LEN")).isEqualTo(":1\r\n");
        assertThat(call("CONFIG", "SET", "slowlog-max-len", "0")).isEqualTo("+OK\r\n");
        assertThat(call("SLOWLOG", "LEN")).isEqualTo(":0\r\n");
    }

    // ---- CONFIG RESETSTAT ----

    private static List<String> lines(String info) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            if (!line.isEmpty() && !line.startsWith("$")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void resetStatClearsInfoStatsCommandStatsAndErrorStats() {
        call("PING");
        call("SET", "k", "v");
        call("GET", "k");
        call("GET", "missing");
        call("SELECT", "99");
        call("NOSUCHCOMMAND");
        call("PING", "a", "b");
        try (RespConnection other = new RespConnection(server.port())) {
            other.callRawString("PING");
        }
        assertThat(lines(call("INFO", "stats"))).contains("keyspace_hits:1", "keyspace_misses:1");
        assertThat(call("INFO", "errorstats")).contains("errorstat_ERR:count=3");
        assertThat(call("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");

        List<String> stats = lines(call("INFO", "stats"));
        // only the CONFIG RESETSTAT itself has been counted since
        assertThat(stats).contains("total_connections_received:0", "total_commands_processed:1", "rejected_connections:0",
                "expired_keys:0", "evicted_keys:0", "keyspace_hits:0", "keyspace_misses:0",
                "unexpected_error_replies:0", "total_error_replies:0");
        List<String> commandStats = lines(call("INFO", "commandstats"));
        assertThat(commandStats).hasSize(3);
        assertThat(commandStats.get(0)).isEqualTo("# Commandstats");
        assertThat(commandStats.subList(1, 3)).anyMatch(l -> l.startsWith("cmdstat_config|resetstat:calls=1,"))
                // INFO shows the stats as they were before it ran: one INFO so far
                .anyMatch(l -> l.startsWith("cmdstat_info:calls=1,"));
        assertThat(commandStats).noneMatch(l -> l.startsWith("cmdstat_get:") || l.startsWith("cmdstat_set:"));
        assertThat(lines(call("INFO", "errorstats"))).containsExactly("# Errorstats");
        List<String> latency = lines(call("INFO", "latencystats"));
        assertThat(latency).hasSize(3);
        assertThat(latency.subList(1, 3)).allMatch(l -> l.startsWith("latency_percentiles_usec_info:")
                || l.startsWith("latency_percentiles_usec_config|resetstat:"));
    }

    // ---- CONFIG REWRITE ----

    @Test
    void rewriteWithoutAConfigFile() {
        assertThat(call("CONFIG", "REWRITE")).isEqualTo("-ERR The server is running without a config file\r\n");
    }

    @Test
    void rewriteWritesTheRunningConfiguration() throws Exception {
        Path file = dir.resolve("redis.conf");
        Files.writeString(file, "# my server\nport 0\nbind 127.0.0.1\nloglevel warning\n  hz 5\nhash-max-ziplist-entries 100\n"
                + "\n\n\nhz 7\n# end\n");
        try (Cinnabar s = Cinnabar.builder().configFile(file).start();
             RespConnection r = new RespConnection(s.port())) {
            assertThat(r.callRawString("CONFIG", "SET", "hz", "20", "timeout", "7", "hash-max-ziplist-entries", "512"))
                    .isEqualTo("+OK\r\n");
            assertThat(r.callRawString("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
            String content = Files.readString(file);
            // port 0 is Cinnabar's "any free port": the port it got is written
            String head = "# my server\nport " + s.port() + "\nbind 127.0.0.1\nloglevel warning\nhz 20\n"
                    + "hash-max-listpack-entries 512\n\n# end\n\n# Generated by CONFIG REWRITE\n";
            assertThat(content).startsWith(head);
            assertThat(Arrays.asList(content.substring(head.length()).split("\n"))).containsExactlyInAnyOrder(
                    "timeout 7", "save \"\"", "dir \"" + Path.of("").toAbsolutePath() + "\"",
                    "latency-tracking-info-percentiles 50 99 99.9");
            // the rewritten file loads back to the same values
            try (Cinnabar again = Cinnabar.builder().configFile(file).port(0).start();
                 RespConnection a = new RespConnection(again.port())) {
                assertThat(a.callRawString("CONFIG", "GET", "timeout")).isEqualTo(pairs("timeout", "7"));
                assertThat(a.callRawString("CONFIG", "GET", "hz")).isEqualTo(pairs("hz", "20"));
                assertThat(a.callRawString("CONFIG", "GET", "hash-max-listpack-entries"))
                        .isEqualTo(pairs("hash-max-listpack-entries", "512"));
            }
        }
    }

    @Test
    void rewriteFailureNamesTheReason() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("redis.conf");
        Files.writeString(file, "port 0\nbind 127.0.0.1\nloglevel warning\n");
        try (Cinnabar s = Cinnabar.builder().configFile(file).start();
             RespConnection r = new RespConnection(s.port())) {
            Files.delete(file);
            // a missing file is written anew
            assertThat(r.callRawString("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
            assertThat(Files.readString(file)).startsWith("# Generated by CONFIG REWRITE\n");
            Files.delete(file);
            Files.delete(sub);
            assertThat(r.callRawString("CONFIG", "REWRITE"))
                    .isEqualTo("-ERR Rewriting config file: No such file or directory\r\n");
        }
    }

    // ---- CONFIG HELP ----

    @Test
    void help() {
        // HELP texts are in Cinnabar's own words; the shape is Redis's: a title line, a name line and
        // an indented description per subcommand, and HELP last.
        String reply = call("CONFIG", "HELP");
        assertThat(reply).startsWith("*11\r\n+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+GET <pattern>\r\n")
                .contains("\r\n+SET <directive> <value>\r\n").contains("\r\n+RESETSTAT\r\n").contains("\r\n+REWRITE\r\n")
                .endsWith("+HELP\r\n+    Prints this help.\r\n");
    }
}
