package dev.cinnabar.resp;

import dev.cinnabar.numbers.DoubleText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies for one connection into a single output buffer that the network layer flushes
 * once per read batch. Every method knows the connection's protocol (RESP2 or RESP3) and writes
 * the RESP2 fallback where RESP3 has a richer type: maps become flat arrays, sets become arrays,
 * doubles and big numbers become bulk strings, booleans become integers, nulls become {@code $-1}
 * or {@code *-1}. Nothing here allocates on the common paths.
 *
 * <h2>The stage</h2>
 * Headers, integers, shared replies and short bulk strings are first assembled in a small heap
 * array, the stage, and reach the output buffer in one copy when it fills or when anything else
 * needs the buffer. The output buffer is direct memory, and without {@code sun.misc.Unsafe} each
 * write into it pays Netty's and the JDK's checks (about 10 ns); a reply of 100 short bulk
 * strings was 500 such writes. Positions ({@link #mark}, {@link #beginDeferred}) count the staged
 * bytes as if they were in the buffer, and {@link #buffer()} always moves the stage out first,
 * so a method that writes straight into the buffer keeps the order of the bytes.
 */
public final class ReplyWriter {
    private static final short CRLF = ('\r' << 8) | '\n';
    private static final int INITIAL_BUFFER = 1024;
    private static final int STAGE_SIZE = 4096;
    /** Bulk strings up to this length go through the stage; longer ones are copied once, directly. */
    private static final int STAGED_BULK = 512;

    /** Receives the text of every error reply, for INFO errorstats. */
    public interface ErrorObserver {
        void errorReplied(String message);
    }

    private final ByteBufAllocator allocator;
    /** Bytes written but not yet copied into {@link #out}: they follow its written bytes. */
    private final byte[] stage = new byte[STAGE_SIZE];
    /** Where a RESP2 double's text is formatted before its bulk header can be written. */
    private final byte[] doubleText = new byte[DoubleText.MAX_LENGTH];
    private int staged;
    /** A header line on its way to the front of a deferred aggregate: prefix, 20 digits, CRLF. */
    private final byte[] headerScratch = new byte[24];
    private ByteBuf out;
    private int protocol = 2;
    private ErrorObserver errorObserver;
    private long bytesWritten;

    public ReplyWriter(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    public int protocol() {
        return protocol;
    }

    public void setProtocol(int protocol) {
        this.protocol = protocol;
    }

    public boolean isResp3() {
        return protocol >= 3;
    }

    public void setErrorObserver(ErrorObserver observer) {
        this.errorObserver = observer;
    }

    /** The buffer being filled (allocated on first use), with everything staged moved into it. */
    public ByteBuf buffer() {
        ByteBuf b = out;
        if (b == null) {
            b = out = allocator.ioBuffer(Math.max(INITIAL_BUFFER, staged));
        }
        if (staged > 0) {
            b.writeBytes(stage, 0, staged);
            staged = 0;
        }
        return b;
    }

    /** Room for {@code length} more bytes in the stage (emptied into the buffer if need be). */
    private byte[] stageFor(int length) {
        if (staged + length > STAGE_SIZE) {
            buffer();
        }
        return stage;
    }

    /**
     * Where the next byte goes, counted from the connection's first reply byte: positions stay
     * valid when the output is flushed in the middle of a command (CLIENT UNPAUSE flushes every
     * waiting client, the caller's own replies included).
     */
    private long position() {
        return bytesWritten + (out == null ? 0 : out.readableBytes()) + staged;
    }

    /** Bytes written but not yet handed to the network. */
    public int pendingBytes() {
        return (out == null ? 0 : out.readableBytes()) + staged;
    }

    /** Whether replies are waiting to be flushed. */
    public boolean hasPending() {
        return staged > 0 || (out != null && out.isReadable());
    }

    /** Buffers larger than this are not kept for reuse after a flush. */
    private static final int REUSABLE_CAPACITY = 64 * 1024;

    /**
     * The pending replies as a buffer to hand to the network (a retained slice of the output
     * buffer, released by whoever writes it); the writer's own buffer is kept so that, once the
     * network has taken the bytes, it can be reused instead of allocating a new one per flush.
     * Returns null when nothing is pending. Call {@link #recycle} after handing the slice over.
     */
    public ByteBuf takePending() {
        if (staged > 0) {
            buffer();
        }
        ByteBuf b = out;
        if (b == null || !b.isReadable()) {
            return null;
        }
        ByteBuf pending = b.retainedSlice();
        bytesWritten += pending.readableBytes();
        b.readerIndex(b.writerIndex());
        return pending;
    }

    /**
     * After a flush: when the network has finished with the bytes (our reference is the only
     * one left) the buffer is cleared for reuse; otherwise it is given up, and the pending write
     * keeps it alive until done.
     */
    public void recycle() {
        ByteBuf b = out;
        if (b == null) {
            return;
        }
        if (b.refCnt() == 1 && b.capacity() <= REUSABLE_CAPACITY) {
            b.clear();
        } else {
            out = null;
            b.release();
        }
    }

    /** Hands the filled buffer to the caller (who flushes and releases it); the next write starts a new one. */
    public ByteBuf detach() {
        if (staged > 0) {
            buffer();
        }
        ByteBuf b = out;
        out = null;
        if (b != null) {
            bytesWritten += b.readableBytes();
        }
        return b;
    }

    /** Total bytes handed to the network so far. */
    public long bytesDetached() {
        return bytesWritten;
    }

    /** Position in the output, to undo a reply with {@link #rewind}. */
    public long mark() {
        return position();
    }

    /**
     * Drops everything written after {@code mark} (CLIENT REPLY OFF/SKIP); what has already been
     * handed to the network stays sent.
     */
    public void rewind(long mark) {
        long bufferEnd = bytesWritten + (out == null ? 0 : out.readableBytes());
        if (mark >= bufferEnd) {
            staged = (int) Math.min(staged, mark - bufferEnd);
        } else {
            staged = 0;
            out.writerIndex(out.readerIndex() + (int) Math.max(0, mark - bytesWritten));
        }
    }

    /** Releases any pending output (connection closing). */
    public void release() {
        staged = 0;
        if (out != null) {
            out.release();
            out = null;
        }
    }

    // ---- raw ----

    /** Writes pre-encoded protocol bytes as they are. */
    public void raw(byte[] encoded) {
        raw(encoded, 0, encoded.length);
    }

    public void raw(byte[] encoded, int off, int len) {
        if (len <= STAGED_BULK) {
            System.arraycopy(encoded, off, stageFor(len), staged, len);
            staged += len;
        } else {
            buffer().writeBytes(encoded, off, len);
        }
    }

    private void header(char prefix, long n) {
        byte[] s = stageFor(MAX_HEADER);
        staged = putHeader(s, staged, prefix, n);
    }

    /** Ends a line staged up to {@code p} (the caller asked {@link #stageFor} for room for CRLF too). */
    private void endStagedLine(int p) {
        stage[p] = '\r';
        stage[p + 1] = '\n';
        staged = p + 2;
    }

    /** A header line is at most this long: the prefix, 20 characters of a long, CRLF. */
    private static final int MAX_HEADER = 23;

    private static int putHeader(byte[] b, int p, char prefix, long n) {
        b[p] = (byte) prefix;
        p = RespNumbers.putDecimal(b, p + 1, n);
        b[p] = '\r';
        b[p + 1] = '\n';
        return p + 2;
    }

    // ---- simple types ----

    public void ok() {
        raw(SharedReplies.OK);
    }

    /** A simple string; must not contain CR or LF. */
    public void simple(String text) {
        stageText('+', text);
    }

    /**
     * A prefix, text and CRLF through the stage when short (as ISO-8859-1, with '?' for what it
     * cannot encode, which is what writing the text as ISO-8859-1 into the buffer does).
     */
    private void stageText(char prefix, String text) {
        int len = text.length();
        if (len > STAGED_BULK) {
            ByteBuf b = buffer();
            b.writeByte(prefix);
            b.writeCharSequence(text, StandardCharsets.ISO_8859_1);
            b.writeShort(CRLF);
            return;
        }
        byte[] s = stageFor(len + 3);
        s[staged] = (byte) prefix;
        int p = putText(s, staged + 1, text);
        endStagedLine(p);
    }

    private static int putText(byte[] s, int p, String text) {
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            s[p++] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return p;
    }

    /**
     * An error reply. {@code message} holds the error code and text, e.g. "ERR syntax error" or
     * "WRONGTYPE Operation against ..."; as Redis's addReplyErrorFormat does, CR and LF at its end
     * are dropped and the others become spaces. The error observer sees the text as sent.
     */
    public void error(String message) {
        ByteBuf b = buffer();
        b.writeByte('-');
        int start = b.writerIndex();
        b.writeCharSequence(message, StandardCharsets.ISO_8859_1);
        int end = b.writerIndex();
        while (end > start && (b.getByte(end - 1) == '\r' || b.getByte(end - 1) == '\n')) {
            end--;
        }
        boolean changed = end != b.writerIndex();
        b.writerIndex(end);
        for (int i = start; i < end; i++) {
            byte c = b.getByte(i);
            if (c == '\r' || c == '\n') {
                b.setByte(i, ' ');
                changed = true;
            }
        }
        b.writeShort(CRLF);
        if (errorObserver != null) {
            errorObserver.errorReplied(changed ? b.toString(start, end - start, StandardCharsets.ISO_8859_1) : message);
        }
    }

    public void integer(long value) {
        if (value == 0) {
            raw(SharedReplies.ZERO);
        } else if (value == 1) {
            raw(SharedReplies.ONE);
        } else {
            header(':', value);
        }
    }

    public void bool(boolean value) {
        if (protocol >= 3) {
            raw(value ? SharedReplies.TRUE3 : SharedReplies.FALSE3);
        } else {
            raw(value ? SharedReplies.ONE : SharedReplies.ZERO);
        }
    }

    public void doubleValue(double value) {
        // An integral value below 10^15 prints as its digits under %.17g (a ZINCRBY by whole
        // numbers). -0 is left to the formatter, which keeps its sign.
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && (value != 0 || 1 / value > 0)) {
            if (protocol >= 3) {
                header(',', (long) value);
            } else {
                bulkLong((long) value);
            }
            return;
        }
        if (protocol >= 3) {
            byte[] s = stageFor(DoubleText.MAX_LENGTH + 3);
            s[staged] = ',';
            endStagedLine(DoubleText.write17g(value, s, staged + 1));
        } else {
            // The bulk header needs the length first: format aside, then copy (at most 24 bytes).
            int length = DoubleText.write17g(value, doubleText, 0);
            bulk(doubleText, 0, length);
        }
    }

    /** A big number given as its decimal text. */
    public void bigNumber(String digits) {
        if (protocol >= 3) {
            stageText('(', digits);
        } else {
            bulkAscii(digits);
        }
    }

    /** The null bulk string (RESP2 {@code $-1}, RESP3 {@code _}). */
    public void nullBulk() {
        raw(protocol >= 3 ? SharedReplies.NULL3 : SharedReplies.NULL_BULK);
    }

    /** The null array (RESP2 {@code *-1}, RESP3 {@code _}). */
    public void nullArray() {
        raw(protocol >= 3 ? SharedReplies.NULL3 : SharedReplies.NULL_ARRAY);
    }

    // ---- bulk strings ----

    public void bulk(byte[] value) {
        bulk(value, 0, value.length);
    }

    public void bulk(byte[] value, int off, int len) {
        if (len <= STAGED_BULK) {
            byte[] s = stageFor(len + MAX_HEADER + 2);
            int p = putHeader(s, staged, '$', len);
            System.arraycopy(value, off, s, p, len);
            p += len;
            endStagedLine(p);
            return;
        }
        ByteBuf b = buffer();
        b.ensureWritable(len + 24);
        b.writeByte('$');
        RespNumbers.writeDecimal(b, len);
        b.writeShort(CRLF);
        b.writeBytes(value, off, len);
        b.writeShort(CRLF);
    }

    /** A bulk string or the null bulk when {@code value} is null. */
    public void bulkOrNull(byte[] value) {
        if (value == null) {
            nullBulk();
        } else {
            bulk(value);
        }
    }

    /** A bulk string holding text (ISO-8859-1, so byte values survive). */
    public void bulkAscii(String text) {
        int len = text.length();
        if (len <= STAGED_BULK) {
            byte[] s = stageFor(len + MAX_HEADER + 2);
            int p = putText(s, putHeader(s, staged, '$', len), text);
            endStagedLine(p);
            return;
        }
        ByteBuf b = buffer();
        b.ensureWritable(len + 24);
        b.writeByte('$');
        RespNumbers.writeDecimal(b, len);
        b.writeShort(CRLF);
        b.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        b.writeShort(CRLF);
    }

    /** A bulk string holding text encoded as UTF-8 (for free text such as help lines). */
    public void bulkUtf8(String text) {
        bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A bulk string holding the decimal form of {@code value}. */
    public void bulkLong(long value) {
        byte[] s = stageFor(2 * MAX_HEADER);
        int p = RespNumbers.putDecimal(s, putHeader(s, staged, '$', RespNumbers.decimalLength(value)), value);
        endStagedLine(p);
    }

    /** A verbatim string (RESP3 {@code =}), a plain bulk string in RESP2. */
    public void verbatim(String format, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (protocol >= 3) {
            ByteBuf b = buffer();
            b.writeByte('=');
            RespNumbers.writeDecimal(b, body.length + 4);
            b.writeShort(CRLF);
            b.writeCharSequence(format, StandardCharsets.ISO_8859_1);
            b.writeByte(':');
            b.writeBytes(body);
            b.writeShort(CRLF);
        } else {
            bulk(body);
        }
    }

    // ---- aggregates ----

    public void arrayHeader(long count) {
        if (count == 0) {
            raw(SharedReplies.EMPTY_ARRAY);
        } else {
            header('*', count);
        }
    }

    /** A map of {@code pairs} key/value pairs (a flat array of twice the size in RESP2). */
    public void mapHeader(long pairs) {
        if (protocol >= 3) {
            header('%', pairs);
        } else {
            arrayHeader(pairs * 2);
        }
    }

    /** A set (an array in RESP2). */
    public void setHeader(long count) {
        if (protocol >= 3) {
            header('~', count);
        } else {
            arrayHeader(count);
        }
    }

    /** A push message (an array in RESP2, as pub/sub messages are). */
    public void pushHeader(long count) {
        if (protocol >= 3) {
            header('>', count);
        } else {
            arrayHeader(count);
        }
    }

    /** An attribute map (RESP3 only; callers skip attributes in RESP2). */
    public void attributeHeader(long pairs) {
        header('|', pairs);
    }

    /** An empty array in RESP2 or an empty set in RESP3. */
    public void emptySet() {
        setHeader(0);
    }

    // ---- deferred lengths ----

    /**
     * Starts an aggregate whose element count is known only after writing the elements; finish
     * it with {@link #endDeferredArray} or {@link #endDeferredMap}.
     */
    public long beginDeferred() {
        return position();
    }

    public void endDeferredArray(long mark, long count) {
        insertHeader(mark, '*', count);
    }

    public void endDeferredMap(long mark, long pairs) {
        if (protocol >= 3) {
            insertHeader(mark, '%', pairs);
        } else {
            insertHeader(mark, '*', pairs * 2);
        }
    }

    public void endDeferredSet(long mark, long count) {
        insertHeader(mark, protocol >= 3 ? '~' : '*', count);
    }

    /**
     * Puts the header of a deferred aggregate in front of its elements. When they are all still in
     * the stage they move up by the header's length there. Otherwise the header is written after
     * them in the buffer (which makes room), the elements move up in place and the header goes in
     * front: one move inside the buffer, with no copy on the heap.
     */
    private void insertHeader(long position, char prefix, long count) {
        if (position < bytesWritten) {
            throw new IllegalStateException("the elements of a deferred aggregate were flushed before its header");
        }
        int headerLength = putHeader(headerScratch, 0, prefix, count);
        long bufferEnd = bytesWritten + (out == null ? 0 : out.readableBytes());
        if (position >= bufferEnd && staged + headerLength <= STAGE_SIZE) {
            int start = (int) (position - bufferEnd);
            System.arraycopy(stage, start, stage, start + headerLength, staged - start);
            System.arraycopy(headerScratch, 0, stage, start, headerLength);
            staged += headerLength;
            return;
        }
        ByteBuf b = buffer();
        int mark = b.readerIndex() + (int) (position - bytesWritten);
        int end = b.writerIndex();
        int contentLength = end - mark;
        b.writeBytes(headerScratch, 0, headerLength);
        if (contentLength == 0) {
            return;
        }
        if (b.nioBufferCount() == 1) {
            // The buffer's own NIO view: Netty's getBytes/setBytes on a direct buffer would
            // duplicate a view per call when it runs without Unsafe.
            ByteBuffer view = b.internalNioBuffer(mark, contentLength + headerLength);
            int base = view.position();
            // Absolute bulk put within one buffer behaves as if through a temporary copy (memmove).
            view.put(base + headerLength, view, base, contentLength);
            view.put(base, headerScratch, 0, headerLength);
            return;
        }
        byte[] content = new byte[contentLength];
        b.getBytes(mark, content);
        b.setBytes(mark, headerScratch, 0, headerLength);
        b.setBytes(mark + headerLength, content);
    }
}
