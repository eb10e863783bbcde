package dev.cinnabar.resp;

import static dev.cinnabar.resp.DecoderRun.byteByByte;
import static dev.cinnabar.resp.DecoderRun.bytes;
import static dev.cinnabar.resp.DecoderRun.concat;
import static dev.cinnabar.resp.DecoderRun.multibulk;
import static dev.cinnabar.resp.DecoderRun.randomChunks;
import static dev.cinnabar.resp.DecoderRun.repeat;
import static dev.cinnabar.resp.DecoderRun.run;
import static dev.cinnabar.resp.DecoderRun.whole;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.DecoderRun.Command;
import dev.cinnabar.resp.DecoderRun.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request decoder against Redis 7.0's processInputBuffer. Every error text and every
 * accept/reject decision below was checked against redis-server 7.0.15 over a socket. Each input
 * is decoded in one read, byte by byte, and in several random splits, which must all agree.
 */
class RequestDecoderTest {

    static final String INVALID_MULTIBULK = "Protocol error: invalid multibulk length";
    static final String INVALID_BULK = "Protocol error: invalid bulk length";
    static final String UNBALANCED = "Protocol error: unbalanced quotes in request";
    static final String TOO_BIG_INLINE = "Protocol error: too big inline request";
    static final String TOO_BIG_MBULK = "Protocol error: too big mbulk count string";
    static final String TOO_BIG_BULK = "Protocol error: too big bulk count string";
    static final String UNAUTH_MULTIBULK = "Protocol error: unauthenticated multibulk length";
    static final String UNAUTH_BULK = "Protocol error: unauthenticated bulk length";

    static String expectedDollarGot(char c) {
        return "Protocol error: expected '$', got '" + c + "'";
    }

    private static final Command PING = Command.multibulk("PING");
    private static final Command INLINE_PING = Command.inline("PING");

    static void assertDecodes(byte[] input, Outcome expected) {
        assertDecodes(RequestDecoder::new, input, expected);
    }

    static void assertDecodes(String input, Outcome expected) {
        assertDecodes(bytes(input), expected);
    }

    /** Decodes {@code input} in one read, byte by byte and in random reads; all must give {@code expected}. */
    static void assertDecodes(Supplier<RequestDecoder> decoders, byte[] input, Outcome expected) {
        long seed = Seeds.seed(Arrays.hashCode(input));
        Random rnd = Seeds.random(seed);
        assertThat(run(decoders.get(), input, whole(), rnd)).as("in one read").isEqualTo(expected);
        assertThat(run(decoders.get(), input, byteByByte(), rnd)).as("byte by byte").isEqualTo(expected);
        for (int i = 0; i < 4; i++) {
            assertThat(run(decoders.get(), input, randomChunks(rnd), rnd))
                    .as("in random reads, %s", Seeds.replay(seed)).isEqualTo(expected);
        }
    }

    // ---- well-formed requests ----

    @Nested
    class Multibulk {
        @Test
        void aSimpleCommand() {
            assertDecodes("*1\r\n$4\r\nPING\r\n", Outcome.idle(PING));
            assertDecodes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n", Outcome.idle(Command.multibulk("SET", "k", "value")));
        }

        @Test
        void emptyAndBinaryArguments() {
            assertDecodes("*3\r\n$0\r\n\r\n$2\r\n\r\n\r\n$3\r\na\u0000b\r\n",
                    Outcome.idle(Command.multibulk("", "\r\n", "a\u0000b")));
        }

        @Test
        void pipelinedCommands() {
            assertDecodes("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n*1\r\n$4\r\nPING\r\n",
                    Outcome.idle(PING, Command.multibulk("ECHO", "hi"), PING));
        }

        @Test
        void emptyMultibulksAreSkippedWithoutReply() {
            assertDecodes("*0\r\n*1\r\n$4\r\nPING\r\n", Outcome.idle(PING));
            assertDecodes("*-1\r\n*1\r\n$4\r\nPING\r\n", Outcome.idle(PING));
            assertDecodes("*-5\r\n*0\r\nPING\r\n", Outcome.idle(INLINE_PING));
            assertDecodes("*0\r\n", Outcome.idle());
            assertDecodes("*-9223372036854775808\r\n", Outcome.idle());
        }

