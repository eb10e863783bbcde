package dev.cinnabar.resp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.numbers.DoubleText;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact bytes of every reply, in RESP2 and RESP3, as redis-server 7.0 sends them. */
class ReplyWriterTest {

    /** What {@code replies} writes with the given protocol, as ISO-8859-1 text. */
    static String written(int protocol, Consumer<ReplyWriter> replies) {
        ReplyWriter w = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
        w.setProtocol(protocol);
        replies.accept(w);
        ByteBuf b = w.detach();
        if (b == null) {
            return "";
        }
        try {
            return b.toString(StandardCharsets.ISO_8859_1);
        } finally {
            b.release();
        }
    }

    static String resp2(Consumer<ReplyWriter> replies) {
        return written(2, replies);
    }

    static String resp3(Consumer<ReplyWriter> replies) {
        return written(3, replies);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void protocolIsTwoUntilSetOtherwise() {
        ReplyWriter w = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
        assertThat(w.protocol()).isEqualTo(2);
        assertThat(w.isResp3()).isFalse();
        w.setProtocol(3);
        assertThat(w.protocol()).isEqualTo(3);
        assertThat(w.isResp3()).isTrue();
    }

    // ---- simple types ----

    @Test
    void simpleStrings() {
        for (int p = 2; p <= 3; p++) {
            assertThat(written(p, ReplyWriter::ok)).isEqualTo("+OK\r\n");
            assertThat(written(p, w -> w.simple("PONG"))).isEqualTo("+PONG\r\n");
            assertThat(written(p, w -> w.simple(""))).isEqualTo("+\r\n");
            assertThat(written(p, w -> w.raw(SharedReplies.QUEUED))).isEqualTo("+QUEUED\r\n");
        }
    }

    @Test
    void integers() {
        for (int p = 2; p <= 3; p++) {
            assertThat(written(p, w -> w.integer(0))).isEqualTo(":0\r\n");
            assertThat(written(p, w -> w.integer(1))).isEqualTo(":1\r\n");
            assertThat(written(p, w -> w.integer(-1))).isEqualTo(":-1\r\n");
            assertThat(written(p, w -> w.integer(2))).isEqualTo(":2\r\n");
            assertThat(written(p, w -> w.integer(10))).isEqualTo(":10\r\n");
            assertThat(written(p, w -> w.integer(Long.MAX_VALUE))).isEqualTo(":9223372036854775807\r\n");
            assertThat(written(p, w -> w.integer(Long.MIN_VALUE))).isEqualTo(":-9223372036854775808\r\n");
        }
    }

    @Test
    void sharedRepliesHoldTheirProtocolBytes() {
        assertThat(new String(SharedReplies.OK, StandardCharsets.ISO_8859_1)).isEqualTo("+OK\r\n");
        assertThat(new String(SharedReplies.PONG, StandardCharsets.ISO_8859_1)).isEqualTo("+PONG\r\n");
        assertThat(new String(SharedReplies.ZERO, StandardCharsets.ISO_8859_1)).isEqualTo(":0\r\n");
        assertThat(new String(SharedReplies.ONE, StandardCharsets.ISO_8859_1)).isEqualTo(":1\r\n");
        assertThat(new String(SharedReplies.NULL_BULK, StandardCharsets.ISO_8859_1)).isEqualTo("$-1\r\n");
        assertThat(new String(SharedReplies.NULL_ARRAY, StandardCharsets.ISO_8859_1)).isEqualTo("*-1\r\n");
        assertThat(new String(SharedReplies.NULL3, StandardCharsets.ISO_8859_1)).isEqualTo("_\r\n");
        assertThat(new String(SharedReplies.EMPTY_ARRAY, StandardCharsets.ISO_8859_1)).isEqualTo("*0\r\n");
        assertThat(new String(SharedReplies.EMPTY_BULK, StandardCharsets.ISO_8859_1)).isEqualTo("$0\r\n\r\n");
        assertThat(new String(SharedReplies.TRUE3, StandardCharsets.ISO_8859_1)).isEqualTo("#t\r\n");
        assertThat(new String(SharedReplies.FALSE3, StandardCharsets.ISO_8859_1)).isEqualTo("#f\r\n");
    }

    @Test
    void nulls() {
        assertThat(resp2(ReplyWriter::nullBulk)).isEqualTo("$-1\r\n");
        assertThat(resp2(ReplyWriter::nullArray)).isEqualTo("*-1\r\n");
        assertThat(resp3(ReplyWriter::nullBulk)).isEqualTo("_\r\n");
        assertThat(resp3(ReplyWriter::nullArray)).isEqualTo("_\r\n");
        assertThat(resp2(w -> w.bulkOrNull(null))).isEqualTo("$-1\r\n");
        assertThat(resp3(w -> w.bulkOrNull(null))).isEqualTo("_\r\n");
        assertThat(resp2(w -> w.bulkOrNull(bytes("v")))).isEqualTo("$1\r\nv\r\n");
    }

    @Test
    void booleans() {
        assertThat(resp2(w -> w.bool(true))).isEqualTo(":1\r\n");
        assertThat(resp2(w -> w.bool(false))).isEqualTo(":0\r\n");
        assertThat(resp3(w -> w.bool(true))).isEqualTo("#t\r\n");
        assertThat(resp3(w -> w.bool(false))).isEqualTo("#f\r\n");
    }

    @Test
    void doubles() {
        // ZSCORE on redis-server 7.0.15: RESP2 bulk strings, RESP3 ',' with %.17g.
        assertThat(resp2(w -> w.doubleValue(0.1))).isEqualTo("$19\r\n0.10000000000000001\r\n");
        assertThat(resp3(w -> w.doubleValue(0.1))).isEqualTo(",0.10000000000000001\r\n");
        assertThat(resp2(w -> w.doubleValue(1e20))).isEqualTo("$5\r\n1e+20\r\n");
        assertThat(resp3(w -> w.doubleValue(1e20))).isEqualTo(",1e+20\r\n");
        assertThat(resp2(w -> w.doubleValue(123456789012345678.0))).isEqualTo("$22\r\n1.2345678901234568e+17\r\n");
        assertThat(resp3(w -> w.doubleValue(123456789012345678.0))).isEqualTo(",1.2345678901234568e+17\r\n");
        assertThat(resp2(w -> w.doubleValue(Double.POSITIVE_INFINITY))).isEqualTo("$3\r\ninf\r\n");
        assertThat(resp3(w -> w.doubleValue(Double.POSITIVE_INFINITY))).isEqualTo(",inf\r\n");
        assertThat(resp2(w -> w.doubleValue(Double.NEGATIVE_INFINITY))).isEqualTo("$4\r\n-inf\r\n");
        assertThat(resp3(w -> w.doubleValue(Double.NEGATIVE_INFINITY))).isEqualTo(",-inf\r\n");
        assertThat(resp3(w -> w.doubleValue(Double.NaN))).isEqualTo(",nan\r\n");
        assertThat(resp2(w -> w.doubleValue(-0.0))).isEqualTo("$2\r\n-0\r\n");
        assertThat(resp3(w -> w.doubleValue(3))).isEqualTo(",3\r\n");
        assertThat(resp3(w -> w.doubleValue(-0.0))).isEqualTo(",-0\r\n");
        assertThat(resp2(w -> w.doubleValue(0.0))).isEqualTo("$1\r\n0\r\n");
        assertThat(resp2(w -> w.doubleValue(-42))).isEqualTo("$3\r\n-42\r\n");
        assertThat(resp2(w -> w.doubleValue(999999999999999.0))).isEqualTo("$15\r\n999999999999999\r\n");
        assertThat(resp2(w -> w.doubleValue(1e15))).isEqualTo("$16\r\n1000000000000000\r\n");
        assertThat(resp2(w -> w.doubleValue(1e17))).isEqualTo("$5\r\n1e+17\r\n");
    }

    /**
     * Whole numbers skip the %.17g formatter and the others are formatted in place (RESP3) or
     * aside (RESP2): either way the reply must carry the formatter's text.
     */
    @Test
    void doublesAsTheFormatterPrintsThem() {
        long seed = new java.util.Random().nextLong();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 5) {
                case 0 -> random.nextInt(2_000_001) - 1_000_000;
                case 1 -> (double) (random.nextLong() >> random.nextInt(64));
                case 2 -> Math.rint(random.nextGaussian() * Math.pow(10, random.nextInt(20)));
                case 3 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                default -> Double.longBitsToDouble(random.nextLong());
            };
            String text = DoubleText.format17g(d);
            assertThat(resp2(w -> w.doubleValue(d))).as("%s (seed %d)", d, seed)
                    .isEqualTo("$" + text.length() + "\r\n" + text + "\r\n");
            assertThat(resp3(w -> w.doubleValue(d))).as("%s (seed %d)", d, seed).isEqualTo("," + text + "\r\n");
        }
    }

    @Test
    void bigNumbers() {
        String digits = "3492890328409238509324850943850943825024385";
        assertThat(resp3(w -> w.bigNumber(digits))).isEqualTo("(" + digits + "\r\n");
        assertThat(resp2(w -> w.bigNumber(digits))).isEqualTo("$" + digits.length() + "\r\n" + digits + "\r\n");
        assertThat(resp3(w -> w.bigNumber("-1"))).isEqualTo("(-1\r\n");
        String long600 = "7".repeat(600); // past the stage's limit for short text
        assertThat(resp3(w -> w.bigNumber(long600))).isEqualTo("(" + long600 + "\r\n");
        assertThat(resp2(w -> w.bigNumber(long600))).isEqualTo("$600\r\n" + long600 + "\r\n");
        // Characters outside ISO-8859-1 become '?', as Netty's ISO-8859-1 encoding does.
        assertThat(resp3(w -> w.simple("caf\u00e9 \u20ac"))).isEqualTo("+caf\u00e9 ?\r\n");
        assertThat(resp2(w -> w.bulkAscii("\u20ac1"))).isEqualTo("$2\r\n?1\r\n");
    }

    // ---- errors ----

    @Test
    void errors() {
        for (int p = 2; p <= 3; p++) {
            assertThat(written(p, w -> w.error("ERR syntax error"))).isEqualTo("-ERR syntax error\r\n");
            assertThat(written(p, w -> w.error("WRONGTYPE Operation against a key holding the wrong kind of value")))
                    .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        }
    }

    @Test
    void carriageReturnsAndNewlinesInsideAnErrorBecomeSpaces() {
        // redis-server: an unknown command "FOO\n" is reported as 'FOO '.
        assertThat(resp2(w -> w.error("ERR unknown command 'FOO\n', with args beginning with: ")))
                .isEqualTo("-ERR unknown command 'FOO ', with args beginning with: \r\n");
        assertThat(resp3(w -> w.error("ERR a\r\nb\rc\nd"))).isEqualTo("-ERR a  b c d\r\n");
        // EVAL "return redis.error_reply('\nMYERR x')" 0 replies "- MYERR x".
        assertThat(resp2(w -> w.error("\nMYERR x"))).isEqualTo("- MYERR x\r\n");
    }

    @Test
    void carriageReturnsAndNewlinesEndingAnErrorAreDropped() {
        // EVAL "return redis.error_reply('MYERR bad\nthing\r\n')" 0 replies "-MYERR bad thing":
        // addReplyErrorFormat trims CR and LF from the end before turning the others into spaces.
        assertThat(resp2(w -> w.error("MYERR bad\nthing\r\n"))).isEqualTo("-MYERR bad thing\r\n");
        assertThat(resp3(w -> w.error("X y z\n"))).isEqualTo("-X y z\r\n");
        assertThat(resp2(w -> w.error("ERR \r\n"))).isEqualTo("-ERR \r\n");
        assertThat(resp2(w -> w.error("ERR x \n\r\n"))).isEqualTo("-ERR x \r\n");
    }

    @Test
    void theErrorObserverSeesEveryErrorAsSent() {
        List<String> seen = new ArrayList<>();
        ReplyWriter w = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
        w.error("ERR before the observer");
        w.setErrorObserver(seen::add);
        w.error("ERR syntax error");
        w.ok();
        w.simple("ERR not an error");
        w.error("WRONGTYPE Operation against a key holding the wrong kind of value");
        w.error("MYERR bad\nthing\r\n");
        w.setErrorObserver(null);
        w.error("ERR after the observer");
        w.release();
        assertThat(seen).containsExactly("ERR syntax error",
                "WRONGTYPE Operation against a key holding the wrong kind of value", "MYERR bad thing");
    }

    // ---- bulk strings ----

    @Test
    void bulkStrings() {
        for (int p = 2; p <= 3; p++) {
            assertThat(written(p, w -> w.bulk(bytes("hello")))).isEqualTo("$5\r\nhello\r\n");
            assertThat(written(p, w -> w.bulk(new byte[0]))).isEqualTo("$0\r\n\r\n");
            assertThat(written(p, w -> w.bulk(bytes("a\r\nb\u0000")))).isEqualTo("$5\r\na\r\nb\u0000\r\n");
            assertThat(written(p, w -> w.bulk(bytes("xxhelloyy"), 2, 5))).isEqualTo("$5\r\nhello\r\n");
            assertThat(written(p, w -> w.bulkAscii("caf\u00e9"))).isEqualTo("$4\r\ncaf\u00e9\r\n");
            assertThat(written(p, w -> w.bulkUtf8("caf\u00e9"))).isEqualTo("$5\r\ncaf\u00c3\u00a9\r\n");
            assertThat(written(p, w -> w.raw(SharedReplies.EMPTY_BULK))).isEqualTo("$0\r\n\r\n");
        }
    }

    @Test
    void largeBulkStrings() {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        String out = resp2(w -> w.bulk(big));
        assertThat(out).startsWith("$200000\r\n").endsWith("\r\n").hasSize(9 + 200_000 + 2);
        assertThat(bytes(out.substring(9, 9 + 200_000))).isEqualTo(big);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 9, 10, -10, 12345, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000_000L})
    void bulkLongIsTheDecimalTextAsABulkString(long value) {
        String digits = Long.toString(value);
        assertThat(resp2(w -> w.bulkLong(value))).isEqualTo("$" + digits.length() + "\r\n" + digits + "\r\n");
        assertThat(resp3(w -> w.bulkLong(value))).isEqualTo("$" + digits.length() + "\r\n" + digits + "\r\n");
    }

    @Test
    void verbatimStrings() {
        // CLIENT INFO: "=<n>\r\ntxt:..." in RESP3, a plain bulk string in RESP2.
        assertThat(resp3(w -> w.verbatim("txt", "Some string"))).isEqualTo("=15\r\ntxt:Some string\r\n");
        assertThat(resp2(w -> w.verbatim("txt", "Some string"))).isEqualTo("$11\r\nSome string\r\n");
        assertThat(resp3(w -> w.verbatim("mkd", ""))).isEqualTo("=4\r\nmkd:\r\n");
        // The text is UTF-8 and the length counts bytes.
        assertThat(resp3(w -> w.verbatim("txt", "\u00e9"))).isEqualTo("=6\r\ntxt:\u00c3\u00a9\r\n");
        assertThat(resp2(w -> w.verbatim("txt", "\u00e9"))).isEqualTo("$2\r\n\u00c3\u00a9\r\n");
    }

    // ---- aggregates ----

    @Test
    void arrays() {
        for (int p = 2; p <= 3; p++) {
            assertThat(written(p, w -> w.arrayHeader(0))).isEqualTo("*0\r\n");
            assertThat(written(p, w -> {
                w.arrayHeader(2);
                w.bulk(bytes("a"));
                w.integer(7);
            })).isEqualTo("*2\r\n$1\r\na\r\n:7\r\n");
            assertThat(written(p, w -> w.arrayHeader(1234567))).isEqualTo("*1234567\r\n");
        }
    }

    @Test
    void maps() {
        assertThat(resp3(w -> w.mapHeader(2))).isEqualTo("%2\r\n");
        assertThat(resp2(w -> w.mapHeader(2))).isEqualTo("*4\r\n");
        assertThat(resp3(w -> w.mapHeader(0))).isEqualTo("%0\r\n");
        assertThat(resp2(w -> w.mapHeader(0))).isEqualTo("*0\r\n");
    }

    @Test
    void sets() {
        assertThat(resp3(w -> w.setHeader(3))).isEqualTo("~3\r\n");
        assertThat(resp2(w -> w.setHeader(3))).isEqualTo("*3\r\n");
        // SMEMBERS of a missing key on redis-server: "~0" in RESP3, "*0" in RESP2.
        assertThat(resp3(ReplyWriter::emptySet)).isEqualTo("~0\r\n");
        assertThat(resp2(ReplyWriter::emptySet)).isEqualTo("*0\r\n");
    }

    @Test
    void pushes() {
        assertThat(resp3(w -> w.pushHeader(3))).isEqualTo(">3\r\n");
        assertThat(resp2(w -> w.pushHeader(3))).isEqualTo("*3\r\n");
    }

    @Test
    void attributes() {
        assertThat(resp3(w -> w.attributeHeader(1))).isEqualTo("|1\r\n");
    }

    // ---- deferred lengths ----

    @Test
    void deferredArray() {
        for (int p = 2; p <= 3; p++) {
            assertThat(written(p, w -> {
                w.integer(5);
                long mark = w.beginDeferred();
                w.bulk(bytes("x"));
                w.bulk(bytes("y"));
                w.endDeferredArray(mark, 2);
                w.ok();
            })).isEqualTo(":5\r\n*2\r\n$1\r\nx\r\n$1\r\ny\r\n+OK\r\n");
            assertThat(written(p, w -> w.endDeferredArray(w.beginDeferred(), 0))).isEqualTo("*0\r\n");
        }
    }

    @Test
    void deferredMap() {
        Consumer<ReplyWriter> map = w -> {
            long mark = w.beginDeferred();
            w.bulk(bytes("k"));
            w.integer(1);
            w.endDeferredMap(mark, 1);
        };
        assertThat(resp3(map)).isEqualTo("%1\r\n$1\r\nk\r\n:1\r\n");
        assertThat(resp2(map)).isEqualTo("*2\r\n$1\r\nk\r\n:1\r\n");
    }

    @Test
    void deferredSet() {
        Consumer<ReplyWriter> set = w -> {
            long mark = w.beginDeferred();
            w.bulk(bytes("m"));
            w.endDeferredSet(mark, 1);
        };
        assertThat(resp3(set)).isEqualTo("~1\r\n$1\r\nm\r\n");
        assertThat(resp2(set)).isEqualTo("*1\r\n$1\r\nm\r\n");
    }

    @Test
    void nestedDeferredAggregatesAndOnesAsFirstWrite() {
        Consumer<ReplyWriter> nested = w -> {
            long outer = w.beginDeferred();
            w.bulk(bytes("a"));
            long inner = w.beginDeferred();
            for (int i = 0; i < 12; i++) {
                w.integer(i);
            }
            w.endDeferredArray(inner, 12);
            w.endDeferredMap(outer, 1);
        };
        StringBuilder twelve = new StringBuilder("*12\r\n");
        for (int i = 0; i < 12; i++) {
            twelve.append(':').append(i).append("\r\n");
        }
        assertThat(resp3(nested)).isEqualTo("%1\r\n$1\r\na\r\n" + twelve);
        assertThat(resp2(nested)).isEqualTo("*2\r\n$1\r\na\r\n" + twelve);
    }

    @Test
    void deferredHeaderAroundLargeContent() {
        byte[] big = new byte[50_000];
        String out = resp2(w -> {
            long mark = w.beginDeferred();
            for (int i = 0; i < 10; i++) {
                w.bulk(big);
            }
            w.endDeferredArray(mark, 10);
        });
        assertThat(out).startsWith("*10\r\n$50000\r\n").hasSize(5 + 10 * (8 + 50_000 + 2));
    }

    /**
     * The header moves in front of the elements inside the buffer; pooled buffers start at an
     * offset in their chunk, heap buffers have an array, and a composite buffer that grew into
     * two components has no single view (the copying path). Every header length from 4 to 8
     * bytes, behind earlier replies, with nested aggregates.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pooled-direct", "pooled-heap", "unpooled-heap", "composite"})
    void deferredHeadersOnEveryKindOfBuffer(String kind) {
        ByteBufAllocator allocator = switch (kind) {
            case "pooled-direct" -> new PooledByteBufAllocator(true);
            case "pooled-heap" -> new PooledByteBufAllocator(false);
            case "unpooled-heap" -> new UnpooledByteBufAllocator(false);
            default -> new AbstractByteBufAllocator(false) {
                @Override
                public ByteBuf ioBuffer(int initialCapacity) {
                    // Growing adds a component: the buffer soon has no single NIO view.
                    return compositeBuffer().addComponent(true, Unpooled.buffer(initialCapacity).writeZero(initialCapacity)).clear();
                }

                @Override
                protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                    return Unpooled.buffer(initialCapacity, maxCapacity);
                }

                @Override
                protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                    return Unpooled.directBuffer(initialCapacity, maxCapacity);
                }

                @Override
                public boolean isDirectBufferPooled() {
                    return false;
                }
            };
        };
        // Taken first so that the writer's pooled buffer does not start at offset 0 of its chunk.
        ByteBuf spacer = allocator.ioBuffer(1024);
        ReplyWriter w = new ReplyWriter(allocator);
        StringBuilder expected = new StringBuilder();
        w.simple("first");
        expected.append("+first\r\n");
        for (int count : new int[] {0, 1, 9, 10, 99, 100, 999, 1000, 10_000}) {
            long outer = w.beginDeferred();
            w.integer(count);
            long inner = w.beginDeferred();
            StringBuilder elements = new StringBuilder();
            for (int i = 0; i < count; i++) {
                w.bulk(bytes("m" + i));
                elements.append("$").append(("m" + i).length()).append("\r\nm").append(i).append("\r\n");
            }
            w.endDeferredArray(inner, count);
            w.endDeferredArray(outer, 2);
            expected.append("*2\r\n:").append(count).append("\r\n*").append(count).append("\r\n").append(elements);
        }
        ByteBuf b = w.detach();
        try {
            if (kind.equals("composite")) {
                assertThat(b.nioBufferCount()).isGreaterThan(1);
            }
            assertThat(b.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
        } finally {
            b.release();
            spacer.release();
        }
    }

    // ---- buffer management ----

    /**
     * Marks count from the connection's first byte, so they survive a flush in the middle of a
     * command (CLIENT UNPAUSE flushes every waiting client): a rewind then drops only what is
     * still pending, and a deferred aggregate whose elements were flushed cannot get a header.
     */
    @Test
    void marksOutliveAFlushInTheMiddleOfACommand() {
        ReplyWriter w = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
        w.simple("before");
        long mark = w.mark();
        w.integer(7);
        ByteBuf sent = w.takePending();
        assertThat(sent.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+before\r\n:7\r\n");
        sent.release();
        w.recycle();
        w.simple("OK");
        assertThat(w.mark()).isEqualTo(mark + ":7\r\n+OK\r\n".length());
        w.rewind(mark); // ":7" is gone already; "+OK" is dropped
        assertThat(w.hasPending()).isFalse();
        long later = w.mark();
        w.integer(8);
        w.simple("dropped");
        w.rewind(later + 4);
        ByteBuf rest = w.detach();
        assertThat(rest.toString(StandardCharsets.ISO_8859_1)).isEqualTo(":8\r\n");
        rest.release();
        long deferred = w.beginDeferred();
        w.bulk(bytes("x"));
        w.detach().release();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.endDeferredArray(deferred, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * Short replies wait in the stage while long ones go straight to the buffer: marks count both,
     * and a rewind may land in either (the stage alone, or the buffer, dropping the stage).
     */
    @Test
    void marksAndRewindsAcrossTheStageAndTheBuffer() {
        String big = "b".repeat(600);
        String bigger = "c".repeat(700);
        assertThat(resp2(w -> {
            w.bulk(bytes(big));              // straight into the buffer
            long inBuffer = w.mark();
            w.integer(5);                    // staged
            long inStage = w.mark();
            w.integer(6);
            w.rewind(inStage);               // drops ":6" from the stage
            w.bulk(bytes(bigger));           // moves ":5" out, then writes directly
            w.integer(7);
            assertThat(w.pendingBytes()).isEqualTo(w.mark());
            w.rewind(inBuffer);              // back into the buffer: ":5", the 700 and ":7" go
            w.integer(8);
        })).isEqualTo("$600\r\n" + big + "\r\n:8\r\n");
        assertThat(resp2(w -> {
            for (int i = 0; i < 1000; i++) { // fills the stage many times over
                w.integer(i + 2);
            }
            long mark = w.mark();
            w.bulk(bytes("x"));
            w.rewind(mark);
            w.ok();
        })).hasSize(":2\r\n".length() * 8 + ":10\r\n".length() * 90 + ":100\r\n".length() * 900
                + ":1000\r\n".length() * 2 + 5).endsWith(":1001\r\n+OK\r\n");
    }

    @Test
    void markAndRewindDropWhatWasWrittenAfterTheMark() {
        assertThat(resp2(w -> {
            w.ok();
            long mark = w.mark();
            w.bulk(bytes("dropped"));
            w.integer(42);
            w.rewind(mark);
            w.integer(1);
        })).isEqualTo("+OK\r\n:1\r\n");
        // A mark taken before anything was written drops everything.
        assertThat(resp2(w -> {
            long mark = w.mark();
            w.ok();
            w.rewind(mark);
        })).isEmpty();
        // Rewinding to the current position changes nothing.
        assertThat(resp2(w -> {
            w.ok();
            w.rewind(w.mark());
        })).isEqualTo("+OK\r\n");
    }

    @Test
    void rewindNeverGoesBeforeTheReaderIndex() {
        ReplyWriter w = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
        w.ok();
        w.integer(2);
        w.buffer().skipBytes(5);
        w.rewind(0);
        assertThat(w.pendingBytes()).isZero();
        assertThat(w.hasPending()).isFalse();
        w.ok();
        ByteBuf b = w.detach();
        assertThat(b.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+OK\r\n");
        b.release();
    }

    @Test
    void detachHandsOverTheBufferAndStartsAFreshOne() {
        ReplyWriter w = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
        assertThat(w.hasPending()).isFalse();
        assertThat(w.pendingBytes()).isZero();
        assertThat(w.detach()).isNull();
        assertThat(w.bytesDetached()).isZero();

        w.ok();
        w.integer(12);
        assertThat(w.hasPending()).isTrue();
        assertThat(w.pendingBytes()).isEqualTo(10);
        ByteBuf first = w.detach();
        assertThat(first.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+OK\r\n:12\r\n");
        assertThat(w.hasPending()).isFalse();
        assertThat(w.pendingBytes()).isZero();
        assertThat(w.bytesDetached()).isEqualTo(10);

        w.nullBulk();
        ByteBuf second = w.detach();
        assertThat(second).isNotSameAs(first);
        assertThat(second.toString(StandardCharsets.ISO_8859_1)).isEqualTo("$-1\r\n");
        assertThat(w.bytesDetached()).isEqualTo(15);
        // The first buffer is the caller's now: later writes leave it alone.
        assertThat(first.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+OK\r\n:12\r\n");
        first.release();
        second.release();
    }

    @Test
    void releaseFreesPendingOutput() {
        ReplyWriter w = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
        w.ok();
        ByteBuf b = w.buffer();
        assertThat(b.refCnt()).isEqualTo(1);
        w.release();
        assertThat(b.refCnt()).isZero();
        assertThat(w.hasPending()).isFalse();
        w.release();
        w.ok();
        ByteBuf again = w.detach();
        assertThat(again.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+OK\r\n");
        again.release();
    }

    @Test
    void rawBytes() {
        assertThat(resp2(w -> w.raw(bytes("+A\r\n")))).isEqualTo("+A\r\n");
        assertThat(resp2(w -> w.raw(bytes("xx+B\r\nyy"), 2, 4))).isEqualTo("+B\r\n");
    }
}
