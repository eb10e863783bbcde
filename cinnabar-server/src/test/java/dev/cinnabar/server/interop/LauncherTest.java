package dev.cinnabar.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server (dev.cinnabar.server.Main, what bin/cinnabar-server runs) in a child JVM:
 * start-up and shutdown log lines, SIGTERM, SHUTDOWN, and configuration errors at start.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Process launch(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.cinnabar.server.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in the log:\n" + Files.readString(log));
    }

    @Test
    void startsLogsInRedisFormatAndStopsOnSigterm() throws Exception {
        int port = RedisOracle.freePort();
        Path log = dir.resolve("out.log");
        Process p = launch(log, "--port", Integer.toString(port), "--bind", "127.0.0.1");
        awaitLine(log, "Ready to accept connections tcp");
        try (RespConnection c = new RespConnection(port)) {
            assertThat(c.callRawString("PING")).isEqualTo("+PONG\r\n");
        }
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String out = Files.readString(log);
        assertThat(out).containsPattern("\\d+:C \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} # oO0OoO0OoO0Oo Cinnabar is starting");
        assertThat(out).containsPattern("\\d+:M .* \\* Running mode=standalone, port=" + port + "\\.");
        assertThat(out).contains("# Received SIGTERM scheduling shutdown...")
                .contains("User requested shutdown...")
                .contains("ready to exit, bye bye...");
    }

    @Test
    void shutdownCommandEndsTheProcess() throws Exception {
        int port = RedisOracle.freePort();
        Path log = dir.resolve("out.log");
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nloglevel verbose\n");
        Process p = launch(log, conf.toString());
        awaitLine(log, "Ready to accept connections tcp");
        try (RespConnection c = new RespConnection(port)) {
            c.send("SHUTDOWN");
            assertThat(c.isClosedByPeer(10_000)).isTrue();
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("Configuration loaded").contains("User requested shutdown...")
                .contains("- Accepted 127.0.0.1:");
    }

    @Test
    void aBadConfigFileStopsTheServerWithRedisReport() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "port 0\n# comment\nfoo bar\n");
        Path log = dir.resolve("out.log");
        Process p = launch(log, conf.toString());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).isEqualTo("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
                + "Reading the configuration file " + conf.toAbsolutePath() + ", at line 3\n>>> 'foo bar'\n"
                + "Bad directive or wrong number of arguments\n");
    }

    @Test
    void aBadOptionOnTheCommandLineIsReportedAsRedisDoes() throws Exception {
        Path log = dir.resolve("out.log");
        Process p = launch(log, "--port", "0", "--hz", "abc");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).isEqualTo("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
                + "Reading the configuration file, at line 3\n>>> 'hz \"abc\"'\nargument couldn't be parsed into an integer\n");
    }

    @Test
    void anUnsupportedRedisParameterIsRefusedByName() throws Exception {
        Path log = dir.resolve("out.log");
        Process p = launch(log, "--port", "0", "--appendonly", "yes");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains(">>> 'appendonly \"yes\"'")
                .contains("Cinnabar has no append-only file yet");
    }
}
