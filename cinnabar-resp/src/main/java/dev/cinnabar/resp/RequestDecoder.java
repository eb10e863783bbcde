package dev.cinnabar.resp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental decoder of client requests, with Redis's exact protocol rules and errors.
 *
 * <p>A request is either a multibulk ({@code *N\r\n} followed by N {@code $len\r\n<bytes>\r\n})
 * or an inline line (telnet style, split with redis-cli's quoting rules). The decoder consumes
 * every byte it is given: argument bytes are copied straight into {@link CommandArguments} as they
 * arrive, and only the short header lines are buffered across reads. {@link #decode} returns as
 * soon as one command is complete, so the caller executes commands one by one and a pipeline of
 * any depth needs no buffering beyond the network read.
 *
 * <p>Rules reproduced from Redis 7.0's processMultibulkBuffer/processInlineBuffer: a header line
 * ends at the first {@code \r} and the byte after it is skipped unchecked; the two bytes after a
 * bulk's data are skipped unchecked; counts are parsed with string2ll (no '+', no leading zeros);
 * a multibulk count of zero or less is an empty request that is silently skipped; lines longer
 * than 64 KiB without a terminator are errors; unauthenticated clients may send at most 10
 * arguments of at most 16 KiB each. Redis looks for a line's terminator with strchr, which stops
 * at a NUL byte, so a NUL before the terminator means the line never ends: the decoder keeps
 * consuming (and counting) bytes until more than 64 KiB wait, then reports the line as too big.
 */
public final class RequestDecoder {
    /** No complete command yet; every byte given was consumed. */
    public static final int NEED_MORE = 0;
    /** A complete command is in {@link #arguments()}. */
    public static final int COMMAND = 1;
    /** A protocol error: reply {@link #errorMessage()} and close the connection after the reply. */
    public static final int PROTOCOL_ERROR = 2;
    /** The pending request passed client-query-buffer-limit: close the connection without reply. */
    public static final int QUERY_LIMIT = 3;

    static final int INLINE_MAX_SIZE = 64 * 1024;
    private static final int UNAUTHENTICATED_MAX_ARGUMENTS = 10;
    private static final int UNAUTHENTICATED_MAX_BULK = 16384;

    private static final int START = 0;
    private static final int MULTIBULK_COUNT = 1;
    private static final int BULK_HEADER = 2;
    private static final int BULK_DATA = 3;
    private static final int BULK_TRAILER = 4;
    private static final int INLINE = 5;

    private final CommandArguments arguments = new CommandArguments();
    private long maxBulkLength = 512L * 1024 * 1024;
    private long queryBufferLimit = 1024L * 1024 * 1024;
    private boolean authenticationRequired;

    private int state = START;
    private byte[] line = new byte[128];
    private int lineLength;
    /** The previous read ended right after a header line's '\r': the next byte ends the line. */
    private boolean lineAwaitsLastByte;
    /** The line in progress had a NUL before its terminator: it can only grow until too big. */
    private boolean lineNeverEnds;
    private long argumentsRemaining;
    private int bulkIndex;
    private int bulkLength;
    private int bulkReceived;
    private int trailerRemaining;
    private String errorMessage;
    private boolean inlineRequest;

    public CommandArguments arguments() {
        return arguments;
    }

    /** proto-max-bulk-len: the largest bulk argument accepted. */
    public void setMaxBulkLength(long maxBulkLength) {
        this.maxBulkLength = maxBulkLength;
    }

    /** client-query-buffer-limit: the most bytes one pending argument or line may hold. */
    public void setQueryBufferLimit(long queryBufferLimit) {
        this.queryBufferLimit = queryBufferLimit;
    }

    /** Whether the connection still has to authenticate (tightens the request size limits). */
    public void setAuthenticationRequired(boolean required) {
        this.authenticationRequired = required;
    }

    /** The protocol error text (without the leading '-' and the CRLF), after PROTOCOL_ERROR. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Whether the last complete command came as an inline line. */
    public boolean lastWasInline() {
        return inlineRequest;
    }

    /** Bytes held for the request in progress: what CLIENT LIST calls qbuf. */
    public long pendingBytes() {
        return switch (state) {
            case BULK_DATA -> bulkReceived + lineLength;
            case START -> 0;
            default -> lineLength;
        };
    }

    /** Whether the decoder is in the middle of a request. */
    public boolean inProgress() {
        return state != START;
    }

    /** Forgets any partial request (used when a connection is reset). */
    public void reset() {
        state = START;
        lineLength = 0;
        lineAwaitsLastByte = false;
        lineNeverEnds = false;
        arguments.clear();
    }

    /**
     * Consumes bytes from {@code in} until one command is complete, an error is found, or the
     * buffer is exhausted.
     */
    public int decode(ByteBuf in) {
        while (true) {
            switch (state) {
                case START -> {
                    if (!in.isReadable()) {
                        return NEED_MORE;
                    }
                    arguments.clear();
                    lineLength = 0;
                    inlineRequest = in.getByte(in.readerIndex()) != '*';
                    state = inlineRequest ? INLINE : MULTIBULK_COUNT;
                }
                case MULTIBULK_COUNT -> {
                    long fast = fastHeader(in, '*');
                    if (fastValid) {
                        if (fast > Integer.MAX_VALUE) {
                            return protocolError("Protocol error: invalid multibulk length");
                        }
                        if (fast > UNAUTHENTICATED_MAX_ARGUMENTS && authenticationRequired) {
                            return protocolError("Protocol error: unauthenticated multibulk length");
                        }
                        if (fast <= 0) {
                            state = START;
                            continue;
                        }
                        argumentsRemaining = fast;
                        state = BULK_HEADER;
                        continue;
                    }
                    int r = readHeaderLine(in, "Protocol error: too big mbulk count string");
                    if (r != COMMAND) {
                        return r;
                    }
                    boolean valid = RespNumbers.isLong(line, 1, lineLength - 1);
                    long count = valid ? RespNumbers.parseLong(line, 1, lineLength - 1) : 0;
                    if (!valid || count > Integer.MAX_VALUE) {
                        return protocolError("Protocol error: invalid multibulk length");
                    }
                    if (count > UNAUTHENTICATED_MAX_ARGUMENTS && authenticationRequired) {
                        return protocolError("Protocol error: unauthenticated multibulk length");
                    }
                    lineLength = 0;
                    if (count <= 0) {
                        // An empty request: Redis skips it without a reply.
                        state = START;
                        continue;
                    }
                    argumentsRemaining = count;
                    state = BULK_HEADER;
                }
                case BULK_HEADER -> {
                    long fast = fastHeader(in, '$');
                    if (fastValid && fast >= 0 && fast <= maxBulkLength && fast <= Integer.MAX_VALUE - 8
                            && !(fast > UNAUTHENTICATED_MAX_BULK && authenticationRequired)) {
                        bulkLength = (int) fast;
                        bulkReceived = 0;
                        bulkIndex = arguments.beginArgument(bulkLength);
                        state = BULK_DATA;
                        continue;
                    }
                    if (fastValid) {
                        // A well-formed header with a refused value: re-read it the slow way for the exact error.
                        in.readerIndex(fastStart);
                    }
                    int r = readHeaderLine(in, "Protocol error: too big bulk count string");
                    if (r != COMMAND) {
                        return r;
                    }
                    if (lineLength == 0 || line[0] != '$') {
                        return protocolError(expectedDollar());
                    }
                    boolean valid = RespNumbers.isLong(line, 1, lineLength - 1);
                    long length = valid ? RespNumbers.parseLong(line, 1, lineLength - 1) : -1;
                    if (!valid || length < 0 || length > maxBulkLength || length > Integer.MAX_VALUE - 8) {
                        return protocolError("Protocol error: invalid bulk length");
                    }
                    if (length > UNAUTHENTICATED_MAX_BULK && authenticationRequired) {
                        return protocolError("Protocol error: unauthenticated bulk length");
                    }
                    lineLength = 0;
                    bulkLength = (int) length;
                    bulkReceived = 0;
                    bulkIndex = arguments.beginArgument(bulkLength);
                    state = BULK_DATA;
                }
                case BULK_DATA -> {
                    int wanted = bulkLength - bulkReceived;
                    int available = Math.min(wanted, in.readableBytes());
                    if (available > 0) {
                        arguments.ensureReceived(bulkIndex, bulkReceived + available);
                        readInto(in, arguments.arrayOf(bulkIndex), arguments.offsetOf(bulkIndex) + bulkReceived, available);
                        bulkReceived += available;
                    }
                    if (bulkReceived < bulkLength) {
                        if (bulkReceived > queryBufferLimit) {
                            return QUERY_LIMIT;
                        }
                        return NEED_MORE;
                    }
                    if (bulkLength > queryBufferLimit) {
                        // Redis reads a large argument into the query buffer itself, so one longer
                        // than client-query-buffer-limit closes the client however it arrives.
                        return QUERY_LIMIT;
                    }
                    trailerRemaining = 2;
                    state = BULK_TRAILER;
                }
                case BULK_TRAILER -> {
                    int skip = Math.min(trailerRemaining, in.readableBytes());
                    in.skipBytes(skip);
                    trailerRemaining -= skip;
                    if (trailerRemaining > 0) {
                        return NEED_MORE;
                    }
                    if (--argumentsRemaining == 0) {
                        state = START;
                        return COMMAND;
                    }
                    state = BULK_HEADER;
                }
                case INLINE -> {
                    int r = readInlineLine(in);
                    if (r != COMMAND) {
                        return r;
                    }
                    state = START;
                    if (!InlineSplitter.split(line, lineLength, arguments)) {
                        return protocolError("Protocol error: unbalanced quotes in request");
                    }
                    lineLength = 0;
                    if (arguments.count() == 0) {
                        continue;
                    }
                    return COMMAND;
                }
                default -> throw new IllegalStateException("decoder state " + state);
            }
        }
    }

    /** Set by {@link #fastHeader}: whether it parsed a complete, valid header line. */
    private boolean fastValid;
    /** Where the header parsed by {@link #fastHeader} started (to re-read it on the slow path). */
    private int fastStart;
    /** The longest line {@link #fastHeader} parses: a prefix, a sign, 18 digits, "\r\n". */
    private static final int MAX_FAST_HEADER = 22;
    /** {@link #fastHeader}'s copy of a line's first bytes (and the byte after its '\r'). */
    private final byte[] headerBytes = new byte[MAX_FAST_HEADER + 2];

    /**
     * The common case of a header line: nothing buffered from an earlier read, the whole line and
     * the byte after its '\r' present, the number valid by string2ll's rules. Parses it straight
     * from the network buffer and consumes it; anything else leaves the buffer untouched and
     * {@link #fastValid} false, for the general path and its exact errors.
     */
    private long fastHeader(ByteBuf in, char prefix) {
        fastValid = false;
        if (lineLength != 0 || lineAwaitsLastByte) {
            return 0;
        }
        int start = in.readerIndex();
        int available = in.writerIndex() - start;
        if (available < 4) {
            return 0;
        }
        // One bulk copy of the line's first bytes, then plain array reads: a direct buffer's
        // getByte without sun.misc.Unsafe checks bounds and the memory session on every byte.
        byte[] h = headerBytes;
        int n = Math.min(available, h.length);
        copyOut(in, start, h, 0, n);
        if (h[0] != prefix) {
            return 0;
        }
        int cr = 1;
        int searchEnd = Math.min(n, MAX_FAST_HEADER);
        while (cr < searchEnd && h[cr] != '\r') {
            cr++;
        }
        if (cr == searchEnd || cr + 1 >= n) {
            return 0;
        }
        int p = 1;
        boolean negative = h[p] == '-';
        if (negative) {
            p++;
        }
        int digits = cr - p;
        if (digits < 1 || digits > 18) {
            return 0;
        }
        byte first = h[p];
        if (first < '0' || first > '9' || (first == '0' && (digits > 1 || negative))) {
            return 0;
        }
        long value = 0;
        for (int i = p; i < cr; i++) {
            int d = h[i] - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            value = value * 10 + d;
        }
        cr += start;
        fastStart = start;
        in.readerIndex(cr + 2);
        fastValid = true;
        return negative ? -value : value;
    }

    private int protocolError(String message) {
        errorMessage = message;
        state = START;
        lineLength = 0;
        lineAwaitsLastByte = false;
        lineNeverEnds = false;
        return PROTOCOL_ERROR;
    }

    /**
     * Redis's "expected '$', got 'X'" with X sanitised as addReplyErrorFormat does. X is never
     * NUL: a line holding a NUL never ends (see {@link #lineNeverEnds}).
     */
    private String expectedDollar() {
        byte first = lineLength == 0 ? (byte) '\r' : line[0];
        if (first == '\r' || first == '\n') {
            first = ' ';
        }
        return "Protocol error: expected '$', got '"
                + new String(new byte[] {first}, StandardCharsets.ISO_8859_1) + "'";
    }

    /**
     * Reads a header line up to the first '\r', then skips the byte after it. Returns COMMAND
     * when the line is complete, NEED_MORE, or PROTOCOL_ERROR when it grows too long.
     */
    private int readHeaderLine(ByteBuf in, String tooBigMessage) {
        if (lineAwaitsLastByte) {
            if (!in.isReadable()) {
                return NEED_MORE;
            }
            in.skipBytes(1);
            lineAwaitsLastByte = false;
            return COMMAND;
        }
        if (lineNeverEnds) {
            return consumeEndlessLine(in, tooBigMessage);
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int cr = in.indexOf(start, end, (byte) '\r');
        if (in.indexOf(start, cr < 0 ? end : cr, (byte) 0) >= 0) {
            lineNeverEnds = true;
            return consumeEndlessLine(in, tooBigMessage);
        }
        if (cr < 0) {
            appendToLine(in, end - start);
            if (lineLength > INLINE_MAX_SIZE) {
                return protocolError(tooBigMessage);
            }
            return NEED_MORE;
        }
        appendToLine(in, cr - start);
        in.skipBytes(1);
        if (!in.isReadable()) {
            lineAwaitsLastByte = true;
            return NEED_MORE;
        }
        in.skipBytes(1);
        return COMMAND;
    }

    /** Reads an inline request up to '\n' (dropping a '\r' before it). */
    private int readInlineLine(ByteBuf in) {
        if (lineNeverEnds) {
            return consumeEndlessLine(in, "Protocol error: too big inline request");
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lf = in.indexOf(start, end, (byte) '\n');
        if (in.indexOf(start, lf < 0 ? end : lf, (byte) 0) >= 0) {
            lineNeverEnds = true;
            return consumeEndlessLine(in, "Protocol error: too big inline request");
        }
        if (lf < 0) {
            appendToLine(in, end - start);
            if (lineLength > INLINE_MAX_SIZE) {
                return protocolError("Protocol error: too big inline request");
            }
            return NEED_MORE;
        }
        appendToLine(in, lf - start);
        in.skipBytes(1);
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return COMMAND;
    }

    /**
     * Consumes the bytes of a line that can never end because it holds a NUL (Redis's strchr
     * stops there): they are counted, not kept, and the line fails once it passes 64 KiB.
     */
    private int consumeEndlessLine(ByteBuf in, String tooBigMessage) {
        int n = in.readableBytes();
        in.skipBytes(n);
        lineLength = (int) Math.min(Integer.MAX_VALUE, (long) lineLength + n);
        if (lineLength > INLINE_MAX_SIZE) {
            return protocolError(tooBigMessage);
        }
        return NEED_MORE;
    }

    private void appendToLine(ByteBuf in, int n) {
        if (lineLength + n > line.length) {
            int capacity = Math.max(line.length * 2, lineLength + n);
            // Never keep more than the protocol allows plus one read's worth; the caller errors out.
            byte[] bigger = new byte[capacity];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        readInto(in, line, lineLength, n);
        lineLength += n;
    }

    /**
     * Copies {@code length} readable bytes into {@code target}. For a direct buffer, Netty's own
     * {@code readBytes} duplicates the NIO buffer on every call when it runs without
     * sun.misc.Unsafe (its default on JDK 25 unless the JVM allows it): an allocation per
     * argument. The buffer's cached internal NIO view and an absolute bulk get copy the same bytes
     * without one, with or without Unsafe.
     */
    static void readInto(ByteBuf in, byte[] target, int offset, int length) {
        int from = in.readerIndex();
        copyOut(in, from, target, offset, length);
        in.readerIndex(from + length);
    }

    /** Copies {@code length} bytes from {@code index} into {@code target}; the indexes stay. */
    private static void copyOut(ByteBuf in, int index, byte[] target, int offset, int length) {
        if (!in.hasArray() && in.nioBufferCount() == 1) {
            ByteBuffer view = in.internalNioBuffer(index, length);
            view.get(view.position(), target, offset, length);
        } else {
            in.getBytes(index, target, offset, length);
        }
    }

    /** Releases a large line buffer after a big inline request. */
    public void trim() {
        if (line.length > 4096 && state == START) {
            line = new byte[128];
        }
    }
}
