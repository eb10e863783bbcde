package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.ZAggregateArgs;
import io.lettuce.core.ZPopArgs;
import io.lettuce.core.ZStoreArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.SortedSetOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * A leaderboard and a delay queue built on sorted sets through Jedis and Lettuce, in RESP2 and
 * RESP3 (where scores arrive as doubles and pairs as nested arrays), against Cinnabar and a real
 * redis-server with the same expectations.
 */
class SortedSetClientsTest extends FamilyTestBase {
    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void jedisLeaderboard(FamilyTarget t, int protocol) {
        try (Jedis j = jedis(t, protocol)) {
            Map<String, Double> players = new LinkedHashMap<>();
            for (int i = 0; i < 200; i++) {
                players.put("player:" + i, (double) (i * 7 % 200));
            }
            assertThat(j.zadd("board", players)).isEqualTo(200);
            assertThat(j.objectEncoding("board")).isEqualTo("skiplist");
            assertThat(j.zincrby("board", 1000.5, "player:3")).isEqualTo(1021.5);
            assertThat(j.zadd("board", 5, "player:3", ZAddParams.zAddParams().gt())).isZero();
            assertThat(j.zscore("board", "player:3")).isEqualTo(1021.5);
            List<Tuple> top = j.zrevrangeWithScores("board", 0, 2);
            assertThat(top).extracting(Tuple::getElement).containsExactly("player:3", "player:57", "player:114");
            assertThat(top.get(0).getScore()).isEqualTo(1021.5);
            assertThat(j.zrevrank("board", "player:3")).isZero();
            assertThat(j.zrank("board", "player:0")).isZero();
            assertThat(j.zrank("board", "nobody")).isNull();
            assertThat(j.zmscore("board", "player:0", "nobody", "player:1")).containsExactly(0.0, null, 7.0);
            assertThat(j.zcount("board", 10, 19)).isEqualTo(10);
            assertThat(j.zrangeByScore("board", 0, 10, 1, 2)).containsExactly("player:143", "player:86");
            assertThat(j.zrangestore("page", "board", ZRangeParams.zrangeByScoreParams(0, 4))).isEqualTo(5);
            assertThat(j.objectEncoding("page")).isEqualTo("listpack");
            assertThat(j.zremrangeByRank("board", 0, 99)).isEqualTo(100);
            assertThat(j.zcard("board")).isEqualTo(100);
            Tuple lowest = j.zpopmin("board");
            // Scores 0..100 but 21 went with the first 100 ranks; 101 is player 43 (43 * 7 % 200).
            assertThat(lowest.getElement()).isEqualTo("player:43");
            assertThat(lowest.getScore()).isEqualTo(101.0);
            assertThat(j.zpopmax("board", 2)).extracting(Tuple::getScore).containsExactly(1021.5, 199.0);
            // Random picks are members; a full scan sees every one.
            List<Tuple> sample = j.zrandmemberWithScores("board", 5);
            assertThat(sample).hasSize(5);
            for (Tuple p : sample) {
                assertThat(j.zscore("board", p.getElement())).isEqualTo(p.getScore());
            }
            Map<String, Double> scanned = new HashMap<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<Tuple> page = j.zscan("board", cursor, new ScanParams().count(10));
                page.getResult().forEach(p -> scanned.put(p.getElement(), p.getScore()));
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertThat(scanned).hasSize(97);
            // Weekly boards merged with weights.
            j.zadd("week:1", Map.of("ann", 10.0, "bob", 20.0));
            j.zadd("week:2", Map.of("bob", 5.0, "cid", 7.0));
            assertThat(j.zunionstore("total", new ZParams().weights(1, 2).aggregate(ZParams.Aggregate.SUM), "week:1",
                    "week:2")).isEqualTo(3);
            assertThat(j.zrevrangeWithScores("total", 0, -1)).extracting(Tuple::getElement).containsExactly("bob", "cid", "ann");
            assertThat(j.zinterWithScores(new ZParams().aggregate(ZParams.Aggregate.MAX), "week:1", "week:2"))
                    .containsExactly(new Tuple("bob", 20.0));
            assertThat(j.zintercard("week:1", "week:2")).isEqualTo(1);
            assertThat(j.zdiff("week:1", "week:2")).containsExactly("ann");
            j.set("text", "x");
            assertThatThrownBy(() -> j.zadd("text", 1, "a")).isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("WRONGTYPE");
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void jedisDelayQueue(FamilyTarget t, int protocol) {
        try (Jedis j = jedis(t, protocol)) {
            for (int i = 0; i < 10; i++) {
                j.zadd("delayed", 1_000 + i, "job:" + i);
            }
            // Due jobs are taken in order of their due time.
            var first = j.bzpopmin(1.0, "other", "delayed");
            assertThat(first.getKey()).isEqualTo("delayed");
            assertThat(first.getValue().getElement()).isEqualTo("job:0");
            var batch = j.bzmpop(1.0, SortedSetOption.MIN, 3, "delayed");
            assertThat(batch.getValue()).extracting(Tuple::getElement).containsExactly("job:1", "job:2", "job:3");
            var last = j.zmpop(SortedSetOption.MAX, "delayed");
            assertThat(last.getValue()).extracting(Tuple::getElement).containsExactly("job:9");
            assertThat(j.bzpopmin(0.01, "empty")).isNull();
            assertThat(j.zcard("delayed")).isEqualTo(5);
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void lettuceLeaderboard(FamilyTarget t, int protocol) {
        RedisClient client = lettuce(t, protocol);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            r.flushall();
            assertThat(r.zadd("board", ScoredValue.just(1.5, "ann"), ScoredValue.just(2.5, "bob"),
                    ScoredValue.just(-1, "cid"))).isEqualTo(3);
            assertThat(r.zaddincr("board", 10, "ann")).isEqualTo(11.5);
            assertThat(r.zaddincr("board", ZAddArgs.Builder.nx(), 1, "ann")).isNull();
            assertThat(r.zadd("board", ZAddArgs.Builder.xx().ch(), 3.0, "bob")).isEqualTo(1);
            assertThat(r.zincrby("board", 0.25, "cid")).isEqualTo(-0.75);
            assertThat(r.zrank("board", "ann")).isEqualTo(2);
            assertThat(r.zscore("board", "bob")).isEqualTo(3.0);
            assertThat(r.zmscore("board", "ann", "zed")).containsExactly(11.5, null);
            assertThat(r.zcount("board", Range.create(0, 100))).isEqualTo(2);
            assertThat(r.zrangebyscore("board", Range.create(-10, 100), Limit.create(1, 1))).containsExactly("bob");
            assertThat(r.zrangeWithScores("board", 0, -1)).containsExactly(ScoredValue.just(-0.75, "cid"),
                    ScoredValue.just(3.0, "bob"), ScoredValue.just(11.5, "ann"));
            assertThat(r.zrevrangebyscoreWithScores("board", Range.create(0, 100)))
                    .containsExactly(ScoredValue.just(11.5, "ann"), ScoredValue.just(3.0, "bob"));
            assertThat(r.zrangestorebyscore("copy", "board", Range.create(0, 5), Limit.unlimited())).isEqualTo(1);
            assertThat(r.zrandmemberWithScores("board", -5)).hasSize(5)
                    .allSatisfy(v -> assertThat(r.zscore("board", v.getValue())).isEqualTo(v.getScore()));
            ScoredValueScanCursor<String> scan = r.zscan("board");
            assertThat(scan.getValues()).hasSize(3);
            assertThat(scan.isFinished()).isTrue();
            assertThat(r.zpopmin("board")).isEqualTo(ScoredValue.just(-0.75, "cid"));
            assertThat(r.zpopmax("board", 5)).containsExactly(ScoredValue.just(11.5, "ann"), ScoredValue.just(3.0, "bob"));
            assertThat(r.exists("board")).isZero();
            r.zadd("a", 1.0, "x", 2.0, "y");
            r.zadd("b", 10.0, "y", 20.0, "z");
            assertThat(r.zunionstore("u", ZStoreArgs.Builder.weights(2, 1), "a", "b")).isEqualTo(3);
            assertThat(r.zrangeWithScores("u", 0, -1)).containsExactly(ScoredValue.just(2, "x"), ScoredValue.just(14, "y"),
                    ScoredValue.just(20, "z"));
            assertThat(r.zinterWithScores(ZAggregateArgs.Builder.min(), "a", "b")).containsExactly(ScoredValue.just(2, "y"));
            KeyValue<String, ScoredValue<String>> popped = r.bzpopmin(1.0, "none", "u");
            assertThat(popped.getKey()).isEqualTo("u");
            assertThat(popped.getValue()).isEqualTo(ScoredValue.just(2, "x"));
            KeyValue<String, List<ScoredValue<String>>> many = r.zmpop(5, ZPopArgs.Builder.max(), "none", "u");
            assertThat(many.getValue()).containsExactly(ScoredValue.just(20, "z"), ScoredValue.just(14, "y"));
            r.set("text", "x");
            assertThatThrownBy(() -> r.zcard("text")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("WRONGTYPE");
        } finally {
            client.shutdown();
        }
    }
}
