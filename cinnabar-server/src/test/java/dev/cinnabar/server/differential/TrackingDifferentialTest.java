package dev.cinnabar.server.differential;

import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Client-side caching against the real redis-server: one RESP3 connection turns tracking on and
 * off with random options (default, OPTIN, OPTOUT, BCAST with prefixes, NOLOOP, and invalid
 * combinations), reads and writes keys, runs transactions and flushes. Its own invalidations
 * arrive as pushes around the replies, and the harness compares everything byte for byte:
 * which keys are invalidated, when, and in what order, plus every error text.
 */
class TrackingDifferentialTest {
    private final Differential differential = new Differential(TestServers.shared().port(), RedisOracle.shared().port(),
            List.of(Step.exact("RESET"), Step.exact("FLUSHALL"), Step.exact("HELLO", "3")));

    private static final String[] OPTIONS = {"BCAST", "OPTIN", "OPTOUT", "NOLOOP", "PREFIX", "PREFIX", "FOO"};
    private static final String[] PREFIXES = {"k", "k1", "t", "", "x"};

    static Step trackingStep(Random r) {
        return switch (r.nextInt(20)) {
            case 0, 1, 2 -> {
                List<String> args = new ArrayList<>(List.of("CLIENT", "TRACKING", r.nextInt(5) == 0 ? "off" : "on"));
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String option = OPTIONS[r.nextInt(OPTIONS.length)];
                    args.add(option);
                    if (option.equals("PREFIX")) {
                        args.add(PREFIXES[r.nextInt(PREFIXES.length)]);
                    }
                }
                if (r.nextInt(10) == 0) {
                    args.add("REDIRECT");
                    args.add(r.nextBoolean() ? "abc" : "0");
                }
                yield Step.exact(args.toArray(String[]::new));
            }
            case 3 -> Step.exact("CLIENT", "TRACKING", "off");
            case 4 -> Step.exact("CLIENT", "CACHING", new String[] {"yes", "no", "maybe"}[r.nextInt(3)]);
            case 5 -> Step.exact("CLIENT", "TRACKINGINFO");
            case 6 -> Step.exact("CLIENT", "GETREDIR");
            case 7 -> Step.exact("MGET", "k" + r.nextInt(4), "t" + r.nextInt(4));
            case 8 -> Step.of(WITHOUT_CLIENT_ID, "HELLO", r.nextInt(3) == 0 ? "2" : "3");
            case 9 -> Step.exact(r.nextBoolean() ? "FLUSHDB" : "FLUSHALL");
            case 10 -> Step.exact("PING");
            default -> TransactionDifferentialTest.transactionStep(r);
        };
    }

    /** HELLO's reply is exact but for the connection id, which differs between the two servers. */
    private static final Comparison WITHOUT_CLIENT_ID = (a, b) -> Comparison.EXACT.compare(withoutId(a), withoutId(b));

    private static byte[] withoutId(byte[] reply) {
        String text = new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.replaceAll("\\$2\r\nid\r\n:\\d+\r\n", "\\$2\r\nid\r\n:ID\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void trackingStreams() {
        for (long seed : new long[] {601, 602, 603, 604, 605, 606, 607, 608}) {
            // Every reply is compared exactly, but for a client id (HELLO, also inside EXEC).
            differential.checkRandom("tracking", Differential.seed(seed), 300,
                    r -> new Step(trackingStep(r).args(), WITHOUT_CLIENT_ID));
        }
    }
}
