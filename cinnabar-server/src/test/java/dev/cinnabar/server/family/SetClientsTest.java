package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Set flows through Jedis and Lettuce, in RESP2 and RESP3 (where SMEMBERS and friends are RESP3
 * sets), against Cinnabar and a real redis-server with the same expectations: tags on articles,
 * unique visitors, a raffle drawn with SPOP, and a full SSCAN.
 */
class SetClientsTest extends FamilyTestBase {
    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void jedisTagsAndVisitors(FamilyTarget t, int protocol) {
        try (Jedis j = jedis(t, protocol)) {
            assertThat(j.sadd("article:1:tags", "redis", "java", "databases")).isEqualTo(3);
            assertThat(j.sadd("article:2:tags", "java", "jvm", "gc")).isEqualTo(3);
            assertThat(j.sadd("article:3:tags", "redis", "java")).isEqualTo(2);
            assertThat(j.sadd("article:1:tags", "redis")).isZero();
            assertThat(j.smembers("article:3:tags")).containsExactlyInAnyOrder("redis", "java");
            assertThat(j.sinter("article:1:tags", "article:2:tags")).containsExactly("java");
            assertThat(j.sunion("article:1:tags", "article:2:tags")).hasSize(5);
            assertThat(j.sdiff("article:1:tags", "article:3:tags")).containsExactly("databases");
            assertThat(j.sintercard("article:1:tags", "article:3:tags")).isEqualTo(2);
            assertThat(j.sintercard(1, "article:1:tags", "article:3:tags")).isEqualTo(1);
            assertThat(j.sinterstore("common", "article:1:tags", "article:3:tags")).isEqualTo(2);
            assertThat(j.sunionstore("all", "article:1:tags", "article:2:tags", "article:3:tags")).isEqualTo(5);
            assertThat(j.sdiffstore("only1", "article:1:tags", "article:2:tags")).isEqualTo(2);
            assertThat(j.scard("all")).isEqualTo(5);
            assertThat(j.sismember("all", "gc")).isTrue();
            assertThat(j.smismember("all", "gc", "rust", "redis")).containsExactly(true, false, true);
            assertThat(j.smove("article:2:tags", "article:3:tags", "gc")).isEqualTo(1);
            assertThat(j.smove("article:2:tags", "article:3:tags", "gc")).isZero();
            assertThat(j.srem("article:3:tags", "gc", "nope")).isEqualTo(1);

            // Unique visitors by numeric id: an intset, listed in ascending order.
            Pipeline p = j.pipelined();
            for (int id = 50; id > 0; id--) {
                p.sadd("visitors:today", Integer.toString(id * 7));
            }
            Response<Long> count = p.scard("visitors:today");
            p.sync();
            assertThat(count.get()).isEqualTo(50);
            assertThat(j.objectEncoding("visitors:today")).isEqualTo("intset");
            assertThat(j.smembers("visitors:today")).hasSize(50).contains("7", "350");
            assertThat(j.srandmember("visitors:today", 5)).hasSize(5).doesNotHaveDuplicates();
            assertThat(j.srandmember("visitors:today", -80)).hasSize(80);

            assertThatThrownBy(() -> j.spop("visitors:today", -1)).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR value is out of range, must be positive");
            j.set("plain", "x");
            assertThatThrownBy(() -> j.sadd("plain", "a")).isInstanceOf(JedisDataException.class)
                    .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");

            Set<String> scanned = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = j.sscan("visitors:today", cursor, new ScanParams().count(10).match("*7"));
                scanned.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertThat(scanned).allMatch(m -> m.endsWith("7")).contains("7", "147");
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void lettuceRaffle(FamilyTarget t, int protocol) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(t.host()).withPort(t.port()).build());
        client.setOptions(ClientOptions.builder()
                .protocolVersion(protocol == 3 ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            r.flushall();
            String[] entrants = new String[300];
            for (int i = 0; i < entrants.length; i++) {
                entrants[i] = "player:" + i;
            }
            assertThat(r.sadd("raffle", entrants)).isEqualTo(300);
            assertThat(r.objectEncoding("raffle")).isEqualTo("hashtable");
            Set<String> winners = new HashSet<>(r.spop("raffle", 3));
            assertThat(winners).hasSize(3);
            String single = r.spop("raffle");
            assertThat(winners.add(single)).isTrue();
            assertThat(r.scard("raffle")).isEqualTo(296);
            for (String w : winners) {
                assertThat(r.sismember("raffle", w)).isFalse();
            }
            assertThat(r.srandmember("raffle")).startsWith("player:");
            assertThat(r.srandmember("raffle", 4)).hasSize(4).doesNotHaveDuplicates();

            Set<String> seen = new HashSet<>();
            ValueScanCursor<String> page = r.sscan("raffle", ScanArgs.Builder.limit(50));
            seen.addAll(page.getValues());
            while (!page.isFinished()) {
                page = r.sscan("raffle", ScanCursor.of(page.getCursor()), ScanArgs.Builder.limit(50));
                seen.addAll(page.getValues());
            }
            assertThat(seen).hasSize(296).doesNotContainAnyElementsOf(winners);

            assertThat(r.sadd("small", "a", "b", "1")).isEqualTo(3);
            assertThat(r.sintercard(1, "small", "raffle")).isZero();
            assertThat(r.smembers("small")).containsExactlyInAnyOrder("a", "b", "1");
            assertThat(r.spop("small", 10)).containsExactlyInAnyOrder("a", "b", "1");
            assertThat(r.exists("small")).isZero();
            assertThat(r.smembers("small")).isEmpty();
            assertThat(r.sintercard("raffle", "raffle")).isEqualTo(296);
            assertThat(r.sintercard(10, "raffle", "raffle")).isEqualTo(10);
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void lettuceErrors(FamilyTarget t, int protocol) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(t.host()).withPort(t.port()).build());
        client.setOptions(ClientOptions.builder()
                .protocolVersion(protocol == 3 ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            r.flushall();
            r.set("plain", "x");
            assertThatThrownBy(() -> r.smembers("plain")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
            assertThatThrownBy(() -> r.sunionstore("dst", "plain")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
            assertThat(r.sinterstore("plain", "missing")).isZero();
            assertThat(r.exists("plain")).isZero();
        } finally {
            client.shutdown();
        }
    }
}
