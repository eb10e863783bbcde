package dev.cinnabar.server.differential;

import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications against the real redis-server: the client running the seeded command
 * streams is itself a RESP3 subscriber of {@code __key*@*__:*}, so every notification a command
 * causes arrives as a push just before its reply, and the differential harness compares both
 * together, byte for byte: the channels, the event names, their order, and which commands notify.
 */
class NotificationDifferentialTest {
    private final int cinnabar = TestServers.shared().port();
    private final int redis = RedisOracle.shared().port();

    private Differential differential(String classes) {
        return new Differential(cinnabar, redis, List.of(
                Step.exact("RESET"),
                Step.exact("FLUSHALL"),
                Step.exact("HELLO", "3"),
                Step.exact("CONFIG", "SET", "notify-keyspace-events", classes),
                Step.exact("PSUBSCRIBE", "__key*@*__:*")));
    }

    /**
     * The keyspace streams, minus the steps whose replies are compared loosely (TTLs within a
     * bound, unordered KEYS): a push in front of those replies would not parse.
     */
    static Step notifyingStep(Random r) {
        Step step = r.nextInt(5) == 0
                ? Step.exact("CONFIG", "SET", "notify-keyspace-events",
                        new String[] {"KEA", "Kg", "E$", "KEAnm", "Em", "Kx", "", "KEgn"}[r.nextInt(8)])
                : KeyspaceDifferentialTest.keyStep(r);
        return step.comparison() == Comparison.EXACT ? step : Step.exact("DBSIZE");
    }

    @Test
    void everyClass() {
        Differential d = differential("KEAnm");
        for (long seed : new long[] {401, 402, 403, 404, 405, 406}) {
            d.checkRandom("notifications", Differential.seed(seed), 300,
                    r -> {
                        Step s = KeyspaceDifferentialTest.keyStep(r);
                        return s.comparison() == Comparison.EXACT ? s : Step.exact("DBSIZE");
                    });
        }
    }

    @Test
    void changingClasses() {
        Differential d = differential("KEA");
        for (long seed : new long[] {411, 412, 413, 414}) {
            d.checkRandom("notification classes", Differential.seed(seed), 300, NotificationDifferentialTest::notifyingStep);
        }
    }

    @Test
    void transactionsNotify() {
        Differential d = differential("KEAnm");
        for (long seed : new long[] {421, 422, 423}) {
            d.checkRandom("notifications in transactions", Differential.seed(seed), 300, r -> {
                Step s = TransactionDifferentialTest.transactionStep(r);
                return s.comparison() == Comparison.EXACT ? s : Step.exact("DBSIZE");
            });
        }
    }

    @AfterEach
    void quiet() {
        // The servers are shared with other tests: leave notifications off.
        for (int port : new int[] {cinnabar, redis}) {
            try (RespConnection c = new RespConnection(port)) {
                c.call("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }
}
