package dev.cinnabar.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import dev.cinnabar.resp.client.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub against the real redis-server with seeded random streams over two connections per
 * server: a subscriber (switching between RESP2 and RESP3, subscribing, unsubscribing, trying
 * other commands in subscribed mode) and a publisher (PUBLISH, SPUBLISH, PUBSUB). After every
 * step both connections are synchronised with a PING carrying a marker, and everything each one
 * received before the marker is compared.
 *
 * <p>Redis keeps a client's channels and the server's patterns in hash tables with a random seed,
 * so "unsubscribe from everything" and a message matching several patterns come in an order that
 * varies from run to run even on Redis alone. Frames are therefore compared as a multiset, and the
 * kinds and subscription counts as an ordered sequence (both are order-independent in Redis).
 */
class PubSubDifferentialTest {
    private static final String[] CHANNELS = {"ch0", "ch1", "ch2", "news.tech", "news.art"};
    private static final String[] PATTERNS = {"ch*", "ch[0-1]", "*", "news.*", "n?ws.tech", "ch\\*", "nomatch"};

    private record Step(int connection, List<String> args) {
        String describe() {
            return (connection == 0 ? "subscriber: " : "publisher: ") + String.join(" ", args);
        }
    }

    private static Step subscriberStep(Random r) {
        List<String> args = new ArrayList<>();
        switch (r.nextInt(16)) {
            case 0, 1 -> {
                args.add("SUBSCRIBE");
                names(r, args, CHANNELS, 1);
            }
            case 2, 3 -> {
                args.add("PSUBSCRIBE");
                names(r, args, PATTERNS, 1);
            }
            case 4 -> {
                args.add("SSUBSCRIBE");
                names(r, args, CHANNELS, 1);
            }
            case 5, 6 -> {
                args.add("UNSUBSCRIBE");
                names(r, args, CHANNELS, 0);
            }
            case 7 -> {
                args.add("PUNSUBSCRIBE");
                names(r, args, PATTERNS, 0);
            }
            case 8 -> {
                args.add("SUNSUBSCRIBE");
                names(r, args, CHANNELS, 0);
            }
            case 9 -> args.addAll(r.nextBoolean() ? List.of("PING") : List.of("PING", "hello"));
            case 10 -> args.addAll(List.of("GET", "k"));
            case 11 -> args.addAll(List.of("HELLO", r.nextBoolean() ? "3" : "2"));
            case 12 -> args.add(r.nextInt(4) == 0 ? "RESET" : "PING");
            case 13 -> args.addAll(List.of("PUBLISH", pick(r, CHANNELS), "self"));
            case 14 -> args.addAll(List.of("SUBSCRIBE"));
            default -> args.addAll(List.of("PUBSUB", "NUMPAT"));
        }
        return new Step(0, args);
    }

