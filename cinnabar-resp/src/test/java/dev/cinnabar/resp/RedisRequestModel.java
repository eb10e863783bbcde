package dev.cinnabar.resp;

import dev.cinnabar.resp.DecoderRun.Command;
import dev.cinnabar.resp.DecoderRun.End;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A straight transcription of Redis 7.0's processInputBuffer / processMultibulkBuffer /
 * processInlineBuffer (networking.c) for a query buffer that holds all of {@code input}: what
 * Redis does when everything arrives in one read. Lines are searched with C's strchr semantics
 * (the search stops at a NUL byte). Inline lines are split with {@link InlineSplitter}, whose
 * sdssplitargs rules are tested on their own against redis-server.
 */
final class RedisRequestModel {
    private static final int PROTO_INLINE_MAX_SIZE = 64 * 1024;
    private static final long INT_MAX = Integer.MAX_VALUE;

    /** What Redis did: the commands it ran, then how the buffer ended. */
    record Result(List<Command> commands, End end, String error) {}

    private RedisRequestModel() {}

    static Result process(byte[] buf, boolean authRequired, long protoMaxBulkLen) {
        List<Command> commands = new ArrayList<>();
        int pos = 0;
        int len = buf.length;
        while (pos < len) {
            if (buf[pos] == '*') {
                // processMultibulkBuffer, with multibulklen == 0.
                int newline = strchr(buf, pos, '\r');
                if (newline < 0) {
                    if (len - pos > PROTO_INLINE_MAX_SIZE) {
                        return error(commands, "Protocol error: too big mbulk count string");
                    }
                    return partial(commands);
                }
                if (newline - pos > len - pos - 2) {
                    return partial(commands);
                }
                Long ll = string2ll(buf, pos + 1, newline - (pos + 1));
                if (ll == null || ll > INT_MAX) {
                    return error(commands, "Protocol error: invalid multibulk length");
                } else if (ll > 10 && authRequired) {
                    return error(commands, "Protocol error: unauthenticated multibulk length");
                }
                pos = newline + 2;
                if (ll <= 0) {
                    continue;
                }
                long multibulklen = ll;
                List<String> argv = new ArrayList<>();
                while (multibulklen > 0) {
                    newline = strchr(buf, pos, '\r');
                    if (newline < 0) {
                        if (len - pos > PROTO_INLINE_MAX_SIZE) {
                            return error(commands, "Protocol error: too big bulk count string");
                        }
                        return partial(commands);
                    }
                    if (newline - pos > len - pos - 2) {
                        return partial(commands);
                    }
                    if (buf[pos] != '$') {
                        // addReplyErrorFormat with %c, then CR and LF mapped to spaces.
                        char c = (char) (buf[pos] & 0xff);
                        if (c == '\r' || c == '\n') {
                            c = ' ';
                        }
                        return error(commands, "Protocol error: expected '$', got '" + c + "'");
                    }
                    Long bulk = string2ll(buf, pos + 1, newline - (pos + 1));
                    if (bulk == null || bulk < 0 || bulk > protoMaxBulkLen) {
                        return error(commands, "Protocol error: invalid bulk length");
                    } else if (bulk > 16384 && authRequired) {
                        return error(commands, "Protocol error: unauthenticated bulk length");
                    }
                    pos = newline + 2;
                    if ((long) len - pos < bulk + 2) {
                        return partial(commands);
                    }
                    argv.add(new String(buf, pos, (int) (long) bulk, StandardCharsets.ISO_8859_1));
                    pos += (int) (long) bulk + 2;
                    multibulklen--;
                }
                commands.add(new Command(argv, false));
            } else {
                // processInlineBuffer.
                int newline = strchr(buf, pos, '\n');
                if (newline < 0) {
                    if (len - pos > PROTO_INLINE_MAX_SIZE) {
                        return error(commands, "Protocol error: too big inline request");
                    }
                    return partial(commands);
                }
                int end = newline;
                if (newline != pos && buf[newline - 1] == '\r') {
                    end--;
                }
                byte[] line = new byte[end - pos];
                System.arraycopy(buf, pos, line, 0, line.length);
                List<String> argv = new ArrayList<>();
                boolean ok = InlineSplitter.split(line, line.length,
                        (b, off, n) -> argv.add(new String(b, off, n, StandardCharsets.ISO_8859_1)));
                if (!ok) {
                    return error(commands, "Protocol error: unbalanced quotes in request");
                }
                pos = newline + 1;
                if (!argv.isEmpty()) {
                    commands.add(new Command(argv, true));
                }
            }
        }
        return new Result(commands, End.IDLE, null);
    }

    private static Result error(List<Command> commands, String message) {
        return new Result(commands, End.PROTOCOL_ERROR, message);
    }

    private static Result partial(List<Command> commands) {
        return new Result(commands, End.PARTIAL, null);
    }

    /** C's strchr on the NUL-terminated query buffer: the index of {@code c}, or -1 past a NUL or the end. */
    static int strchr(byte[] buf, int from, char c) {
        for (int i = from; i < buf.length; i++) {
            if (buf[i] == c) {
                return i;
            }
            if (buf[i] == 0) {
                return -1;
            }
        }
        return -1;
    }

    /** Redis's string2ll: the value, or null when the text is not a valid long. */
    static Long string2ll(byte[] buf, int off, int len) {
        if (len == 0 || len >= 21) {
            return null;
        }
        String s = new String(buf, off, len, StandardCharsets.ISO_8859_1);
        if (!s.matches("0|-?[1-9][0-9]*")) {
            return null;
        }
        BigInteger v = new BigInteger(s);
        return v.bitLength() <= 63 ? v.longValue() : null;
    }
}
