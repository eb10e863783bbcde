package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INFO, MONITOR, SLOWLOG, LATENCY, DEBUG, SHUTDOWN, TIME and the statistics the dispatcher keeps. */
class ServerCommandsTest {
    private Cinnabar server;

    @BeforeEach
    void start() {
        server = TestServers.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RespConnection connect() {
        return new RespConnection(server.port());
    }

    private static String text(RespValue v) {
        return v instanceof RespValue.Bulk b ? b.text() : new String(((RespValue.Verbatim) v).text());
    }

    private static List<String> sections(String info) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("# ")) {
                out.add(line.substring(2));
            }
        }
        return out;
    }

    @Test
    void infoSectionsAsRedisGroupsThem() {
        try (RespConnection c = connect()) {
            assertThat(sections(text(c.call("INFO")))).containsExactly("Server", "Clients", "Memory", "Persistence",
                    "Stats", "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");
            assertThat(sections(text(c.call("INFO", "everything")))).containsExactly("Server", "Clients", "Memory",
                    "Persistence", "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats",
                    "Latencystats", "Cluster", "Keyspace");
            assertThat(sections(text(c.call("INFO", "clients", "SERVER")))).containsExactly("Server", "Clients");
            assertThat(text(c.call("INFO", "nosuchsection"))).isEmpty();
            String info = text(c.call("INFO", "server"));
            assertThat(info).startsWith("# Server\r\nredis_version:7.0.15\r\ncinnabar_version:")
                    .contains("\r\ntcp_port:" + server.port() + "\r\n").contains("\r\nredis_mode:standalone\r\n")
                    .endsWith("\r\n");
            assertThat(text(c.call("INFO", "keyspace"))).isEqualTo("# Keyspace\r\n");
        }
    }

    @Test
    void commandAndErrorStatistics() {
        try (RespConnection c = connect()) {
            c.call("CONFIG", "RESETSTAT");
            c.call("PING");
            c.call("PING");
            c.call("PING", "a", "b");
            c.call("ECHO");
            c.call("NOSUCH");
            c.call("CLIENT", "SETNAME", "x");
            String stats = text(c.call("INFO", "commandstats"));
            assertThat(stats).containsPattern("cmdstat_ping:calls=3,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=1\r\n");
            assertThat(stats).contains("cmdstat_echo:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n");
            assertThat(stats).containsPattern("cmdstat_client\\|setname:calls=1,");
            String errors = text(c.call("INFO", "errorstats"));
            assertThat(errors).isEqualTo("# Errorstats\r\nerrorstat_ERR:count=3\r\n");
            assertThat(text(c.call("INFO", "stats"))).contains("\r\ntotal_error_replies:3\r\n");
            assertThat(text(c.call("INFO", "latencystats"))).containsPattern(
                    "latency_percentiles_usec_ping:p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}\r\n");
        }
    }

    @Test
    void monitorStreamsCommandsInRedisFormatWithSecretsRedacted() {
        try (RespConnection monitor = connect(); RespConnection c = connect()) {
            assertThat(monitor.callRawString("MONITOR")).isEqualTo("+OK\r\n");
            c.call("SELECT", "2");
            c.call("ECHO", "a\"b\\c\r\n\u0001");
            c.call("AUTH", "user", "pw");
            c.call("CONFIG", "GET", "hz");
            c.call("PING");
            String select = new String(monitor.readRaw());
            assertThat(select).matches("\\+\\d{10}\\.\\d{6} \\[2 127\\.0\\.0\\.1:\\d+\\] \"SELECT\" \"2\"\r\n");
            assertThat(new String(monitor.readRaw())).endsWith("] \"ECHO\" \"a\\\"b\\\\c\\r\\n\\x01\"\r\n");
            assertThat(new String(monitor.readRaw())).endsWith("] \"AUTH\" \"(redacted)\" \"(redacted)\"\r\n");
            // CONFIG is an admin command and not shown.
            assertThat(new String(monitor.readRaw())).endsWith("] \"PING\"\r\n");
            assertThat(monitor.callRawString("DBSIZE")).isEqualTo("-ERR Replica can't interact with the keyspace\r\n");
            assertThat(monitor.callRawString("RESET")).isEqualTo("+RESET\r\n");
            c.call("PING");
            assertThat(monitor.callRawString("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void slowlogRecordsTrimsAndRedacts() {
        try (RespConnection c = connect()) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            assertThat(c.callRawString("SLOWLOG", "RESET")).isEqualTo("+OK\r\n");
            c.call("ECHO", "x".repeat(200));
            List<String> many = new ArrayList<>(List.of("PING"));
            for (int i = 0; i < 40; i++) {
                many.add("a" + i);
            }
            c.call(many.toArray(String[]::new));
            c.call("AUTH", "secret");
            c.call("CLIENT", "SETNAME", "logger");
            RespValue.Aggregate entries = (RespValue.Aggregate) c.call("SLOWLOG", "GET", "-1");
            // Newest first: CLIENT SETNAME, AUTH, PING, ECHO, SLOWLOG RESET, CONFIG SET.
            RespValue.Aggregate auth = (RespValue.Aggregate) entries.elements().get(1);
            assertThat(auth.elements().get(3).describe()).isEqualTo("*[\"AUTH\", \"(redacted)\"]");
            RespValue.Aggregate ping = (RespValue.Aggregate) entries.elements().get(2);
            List<RespValue> args = ((RespValue.Aggregate) ping.elements().get(3)).elements();
            assertThat(args).hasSize(32);
            assertThat(args.get(31).describe()).isEqualTo("\"... (10 more arguments)\"");
            RespValue.Aggregate echo = (RespValue.Aggregate) entries.elements().get(3);
            assertThat(((RespValue.Aggregate) echo.elements().get(3)).elements().get(1).describe())
                    .isEqualTo("\"" + "x".repeat(128) + "... (72 more bytes)\"");
            assertThat(echo.elements().get(4).describe()).startsWith("\"127.0.0.1:");
            assertThat(((RespValue.Aggregate) entries.elements().get(0)).elements().get(5).describe()).isEqualTo("\"logger\"");
            assertThat(c.callRawString("SLOWLOG", "GET", "-2")).isEqualTo("-ERR count should be greater than or equal to -1\r\n");
            assertThat(c.call("SLOWLOG", "GET", "1").describe()).startsWith("*[*[");
            assertThat(c.callRawString("CONFIG", "SET", "slowlog-max-len", "2")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("SLOWLOG", "LEN")).isEqualTo(":2\r\n");
        }
    }

    @Test
    void latencyMonitorSamplesSlowCommandsAboveTheThreshold() {
        try (Cinnabar debug = TestServers.start("latency-monitor-threshold", "50");
             RespConnection c = new RespConnection(debug.port())) {
            assertThat(c.callRawString("LATENCY", "LATEST")).isEqualTo("*0\r\n");
            c.call("DEBUG", "SLEEP", "0.1");
            String latest = c.call("LATENCY", "LATEST").describe();
            assertThat(latest).matches("\\*\\[\\*\\[\"command\", :\\d+, :(\\d{3}), :\\d{3}\\]\\]");
            assertThat(c.call("LATENCY", "HISTORY", "command").describe()).matches("\\*\\[\\*\\[:\\d+, :\\d{3}\\]\\]");
            assertThat(c.callRawString("LATENCY", "HISTORY", "nosuch")).isEqualTo("*0\r\n");
            assertThat(c.callRawString("LATENCY", "RESET", "nosuch")).isEqualTo(":0\r\n");
            assertThat(c.callRawString("LATENCY", "RESET")).isEqualTo(":1\r\n");
            assertThat(c.callRawString("LATENCY", "LATEST")).isEqualTo("*0\r\n");
        }
    }

    @Test
    void debugIsGatedByEnableDebugCommand() {
        String refused = "-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can "
                + "run it from a local connection, otherwise you need to set this option in the configuration file, "
                + "and then restart the server.\r\n";
        try (Cinnabar plain = Cinnabar.builder().start(); RespConnection c = new RespConnection(plain.port())) {
            assertThat(c.callRawString("DEBUG", "SLEEP", "0")).isEqualTo(refused);
            assertThat(c.callRawString("DEBUG")).isEqualTo("-ERR wrong number of arguments for 'debug' command\r\n");
        }
        try (Cinnabar local = Cinnabar.builder().option("enable-debug-command", "local").start();
             RespConnection c = new RespConnection(local.port())) {
            assertThat(c.callRawString("DEBUG", "SLEEP", "0")).isEqualTo("+OK\r\n");
        }
        try (Cinnabar secured = Cinnabar.builder().option("requirepass", "pw").start();
             RespConnection c = new RespConnection(secured.port())) {
            // The gate comes before authentication, as in Redis.
            assertThat(c.callRawString("DEBUG", "SLEEP", "0")).isEqualTo(refused);
            assertThat(c.callRawString("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
        }
    }

    @Test
    void debugSubcommands() {
        try (RespConnection c = connect()) {
            assertThat(c.callRawString("DEBUG", "DIGEST")).isEqualTo("+0000000000000000000000000000000000000000\r\n");
            assertThat(c.callRawString("DEBUG", "DIGEST-VALUE", "a", "b")).isEqualTo(
                    "*2\r\n+0000000000000000000000000000000000000000\r\n+0000000000000000000000000000000000000000\r\n");
            assertThat(c.callRawString("DEBUG", "OBJECT", "nokey")).isEqualTo("-ERR no such key\r\n");
            assertThat(c.callRawString("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("DEBUG", "ERROR", "oops")).isEqualTo("-oops\r\n");
            assertThat(c.callRawString("DEBUG", "ERROR", "CUSTOM oops")).isEqualTo("-CUSTOM oops\r\n");
            assertThat(c.callRawString("DEBUG", "LOG", "hello")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("DEBUG", "NOPE")).isEqualTo(
                    "-ERR unknown subcommand or wrong number of arguments for 'NOPE'. Try DEBUG HELP.\r\n");
            assertThat(c.callRawString("DEBUG", "SLEEP")).isEqualTo(
                    "-ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.\r\n");
            assertThat(c.callRawString("DEBUG", "PROTOCOL", "double")).isEqualTo("$5\r\n3.141\r\n");
            c.call("HELLO", "3");
            assertThat(c.callRawString("DEBUG", "PROTOCOL", "double")).isEqualTo(",3.141\r\n");
            assertThat(c.callRawString("DEBUG", "PROTOCOL", "map")).isEqualTo("%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n");
            assertThat(c.call("DEBUG", "HELP").describe()).startsWith("*[+DEBUG <subcommand>");
        }
    }

    @Test
    void shutdownStopsAnEmbeddedServerAndRefusesWhatItCannotDo() throws Exception {
        try (RespConnection c = connect()) {
            assertThat(c.callRawString("SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
            assertThat(c.callRawString("SHUTDOWN", "NOSAVE", "SAVE")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.callRawString("SHUTDOWN", "FOO")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.callRawString("SHUTDOWN", "SAVE")).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
            c.send("SHUTDOWN", "NOSAVE");
            assertThat(c.isClosedByPeer(5000)).isTrue();
        }
        server.server().terminated().get(10, TimeUnit.SECONDS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RespConnection(server.port()))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void timeIsSecondsAndMicroseconds() {
        try (RespConnection c = connect()) {
            RespValue.Aggregate time = (RespValue.Aggregate) c.call("TIME");
            long seconds = Long.parseLong(((RespValue.Bulk) time.elements().get(0)).text());
            long micros = Long.parseLong(((RespValue.Bulk) time.elements().get(1)).text());
            assertThat(Math.abs(seconds - System.currentTimeMillis() / 1000)).isLessThanOrEqualTo(2);
            assertThat(micros).isBetween(0L, 999_999L);
        }
    }
}