        @Test
        void theTwoBytesAfterABulkAreNotChecked() {
            // Redis answers +PONG to "*1\r\n$4\r\nPINGxx" and reads on after the two bytes.
            assertDecodes("*1\r\n$4\r\nPINGxx", Outcome.idle(PING));
            assertDecodes("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n", Outcome.idle(PING, PING));
            assertDecodes("*2\r\n$4\r\nECHO\r\n$1\r\na\u0000\u0000*1\r\n$4\r\nPING\r\n",
                    Outcome.idle(Command.multibulk("ECHO", "a"), PING));
        }

        @Test
        void aHeaderLineEndsAtItsCarriageReturnAndTheNextByteIsNotChecked() {
            assertDecodes("*1\rx$4\rxPING\r\n", Outcome.idle(PING));
            assertDecodes("*1\r\r$4\r\rPING\r\r", Outcome.idle(PING));
        }

        @Test
        void aNulInsideBulkDataIsData() {
            assertDecodes("*1\r\n$4\r\nPI\u0000G\r\n", Outcome.idle(Command.multibulk("PI\u0000G")));
        }

        @Test
        void largestAcceptedCounts() {
            // Redis waits for the arguments of these.
            assertDecodes("*2147483647\r\n", Outcome.partial(0));
            assertDecodes("*1\r\n$536870912\r\n", Outcome.partial(0));
        }
    }

    @Nested
    class Inline {
        @Test
        void endsWithNewlineWithOrWithoutCarriageReturn() {
            assertDecodes("PING\r\n", Outcome.idle(INLINE_PING));
            assertDecodes("PING\n", Outcome.idle(INLINE_PING));
            assertDecodes("SET a b\nGET a\r\n", Outcome.idle(Command.inline("SET", "a", "b"), Command.inline("GET", "a")));
        }

        @Test
        void onlyOneCarriageReturnIsDroppedAndOthersSeparateArguments() {
            assertDecodes("PING\r\r\n", Outcome.idle(INLINE_PING));
            assertDecodes("ECHO\ra\r\n", Outcome.idle(Command.inline("ECHO", "a")));
        }

        @Test
        void emptyAndBlankLinesAreSkipped() {
            assertDecodes("\r\n\n   \r\nPING\r\n", Outcome.idle(INLINE_PING));
            assertDecodes("  \t \r\n", Outcome.idle());
            assertDecodes("*1\r\n$4\r\nPING\r\n\r\n*1\r\n$4\r\nPING\r\n", Outcome.idle(PING, PING));
        }

        @Test
        void quotingAndEscapes() {
            assertDecodes("ECHO \"a\\x41\\n\"\r\n", Outcome.idle(Command.inline("ECHO", "aA\n")));
            assertDecodes("ECHO 'it\\'s'\r\n", Outcome.idle(Command.inline("ECHO", "it's")));
            assertDecodes("ECHO a\"b c\"\r\n", Outcome.idle(Command.inline("ECHO", "ab c")));
            assertDecodes("SET \"\" '' \"\\x00\"\n", Outcome.idle(Command.inline("SET", "", "", "\u0000")));
        }

        @Test
        void inlineAndMultibulkMix() {
            assertDecodes("PING\r\n*1\r\n$4\r\nPING\r\nPING\n", Outcome.idle(INLINE_PING, PING, INLINE_PING));
        }

        @Test
        void anyFirstByteButStarStartsAnInlineRequest() {
            assertDecodes("$4\r\n", Outcome.idle(Command.inline("$4")));
            assertDecodes(":1\r\n+OK\r\n", Outcome.idle(Command.inline(":1"), Command.inline("+OK")));
        }

        @Test
        void aLongLineInOneReadIsAccepted() {
            byte[] line = concat(repeat('x', 70_000), bytes("\r\n"));
            Outcome outcome = run(line, whole());
            assertThat(outcome.commands()).hasSize(1);
            assertThat(outcome.commands().get(0).args().get(0)).hasSize(70_000);
            // ... but not once more than 64 KiB waited without a newline.
            assertThat(run(line, byteByByte())).isEqualTo(Outcome.error(TOO_BIG_INLINE));
        }
    }

