import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pub/sub fan-out throughput against one server: S subscribers on one channel, one publisher
 * pipelining PUBLISH of fixed-size messages. Reports messages delivered per second (published
 * messages times subscribers, over the time from the first PUBLISH until the last subscriber has
 * read the last message).
 *
 * <p>Run with the JDK's single-file launcher (no build needed):
 * {@code java bench/PubSubBench.java --port 6379 --subscribers 50 --messages 200000 --size 100}.
 * Prints one line: {@code delivered_per_sec=... published_per_sec=... seconds=...}.
 */
public final class PubSubBench {
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 6379;
        int subscribers = 50;
        int messages = 200_000;
        int size = 100;
        int pipeline = 64;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--subscribers" -> subscribers = Integer.parseInt(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--pipeline" -> pipeline = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String channel = "bench:fanout";
        byte[] payload = new byte[size];
        java.util.Arrays.fill(payload, (byte) 'm');
        // Every message frame has the same length, so a subscriber counts bytes, not frames.
        long frameLength = ("*3\r\n$7\r\nmessage\r\n$" + channel.length() + "\r\n" + channel + "\r\n$" + size + "\r\n")
                .length() + size + 2L;
        long expectedBytes = frameLength * messages;

        CountDownLatch ready = new CountDownLatch(subscribers);
        CountDownLatch finished = new CountDownLatch(subscribers);
        AtomicLong lastDone = new AtomicLong();
        List<Socket> sockets = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port));
            socket.setTcpNoDelay(true);
            sockets.add(socket);
            Thread reader = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(command("SUBSCRIBE", channel.getBytes(StandardCharsets.US_ASCII)));
                    out.flush();
                    InputStream in = socket.getInputStream();
                    int confirmation = ("*3\r\n$9\r\nsubscribe\r\n$" + channel.length() + "\r\n" + channel + "\r\n:1\r\n").length();
                    readExactly(in, confirmation);
                    ready.countDown();
                    byte[] buffer = new byte[256 * 1024];
                    long received = 0;
                    while (received < expectedBytes) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            throw new IOException("server closed the subscriber");
                        }
                        received += n;
                    }
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                    finished.countDown();
                } catch (IOException e) {
                    System.err.println("subscriber failed: " + e);
                    System.exit(1);
                }
            });
            reader.setDaemon(true);
            reader.start();
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscribers did not subscribe");
        }
        try (Socket publisher = new Socket()) {
            publisher.connect(new InetSocketAddress(host, port));
            publisher.setTcpNoDelay(true);
            OutputStream out = publisher.getOutputStream();
            InputStream in = publisher.getInputStream();
            byte[] one = command("PUBLISH", channel.getBytes(StandardCharsets.US_ASCII), payload);
            byte[] batch = new byte[one.length * pipeline];
            for (int i = 0; i < pipeline; i++) {
                System.arraycopy(one, 0, batch, i * one.length, one.length);
            }
            // Each reply is ":<subscribers>\r\n".
            int replyLength = (":" + subscribers + "\r\n").length();
            long start = System.nanoTime();
            int sent = 0;
            while (sent < messages) {
                int n = Math.min(pipeline, messages - sent);
                out.write(batch, 0, n * one.length);
                out.flush();
                readExactly(in, n * replyLength);
                sent += n;
            }
            long published = System.nanoTime();
            if (!finished.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("subscribers did not receive every message");
            }
            double seconds = (lastDone.get() - start) / 1e9;
            System.out.printf("delivered_per_sec=%.0f published_per_sec=%.0f seconds=%.3f%n",
                    (double) messages * subscribers / seconds, messages / ((published - start) / 1e9), seconds);
        }
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static void readExactly(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[(int) Math.min(bytes, 64 * 1024)];
        long left = bytes;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("connection closed");
            }
            left -= n;
        }
    }

    private static byte[] command(String name, byte[]... args) {
        StringBuilder header = new StringBuilder();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        header.append('*').append(args.length + 1).append("\r\n$").append(name.length()).append("\r\n").append(name).append("\r\n");
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
