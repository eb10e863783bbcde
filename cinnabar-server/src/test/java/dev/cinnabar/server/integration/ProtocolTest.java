package dev.cinnabar.server.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire protocol through a real socket: exact bytes, pipelining, inline commands, bad input. */
class ProtocolTest {
    private static Cinnabar server;

    @BeforeAll
    static void start() {
        server = TestServers.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private RespConnection connect() {
        return new RespConnection(server.port());
    }

    @Test
    void inlineCommandsWithQuotesAndEscapes() {
        try (RespConnection c = connect()) {
            c.sendRaw("PING\r\nping \"a\\x41b\" 'c d'\r\necho \"x\\ny\"\n\r\n   \r\nECHO ''\r\n");
            assertThat(new String(c.readRaw(), StandardCharsets.ISO_8859_1)).isEqualTo("+PONG\r\n");
            assertThat(new String(c.readRaw(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
            assertThat(new String(c.readRaw(), StandardCharsets.ISO_8859_1)).isEqualTo("$3\r\nx\ny\r\n");
            assertThat(new String(c.readRaw(), StandardCharsets.ISO_8859_1)).isEqualTo("$0\r\n\r\n");
        }
    }

    @Test
    void deepPipelineAnsweredInOrder() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            batch.writeBytes(RespConnection.encode(RespConnection.args("ECHO", "m" + i)));
        }
        try (RespConnection c = connect()) {
            c.sendRaw(batch.toByteArray());
            for (int i = 0; i < n; i++) {
                String expected = "m" + i;
                assertThat(new String(c.readRaw(), StandardCharsets.ISO_8859_1))
                        .isEqualTo("$" + expected.length() + "\r\n" + expected + "\r\n");
            }
        }
    }

    @Test
    void bytesAfterABulkAreNotCheckedAndEmptyMultibulksAreSkipped() {
        try (RespConnection c = connect()) {
            c.sendRaw("*1\r\n$4\r\nPINGxx*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n");
            assertThat(c.readAvailable(300)).isEqualTo("+PONG\r\n+PONG\r\n");
        }
    }

    private void assertProtocolError(String input, String error) {
        try (RespConnection c = connect()) {
            c.sendRaw(input);
            assertThat(c.readAvailable(1500)).isEqualTo("-ERR Protocol error: " + error + "\r\n");
            assertThat(c.isClosedByPeer(1000)).as("connection closed after the protocol error").isTrue();
        }
    }

    @Test
    void protocolErrorsAreRedisTextsThenTheConnectionCloses() {
        assertProtocolError("*abc\r\n", "invalid multibulk length");
        assertProtocolError("*01\r\n", "invalid multibulk length");
        assertProtocolError("*3000000000\r\n", "invalid multibulk length");
        assertProtocolError("*1\r\n$-1\r\n", "invalid bulk length");
        assertProtocolError("*1\r\n$600000000\r\n", "invalid bulk length");
        assertProtocolError("*2\r\n+foo\r\n", "expected '$', got '+'");
        assertProtocolError("ping \"abc\r\n", "unbalanced quotes in request");
        assertProtocolError("x".repeat(70_000), "too big inline request");
        assertProtocolError("*" + "1".repeat(70_000), "too big mbulk count string");
        assertProtocolError("*1\r\n$" + "1".repeat(70_000), "too big bulk count string");
    }

    @Test
    void earlierPipelinedCommandsAreAnsweredBeforeTheProtocolError() {
        try (RespConnection c = connect()) {
            c.sendRaw("PING\r\n*1\r\n$4\r\nPING\r\n*x\r\nPING\r\n");
            assertThat(c.readAvailable(1500)).isEqualTo("+PONG\r\n+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n");
        }
    }

    @Test
    void unknownCommandsAndArityErrors() {
        try (RespConnection c = connect()) {
            assertThat(c.callRawString("FOO", "a", "b")).isEqualTo("-ERR unknown command 'FOO', with args beginning with: 'a' 'b' \r\n");
            assertThat(c.callRawString("FOO")).isEqualTo("-ERR unknown command 'FOO', with args beginning with: \r\n");
            assertThat(c.callRawString("CLIENT", "x")).isEqualTo("-ERR unknown subcommand 'x'. Try CLIENT HELP.\r\n");
            assertThat(c.callRawString("CLIENT")).isEqualTo("-ERR wrong number of arguments for 'client' command\r\n");
            assertThat(c.callRawString("CLIENT", "ID", "x")).isEqualTo("-ERR wrong number of arguments for 'client|id' command\r\n");
            assertThat(c.callRawString("ECHO")).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
            String longArg = "y".repeat(300);
            assertThat(c.callRawString("NOPE", longArg, "z"))
                    .isEqualTo("-ERR unknown command 'NOPE', with args beginning with: '" + "y".repeat(128) + "' \r\n");
            assertThat(c.callRawString("NO\r\nPE")).isEqualTo("-ERR unknown command 'NO  PE', with args beginning with: \r\n");
        }
    }

    @Test
    void clientReplyOffAndSkip() {
        try (RespConnection c = connect()) {
            c.send("CLIENT", "REPLY", "OFF");
            c.send("PING");
            c.send("ECHO", "hidden");
            c.send("CLIENT", "REPLY", "ON");
            assertThat(c.readAvailable(300)).isEqualTo("+OK\r\n");
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("ECHO", "skipped");
            c.send("ECHO", "shown");
            assertThat(c.readAvailable(300)).isEqualTo("$5\r\nshown\r\n");
            c.send("CLIENT", "REPLY", "MAYBE");
            assertThat(c.readAvailable(300)).isEqualTo("-ERR syntax error\r\n");
        }
    }

    @Test
    void unauthenticatedClientsHaveTighterRequestLimits() {
        try (Cinnabar secured = TestServers.start("requirepass", "secret")) {
            try (RespConnection c = new RespConnection(secured.port())) {
                c.sendRaw("*11\r\n");
                assertThat(c.readAvailable(1500)).isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n");
            }
            try (RespConnection c = new RespConnection(secured.port())) {
                c.sendRaw("*2\r\n$20000\r\n");
                assertThat(c.readAvailable(1500)).isEqualTo("-ERR Protocol error: unauthenticated bulk length\r\n");
            }
            try (RespConnection c = new RespConnection(secured.port())) {
                assertThat(c.callRawString("AUTH", "secret")).isEqualTo("+OK\r\n");
                assertThat(c.callRawString("ECHO", "z".repeat(20000))).startsWith("$20000\r\n");
            }
        }
    }

    @Test
    void anArgumentOverTheQueryBufferLimitClosesTheConnection() {
        try (Cinnabar limited = TestServers.start("client-query-buffer-limit", "1mb");
             RespConnection c = new RespConnection(limited.port())) {
            try {
                c.sendRaw("*2\r\n$4\r\nECHO\r\n$2000000\r\n");
                c.sendRaw("x".repeat(1_500_000));
            } catch (java.io.UncheckedIOException closedWhileSending) {
                return;
            }
            assertThat(c.isClosedByPeer(3000)).isTrue();
        }
    }

    @Test
    void twoArgumentsUnderTheQueryBufferLimitEachAreAccepted() {
        try (Cinnabar limited = TestServers.start("client-query-buffer-limit", "1mb");
             RespConnection c = new RespConnection(limited.port())) {
            String part = "y".repeat(700 * 1024);
            String reply = c.callRawString("PING", part);
            assertThat(reply.length()).isEqualTo(("$" + part.length() + "\r\n").length() + part.length() + 2);
        }
    }

    @Test
    void aClientThatDoesNotReadIsClosedAtItsOutputLimit() {
        try (Cinnabar limited = TestServers.start("client-output-buffer-limit", "normal 1mb 0 0")) {
            byte[] request = RespConnection.encode(RespConnection.args("ECHO", "z".repeat(64 * 1024)));
            long received = 0;
            boolean closed = false;
            try (RespConnection c = new RespConnection(limited.port())) {
                // 400 replies of 64 KiB are 25 MiB, far above the 1 MiB hard limit: the server must give
                // up on this client rather than buffer it all. Sending may already fail once it has.
                for (int i = 0; i < 400; i++) {
                    c.sendRaw(request);
                }
                received = c.readAvailable(5000).length();
            } catch (java.io.UncheckedIOException e) {
                closed = true;
            }
            assertThat(closed || received < 400L * (64 * 1024 + 10)).as("the client was cut off").isTrue();
            try (RespConnection other = new RespConnection(limited.port())) {
                assertThat(other.callRawString("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }
}