    // ---- protocol errors ----

    @Nested
    class ProtocolErrors {
        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"*01\r\n", "*+1\r\n", "*-0\r\n", "*\r\n", "*1 \r\n", "* 1\r\n", "*abc\r\n",
            "*1\n$4\r\nPING\r\n", "*2147483648\r\n", "*9223372036854775807\r\n", "*9223372036854775808\r\n",
            "*99999999999999999999\r\n", "*-09\r\n", "*1.0\r\n"})
        void invalidMultibulkLength(String input) {
            assertDecodes(input, Outcome.error(INVALID_MULTIBULK));
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"*1\r\n$-1\r\n", "*1\r\n$-5\r\n", "*1\r\n$04\r\n", "*1\r\n$+4\r\nPING\r\n", "*1\r\n$\r\n",
            "*1\r\n$4 \r\n", "*1\r\n$536870913\r\n", "*1\r\n$9223372036854775807\r\n", "*1\r\n$99999999999999999999\r\n",
            "*2\r\n$1\r\na\r\n$x\r\n"})
        void invalidBulkLength(String input) {
            assertDecodes(input, Outcome.error(INVALID_BULK));
        }

        @Test
        void bulkLengthAboveProtoMaxBulkLen() {
            Supplier<RequestDecoder> small = () -> {
                RequestDecoder d = new RequestDecoder();
                d.setMaxBulkLength(100);
                return d;
            };
            assertDecodes(small, bytes("*1\r\n$101\r\n"), Outcome.error(INVALID_BULK));
            byte[] hundred = concat(bytes("*1\r\n$100\r\n"), repeat('v', 100), bytes("\r\n"));
            assertDecodes(small, hundred, Outcome.idle(Command.multibulk("v".repeat(100))));
        }

        @Test
        void expectedDollarNamesTheByteFound() {
            assertDecodes("*1\r\nPING\r\n", Outcome.error(expectedDollarGot('P')));
            assertDecodes("*2\r\n$1\r\na\r\n:1\r\n", Outcome.error(expectedDollarGot(':'), new Command[0]));
            for (int c = 1; c < 256; c++) {
                if (c == '$' || c == '\r' || c == '\n') {
                    continue;
                }
                byte[] input = concat(bytes("*1\r\n"), new byte[] {(byte) c}, bytes("x\r\n"));
                assertThat(run(input, whole())).as("byte %d", c).isEqualTo(Outcome.error(expectedDollarGot((char) c)));
            }
        }

        @Test
        void expectedDollarShowsCarriageReturnAndNewlineAsSpaces() {
            // Redis's addReplyErrorFormat maps CR and LF to spaces.
            assertDecodes("*1\r\n\r\n", Outcome.error(expectedDollarGot(' ')));
            assertDecodes("*1\r\n\nxx\r\n", Outcome.error(expectedDollarGot(' ')));
        }

        @Test
        void unbalancedQuotes() {
            assertDecodes("ECHO \"foo\r\n", Outcome.error(UNBALANCED));
            assertDecodes("ECHO \"foo\"bar\r\n", Outcome.error(UNBALANCED));
            assertDecodes("PING\r\nECHO 'x\n*1\r\n$4\r\nPING\r\n", Outcome.error(UNBALANCED, INLINE_PING));
        }

        @Test
        void tooBigInlineRequest() {
            assertDecodes(repeat('x', 65_536), Outcome.partial(65_536));
            assertDecodes(repeat('x', 65_537), Outcome.error(TOO_BIG_INLINE));
            assertDecodes(concat(bytes("PING\n"), repeat('x', 100_000)), Outcome.error(TOO_BIG_INLINE, INLINE_PING));
        }

        @Test
        void tooBigMultibulkCountString() {
            assertDecodes(concat(bytes("*"), repeat('1', 65_535)), Outcome.partial(65_536));
            assertDecodes(concat(bytes("*"), repeat('1', 65_536)), Outcome.error(TOO_BIG_MBULK));
        }

        @Test
        void tooBigBulkCountString() {
            assertDecodes(concat(bytes("*1\r\n$"), repeat('1', 65_535)), Outcome.partial(65_536));
            assertDecodes(concat(bytes("*1\r\n$"), repeat('1', 65_536)), Outcome.error(TOO_BIG_BULK));
            // A carriage return in time ends the line: it is then judged as a length.
            assertDecodes(concat(bytes("*1\r\n$"), repeat('1', 65_535), bytes("\r")), Outcome.partial(65_536));
            assertDecodes(concat(bytes("*1\r\n$"), repeat('1', 65_535), bytes("\r\n")), Outcome.error(INVALID_BULK));
        }

        @Test
        void errorsStopTheRequestsThatFollow() {
            assertDecodes("*1\r\n$4\r\nPING\r\n*x\r\n*1\r\n$4\r\nPING\r\n", Outcome.error(INVALID_MULTIBULK, PING));
        }
    }

    /**
     * Redis finds a line's end with strchr, which stops at a NUL byte: a NUL before the terminator
     * makes the line endless, Redis waits for more, and replies "too big" once 64 KiB wait.
     */
    @Nested
    class NulBeforeTheEndOfALine {
        private final byte[] tail = bytes("x\r\n".repeat(30_000));

        @Test
        void inInlineRequests() {
            assertDecodes("PING\u0000\r\n", Outcome.partial(7));
            assertDecodes("\u0000PING\r\n", Outcome.partial(7));
            assertDecodes("ECHO foo\u0000bar\n", Outcome.partial(13));
            assertDecodes(concat(bytes("PING\u0000"), tail), Outcome.error(TOO_BIG_INLINE));
            assertDecodes(concat(bytes("PING\n\u0000"), tail), Outcome.error(TOO_BIG_INLINE, INLINE_PING));
        }

        @Test
        void inTheMultibulkCount() {
            assertDecodes("*1\u0000\r\n$4\r\nPING\r\n", Outcome.partial(15));
            assertDecodes(concat(bytes("*1\u0000"), tail), Outcome.error(TOO_BIG_MBULK));
        }

        @Test
        void inABulkHeader() {
            assertDecodes("*1\r\n\u0000\r\n", Outcome.partial(3));
            assertDecodes("*1\r\n$4\u0000\r\nPING\r\n", Outcome.partial(11));
            assertDecodes(concat(bytes("*1\r\n\u0000"), tail), Outcome.error(TOO_BIG_BULK));
            assertDecodes(concat(bytes("*1\r\n$4\u0000"), tail), Outcome.error(TOO_BIG_BULK));
        }

        @Test
        void afterTheTerminatorItIsHarmless() {
            // The byte after a header's CR is skipped unchecked, NUL or not.
            assertDecodes("*1\r\u0000$4\r\u0000PING\r\n", Outcome.idle(PING));
            assertDecodes("PING\n\u0000", Outcome.partial(1, INLINE_PING));
        }

        @Test
        void resetForgetsTheEndlessLine() {
            RequestDecoder d = new RequestDecoder();
            assertThat(run(d, bytes("PING\u0000\r\n"), whole(), new Random(1))).isEqualTo(Outcome.partial(7));
            d.reset();
            assertThat(d.inProgress()).isFalse();
            assertThat(d.pendingBytes()).isZero();
            assertThat(run(d, bytes("PING\r\n"), whole(), new Random(1))).isEqualTo(Outcome.idle(INLINE_PING));
        }
    }

    // ---- authentication limits ----

    @Nested
    class Unauthenticated {
        private RequestDecoder unauthenticated() {
            RequestDecoder d = new RequestDecoder();
            d.setAuthenticationRequired(true);
            return d;
        }

        @Test
        void atMostTenArguments() {
            assertDecodes(this::unauthenticated, bytes("*11\r\n"), Outcome.error(UNAUTH_MULTIBULK));
            assertDecodes(this::unauthenticated, bytes("*10\r\n"), Outcome.partial(0));
            assertDecodes(this::unauthenticated, bytes("*2147483648\r\n"), Outcome.error(INVALID_MULTIBULK));
            assertDecodes(this::unauthenticated, bytes("*-20\r\n"), Outcome.idle());
        }

        @Test
        void bulksOfAtMost16KiB() {
            assertDecodes(this::unauthenticated, bytes("*1\r\n$16385\r\n"), Outcome.error(UNAUTH_BULK));
            assertDecodes(this::unauthenticated, bytes("*1\r\n$16384\r\n"), Outcome.partial(0));
            assertDecodes(this::unauthenticated, bytes("*1\r\n$-1\r\n"), Outcome.error(INVALID_BULK));
            assertDecodes(this::unauthenticated, bytes("*1\r\n$536870913\r\n"), Outcome.error(INVALID_BULK));
        }

        @Test
        void inlineRequestsAreNotLimited() {
            assertDecodes(this::unauthenticated, bytes("a b c d e f g h i j k l m\r\n"),
                    Outcome.idle(Command.inline("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m")));
        }

        @Test
        void onlyWhileAuthenticationIsRequired() {
            assertDecodes(bytes("*11\r\n$16385\r\n"), Outcome.partial(0));
            RequestDecoder d = unauthenticated();
            assertThat(run(d, bytes("*11\r\n"), whole(), new Random(1))).isEqualTo(Outcome.error(UNAUTH_MULTIBULK));
            d.setAuthenticationRequired(false);
            assertThat(run(d, bytes("*11\r\n"), whole(), new Random(1))).isEqualTo(Outcome.partial(0));
        }
    }

    // ---- query buffer limit, large arguments, bookkeeping ----

    @Test
    void queryLimitWhenOnePendingArgumentPassesIt() {
        Supplier<RequestDecoder> limited = () -> {
            RequestDecoder d = new RequestDecoder();
            d.setQueryBufferLimit(1000);
            return d;
        };
        byte[] header = bytes("*2\r\n$3\r\nSET\r\n$5000\r\n");
        assertDecodes(limited, concat(header, repeat('v', 1000)), Outcome.partial(1000));
        assertDecodes(limited, concat(header, repeat('v', 1001)), Outcome.queryLimit());
        // Each argument counts on its own.
        byte[] twoSmall = multibulk("x".repeat(900), "y".repeat(900));
        assertDecodes(limited, twoSmall, Outcome.idle(Command.multibulk("x".repeat(900), "y".repeat(900))));
    }

    @Test
    void largeArgumentsGetArraysTheCallerCanTake() {
        Random rnd = new Random(7);
        byte[] big = new byte[100_000];
        rnd.nextBytes(big);
        byte[] input = multibulk(List.of(bytes("SET"), bytes("key"), big));
        for (DecoderRun.Chunking chunking : List.of(whole(), byteByByte(), randomChunks(rnd))) {
            List<byte[]> taken = new ArrayList<>();
            run(new RequestDecoder(), input, chunking, rnd, args -> {
                assertThat(args.count()).isEqualTo(3);
                byte[] own = args.arrayOf(2);
                assertThat(args.offsetOf(2)).isZero();
                assertThat(own).hasSize(big.length);
                byte[] t = args.take(2);
                assertThat(t).isSameAs(own).isEqualTo(big);
                // Taken once: a second take must not hand out the same array again.
                assertThat(args.take(2)).isNotSameAs(t).isEqualTo(big);
                byte[] small = args.take(0);
                assertThat(small).isEqualTo(bytes("SET")).isNotSameAs(args.arrayOf(0));
                taken.add(t);
            });
            assertThat(taken).hasSize(1);
        }
    }

    @Test
    void argumentsThatDoNotFitTheArenaGetTheirOwnExactArray() {
        String a4000 = "a".repeat(4000);
        byte[] input = multibulk(a4000, a4000, a4000, a4000, a4000, "x".repeat(4095), "y".repeat(4096));
        run(new RequestDecoder(), input, whole(), new Random(3), args -> {
            // 16 KiB arena: four 4000-byte arguments fit, the fifth does not.
            for (int i = 0; i < 4; i++) {
                assertThat(args.take(i)).isNotSameAs(args.arrayOf(i)).hasSize(4000);
            }
            assertThat(args.arrayOf(4)).hasSize(4000);
            assertThat(args.take(4)).isSameAs(args.arrayOf(4));
            assertThat(args.arrayOf(6)).hasSize(4096);
            assertThat(args.take(6)).isSameAs(args.arrayOf(6));
            assertThat(args.totalBytes()).isEqualTo(5 * 4000 + 4095 + 4096);
        });
    }

    @Test
    void argumentsOfOneCommandDoNotChangeWhileItIsHandled() {
        byte[] input = concat(multibulk("SET", "k1", "v1"), multibulk("SET", "k2", "v2"));
        List<List<String>> seen = new ArrayList<>();
        run(new RequestDecoder(), input, whole(), new Random(5), args -> seen.add(DecoderRun.strings(args)));
        assertThat(seen).containsExactly(List.of("SET", "k1", "v1"), List.of("SET", "k2", "v2"));
    }

    @Test
    void pendingBytesCountsTheRequestInProgress() {
        RequestDecoder d = new RequestDecoder();
        assertThat(d.pendingBytes()).isZero();
        assertThat(d.inProgress()).isFalse();
        feed(d, "*3\r\n", RequestDecoder.NEED_MORE);
        assertThat(d.inProgress()).isTrue();
        assertThat(d.pendingBytes()).isZero();
        feed(d, "$3\r\nSET\r\n$1", RequestDecoder.NEED_MORE);
        assertThat(d.pendingBytes()).isEqualTo(2);
        feed(d, "0\r", RequestDecoder.NEED_MORE);
        assertThat(d.pendingBytes()).isEqualTo(3);
        feed(d, "\n0123", RequestDecoder.NEED_MORE);
        assertThat(d.pendingBytes()).isEqualTo(4);
        feed(d, "456789\r", RequestDecoder.NEED_MORE);
        assertThat(d.pendingBytes()).isZero();
        feed(d, "\n$2\r\nab\r\n", RequestDecoder.COMMAND);
        assertThat(d.inProgress()).isFalse();
        assertThat(d.pendingBytes()).isZero();
        assertThat(DecoderRun.strings(d.arguments())).containsExactly("SET", "0123456789", "ab");
        feed(d, "GET ke", RequestDecoder.NEED_MORE);
        assertThat(d.pendingBytes()).isEqualTo(6);
        feed(d, "y\r\n", RequestDecoder.COMMAND);
        assertThat(d.lastWasInline()).isTrue();
        assertThat(d.pendingBytes()).isZero();
    }

    @Test
    void resetForgetsAPartialRequest() {
        RequestDecoder d = new RequestDecoder();
        feed(d, "*2\r\n$3\r\nGE", RequestDecoder.NEED_MORE);
        d.reset();
        assertThat(d.inProgress()).isFalse();
        assertThat(d.pendingBytes()).isZero();
        feed(d, "*1\r\n$4\r\nPING\r\n", RequestDecoder.COMMAND);
        assertThat(DecoderRun.strings(d.arguments())).containsExactly("PING");
        assertThat(d.lastWasInline()).isFalse();
    }

    @Test
    void aDecoderIsReusableAfterAProtocolError() {
        RequestDecoder d = new RequestDecoder();
        feed(d, "*x\r\n", RequestDecoder.PROTOCOL_ERROR);
        assertThat(d.errorMessage()).isEqualTo(INVALID_MULTIBULK);
        assertThat(d.inProgress()).isFalse();
        feed(d, "*1\r\n$4\r\nPING\r\n", RequestDecoder.COMMAND);
    }

    @Test
    void trimKeepsDecodingAfterABigLine() {
        RequestDecoder d = new RequestDecoder();
        feed(d, "ECHO " + "x".repeat(50_000) + "\r\n", RequestDecoder.COMMAND);
        d.trim();
        feed(d, "ECHO hi\n", RequestDecoder.COMMAND);
        assertThat(DecoderRun.strings(d.arguments())).containsExactly("ECHO", "hi");
    }

    private static void feed(RequestDecoder d, String bytes, int expected) {
        ByteBuf in = Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1);
        try {
            assertThat(d.decode(in)).isEqualTo(expected);
            if (expected != RequestDecoder.PROTOCOL_ERROR) {
                assertThat(in.isReadable()).isFalse();
            }
        } finally {
            in.release();
        }
    }
}
