package dev.cinnabar.bench;

import dev.cinnabar.numbers.DecimalParsing;
import dev.cinnabar.numbers.DoubleText;
import dev.cinnabar.resp.RespNumbers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link RespNumbers}: writing a long in decimal into a pooled buffer (must not allocate), parsing
 * one with string2ll rules; {@link DoubleText}'s %.17g of doubles into an array (what the reply
 * writer does; must not allocate) and as a String; and reading such a text back as a sorted set's
 * listpack does, with {@link DecimalParsing} against a String and {@code Double.parseDouble}.
 */
@State(Scope.Thread)
public class RespNumbersBenchmark extends ProtocolBenchmarkSettings {
    @State(Scope.Thread)
    public static class Longs {
        @Param({"7", "12345", "-987654321", "9223372036854775807"})
        public long value;

        ByteBuf out;
        byte[] text;

        @Setup(Level.Trial)
        public void setUp() {
            out = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            text = Long.toString(value).getBytes();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            out.release();
        }
    }

    @Benchmark
    public int writeDecimal(Longs s) {
        ByteBuf out = s.out;
        out.clear();
        RespNumbers.writeDecimal(out, s.value);
        return out.writerIndex();
    }

    @Benchmark
    public long parseLong(Longs s) {
        byte[] t = s.text;
        return RespNumbers.isLong(t, 0, t.length) ? RespNumbers.parseLong(t, 0, t.length) : -1;
    }

    @State(Scope.Thread)
    public static class Doubles {
        /**
         * An integral score, a short decimal, pi, a timestamp with milliseconds, a timestamp in
         * nanoseconds (all on fast paths), and one outside their ranges (the BigDecimal path).
         */
        @Param({"42", "1.5", "3.141592653589793", "1732700000.123", "1.7327000001234568E18", "1.0E-20"})
        public double value;

        final byte[] out = new byte[DoubleText.MAX_LENGTH];
    }

    @Benchmark
    public int writeDouble17g(Doubles s) {
        return DoubleText.write17g(s.value, s.out, 0);
    }

    @Benchmark
    public String formatDouble17g(Doubles s) {
        return DoubleText.format17g(s.value);
    }

    @State(Scope.Thread)
    public static class ScoreTexts {
        /** What %.17g stores for 1.25, 19.99 and 0.1 (3, 17 and 18 digits). */
        @Param({"1.25", "19.989999999999998", "0.10000000000000001"})
        public String text;

        byte[] bytes;

        @Setup(Level.Trial)
        public void setUp() {
            bytes = text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Benchmark
    public double parseScoreText(ScoreTexts s) {
        return DecimalParsing.parseShortDecimal(s.bytes, 0, s.bytes.length);
    }

    @Benchmark
    public double parseScoreTextThroughString(ScoreTexts s) {
        return Double.parseDouble(new String(s.bytes, 0, s.bytes.length, StandardCharsets.ISO_8859_1));
    }
}
