package dev.cinnabar.resp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.numbers.DoubleText;
import dev.cinnabar.resp.client.ReplyReader;
import dev.cinnabar.resp.client.RespValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Random reply trees written through {@link ReplyWriter} read back through {@link ReplyReader}:
 * in RESP3 as the value written, in RESP2 as its documented fallback (maps as flat arrays, sets
 * and pushes as arrays, doubles and big numbers and verbatim text as bulk strings, booleans as
 * 1/0, nulls as $-1 or *-1, attributes left out).
 */
class ReplyRoundTripPropertyTest {

    /** A generated reply: how to write it, and what a client reads in RESP3 and in RESP2. */
    record Reply(Consumer<ReplyWriter> write, RespValue resp3, RespValue resp2) {}

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomLatin1(Random rnd, int maxLength, boolean allowCrLf) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            char c = rnd.nextInt(3) == 0 ? (char) rnd.nextInt(256) : (char) ('a' + rnd.nextInt(26));
            if (!allowCrLf && (c == '\r' || c == '\n')) {
                c = '.';
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String randomUnicode(Random rnd, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            int cp = switch (rnd.nextInt(4)) {
                case 0 -> 0x80 + rnd.nextInt(0x780);
                case 1 -> 0x4e00 + rnd.nextInt(0x5000);
                case 2 -> 0x1f600 + rnd.nextInt(0x50);
                default -> rnd.nextInt(128);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 5 -> rnd.nextInt(20) == 0 ? rnd.nextInt(70_000) : rnd.nextInt(2_000);
            default -> rnd.nextInt(30);
        }];
        rnd.nextBytes(b);
        return b;
    }

