package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.KeyspaceListener;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The keyspace events of the sorted-set commands, seen by a listener on an embedded server's
 * keyspace (keyspace notifications, WATCH and the blocking registry hang off these). The expected
 * sequence is what redis-server 7.0.15 publishes for the same commands with
 * notify-keyspace-events KEA (recorded from __keyevent@0__:*): one event per changed key with the
 * command's name, "del" after it when the key was emptied, nothing when nothing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SortedSetEventsTest {
    private final Cinnabar server = TestServers.start();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    SortedSetEventsTest() {
        server.server().keyspace().addListener(new KeyspaceListener() {
            @Override
            public void keyEvent(KeyEventClass type, String event, int db, byte[] key) {
                if (type != KeyEventClass.KEY_MISS) {
                    events.add(event + " " + new String(key, StandardCharsets.ISO_8859_1));
                }
            }
        });
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void eventsAreRedisOwn() {
        String[][] commands = {
            {"ZADD", "k", "1", "a", "2", "b"}, {"ZADD", "k", "1", "a"}, {"ZADD", "k", "XX", "CH", "5", "a"},
            {"ZINCRBY", "k", "1", "a"}, {"ZADD", "k", "INCR", "1", "c"}, {"ZREM", "k", "zz"}, {"ZREM", "k", "a"},
            {"ZREMRANGEBYSCORE", "k", "100", "200"}, {"ZREMRANGEBYSCORE", "k", "0", "1"},
            {"ZADD", "k", "1", "a", "2", "b", "3", "c", "4", "d"}, {"ZREMRANGEBYRANK", "k", "0", "0"},
            {"ZREMRANGEBYLEX", "k", "[zz", "+"}, {"ZPOPMIN", "k"}, {"ZPOPMAX", "k", "0"}, {"ZPOPMAX", "k", "5"},
            {"ZADD", "k", "1", "a", "2", "b"}, {"ZUNIONSTORE", "d", "1", "k"}, {"ZINTERSTORE", "d", "2", "k", "nokey"},
            {"ZADD", "e", "1", "x"}, {"ZRANGESTORE", "e", "k", "0", "-1"}, {"ZRANGESTORE", "e", "k", "5", "6"},
            {"ZDIFFSTORE", "d", "1", "k"}, {"ZMPOP", "1", "k", "MIN"}, {"ZADD", "k", "1", "q"}, {"BZPOPMIN", "k", "1"},
            {"ZADD", "k", "1", "q"}, {"ZADD", "k", "GT", "0", "q"}, {"ZREM", "k", "q"},
        };
        try (RespConnection c = new RespConnection(server.port())) {
            for (String[] command : commands) {
                assertThat(call(c, command)).as(String.join(" ", command)).doesNotStartWith("-");
            }
        }
        assertThat(events).containsExactly(
                "zadd k", "zadd k", "zincr k", "zincr k", "zrem k", "zremrangebyscore k", "zadd k", "zremrangebyrank k",
                "zpopmin k", "zpopmax k", "del k", "zadd k", "zunionstore d", "del d", "zadd e", "zrangestore e", "del e",
                "zdiffstore d", "zpopmin k", "zadd k", "zpopmin k", "zadd k", "zrem k");
    }
}