    private static Step publisherStep(Random r) {
        List<String> args = new ArrayList<>();
        switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> args.addAll(List.of("PUBLISH", pick(r, CHANNELS), "m" + r.nextInt(100)));
            case 4 -> args.addAll(List.of("SPUBLISH", pick(r, CHANNELS), "s" + r.nextInt(100)));
            case 5 -> {
                args.addAll(List.of("PUBSUB", "NUMSUB"));
                names(r, args, CHANNELS, 0);
            }
            case 6 -> {
                args.addAll(List.of("PUBSUB", "SHARDNUMSUB"));
                names(r, args, CHANNELS, 0);
            }
            case 7 -> args.addAll(List.of("PUBSUB", "NUMPAT"));
            case 8 -> {
                args.addAll(List.of("PUBSUB", r.nextBoolean() ? "CHANNELS" : "SHARDCHANNELS"));
                if (r.nextBoolean()) {
                    args.add(pick(r, PATTERNS));
                }
            }
            default -> args.addAll(List.of("PUBSUB", "CHANNELS", "a", "b"));
        }
        return new Step(1, args);
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private static void names(Random r, List<String> args, String[] from, int minimum) {
        int n = minimum + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            args.add(pick(r, from));
        }
    }

    /** One server's pair of connections. */
    private static final class Side implements AutoCloseable {
        final RespConnection[] connections;

        Side(int port) {
            connections = new RespConnection[] {new RespConnection(port), new RespConnection(port)};
        }

        /** Runs a step, then collects what each connection received before its marker. */
        List<List<byte[]>> run(Step step, int index) {
            connections[step.connection].send(step.args.toArray(String[]::new));
            List<List<byte[]>> received = new ArrayList<>();
            String marker = "sync-" + index;
            for (RespConnection c : connections) {
                c.send("PING", marker);
                List<byte[]> frames = new ArrayList<>();
                while (true) {
                    byte[] frame = c.readRaw();
                    if (isMarker(frame, marker)) {
                        break;
                    }
                    frames.add(frame);
                }
                received.add(frames);
            }
            return received;
        }

        private static boolean isMarker(byte[] frame, String marker) {
            String text = new String(frame, StandardCharsets.ISO_8859_1);
            return text.equals("$" + marker.length() + "\r\n" + marker + "\r\n")
                    || text.equals("*2\r\n$4\r\npong\r\n$" + marker.length() + "\r\n" + marker + "\r\n");
        }

        @Override
        public void close() {
            for (RespConnection c : connections) {
                c.close();
            }
        }
    }

    /** Null when the two frame lists agree (see the class comment for what "agree" means). */
    static String compare(Step step, List<byte[]> cinnabar, List<byte[]> redis) {
        if (cinnabar.size() != redis.size()) {
            return "different number of frames";
        }
        boolean listing = step.args.size() > 1 && step.args.get(0).equals("PUBSUB")
                && step.args.get(1).endsWith("CHANNELS");
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<String> xSequence = new ArrayList<>();
        List<String> ySequence = new ArrayList<>();
        boolean hello = step.args.get(0).equals("HELLO");
        for (int i = 0; i < cinnabar.size(); i++) {
            if (listing || hello) {
                // Channel listings come in hash order; HELLO shows each server's own client id.
                String why = (hello ? Comparison.SHAPE : Comparison.UNORDERED).compare(cinnabar.get(i), redis.get(i));
                if (why != null) {
                    return why;
                }
                continue;
            }
            // The count is compared in sequence below; the rest of each frame as a multiset.
            x.add(new String(cinnabar.get(i), StandardCharsets.ISO_8859_1).replaceFirst(":-?\\d+\r\n$", ""));
            y.add(new String(redis.get(i), StandardCharsets.ISO_8859_1).replaceFirst(":-?\\d+\r\n$", ""));
            xSequence.add(kindAndCount(cinnabar.get(i)));
            ySequence.add(kindAndCount(redis.get(i)));
        }
        if (!xSequence.equals(ySequence)) {
            return "frame kinds or counts differ: " + xSequence + " vs " + ySequence;
        }
        List<String> xs = new ArrayList<>(x);
        List<String> ys = new ArrayList<>(y);
        xs.sort(null);
        ys.sort(null);
        if (!xs.equals(ys)) {
            return "frames differ";
        }
        return null;
    }

    /** The frame's type byte, its first element when it is an aggregate, and its count when it ends with one. */
    private static String kindAndCount(byte[] raw) {
        RespValue v = Comparison.parse(raw);
        if (v instanceof RespValue.Aggregate agg && !agg.elements().isEmpty()) {
            RespValue first = agg.elements().get(0);
            RespValue last = agg.elements().get(agg.elements().size() - 1);
            String kind = (char) raw[0] + first.describe();
            return last instanceof RespValue.Integer n ? kind + ":" + n.value() : kind;
        }
        return String.valueOf((char) raw[0]);
    }

    private void check(long seed, int length) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            steps.add(random.nextInt(5) < 3 ? subscriberStep(random) : publisherStep(random));
        }
        try (Side cinnabar = new Side(TestServers.shared().port()); Side redis = new Side(RedisOracle.shared().port())) {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                List<List<byte[]>> x = cinnabar.run(step, i);
                List<List<byte[]>> y = redis.run(step, i);
                for (int side = 0; side < 2; side++) {
                    String why = compare(step, x.get(side), y.get(side));
                    if (why != null) {
                        StringBuilder report = new StringBuilder("Cinnabar and redis-server differ (seed " + seed
                                + ", replay with -Dcinnabar.seed=" + seed + ") at step " + (i + 1) + " on the "
                                + (side == 0 ? "subscriber" : "publisher") + ": " + why + "\nsteps:\n");
                        for (Step s : steps.subList(Math.max(0, i - 25), i + 1)) {
                            report.append("  ").append(s.describe()).append('\n');
                        }
                        report.append("cinnabar: ").append(printable(x.get(side))).append("\nredis:    ")
                                .append(printable(y.get(side)));
                        throw new AssertionError(report.toString());
                    }
                }
            }
        }
    }

    private static String printable(List<byte[]> frames) {
        StringBuilder sb = new StringBuilder();
        for (byte[] f : frames) {
            sb.append(new String(f, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n")).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void subscribersAndPublishers() {
        for (long seed : new long[] {501, 502, 503, 504, 505, 506, 507, 508}) {
            check(Differential.seed(seed), 250);
        }
    }

    @Test
    void theComparisonNoticesADifference() {
        Step step = new Step(1, List.of("PUBLISH", "ch0", "x"));
        byte[] one = "*3\r\n$7\r\nmessage\r\n$3\r\nch0\r\n$1\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] other = "*3\r\n$7\r\nmessage\r\n$3\r\nch1\r\n$1\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(compare(step, List.of(one), List.of(one))).isNull();
        assertThat(compare(step, List.of(one), List.of(other))).isNotNull();
        assertThat(compare(step, List.of(one), List.of())).isNotNull();
    }
}