    /** The text Redis sends for an error message: trailing CR/LF dropped, the others as spaces. */
    private static String sanitisedError(String message) {
        String s = message;
        while (!s.isEmpty() && (s.endsWith("\r") || s.endsWith("\n"))) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    static Reply scalar(Random rnd) {
        switch (rnd.nextInt(17)) {
            case 0 -> {
                String text = randomLatin1(rnd, 20, false);
                RespValue v = new RespValue.SimpleString(text);
                return new Reply(w -> w.simple(text), v, v);
            }
            case 1 -> {
                RespValue v = new RespValue.SimpleString("OK");
                return new Reply(ReplyWriter::ok, v, v);
            }
            case 2 -> {
                String message = (rnd.nextBoolean() ? "ERR " : "WRONGTYPE ") + randomLatin1(rnd, 30, true);
                RespValue v = new RespValue.Error(sanitisedError(message));
                return new Reply(w -> w.error(message), v, v);
            }
            case 3 -> {
                long n = switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextInt(3) - 1;
                    case 1 -> rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
                    default -> rnd.nextLong() >> rnd.nextInt(64);
                };
                RespValue v = new RespValue.Integer(n);
                return new Reply(w -> w.integer(n), v, v);
            }
            case 4 -> {
                byte[] b = randomBytes(rnd);
                RespValue v = new RespValue.Bulk(b);
                return rnd.nextBoolean() ? new Reply(w -> w.bulk(b), v, v) : new Reply(w -> w.bulkOrNull(b), v, v);
            }
            case 5 -> {
                byte[] b = randomBytes(rnd);
                int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
                int len = b.length == 0 ? 0 : rnd.nextInt(b.length - off + 1);
                byte[] slice = java.util.Arrays.copyOfRange(b, off, off + len);
                RespValue v = new RespValue.Bulk(slice);
                return new Reply(w -> w.bulk(b, off, len), v, v);
            }
            case 6 -> {
                String text = randomLatin1(rnd, 40, true);
                RespValue v = new RespValue.Bulk(latin1(text));
                return new Reply(w -> w.bulkAscii(text), v, v);
            }
            case 7 -> {
                String text = randomUnicode(rnd, 20);
                RespValue v = new RespValue.Bulk(utf8(text));
                return new Reply(w -> w.bulkUtf8(text), v, v);
            }
            case 8 -> {
                long n = rnd.nextLong() >> rnd.nextInt(64);
                RespValue v = new RespValue.Bulk(latin1(Long.toString(n)));
                return new Reply(w -> w.bulkLong(n), v, v);
            }
            case 9 -> {
                return switch (rnd.nextInt(3)) {
                    case 0 -> new Reply(ReplyWriter::nullBulk, new RespValue.Null(), new RespValue.NullBulk());
                    case 1 -> new Reply(w -> w.bulkOrNull(null), new RespValue.Null(), new RespValue.NullBulk());
                    default -> new Reply(ReplyWriter::nullArray, new RespValue.Null(), new RespValue.NullArray());
                };
            }
            case 10 -> {
                boolean b = rnd.nextBoolean();
                return new Reply(w -> w.bool(b), new RespValue.Bool(b), new RespValue.Integer(b ? 1 : 0));
            }
            case 11, 12 -> {
                double d = switch (rnd.nextInt(6)) {
                    case 0 -> Double.longBitsToDouble(rnd.nextLong());
                    case 1 -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.5}[rnd.nextInt(5)];
                    case 2 -> rnd.nextInt(1000);
                    default -> (rnd.nextLong() % 100_000_000) / Math.pow(10, rnd.nextInt(12));
                };
                if (Double.isNaN(d)) {
                    d = Double.NaN;
                }
                // Independent of the writer's fast path: the general BigDecimal rendering, which
                // DoubleTextTest checks against printf.
                String text = DoubleText.formatG(d, 17);
                double value = d;
                return new Reply(w -> w.doubleValue(value), new RespValue.Double(text), new RespValue.Bulk(latin1(text)));
            }
            case 13 -> {
                StringBuilder digits = new StringBuilder(rnd.nextBoolean() ? "-" : "");
                digits.append(1 + rnd.nextInt(9));
                int n = rnd.nextInt(60);
                for (int i = 0; i < n; i++) {
                    digits.append(rnd.nextInt(10));
                }
                String s = digits.toString();
                return new Reply(w -> w.bigNumber(s), new RespValue.BigNumber(s), new RespValue.Bulk(latin1(s)));
            }
            case 14 -> {
                String format = rnd.nextBoolean() ? "txt" : "mkd";
                String text = rnd.nextBoolean() ? randomUnicode(rnd, 30) : randomLatin1(rnd, 30, true);
                return new Reply(w -> w.verbatim(format, text), new RespValue.Verbatim(format, utf8(text)),
                        new RespValue.Bulk(utf8(text)));
            }
            case 15 -> {
                RespValue v = new RespValue.Bulk(new byte[0]);
                return new Reply(w -> w.raw(SharedReplies.EMPTY_BULK), v, v);
            }
            default -> {
                RespValue v = new RespValue.SimpleString("QUEUED");
                return new Reply(w -> w.raw(SharedReplies.QUEUED), v, v);
            }
        }
    }

    static Reply reply(Random rnd, int depth) {
        if (depth >= 4 || rnd.nextInt(3) != 0) {
            return scalar(rnd);
        }
        int kind = rnd.nextInt(5);
        int n = rnd.nextInt(rnd.nextInt(8) == 0 ? 40 : 5);
        boolean deferred = rnd.nextBoolean();
        List<Reply> children = new ArrayList<>();
        for (int i = 0; i < (kind == 3 ? 2 * n : n); i++) {
            children.add(reply(rnd, depth + 1));
        }
        List<RespValue> three = new ArrayList<>();
        List<RespValue> two = new ArrayList<>();
        for (Reply c : children) {
            three.add(c.resp3());
            two.add(c.resp2());
        }
        Consumer<ReplyWriter> body = w -> children.forEach(c -> c.write().accept(w));
        switch (kind) {
            case 0 -> {
                Consumer<ReplyWriter> write = deferred
                        ? w -> {
                            long mark = w.beginDeferred();
                            body.accept(w);
                            w.endDeferredArray(mark, n);
                        }
                        : w -> {
                            w.arrayHeader(n);
                            body.accept(w);
                        };
                return new Reply(write, new RespValue.Aggregate('*', three), new RespValue.Aggregate('*', two));
            }
            case 1 -> {
                Consumer<ReplyWriter> write = deferred
                        ? w -> {
                            long mark = w.beginDeferred();
                            body.accept(w);
                            w.endDeferredSet(mark, n);
                        }
                        : n == 0 && rnd.nextBoolean()
                                ? ReplyWriter::emptySet
                                : w -> {
                                    w.setHeader(n);
                                    body.accept(w);
                                };
                return new Reply(write, new RespValue.Aggregate('~', three), new RespValue.Aggregate('*', two));
            }
            case 2 -> {
                Consumer<ReplyWriter> write = w -> {
                    w.pushHeader(n);
                    body.accept(w);
                };
                return new Reply(write, new RespValue.Aggregate('>', three), new RespValue.Aggregate('*', two));
            }
            case 3 -> {
                Consumer<ReplyWriter> write = deferred
                        ? w -> {
                            long mark = w.beginDeferred();
                            body.accept(w);
                            w.endDeferredMap(mark, n);
                        }
                        : w -> {
                            w.mapHeader(n);
                            body.accept(w);
                        };
                return new Reply(write, new RespValue.MapValue('%', three), new RespValue.Aggregate('*', two));
            }
            default -> {
                // An attribute map annotating a value; RESP2 callers leave attributes out.
                List<Reply> pairs = new ArrayList<>();
                int attributeCount = 2 * (1 + rnd.nextInt(2));
                for (int i = 0; i < attributeCount; i++) {
                    pairs.add(scalar(rnd));
                }
                List<RespValue> kv = new ArrayList<>();
                pairs.forEach(p -> kv.add(p.resp3()));
                Reply annotated = reply(rnd, depth + 1);
                Consumer<ReplyWriter> write = w -> {
                    if (w.isResp3()) {
                        w.attributeHeader(pairs.size() / 2);
                        pairs.forEach(p -> p.write().accept(w));
                    }
                    annotated.write().accept(w);
                };
                return new Reply(write, new RespValue.Attributed(new RespValue.MapValue('|', kv), annotated.resp3()),
                        annotated.resp2());
            }
        }
    }

    private static void checkRoundTrip(int protocol, long seed) {
        Random rnd = Seeds.random(seed);
        for (int iteration = 0; iteration < 1_500; iteration++) {
            List<Reply> replies = new ArrayList<>();
            int count = 1 + rnd.nextInt(6);
            for (int i = 0; i < count; i++) {
                replies.add(reply(rnd, 0));
            }
            ReplyWriter writer = new ReplyWriter(UnpooledByteBufAllocator.DEFAULT);
            writer.setProtocol(protocol);
            // Sometimes flush midway: what comes out is the concatenation of the detached buffers.
            ByteBuf all = Unpooled.buffer();
            for (Reply r : replies) {
                r.write().accept(writer);
                if (rnd.nextInt(4) == 0) {
                    ByteBuf part = writer.detach();
                    all.writeBytes(part);
                    part.release();
                }
            }
            ByteBuf rest = writer.detach();
            if (rest != null) {
                all.writeBytes(rest);
                rest.release();
            }
            assertThat(writer.bytesDetached()).isEqualTo(all.readableBytes());
            String where = "RESP" + protocol + " iteration " + iteration + ", " + Seeds.replay(seed);
            try {
                // Every strict prefix of the first reply is incomplete: the reader waits and moves nothing.
                ByteBuf copy = all.copy();
                int probe = rnd.nextInt(Math.max(1, all.readableBytes()));
                copy.writerIndex(probe);
                RespValue early = ReplyReader.read(copy);
                if (early != null) {
                    // Only possible when the first reply fits entirely in the prefix.
                    RespValue expectedFirst = protocol == 3 ? replies.get(0).resp3() : replies.get(0).resp2();
                    assertThat(early).as("prefix of %d bytes, %s", probe, where).isEqualTo(expectedFirst);
                } else {
                    assertThat(copy.readerIndex()).as("prefix of %d bytes, %s", probe, where).isZero();
                }
                copy.release();

                for (int i = 0; i < replies.size(); i++) {
                    RespValue read = ReplyReader.read(all);
                    RespValue expected = protocol == 3 ? replies.get(i).resp3() : replies.get(i).resp2();
                    if (!expected.equals(read)) {
                        // The readable forms first, for a legible difference.
                        assertThat(read).as("reply %d, %s", i, where).isNotNull();
                        assertThat(read.describe()).as("reply %d, %s", i, where).isEqualTo(expected.describe());
                        assertThat(read).as("reply %d, %s", i, where).isEqualTo(expected);
                    }
                }
                assertThat(all.isReadable()).as("bytes left after the replies, %s", where).isFalse();
            } finally {
                all.release();
            }
        }
    }

    @Test
    void resp3RepliesReadBackAsWritten() {
        checkRoundTrip(3, Seeds.seed(0x5eed_c003L));
    }

    @Test
    void resp2RepliesReadBackAsTheirFallbacks() {
        checkRoundTrip(2, Seeds.seed(0x5eed_c002L));
    }
}
