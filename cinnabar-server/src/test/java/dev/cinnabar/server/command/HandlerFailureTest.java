package dev.cinnabar.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import org.junit.jupiter.api.Test;

/** A handler that throws never kills the connection and never sends a stack trace. */
class HandlerFailureTest {

    @Test
    void anUnexpectedExceptionBecomesAnErrorReplyAndTheConnectionCarriesOn() {
        try (Cinnabar server = TestServers.start()) {
            CommandSpec echo = server.server().commands().get("echo");
            // Replace ECHO's handler by one that fails halfway through its reply.
            echo.handler = (client, args) -> {
                client.reply().arrayHeader(2);
                client.reply().bulkAscii("partial");
                throw new IllegalStateException("boom");
            };
            try (RespConnection c = new RespConnection(server.port())) {
                assertThat(c.callRawString("ECHO", "x")).isEqualTo(
                        "-ERR internal error while running 'echo': the server log has the details\r\n");
                assertThat(c.callRawString("ECHO", "y")).isEqualTo(
                        "-ERR internal error while running 'echo': the server log has the details\r\n");
                assertThat(c.callRawString("PING")).isEqualTo("+PONG\r\n");
                String stats = c.call("INFO", "stats").describe();
                assertThat(stats).contains("unexpected_error_replies:2");
            }
        }
    }
}
