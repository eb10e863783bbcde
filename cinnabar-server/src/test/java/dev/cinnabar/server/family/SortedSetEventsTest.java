package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RespConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyspace events of the sorted-set commands, as a subscriber of {@code __keyevent@0__:*}
 * receives them with notify-keyspace-events KEA, from Cinnabar and from a real redis-server: one
 * event per changed key named after the command ("zincr" for ZINCRBY and ZADD INCR, the pops'
 * "zpopmin"/"zpopmax" also for ZMPOP and the blocking forms), "del" after it when the key was
 * emptied, nothing when nothing changed.
 */
class SortedSetEventsTest extends FamilyTestBase {
    private static String text(RespValue v) {
        return new String(((RespValue.Bulk) v).bytes(), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void eventsAreRedisOwn(FamilyTarget t) {
        String[][] commands = {
            {"ZADD", "k", "1", "a", "2", "b"}, {"ZADD", "k", "1", "a"}, {"ZADD", "k", "XX", "CH", "5", "a"},
            {"ZINCRBY", "k", "1", "a"}, {"ZADD", "k", "INCR", "1", "c"}, {"ZREM", "k", "zz"}, {"ZREM", "k", "a"},
            {"ZREMRANGEBYSCORE", "k", "100", "200"}, {"ZREMRANGEBYSCORE", "k", "0", "1"},
            {"ZADD", "k", "1", "a", "2", "b", "3", "c", "4", "d"}, {"ZREMRANGEBYRANK", "k", "0", "0"},
            {"ZREMRANGEBYLEX", "k", "[zz", "+"}, {"ZPOPMIN", "k"}, {"ZPOPMAX", "k", "0"}, {"ZPOPMAX", "k", "5"},
            {"ZADD", "k", "1", "a", "2", "b"}, {"ZUNIONSTORE", "d", "1", "k"}, {"ZINTERSTORE", "d", "2", "k", "nokey"},
            {"ZADD", "e", "1", "x"}, {"ZRANGESTORE", "e", "k", "0", "-1"}, {"ZRANGESTORE", "e", "k", "5", "6"},
            {"ZDIFFSTORE", "d", "1", "k"}, {"ZMPOP", "1", "k", "MIN"}, {"ZADD", "k", "1", "q"}, {"BZPOPMIN", "k", "1"},
            {"ZADD", "k", "1", "q"}, {"ZADD", "k", "GT", "0", "q"}, {"ZREM", "k", "q"}, {"ZREM", "k", "b"},
            {"ZADD", "z", "1", "m"}, {"BZMPOP", "1", "1", "z", "MAX"}, {"ZADD", "z", "1", "m"},
            {"ZREMRANGEBYLEX", "z", "-", "+"},
        };
        try (RespConnection c = t.fresh(); RespConnection subscriber = t.connect()) {
            expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "KEA");
            subscriber.send("PSUBSCRIBE", "__keyevent@0__:*");
            assertThat(subscriber.read().describe()).contains("psubscribe");
            for (String[] command : commands) {
                assertThat(call(c, command)).as(String.join(" ", command)).doesNotStartWith("-");
            }
            call(c, "PUBLISH", "__keyevent@0__:end", "-");
            List<String> events = new ArrayList<>();
            while (true) {
                List<RespValue> message = ((RespValue.Aggregate) subscriber.read()).elements();
                String channel = text(message.get(2));
                if (channel.endsWith(":end")) {
                    break;
                }
                events.add(channel.substring("__keyevent@0__:".length()) + " " + text(message.get(3)));
            }
            expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "");
            assertThat(events).containsExactly(
                    "zadd k", "zadd k", "zincr k", "zincr k", "zrem k", "zremrangebyscore k", "zadd k",
                    "zremrangebyrank k", "zpopmin k", "zpopmax k", "del k", "zadd k", "zunionstore d", "del d", "zadd e",
                    "zrangestore e", "del e", "zdiffstore d", "zpopmin k", "zadd k", "zpopmin k", "zadd k", "zrem k",
                    "zrem k", "del k", "zadd z", "zpopmax z", "del z", "zadd z", "zremrangebylex z", "del z");
        }
    }
}
