package dev.cinnabar.bench;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.RequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link RequestDecoder} on what the network delivers: a pipeline of small commands in one read
 * (one op = one command), and one large bulk argument arriving in 64 KiB reads (one op = one
 * whole SET command). The design target is zero allocation per small command; a large argument
 * gets exactly one array of its size (the value the command stores), plus the doubling steps of
 * that array while the bytes arrive.
 */
public class RequestDecoderBenchmark extends ProtocolBenchmarkSettings {
    static final int PIPELINE = 16;

    @State(Scope.Thread)
    public static class Pipeline {
        /** GET: GET key:000000000042; SET: SET key:000000000042 <64 bytes>; PING_INLINE: "PING\r\n";
         * MIXED: alternating GET and SET. */
        @Param({"GET", "SET", "PING_INLINE", "PING_MBULK", "MIXED"})
        public String command;

        RequestDecoder decoder;
        ByteBuf input;

        @Setup(Level.Trial)
        public void setUp() {
            decoder = new RequestDecoder();
            StringBuilder sb = new StringBuilder();
            String value = "v".repeat(64);
            for (int i = 0; i < PIPELINE; i++) {
                String key = String.format("key:%012d", i);
                String cmd = switch (command) {
                    case "GET" -> mbulk("GET", key);
                    case "SET" -> mbulk("SET", key, value);
                    case "PING_INLINE" -> "PING\r\n";
                    case "PING_MBULK" -> mbulk("PING");
                    case "MIXED" -> i % 2 == 0 ? mbulk("GET", key) : mbulk("SET", key, value);
                    default -> throw new IllegalArgumentException(command);
                };
                sb.append(cmd);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            // A pooled direct buffer, as the server's channel reads into.
            input = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
            input.writeBytes(bytes);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            input.release();
        }
    }

    static String mbulk(String... args) {
        StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    /** Decodes a pipeline of 16 commands from one buffer; reported per command. */
    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public void decodePipeline(Pipeline p, Blackhole bh) {
        ByteBuf in = p.input;
        in.readerIndex(0);
        RequestDecoder decoder = p.decoder;
        int commands = 0;
        while (decoder.decode(in) == RequestDecoder.COMMAND) {
            CommandArguments args = decoder.arguments();
            bh.consume(args.length(args.count() - 1));
            commands++;
        }
        if (commands != PIPELINE) {
            throw new IllegalStateException("decoded " + commands);
        }
    }

    @State(Scope.Thread)
    public static class LargeBulk {
        @Param({"65536", "1048576"})
        public int size;

        static final int READ = 64 * 1024;

        RequestDecoder decoder;
        ByteBuf input;
        int total;

        @Setup(Level.Trial)
        public void setUp() {
            decoder = new RequestDecoder();
            byte[] header = ("*3\r\n$3\r\nSET\r\n$7\r\nbig:key\r\n$" + size + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            input = PooledByteBufAllocator.DEFAULT.directBuffer(header.length + size + 2);
            input.writeBytes(header);
            for (int i = 0; i < size; i++) {
                input.writeByte('x');
            }
            input.writeByte('\r').writeByte('\n');
            total = input.writerIndex();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            input.release();
        }
    }

    /** Decodes SET big:key <size bytes>, delivered in 64 KiB reads; one op = the whole command. */
    @Benchmark
    public void decodeLargeBulk(LargeBulk s, Blackhole bh) {
        ByteBuf in = s.input;
        int end = s.total;
        in.readerIndex(0);
        int result = RequestDecoder.NEED_MORE;
        for (int limit = Math.min(end, LargeBulk.READ); ; limit = Math.min(end, limit + LargeBulk.READ)) {
            in.writerIndex(limit);
            result = s.decoder.decode(in);
            if (result != RequestDecoder.NEED_MORE || limit == end) {
                break;
            }
        }
        if (result != RequestDecoder.COMMAND) {
            throw new IllegalStateException("result " + result);
        }
        bh.consume(s.decoder.arguments().arrayOf(2));
    }
}
