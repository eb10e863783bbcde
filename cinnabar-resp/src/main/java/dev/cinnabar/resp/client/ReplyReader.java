package dev.cinnabar.resp.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one RESP2/RESP3 value from a buffer, as a client does. Returns null (leaving the buffer
 * untouched) when the value is not complete yet, and throws {@link IllegalArgumentException} on
 * malformed input. Not used on the server's hot path.
 */
public final class ReplyReader {
    private ReplyReader() {}

    /** Reads one complete value, or returns null and leaves the reader index unchanged. */
    public static RespValue read(ByteBuf in) {
        int start = in.readerIndex();
        try {
            RespValue v = readValue(in);
            if (v == null) {
                in.readerIndex(start);
            }
            return v;
        } catch (IndexOutOfBoundsException e) {
            in.readerIndex(start);
            return null;
        }
    }

    private static String line(ByteBuf in) {
        int cr = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            return null;
        }
        if (in.getByte(cr + 1) != '\n') {
            throw new IllegalArgumentException("line not terminated by CRLF");
        }
        String s = in.toString(in.readerIndex(), cr - in.readerIndex(), StandardCharsets.ISO_8859_1);
        in.readerIndex(cr + 2);
        return s;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad length or integer: " + s);
        }
    }

    private static RespValue readValue(ByteBuf in) {
        if (!in.isReadable()) {
            return null;
        }
        byte type = in.readByte();
        String line = line(in);
        if (line == null) {
            return null;
        }
        switch (type) {
            case '+':
                return new RespValue.SimpleString(line);
            case '-':
                return new RespValue.Error(line);
            case ':':
                return new RespValue.Integer(number(line));
            case ',':
                return new RespValue.Double(line);
            case '#':
                if (line.equals("t")) {
                    return new RespValue.Bool(true);
                }
                if (line.equals("f")) {
                    return new RespValue.Bool(false);
                }
                throw new IllegalArgumentException("bad boolean: " + line);
            case '(':
                return new RespValue.BigNumber(line);
            case '_':
                return new RespValue.Null();
            case '$':
            case '=':
            case '!': {
                long len = number(line);
                if (len == -1 && type == '$') {
                    return new RespValue.NullBulk();
                }
                if (len < 0) {
                    throw new IllegalArgumentException("bad bulk length " + len);
                }
                if (in.readableBytes() < len + 2) {
                    return null;
                }
                byte[] data = new byte[(int) len];
                in.readBytes(data);
                if (in.readByte() != '\r' || in.readByte() != '\n') {
                    throw new IllegalArgumentException("bulk not terminated by CRLF");
                }
                if (type == '=') {
                    if (data.length < 4 || data[3] != ':') {
                        throw new IllegalArgumentException("bad verbatim string");
                    }
                    byte[] text = new byte[data.length - 4];
                    System.arraycopy(data, 4, text, 0, text.length);
                    return new RespValue.Verbatim(new String(data, 0, 3, StandardCharsets.ISO_8859_1), text);
                }
                if (type == '!') {
                    return new RespValue.Error(new String(data, StandardCharsets.ISO_8859_1));
                }
                return new RespValue.Bulk(data);
            }
            case '*':
            case '~':
            case '>': {
                long n = number(line);
                if (n == -1 && type == '*') {
                    return new RespValue.NullArray();
                }
                if (n < 0) {
                    throw new IllegalArgumentException("bad aggregate length " + n);
                }
                List<RespValue> elements = new ArrayList<>((int) Math.min(n, 1024));
                for (long i = 0; i < n; i++) {
                    RespValue e = readValue(in);
                    if (e == null) {
                        return null;
                    }
                    elements.add(e);
                }
                return new RespValue.Aggregate((char) type, elements);
            }
            case '%':
            case '|': {
                long n = number(line);
                if (n < 0) {
                    throw new IllegalArgumentException("bad map length " + n);
                }
                List<RespValue> kv = new ArrayList<>((int) Math.min(2 * n, 1024));
                for (long i = 0; i < 2 * n; i++) {
                    RespValue e = readValue(in);
                    if (e == null) {
                        return null;
                    }
                    kv.add(e);
                }
                RespValue.MapValue map = new RespValue.MapValue((char) type, kv);
                if (type == '|') {
                    RespValue annotated = readValue(in);
                    if (annotated == null) {
                        return null;
                    }
                    return new RespValue.Attributed(map, annotated);
                }
                return map;
            }
            default:
                throw new IllegalArgumentException("unknown RESP type byte " + (char) type);
        }
    }
}
