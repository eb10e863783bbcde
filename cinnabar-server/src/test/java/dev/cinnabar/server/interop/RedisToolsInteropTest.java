package dev.cinnabar.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redis's own tools against Cinnabar: redis-cli in its modes and redis-benchmark. */
class RedisToolsInteropTest {
    private static Cinnabar server;

    @BeforeAll
    static void start() {
        server = TestServers.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String stdin, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(command));
        argv.set(0, RedisOracle.findBinary(argv.get(0)));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + argv);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String port() {
        return Integer.toString(server.port());
    }

    @Test
    void redisCliPing() throws Exception {
        assertThat(run(null, "redis-cli", "-p", port(), "ping")).isEqualTo(new Result(0, "PONG\n"));
    }

    @Test
    void redisCliNoRawAndResp3() throws Exception {
        assertThat(run(null, "redis-cli", "-p", port(), "--no-raw", "echo", "hi").output()).isEqualTo("\"hi\"\n");
        assertThat(run(null, "redis-cli", "-p", port(), "--no-raw", "client", "getname").output()).isEqualTo("(nil)\n");
        assertThat(run(null, "redis-cli", "-p", port(), "--no-raw", "nosuch").output())
                .isEqualTo("(error) ERR unknown command 'nosuch', with args beginning with: \n");
        assertThat(run(null, "redis-cli", "-3", "-p", port(), "--no-raw", "debug", "protocol", "map").output())
                .isEqualTo("1# (integer) 0 => (false)\n2# (integer) 1 => (true)\n3# (integer) 2 => (false)\n");
        assertThat(run(null, "redis-cli", "-3", "-p", port(), "hello", "3").output()).contains("proto 3\n").contains("version 7.0.15\n");
    }

    @Test
    void redisCliPipeMode() throws Exception {
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            commands.append("*2\r\n$4\r\nECHO\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
        }
        Result r = run(commands.toString(), "redis-cli", "-p", port(), "--pipe");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("errors: 0, replies: 1000");
    }

    @Test
    void redisCliReadsInfoAndCommandDocs() throws Exception {
        // redis-cli asks COMMAND DOCS for its hints when it starts interactively; the call must work.
        Result docs = run(null, "redis-cli", "-p", port(), "command", "docs", "ping");
        assertThat(docs.exitCode()).isZero();
        assertThat(docs.output()).contains("summary").contains("since");
        assertThat(run(null, "redis-cli", "-p", port(), "info", "server").output()).contains("redis_version:7.0.15");
    }

    @Test
    void redisBenchmarkPing() throws Exception {
        Result r = run(null, "redis-benchmark", "-p", port(), "-t", "ping", "-n", "20000", "-c", "10", "-q");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("PING_INLINE:").contains("PING_MBULK:").doesNotContain("ERR");
    }

    @Test
    void redisBenchmarkWithPipelining() throws Exception {
        Result r = run(null, "redis-benchmark", "-p", port(), "-t", "ping", "-n", "50000", "-P", "16", "-q");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("PING_MBULK:");
    }

    @Test
    void configFileThroughTheLauncherForm(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "# a comment\nport 0\nbind 127.0.0.1\nhz 25\nenable-debug-command yes\n");
        try (Cinnabar fromFile = Cinnabar.builder().configFile(conf).start()) {
            Result r = run(null, "redis-cli", "-p", Integer.toString(fromFile.port()), "config", "get", "hz");
            assertThat(r.output()).isEqualTo("hz\n25\n");
        }
    }
}
