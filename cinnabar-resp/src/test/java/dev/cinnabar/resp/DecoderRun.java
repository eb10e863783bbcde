package dev.cinnabar.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Feeds bytes to a {@link RequestDecoder} the way the network layer does (one buffer per read,
 * decode until NEED_MORE, stop at PROTOCOL_ERROR or QUERY_LIMIT because the connection closes)
 * and records what comes out, so that runs with different read boundaries can be compared.
 */
final class DecoderRun {
    private DecoderRun() {}

    /** One decoded command: its arguments (ISO-8859-1, so every byte is kept) and its form. */
    record Command(List<String> args, boolean inline) {
        static Command multibulk(String... args) {
            return new Command(List.of(args), false);
        }

        static Command inline(String... args) {
            return new Command(List.of(args), true);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(inline ? "inline" : "multibulk").append('[');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                String a = args.get(i);
                sb.append(a.length() > 40 ? "(" + a.length() + " bytes)" : '"' + escape(a) + '"');
            }
            return sb.append(']').toString();
        }
    }

    /** How a run ended. */
    enum End {
        /** Every byte was consumed and no request is half read. */
        IDLE,
        /** Every byte was consumed and a request is half read. */
        PARTIAL,
        PROTOCOL_ERROR,
        QUERY_LIMIT
    }

    /**
     * What a run produced: the commands in order, how it ended, the error text after a protocol
     * error, and {@link RequestDecoder#pendingBytes()} at the end.
     */
    record Outcome(List<Command> commands, End end, String error, long pendingBytes) {
        static Outcome of(End end, String error, long pending, Command... commands) {
            return new Outcome(List.of(commands), end, error, pending);
        }

        static Outcome idle(Command... commands) {
            return of(End.IDLE, null, 0, commands);
        }

        static Outcome partial(long pending, Command... commands) {
            return of(End.PARTIAL, null, pending, commands);
        }

        static Outcome error(String message, Command... commands) {
            return of(End.PROTOCOL_ERROR, message, 0, commands);
        }

        static Outcome queryLimit(Command... commands) {
            return of(End.QUERY_LIMIT, null, -1, commands);
        }
    }

    /** How the bytes are cut into reads. */
    interface Chunking {
        int next(int remaining);
    }

    static Chunking whole() {
        return remaining -> remaining;
    }

    static Chunking byteByByte() {
        return remaining -> 1;
    }

    /** Reads of random sizes, mostly small, sometimes large. */
    static Chunking randomChunks(Random rnd) {
        return remaining -> {
            int bound = switch (rnd.nextInt(4)) {
                case 0 -> 3;
                case 1 -> 20;
                case 2 -> 300;
                default -> 20_000;
            };
            return 1 + rnd.nextInt(bound);
        };
    }

    static RequestDecoder decoder() {
        return new RequestDecoder();
    }

    static Outcome run(byte[] input, Chunking chunking) {
        return run(new RequestDecoder(), input, chunking, new Random(0));
    }

    static Outcome run(RequestDecoder decoder, byte[] input, Chunking chunking, Random buffers) {
        return run(decoder, input, chunking, buffers, c -> {});
    }

    /**
     * Feeds {@code input} in the reads chosen by {@code chunking}. Each read is a buffer whose
     * readable bytes sit between unrelated bytes (so that reading outside the readable range
     * shows), alternately heap and direct. {@code onCommand} sees the decoder's arguments while
     * they are valid.
     */
    static Outcome run(RequestDecoder decoder, byte[] input, Chunking chunking, Random buffers,
            Consumer<CommandArguments> onCommand) {
        List<Command> commands = new ArrayList<>();
        int position = 0;
        long decodeCalls = 0;
        long callBound = 4L * input.length + 16;
        while (position < input.length) {
            int n = Math.max(1, Math.min(chunking.next(input.length - position), input.length - position));
            ByteBuf in = read(input, position, n, buffers);
            try {
                while (true) {
                    if (++decodeCalls > callBound) {
                        fail("decoder did not finish " + input.length + " bytes in " + callBound + " decode calls");
                    }
                    int before = in.readerIndex();
                    int result = decoder.decode(in);
                    assertThat(in.readerIndex()).as("reader index never moves back").isGreaterThanOrEqualTo(before);
                    switch (result) {
                        case RequestDecoder.COMMAND -> {
                            CommandArguments args = decoder.arguments();
                            onCommand.accept(args);
                            commands.add(new Command(strings(args), decoder.lastWasInline()));
                        }
                        case RequestDecoder.NEED_MORE -> {
                            assertThat(in.isReadable()).as("NEED_MORE consumes every byte given").isFalse();
                        }
                        case RequestDecoder.PROTOCOL_ERROR -> {
                            return new Outcome(commands, End.PROTOCOL_ERROR, decoder.errorMessage(), 0);
                        }
                        case RequestDecoder.QUERY_LIMIT -> {
                            return new Outcome(commands, End.QUERY_LIMIT, null, -1);
                        }
                        default -> fail("decode returned " + result);
                    }
                    if (result == RequestDecoder.NEED_MORE) {
                        break;
                    }
                }
            } finally {
                in.release();
            }
            position += n;
        }
        return new Outcome(commands, decoder.inProgress() ? End.PARTIAL : End.IDLE, null,
                decoder.inProgress() ? decoder.pendingBytes() : 0);
    }

    private static ByteBuf read(byte[] input, int off, int len, Random rnd) {
        int before = rnd.nextInt(8);
        int after = rnd.nextInt(8);
        ByteBuf b = rnd.nextBoolean() ? Unpooled.buffer(before + len + after) : Unpooled.directBuffer(before + len + after);
        // Unrelated bytes around the readable range: terminators a decoder must not see.
        for (int i = 0; i < before; i++) {
            b.writeByte("\r\n\0*$".charAt(rnd.nextInt(5)));
        }
        b.writeBytes(input, off, len);
        int end = b.writerIndex();
        for (int i = 0; i < after; i++) {
            b.writeByte("\r\n\0".charAt(rnd.nextInt(3)));
        }
        b.writerIndex(end);
        b.readerIndex(before);
        return b;
    }

    static List<String> strings(CommandArguments args) {
        List<String> out = new ArrayList<>(args.count());
        for (int i = 0; i < args.count(); i++) {
            out.add(new String(args.arrayOf(i), args.offsetOf(i), args.length(i), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** Encodes a command as a multibulk request, as every client library does. */
    static byte[] multibulk(List<byte[]> args) {
        int size = 16;
        for (byte[] a : args) {
            size += a.length + 16;
        }
        ByteBuf b = Unpooled.buffer(size);
        b.writeByte('*').writeBytes(bytes(Integer.toString(args.size()))).writeByte('\r').writeByte('\n');
        for (byte[] a : args) {
            b.writeByte('$').writeBytes(bytes(Integer.toString(a.length))).writeByte('\r').writeByte('\n');
            b.writeBytes(a).writeByte('\r').writeByte('\n');
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    static byte[] multibulk(String... args) {
        List<byte[]> list = new ArrayList<>();
        for (String a : args) {
            list.add(bytes(a));
        }
        return multibulk(list);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (c >= 32 && c < 127) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }
}
