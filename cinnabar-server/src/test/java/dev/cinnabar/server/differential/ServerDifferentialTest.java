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
 * Seeded random streams of the server commands (INFO, CLIENT, COMMAND, SLOWLOG, LATENCY, DEBUG,
 * CONFIG GET) against the real redis-server, in RESP2 and RESP3. Values that legitimately differ
 * (times, ids, addresses, memory figures) are compared by shape.
 */
class ServerDifferentialTest {
    private static final List<Step> RESET = List.of(Step.exact("RESET"));

    private final Differential differential =
            new Differential(TestServers.shared().port(), RedisOracle.shared().port(), RESET);

    /** Commands both servers implement, whose COMMAND INFO must match byte for byte. */
    private static final String[] SIMPLE_COMMANDS = {"ping", "echo", "quit", "reset", "select", "auth", "hello", "info",
        "time", "dbsize", "shutdown", "monitor", "debug", "client|id", "client|kill", "client|list", "config|get",
        "config|set", "slowlog|get", "latency|latest", "command|info", "command|getkeys"};

    @Test
    void serverCommands() {
        for (long seed : new long[] {11, 12, 13, 14, 15}) {
            differential.checkRandom("server", Differential.seed(seed), 250, ServerDifferentialTest::serverStep);
        }
    }

    static Step serverStep(Random r) {
        String word = ConnectionDifferentialTest.word(r);
        return switch (r.nextInt(26)) {
            case 0 -> Step.of(Comparison.INFO_FIELDS, "INFO");
            case 1 -> Step.of(Comparison.INFO_FIELDS, "INFO", new String[] {"server", "clients", "memory", "persistence",
                "stats", "replication", "cpu", "modules", "cluster", "keyspace", "default", "nosuch", "CLIENTS"}[r.nextInt(13)]);
            case 2 -> Step.of(Comparison.CLIENT_FIELDS, "CLIENT", "LIST");
            case 3 -> Step.exact("CLIENT", "LIST", "TYPE", new String[] {"pubsub", "master", "replica", "foo"}[r.nextInt(4)]);
            case 4 -> Step.exact("CLIENT", "LIST", r.nextBoolean() ? "ID" : "FOO", word);
            case 5 -> Step.exact("COMMAND", "INFO", SIMPLE_COMMANDS[r.nextInt(SIMPLE_COMMANDS.length)]);
            case 6 -> Step.exact("COMMAND", "INFO", "nosuchcommand");
            case 7 -> Step.exact("COMMAND", "GETKEYS", SIMPLE_COMMANDS[r.nextInt(SIMPLE_COMMANDS.length)].split("\\|")[0], word);
            case 8 -> Step.exact("COMMAND", "GETKEYS", "nosuch", word);
            case 9 -> Step.exact("COMMAND", "LIST", "FILTERBY", r.nextBoolean() ? "MODULE" : "NOSUCH", word);
            case 10 -> Step.exact("COMMAND", "LIST", word);
            // What the slow log holds depends on timing; its replies are compared by type, errors exactly.
            case 11 -> Step.of(Comparison.TYPE, "SLOWLOG", "GET", String.valueOf(r.nextInt(5) - 3));
            case 12 -> Step.of(Comparison.TYPE, "SLOWLOG", r.nextBoolean() ? "LEN" : "NOSUCH", word);
            case 13 -> Step.exact("LATENCY", r.nextBoolean() ? "HISTORY" : "RESET", "no-such-event");
            case 14 -> Step.exact("LATENCY", "LATEST", word);
            case 15 -> Step.exact("DEBUG", "PROTOCOL", new String[] {"string", "integer", "double", "bignum", "null",
                "array", "set", "map", "attrib", "push", "verbatim", "true", "false", "nope"}[r.nextInt(14)]);
            case 16 -> Step.exact("DEBUG", new String[] {"DIGEST", "NOPE", "SLEEP", "OBJECT", "DIGEST-VALUE"}[r.nextInt(5)]);
            case 17 -> Step.exact("DEBUG", "DIGEST-VALUE", word, "k" + r.nextInt(3));
            // Patterns may match Redis 7.2's set-max-listpack-* parameters, which the 7.0 oracle lacks.
            case 18 -> Step.of(ConfigDifferentialTest.PATTERN_GET, "CONFIG", "GET", new String[] {"slowlog-*", "hz",
                "*max-*-entries", "hash-max-ziplist-*", "nosuch", "timeout", "latency-tracking*", "client-*-limit"}[r.nextInt(8)]);
            case 19 -> Step.exact("CONFIG", r.nextBoolean() ? "SET" : "NOSUCH", "nosuch-parameter", word);
            case 20 -> Step.exact("CONFIG", "SET", "hz", word);
            case 21 -> Step.of(Comparison.SHAPE, "HELLO", r.nextBoolean() ? "2" : "3", "SETNAME", word);
            case 22 -> Step.exact(("SHUTDOWN " + new String[] {"ABORT", "FOO", "NOSAVE SAVE"}[r.nextInt(3)]).split(" "));
            case 23 -> Step.exact("CLIENT", "PAUSE", r.nextBoolean() ? "-1" : "abc");
            case 24 -> Step.exact("CLIENT", "KILL", new String[] {"1.2.3.4:5", "ID", "TYPE", "SKIPME"}[r.nextInt(4)], word);
            default -> Step.exact("COMMAND", "GETKEYSANDFLAGS", "ping");
        };
    }
}
