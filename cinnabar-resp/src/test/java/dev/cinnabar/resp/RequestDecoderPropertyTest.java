package dev.cinnabar.resp;

import static dev.cinnabar.resp.DecoderRun.byteByByte;
import static dev.cinnabar.resp.DecoderRun.bytes;
import static dev.cinnabar.resp.DecoderRun.randomChunks;
import static dev.cinnabar.resp.DecoderRun.run;
import static dev.cinnabar.resp.DecoderRun.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cinnabar.resp.DecoderRun.Command;
import dev.cinnabar.resp.DecoderRun.End;
import dev.cinnabar.resp.DecoderRun.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random properties of the request decoder: valid requests decode to their arguments
 * however they are cut into reads, and any bytes at all (random, or valid requests mutated)
 * give only the four documented results, with Redis's error texts, the same for every cut, and
 * the same as Redis's own algorithm ({@link RedisRequestModel}). Failures name the seed and the
 * iteration; {@code -Dcinnabar.seed=N} replays.
 */
class RequestDecoderPropertyTest {

    private static final Set<String> REDIS_PROTOCOL_ERRORS = Set.of(
            "Protocol error: invalid multibulk length",
            "Protocol error: invalid bulk length",
            "Protocol error: unbalanced quotes in request",
            "Protocol error: too big inline request",
            "Protocol error: too big mbulk count string",
            "Protocol error: too big bulk count string",
            "Protocol error: unauthenticated multibulk length",
            "Protocol error: unauthenticated bulk length");
    /** "expected '$', got 'X'": X is one byte, never NUL (Redis cannot get there) nor CR/LF (shown as spaces). */
    private static final Pattern EXPECTED_DOLLAR = Pattern.compile("Protocol error: expected '\\$', got '[^\\x00\\r\\n]'");

    // ---- generators ----

    /** A random argument: mostly short, sometimes up to ~100 KB, with any bytes including CR, LF, NUL. */
    static byte[] randomArgument(Random rnd) {
        int size = switch (rnd.nextInt(10)) {
            case 0 -> 0;
            case 1, 2, 3, 4 -> 1 + rnd.nextInt(10);
            case 5, 6 -> rnd.nextInt(200);
            case 7 -> rnd.nextInt(5_000);
            case 8 -> 4_000 + rnd.nextInt(200);
            default -> rnd.nextInt(100_000);
        };
        byte[] a = new byte[size];
        if (rnd.nextBoolean()) {
            rnd.nextBytes(a);
        } else {
            // Protocol-looking bytes, to tempt a decoder into treating data as framing.
            byte[] alphabet = bytes("*$\r\n\u0000-0123456789 \"'\\PINGSET");
            for (int i = 0; i < size; i++) {
                a[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
        }
        return a;
    }

    static List<byte[]> randomCommand(Random rnd) {
        int argc = switch (rnd.nextInt(8)) {
            case 0 -> 1;
            case 7 -> 1 + rnd.nextInt(300);
            default -> 1 + rnd.nextInt(12);
        };
        List<byte[]> args = new ArrayList<>(argc);
        long total = 0;
        for (int i = 0; i < argc; i++) {
            byte[] a = total > 300_000 ? new byte[rnd.nextInt(3)] : randomArgument(rnd);
            total += a.length;
            args.add(a);
        }
        return args;
    }

    private static long totalBytes(List<byte[]> args) {
        long n = 0;
        for (byte[] a : args) {
            n += a.length + 4;
        }
        return n;
    }

    private static Command expected(List<byte[]> args, boolean inline) {
        List<String> s = new ArrayList<>(args.size());
        for (byte[] a : args) {
            s.add(new String(a, StandardCharsets.ISO_8859_1));
        }
        return new Command(s, inline);
    }

    /** An inline line carrying {@code args}, quoted as redis-cli would (arguments must be non-empty lines' worth). */
    private static byte[] inlineLine(List<byte[]> args, Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(rnd.nextBoolean() ? " " : " \t ");
            }
            sb.append('"');
            for (byte x : args.get(i)) {
                int c = x & 0xff;
                if (c == '"' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c >= 33 && c < 127) {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\x%02x", c));
                }
            }
            sb.append('"');
        }
        sb.append(rnd.nextBoolean() ? "\r\n" : "\n");
        return bytes(sb.toString());
    }

