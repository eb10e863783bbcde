package dev.cinnabar.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Raw bytes against both servers: valid requests mixed with mutated ones (flipped, dropped and
 * inserted bytes, truncations, inline lines with quotes). Everything each server sends back until
 * it closes the connection must be identical.
 */
class ProtocolDifferentialTest {
    /**
     * Sends the input, then half-closes the connection: both servers answer what they received and
     * close on end of input, so everything they send can be read without timing guesses.
     */
    private static String exchange(int port, byte[] input) {
        try (RespConnection c = new RespConnection(port)) {
            c.sendRaw(input);
            c.shutdownOutput();
            return c.readAvailable(3000);
        } catch (UncheckedIOException e) {
            return "<reset>";
        }
    }

    private static byte[] randomRequest(Random r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int commands = 1 + r.nextInt(3);
        for (int i = 0; i < commands; i++) {
            switch (r.nextInt(4)) {
                case 0 -> b.writeBytes(RespConnection.encode(RespConnection.args("PING")));
                case 1 -> b.writeBytes(RespConnection.encode(RespConnection.args("ECHO", "v" + r.nextInt(1000))));
                case 2 -> b.writeBytes(("ECHO \"a\\x4" + r.nextInt(10) + "\" 'b c'\r\n").getBytes(StandardCharsets.ISO_8859_1));
                default -> b.writeBytes(RespConnection.encode(RespConnection.args("CLIENT", "GETNAME")));
            }
        }
        byte[] bytes = b.toByteArray();
        int mutations = r.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = r.nextInt(bytes.length);
            switch (r.nextInt(4)) {
                case 0 -> bytes[at] = "*$\r\n\"' 0123-+x".getBytes(StandardCharsets.ISO_8859_1)[r.nextInt(14)];
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
                case 2 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) r.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                default -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter.length == 0 ? bytes : shorter;
                }
            }
        }
        return bytes;
    }

    @Test
    void mutatedRequestsGetTheSameBytesBack() {
        long seed = dev.cinnabar.server.testing.Differential.seed(2026);
        Random r = new Random(seed);
        int cinnabar = TestServers.shared().port();
        int redis = RedisOracle.shared().port();
        for (int i = 0; i < 120; i++) {
            byte[] input = randomRequest(r);
            String ours = exchange(cinnabar, input);
            String theirs = exchange(redis, input);
            assertThat(ours).as("seed %d case %d input %s", seed, i,
                    dev.cinnabar.server.util.Repr.quote(input)).isEqualTo(theirs);
        }
    }

    /**
     * What a RESP3 connection receives after its HELLO reply (which names the server and its
     * version, so differs): the commands are sent in one write, then the connection half-closes.
     */
    private static String afterHello(int port, String commands) {
        String all = exchange(port, ("HELLO 3\r\n" + commands).getBytes(StandardCharsets.ISO_8859_1));
        int firstSimpleReply = all.indexOf("\r\n+");
        int firstPush = all.indexOf("\r\n>");
        int end = firstSimpleReply < 0 ? firstPush : firstPush < 0 ? firstSimpleReply : Math.min(firstSimpleReply, firstPush);
        return end < 0 ? all : all.substring(end + 2);
    }

    /**
     * The commands before a half-close are answered in full, including what is produced at the end
     * of the event loop's round: a BCAST invalidation of the key the client itself just set.
     */
    @Test
    void halfClosingClientGetsItsEndOfRoundInvalidation() {
        String commands = "CLIENT TRACKING on BCAST\r\nSET halfclosed:k v\r\n";
        String ours = afterHello(TestServers.shared().port(), commands);
        assertThat(ours).isEqualTo(afterHello(RedisOracle.shared().port(), commands))
                .endsWith("invalidate\r\n*1\r\n$12\r\nhalfclosed:k\r\n");
    }

    /**
     * CLIENT UNPAUSE flushes every waiting client in the middle of the command, this one included
     * (its pub/sub message queued it): CLIENT REPLY SKIP must still drop the UNPAUSE reply.
     */
    @Test
    void replySkipHoldsWhenTheClientIsFlushedDuringItsCommand() {
        String commands = "SUBSCRIBE skip:ch\r\nPUBLISH skip:ch m\r\nCLIENT REPLY SKIP\r\nCLIENT UNPAUSE\r\nPING\r\n";
        String ours = afterHello(TestServers.shared().port(), commands);
        assertThat(ours).isEqualTo(afterHello(RedisOracle.shared().port(), commands)).endsWith(":1\r\n+PONG\r\n");
    }
}
