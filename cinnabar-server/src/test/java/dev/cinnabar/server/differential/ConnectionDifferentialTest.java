package dev.cinnabar.server.differential;

import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random streams of the connection and server commands of the foundation, against the real
 * redis-server: valid calls, bad arity, bad arguments, unknown commands and subcommands.
 */
class ConnectionDifferentialTest {
    private static final List<Step> RESET = List.of(Step.exact("RESET"));

    private final Differential differential =
            new Differential(TestServers.shared().port(), RedisOracle.shared().port(), RESET);

    @Test
    void connectionCommands() {
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
            differential.checkRandom("connection", Differential.seed(seed), 300, ConnectionDifferentialTest::connectionStep);
        }
    }

    static String word(Random r) {
        String[] words = {"a", "hello", "", "x y", "\r\n", "é", "foo\u0000bar", "12345", "-1", "3.5", "NX", "*", "?"};
        return words[r.nextInt(words.length)];
    }

    static String randomBinary(Random r) {
        int n = r.nextInt(r.nextBoolean() ? 8 : 300);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) r.nextInt(128));
        }
        return sb.toString();
    }

    static Step connectionStep(Random r) {
        return switch (r.nextInt(22)) {
            case 0 -> Step.exact("PING");
            case 1 -> Step.exact("PING", word(r));
            case 2 -> Step.exact("PING", word(r), word(r));
            case 3 -> Step.exact("ECHO", randomBinary(r));
            case 4 -> Step.exact("ECHO");
            case 5 -> Step.exact("SELECT", String.valueOf(r.nextInt(20) - 2));
            case 6 -> Step.exact("SELECT", word(r));
            case 7 -> Step.exact("CLIENT", "SETNAME", r.nextBoolean() ? "name" + r.nextInt(5) : word(r));
            case 8 -> Step.exact("CLIENT", "GETNAME");
            case 9 -> Step.of(Comparison.TYPE, "CLIENT", "ID");
            case 10 -> Step.of(Comparison.SHAPE, "HELLO", String.valueOf(2 + r.nextInt(2)));
            case 11 -> Step.exact("HELLO", word(r));
            case 12 -> Step.exact("AUTH", word(r));
            case 13 -> Step.exact("AUTH", "default", word(r));
            case 14 -> Step.exact(r.nextBoolean() ? "NOSUCHCOMMAND" : "nosuch", word(r), word(r));
            case 15 -> Step.exact("CLIENT", r.nextBoolean() ? "NOSUCH" : "x", word(r));
            case 16 -> Step.exact("DBSIZE");
            case 17 -> Step.of(Comparison.SHAPE, "TIME");
            case 18 -> Step.exact("CLIENT", "REPLY", r.nextBoolean() ? "ON" : word(r));
            case 19 -> Step.exact("DEBUG", "PROTOCOL", new String[] {"string", "integer", "double", "bignum", "null",
                    "array", "set", "map", "attrib", "push", "verbatim", "true", "false", "nope"}[r.nextInt(14)]);
            case 20 -> Step.of(Comparison.CLIENT_FIELDS, "CLIENT", "INFO");
            default -> Step.exact("RESET");
        };
    }
}
