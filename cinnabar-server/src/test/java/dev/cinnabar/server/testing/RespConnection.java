package dev.cinnabar.server.testing;

import dev.cinnabar.resp.client.ReplyReader;
import dev.cinnabar.resp.client.RespValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A raw RESP connection for tests: sends commands or arbitrary bytes and reads replies either as
 * parsed values or as the exact bytes of one reply. Works against Cinnabar and redis-server alike.
 */
public final class RespConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuf buffer = Unpooled.buffer();

    public RespConnection(String host, int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    public RespConnection(int port) {
        this("127.0.0.1", port);
    }

    /** Encodes a command as a multibulk request. */
    public static byte[] encode(List<byte[]> args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return b.toByteArray();
    }

    public static List<byte[]> args(String... args) {
        return java.util.Arrays.stream(args).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Sends raw bytes as they are. */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendRaw(String latin1) {
        sendRaw(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(List<byte[]> args) {
        sendRaw(encode(args));
    }

    public void send(String... args) {
        send(args(args));
    }

    /** Sends a command and reads its reply. */
    public RespValue call(String... args) {
        send(args);
        return read();
    }

    public RespValue call(List<byte[]> args) {
        send(args);
        return read();
    }

    /** Sends a command and returns the exact bytes of its reply. */
    public byte[] callRaw(List<byte[]> args) {
        send(args);
        return readRaw();
    }

    public String callRawString(String... args) {
        send(args);
        return new String(readRaw(), StandardCharsets.ISO_8859_1);
    }

    /** Reads one reply as a value. */
    public RespValue read() {
        while (true) {
            RespValue v = ReplyReader.read(buffer);
            if (v != null) {
                buffer.discardReadBytes();
                return v;
            }
            fill();
        }
    }

    /** Reads the exact bytes of one reply. */
    public byte[] readRaw() {
        while (true) {
            int start = buffer.readerIndex();
            RespValue v = ReplyReader.read(buffer);
            if (v != null) {
                byte[] raw = new byte[buffer.readerIndex() - start];
                buffer.getBytes(start, raw);
                buffer.discardReadBytes();
                return raw;
            }
            fill();
        }
    }

    /** Reads whatever arrives until the peer closes or {@code millis} pass; returns it as ISO-8859-1 text. */
    public String readAvailable(int millis) {
        try {
            socket.setSoTimeout(millis);
            byte[] chunk = new byte[8192];
            while (true) {
                int n;
                try {
                    n = in.read(chunk);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                buffer.writeBytes(chunk, 0, n);
            }
            String s = buffer.toString(StandardCharsets.ISO_8859_1);
            buffer.clear();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(10_000);
            } catch (IOException ignored) {
                // the socket is gone
            }
        }
    }

    /** Half-closes the connection: the peer sees end of input but can still reply. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the peer has closed the connection (waits up to {@code millis}). */
    public boolean isClosedByPeer(int millis) {
        try {
            socket.setSoTimeout(millis);
            int b = in.read();
            if (b >= 0) {
                buffer.writeByte(b);
                return false;
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void fill() {
        byte[] chunk = new byte[16384];
        try {
            int n = in.read(chunk);
            if (n < 0) {
                throw new UncheckedIOException(new IOException("connection closed by peer"));
            }
            buffer.writeBytes(chunk, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        buffer.release();
    }
}