    // ---- (a) valid requests ----

    @Test
    void validCommandsDecodeToTheirArgumentsHoweverTheBytesAreCut() {
        long seed = Seeds.seed(0x5eed_a001L);
        Random rnd = Seeds.random(seed);
        for (int iteration = 0; iteration < 150; iteration++) {
            List<byte[]> args = randomCommand(rnd);
            byte[] input = DecoderRun.multibulk(args);
            Outcome expected = Outcome.idle(expected(args, false));
            String where = "iteration " + iteration + ", " + args.size() + " args, " + input.length + " bytes, " + Seeds.replay(seed);
            assertThat(run(new RequestDecoder(), input, whole(), rnd)).as("one read, %s", where).isEqualTo(expected);
            for (int cut = 0; cut < 3; cut++) {
                assertThat(run(new RequestDecoder(), input, randomChunks(rnd), rnd)).as("random reads, %s", where)
                        .isEqualTo(expected);
            }
            if (input.length < 20_000) {
                assertThat(run(new RequestDecoder(), input, byteByByte(), rnd)).as("byte by byte, %s", where)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void pipelinedCommandsDecodeInOrderHoweverTheBytesAreCut() {
        long seed = Seeds.seed(0x5eed_a002L);
        Random rnd = Seeds.random(seed);
        for (int iteration = 0; iteration < 60; iteration++) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            List<Command> commands = new ArrayList<>();
            int count = 1 + rnd.nextInt(60);
            for (int i = 0; i < count; i++) {
                List<byte[]> args = randomCommand(rnd);
                if (rnd.nextInt(20) == 0) {
                    // Empty multibulks between commands are skipped.
                    pipeline.writeBytes(bytes(rnd.nextBoolean() ? "*0\r\n" : "*-1\r\n"));
                }
                if (rnd.nextInt(4) == 0 && totalBytes(args) < 12_000) {
                    // Inline, quoted: at most 4 characters per byte keeps the line under 64 KiB.
                    pipeline.writeBytes(inlineLine(args, rnd));
                    commands.add(expected(args, true));
                } else {
                    pipeline.writeBytes(DecoderRun.multibulk(args));
                    commands.add(expected(args, false));
                }
            }
            byte[] input = pipeline.toByteArray();
            Outcome expected = new Outcome(commands, End.IDLE, null, 0);
            String where = "iteration " + iteration + ", " + count + " commands, " + input.length + " bytes, " + Seeds.replay(seed);
            assertThat(run(new RequestDecoder(), input, whole(), rnd)).as("one read, %s", where).isEqualTo(expected);
            for (int cut = 0; cut < 3; cut++) {
                assertThat(run(new RequestDecoder(), input, randomChunks(rnd), rnd)).as("random reads, %s", where)
                        .isEqualTo(expected);
            }
            if (input.length < 50_000) {
                assertThat(run(new RequestDecoder(), input, byteByByte(), rnd)).as("byte by byte, %s", where)
                        .isEqualTo(expected);
            }
            // The model of Redis agrees (its inline requests are those of redis-cli).
            RedisRequestModel.Result redis = RedisRequestModel.process(input, false, 512L * 1024 * 1024);
            assertThat(redis.commands()).as("Redis model, %s", where).isEqualTo(commands);
        }
    }

    // ---- (b) any bytes ----

    private static final byte[][] SNIPPETS = {
        bytes("\r\n"), bytes("\r"), bytes("\n"), bytes("\u0000"), bytes("*"), bytes("$"), bytes("*0\r\n"),
        bytes("*-1\r\n"), bytes("$-1\r\n"), bytes("*1\r\n"), bytes("*11\r\n"), bytes("$4\r\n"), bytes("$16385\r\n"),
        bytes("*2147483648\r\n"), bytes("$0\r\n\r\n"), bytes("\""), bytes("'"), bytes("\\x4"), bytes(" "), bytes("01"),
        bytes("+"), bytes("-"), bytes("PING\r\n"), bytes("9223372036854775808"),
    };

    /** Random bytes, or a valid pipeline with flips, truncations, insertions, deletions and repeats. */
    static byte[] fuzzInput(Random rnd) {
        if (rnd.nextInt(5) == 0) {
            byte[] alphabet = bytes("*$\r\n\u0000-+0123456789 \t\"'\\xaZ");
            byte[] b = new byte[rnd.nextInt(400)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
            }
            return b;
        }
        ByteArrayOutputStream valid = new ByteArrayOutputStream();
        int commands = 1 + rnd.nextInt(5);
        for (int c = 0; c < commands; c++) {
            List<byte[]> args = new ArrayList<>();
            int argc = 1 + rnd.nextInt(13);
            for (int i = 0; i < argc; i++) {
                byte[] a = new byte[rnd.nextInt(rnd.nextInt(30) == 0 ? 20_000 : 12)];
                for (int k = 0; k < a.length; k++) {
                    a[k] = (byte) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : rnd.nextInt(256));
                }
                args.add(a);
            }
            boolean inline = rnd.nextInt(4) == 0 && totalBytes(args) < 12_000;
            valid.writeBytes(inline ? inlineLine(args, rnd) : DecoderRun.multibulk(args));
        }
        byte[] b = valid.toByteArray();
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            b = mutate(b, rnd);
        }
        return b;
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        if (b.length == 0) {
            return SNIPPETS[rnd.nextInt(SNIPPETS.length)].clone();
        }
        int at = rnd.nextInt(b.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 32);
        switch (rnd.nextInt(7)) {
            case 0 -> { // flip bits
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1 -> { // replace a byte
                byte[] c = b.clone();
                c[at] = "*$\r\n\u00000-+1 \"'".getBytes(StandardCharsets.ISO_8859_1)[rnd.nextInt(12)];
                return c;
            }
            case 2 -> { // truncate
                byte[] c = new byte[at];
                System.arraycopy(b, 0, c, 0, at);
                return c;
            }
            case 3 -> { // insert a snippet
                out.write(b, 0, at);
                out.writeBytes(SNIPPETS[rnd.nextInt(SNIPPETS.length)]);
                out.write(b, at, b.length - at);
            }
            case 4 -> { // delete a run
                int n = 1 + rnd.nextInt(Math.min(20, b.length - at));
                out.write(b, 0, at);
                out.write(b, at + n, b.length - at - n);
            }
            case 5 -> { // repeat a run
                int n = 1 + rnd.nextInt(Math.min(40, b.length - at));
                out.write(b, 0, at + n);
                out.write(b, at, b.length - at);
            }
            default -> { // random bytes
                out.write(b, 0, at);
                byte[] r = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(r);
                out.writeBytes(r);
                out.write(b, at, b.length - at);
            }
        }
        return out.toByteArray();
    }

    @Test
    void anyBytesGiveOnlyDocumentedResultsTheSameForEveryCutAndAsRedis() {
        long seed = Seeds.seed(0x5eed_b001L);
        Random rnd = Seeds.random(seed);
        int errors = 0;
        int partial = 0;
        int idle = 0;
        for (int iteration = 0; iteration < 3_000; iteration++) {
            byte[] input = fuzzInput(rnd);
            boolean auth = rnd.nextInt(4) == 0;
            long maxBulk = rnd.nextInt(4) == 0 ? rnd.nextInt(100) : 512L * 1024 * 1024;
            String where = "iteration " + iteration + " (auth " + auth + ", proto-max-bulk-len " + maxBulk + ") on \""
                    + DecoderRun.escape(new String(input, 0, Math.min(input.length, 300), StandardCharsets.ISO_8859_1))
                    + (input.length > 300 ? "...\" (" + input.length + " bytes)" : "\"") + ", " + Seeds.replay(seed);
            Outcome oneRead;
            try {
                oneRead = run(decoder(auth, maxBulk), input, whole(), rnd);
                if (oneRead.end() == End.PROTOCOL_ERROR) {
                    String message = oneRead.error();
                    if (!REDIS_PROTOCOL_ERRORS.contains(message) && !EXPECTED_DOLLAR.matcher(message).matches()) {
                        fail("not a Redis protocol error: \"" + DecoderRun.escape(message) + "\" at " + where);
                    }
                    errors++;
                } else if (oneRead.end() == End.PARTIAL) {
                    partial++;
                } else {
                    idle++;
                }
                assertThat(oneRead.end()).as(where).isNotEqualTo(End.QUERY_LIMIT);
                RedisRequestModel.Result redis = RedisRequestModel.process(input, auth, maxBulk);
                assertThat(new RedisRequestModel.Result(oneRead.commands(), oneRead.end(), oneRead.error()))
                        .as("against Redis's algorithm, %s", where).isEqualTo(redis);
                assertThat(run(decoder(auth, maxBulk), input, byteByByte(), rnd)).as("byte by byte, %s", where)
                        .isEqualTo(oneRead);
                assertThat(run(decoder(auth, maxBulk), input, randomChunks(rnd), rnd)).as("random reads, %s", where)
                        .isEqualTo(oneRead);
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError("decoder threw at " + where, t);
            }
        }
        // The generator must reach every kind of ending, or the property says little.
        assertThat(errors).as("inputs ending in a protocol error").isGreaterThan(300);
        assertThat(partial).as("inputs ending mid-request").isGreaterThan(300);
        assertThat(idle).as("inputs fully decoded").isGreaterThan(300);
    }

    @Test
    void largeRandomInputsNeverThrowOrHang() {
        long seed = Seeds.seed(0x5eed_b002L);
        Random rnd = Seeds.random(seed);
        for (int iteration = 0; iteration < 40; iteration++) {
            byte[] input = new byte[50_000 + rnd.nextInt(150_000)];
            switch (iteration % 4) {
                case 0 -> rnd.nextBytes(input);
                case 1 -> {
                    // Long runs without any terminator, with or without a NUL.
                    for (int i = 0; i < input.length; i++) {
                        input[i] = (byte) ('0' + rnd.nextInt(10));
                    }
                    input[0] = (byte) "*x$".charAt(rnd.nextInt(3));
                    if (rnd.nextBoolean()) {
                        input[rnd.nextInt(input.length)] = 0;
                    }
                }
                case 2 -> {
                    // A valid header for a huge bulk, then too few bytes.
                    byte[] head = bytes("*2\r\n$3\r\nSET\r\n$" + (input.length * 2) + "\r\n");
                    System.arraycopy(head, 0, input, 0, head.length);
                }
                default -> {
                    byte[] fuzz = fuzzInput(rnd);
                    for (int i = 0; i < input.length; i++) {
                        input[i] = fuzz.length == 0 ? 0 : fuzz[i % fuzz.length];
                    }
                }
            }
            String where = "iteration " + iteration + ", " + Seeds.replay(seed);
            try {
                Outcome oneRead = run(new RequestDecoder(), input, whole(), rnd);
                Outcome chunked = run(new RequestDecoder(), input, randomChunks(rnd), rnd);
                RedisRequestModel.Result redis = RedisRequestModel.process(input, false, 512L * 1024 * 1024);
                assertThat(new RedisRequestModel.Result(oneRead.commands(), oneRead.end(), oneRead.error()))
                        .as("against Redis's algorithm, %s", where).isEqualTo(redis);
                if (oneRead.end() == End.PROTOCOL_ERROR) {
                    assertThat(chunked.end()).as(where).isEqualTo(End.PROTOCOL_ERROR);
                    assertThat(REDIS_PROTOCOL_ERRORS.contains(chunked.error()) || EXPECTED_DOLLAR.matcher(chunked.error()).matches())
                            .as("error %s at %s", chunked.error(), where).isTrue();
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError("decoder threw at " + where, t);
            }
        }
    }

    private static RequestDecoder decoder(boolean auth, long maxBulk) {
        RequestDecoder d = new RequestDecoder();
        d.setAuthenticationRequired(auth);
        d.setMaxBulkLength(maxBulk);
        return d;
    }
}
