package dev.cinnabar.server.differential;

import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random MULTI / EXEC / DISCARD / WATCH / UNWATCH streams mixed with string and key
 * commands (valid, invalid and disallowed ones) against the real redis-server: queueing replies,
 * EXECABORT after refused commands, nil EXEC after a watched key changed (by the same client, by
 * expiry, by FLUSHDB or SWAPDB), nested MULTI, WATCH inside MULTI.
 */
class TransactionDifferentialTest {
    private static final List<Step> RESET = List.of(Step.exact("RESET"), Step.exact("FLUSHALL"));

    private final Differential differential =
            new Differential(TestServers.shared().port(), RedisOracle.shared().port(), RESET);

    static Step transactionStep(Random r) {
        String k = "t" + r.nextInt(4);
        return switch (r.nextInt(22)) {
            case 0, 1, 2 -> Step.exact("MULTI");
            case 3, 4, 5 -> Step.exact("EXEC");
            case 6 -> Step.exact("DISCARD");
            case 7, 8 -> Step.exact("WATCH", k, "t" + r.nextInt(4));
            case 9 -> Step.exact("UNWATCH");
            case 10 -> Step.exact("SHUTDOWN", "ABORT");
            case 11 -> Step.exact("NOSUCHCOMMAND", k);
            case 12 -> Step.exact("GET");
            case 13 -> Step.exact("FLUSHDB");
            case 14 -> Step.exact("SWAPDB", "0", "1");
            case 15 -> Step.exact("SET", k, "v", "PXAT", "1");
            case 16 -> Step.exact("SELECT", Integer.toString(r.nextInt(2)));
            default -> KeyspaceDifferentialTest.stringStep(r);
        };
    }

    @Test
    void transactions() {
        for (long seed : new long[] {301, 302, 303, 304, 305, 306, 307, 308}) {
            differential.checkRandom("transactions", Differential.seed(seed), 300, TransactionDifferentialTest::transactionStep);
        }
    }
}
