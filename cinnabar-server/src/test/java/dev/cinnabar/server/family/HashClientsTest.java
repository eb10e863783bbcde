package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.KeyValue;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Hashes as applications use them (a session or user profile store, counters, sampling, scans)
 * through Jedis and Lettuce, in RESP2 and RESP3, against Cinnabar and a real redis-server with the
 * same expectations. The Redis 7.4 field expiry calls run against Cinnabar only (the 7.0 oracle
 * does not have them).
 */
class HashClientsTest extends FamilyTestBase {
    /** A Jedis connection to an emptied target with Redis's default hash-max-listpack-entries. */
    private static Jedis jedisWithDefaultHashLimits(FamilyTarget t, int protocol) {
        Jedis j = jedis(t, protocol);
        j.configSet("hash-max-listpack-entries", "512");
        return j;
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void jedisUserProfiles(FamilyTarget t, int protocol) {
        try (Jedis j = jedisWithDefaultHashLimits(t, protocol)) {
            Map<String, String> profile = new LinkedHashMap<>();
            profile.put("name", "Ada");
            profile.put("email", "ada@example.com");
            profile.put("visits", "0");
            assertThat(j.hset("user:1", profile)).isEqualTo(3);
            assertThat(j.hget("user:1", "name")).isEqualTo("Ada");
            assertThat(j.hgetAll("user:1")).isEqualTo(profile);
            assertThat(j.hmget("user:1", "email", "phone")).containsExactly("ada@example.com", null);
            assertThat(j.hincrBy("user:1", "visits", 1)).isEqualTo(1);
            assertThat(j.hincrByFloat("user:1", "balance", 10.5)).isEqualTo(10.5);
            assertThat(j.hincrByFloat("user:1", "balance", -0.25)).isEqualTo(10.25);
            assertThat(j.hsetnx("user:1", "name", "Bob")).isZero();
            assertThat(j.hexists("user:1", "balance")).isTrue();
            assertThat(j.hlen("user:1")).isEqualTo(4);
            assertThat(j.hstrlen("user:1", "email")).isEqualTo(15);
            assertThat(j.hkeys("user:1")).containsExactlyInAnyOrder("name", "email", "visits", "balance");
            assertThat(j.hvals("user:1")).containsExactlyInAnyOrder("Ada", "ada@example.com", "1", "10.25");
            assertThat(j.objectEncoding("user:1")).isEqualTo("listpack");
            assertThat(j.hdel("user:1", "balance", "nope")).isEqualTo(1);
            assertThatThrownBy(() -> j.hincrBy("user:1", "name", 1)).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR hash value is not an integer");
            j.set("plain", "x");
            assertThatThrownBy(() -> j.hget("plain", "f")).isInstanceOf(JedisDataException.class)
                    .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");

            // Sampling and scanning a larger hash.
            Map<String, String> big = new HashMap<>();
            for (int i = 0; i < 600; i++) {
                big.put("field" + i, "value" + i);
            }
            assertThat(j.hset("big", big)).isEqualTo(600);
            assertThat(j.objectEncoding("big")).isEqualTo("hashtable");
            assertThat(j.hrandfield("big")).startsWith("field");
            assertThat(j.hrandfield("big", 10)).hasSize(10).doesNotHaveDuplicates();
            assertThat(j.hrandfield("big", -500)).hasSize(500);
            List<Map.Entry<String, String>> pairs = j.hrandfieldWithValues("big", 5);
            assertThat(pairs).hasSize(5).allSatisfy(e -> assertThat(big).containsEntry(e.getKey(), e.getValue()));
            Map<String, String> scanned = new HashMap<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<Map.Entry<String, String>> page = j.hscan("big", cursor, new ScanParams().count(20));
                page.getResult().forEach(e -> scanned.put(e.getKey(), e.getValue()));
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertThat(scanned).isEqualTo(big);
            assertThat(j.del("big", "user:1")).isEqualTo(2);

            if (!t.isRedis()) {
                // Redis 7.4: a session whose fields expire one by one.
                assertThat(j.hset("session", Map.of("token", "t1", "csrf", "c1", "user", "42"))).isEqualTo(3);
                assertThat(j.hexpire("session", 1800, "token", "csrf", "nope")).containsExactly(1L, 1L, -2L);
                assertThat(j.hexpire("session", 60, ExpiryOption.GT, "token")).containsExactly(0L);
                assertThat(j.httl("session", "token", "user")).satisfies(ttl -> {
                    assertThat(ttl.get(0)).isBetween(1790L, 1800L);
                    assertThat(ttl.get(1)).isEqualTo(-1L);
                });
                assertThat(j.hpttl("session", "csrf").get(0)).isBetween(1_790_000L, 1_800_000L);
                assertThat(j.hexpireTime("session", "token").get(0)).isGreaterThan(System.currentTimeMillis() / 1000);
                assertThat(j.hpexpireTime("session", "user")).containsExactly(-1L);
                assertThat(j.hpersist("session", "token", "user")).containsExactly(1L, -1L);
                assertThat(j.objectEncoding("session")).isEqualTo("listpackex");
            }
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void lettuceCountersAndCarts(FamilyTarget t, int protocol) {
        RedisClient client = lettuce(t, protocol);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            r.flushall();
            r.configSet("hash-max-listpack-entries", "512");
            assertThat(r.hset("cart:7", Map.of("apple", "2", "pear", "1"))).isEqualTo(2);
            assertThat(r.hincrby("cart:7", "apple", 3)).isEqualTo(5);
            assertThat(r.hincrby("cart:7", "plum", 1)).isEqualTo(1);
            assertThat(r.hincrbyfloat("cart:7", "total", 3.75)).isEqualTo(3.75);
            assertThat(r.hgetall("cart:7")).containsOnly(Map.entry("apple", "5"), Map.entry("pear", "1"),
                    Map.entry("plum", "1"), Map.entry("total", "3.75"));
            assertThat(r.hmget("cart:7", "pear", "kiwi")).containsExactly(KeyValue.just("pear", "1"),
                    KeyValue.empty("kiwi"));
            assertThat(r.hdel("cart:7", "pear")).isEqualTo(1);
            assertThat(r.hrandfieldWithvalues("cart:7", 10)).hasSize(3);
            assertThat(r.hrandfield("cart:7", -4)).hasSize(4);
            MapScanCursor<String, String> page = r.hscan("cart:7", ScanArgs.Builder.matches("p*"));
            assertThat(page.isFinished()).isTrue();
            assertThat(page.getMap()).containsOnly(Map.entry("plum", "1"));
            assertThatThrownBy(() -> r.hincrbyfloat("cart:7", "apple", Double.POSITIVE_INFINITY))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("ERR value is NaN or Infinity");
            assertThat(r.hlen("cart:7")).isEqualTo(3);
            assertThat(r.hsetnx("cart:7", "apple", "9")).isFalse();
            if (!t.isRedis()) {
                assertThat(r.hexpire("cart:7", 3600, "apple", "kiwi")).containsExactly(1L, -2L);
                assertThat(r.hexpire("cart:7", 60, ExpireArgs.Builder.nx(), "apple", "plum")).containsExactly(0L, 1L);
                assertThat(r.httl("cart:7", "apple").get(0)).isBetween(3590L, 3600L);
                assertThat(r.hpersist("cart:7", "plum")).containsExactly(1L);
                assertThat(r.hscanNovalues("cart:7").getKeys()).containsExactlyInAnyOrder("apple", "plum", "total");
            }
        } finally {
            client.shutdown();
        }
    }
}
