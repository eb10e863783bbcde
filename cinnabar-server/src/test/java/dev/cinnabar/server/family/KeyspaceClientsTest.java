package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.CopyArgs;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Realistic session-store and cache flows over the string, key and expiry commands through Jedis
 * and Lettuce, in RESP2 and RESP3, run against Cinnabar and against a real redis-server with the
 * same expectations.
 */
class KeyspaceClientsTest extends FamilyTestBase {
    private static final int MANY = 3000;

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void jedisSessionStore(FamilyTarget t, int protocol) {
        try (Jedis j = jedis(t, protocol)) {
            String session = "{\"user\":42,\"roles\":[\"admin\"]}";
            assertThat(j.set("session:abc", session, SetParams.setParams().ex(1800))).isEqualTo("OK");
            assertThat(j.get("session:abc")).isEqualTo(session);
            assertThat(j.ttl("session:abc")).isBetween(1700L, 1800L);
            // Sliding expiration on each request, but never shortening it.
            assertThat(j.expire("session:abc", 3600)).isEqualTo(1);
            assertThat(j.expire("session:abc", 60, ExpiryOption.GT)).isZero();
            assertThat(j.ttl("session:abc")).isBetween(3500L, 3600L);
            assertThat(j.getEx("session:abc", GetExParams.getExParams().ex(7200))).isEqualTo(session);
            assertThat(j.pttl("session:abc")).isBetween(7_100_000L, 7_200_000L);
            assertThat(j.expireTime("session:abc")).isGreaterThan(System.currentTimeMillis() / 1000);
            // "Remember me": the session becomes persistent.
            assertThat(j.persist("session:abc")).isEqualTo(1);
            assertThat(j.ttl("session:abc")).isEqualTo(-1);
            // Log-out.
            assertThat(j.getDel("session:abc")).isEqualTo(session);
            assertThat(j.get("session:abc")).isNull();
            assertThat(j.ttl("session:abc")).isEqualTo(-2);
            assertThat(j.exists("session:abc")).isFalse();

            // A lock with NX and a time to live, released with DEL.
            assertThat(j.set("lock:job", "owner-1", SetParams.setParams().nx().px(30_000))).isEqualTo("OK");
            assertThat(j.set("lock:job", "owner-2", SetParams.setParams().nx().px(30_000))).isNull();
            assertThat(j.setnx("lock:job", "owner-3")).isZero();
            assertThat(j.get("lock:job")).isEqualTo("owner-1");
            assertThat(j.del("lock:job")).isEqualTo(1);
            assertThat(j.setnx("lock:job", "owner-3")).isEqualTo(1);

            // Counters.
            for (int i = 1; i <= 10; i++) {
                assertThat(j.incr("page:views")).isEqualTo(i);
            }
            assertThat(j.incrBy("page:views", 90)).isEqualTo(100);
            assertThat(j.decrBy("page:views", 1)).isEqualTo(99);
            assertThat(j.decr("page:views")).isEqualTo(98);
            assertThat(j.objectEncoding("page:views")).isEqualTo("int");
            assertThat(j.incrByFloat("price", 10.5)).isEqualTo(10.5);
            assertThat(j.incrByFloat("price", 0.1)).isEqualTo(10.6);
            assertThat(j.get("price")).isEqualTo("10.6");
            j.set("name", "alice");
            assertThatThrownBy(() -> j.incr("name")).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR value is not an integer or out of range");
            assertThatThrownBy(() -> j.incrByFloat("name", 1)).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR value is not a valid float");

            // A cache filled in bulk, read in bulk.
            assertThat(j.mset("cache:a", "1", "cache:b", "2", "cache:c", "3")).isEqualTo("OK");
            assertThat(j.mget("cache:a", "cache:missing", "cache:c")).containsExactly("1", null, "3");
            assertThat(j.msetnx("cache:c", "x", "cache:d", "4")).isZero();
            assertThat(j.exists("cache:d")).isFalse();
            assertThat(j.append("cache:a", "00")).isEqualTo(3);
            assertThat(j.strlen("cache:a")).isEqualTo(3);
            assertThat(j.getrange("cache:a", 0, 1)).isEqualTo("10");
            assertThat(j.type("cache:a")).isEqualTo("string");
            assertThat(j.rename("cache:a", "cache:renamed")).isEqualTo("OK");
            assertThat(j.copy("cache:renamed", "cache:copy", false)).isTrue();
            assertThat(j.del("cache:renamed", "cache:b", "cache:c", "cache:missing")).isEqualTo(3);
            assertThat(j.get("cache:copy")).isEqualTo("100");
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void jedisScanVisitsEveryKey(FamilyTarget t, int protocol) {
        try (Jedis j = jedis(t, protocol)) {
            Set<String> expected = new HashSet<>();
            try (Pipeline p = j.pipelined()) {
                for (int i = 0; i < MANY; i++) {
                    p.set("cache:item:" + i, "v" + i, SetParams.setParams().ex(3600));
                    expected.add("cache:item:" + i);
                    if (i % 10 == 0) {
                        p.set("session:" + i, "s");
                    }
                }
                p.sync();
            }
            assertThat(j.dbSize()).isEqualTo(MANY + MANY / 10);
            Set<String> seen = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match("cache:item:*").count(100);
            int calls = 0;
            do {
                ScanResult<String> page = j.scan(cursor, params);
                seen.addAll(page.getResult());
                cursor = page.getCursor();
                calls++;
            } while (!cursor.equals("0"));
            assertThat(seen).isEqualTo(expected);
            assertThat(calls).isGreaterThan(1);
            // KEYS with the same pattern agrees.
            assertThat(j.keys("cache:item:1?")).containsExactlyInAnyOrder(
                    "cache:item:10", "cache:item:11", "cache:item:12", "cache:item:13", "cache:item:14",
                    "cache:item:15", "cache:item:16", "cache:item:17", "cache:item:18", "cache:item:19");
            // Expire the whole cache generation by deleting what SCAN finds.
            cursor = ScanParams.SCAN_POINTER_START;
            long deleted = 0;
            do {
                ScanResult<String> page = j.scan(cursor, new ScanParams().match("cache:*").count(500));
                if (!page.getResult().isEmpty()) {
                    deleted += j.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals("0"));
            assertThat(deleted).isEqualTo(MANY);
            assertThat(j.dbSize()).isEqualTo(MANY / 10);
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void jedisBinaryValues(FamilyTarget t, int protocol) {
        try (Jedis j = jedis(t, protocol)) {
            byte[] key = {0, (byte) 0xff, '\r', '\n'};
            byte[] value = new byte[256];
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) i;
            }
            assertThat(j.set(key, value)).isEqualTo("OK");
            assertThat(j.get(key)).isEqualTo(value);
            assertThat(j.strlen(key)).isEqualTo(256);
            // Byte 0 is 0x00: setting its last bit answers the old bit, false.
            assertThat(j.setbit(key, 7, true)).isFalse();
            assertThat(j.getbit(key, 7)).isTrue();
            assertThat(j.bitcount(key)).isEqualTo(256 * 4 + 1);
            assertThat(j.objectEncoding(key)).isEqualTo("raw".getBytes());
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void lettuceCacheFlow(FamilyTarget t, int protocol) {
        RedisClient client = lettuce(t, protocol);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            r.flushall();
            assertThat(r.set("user:1", "alice", SetArgs.Builder.ex(600))).isEqualTo("OK");
            assertThat(r.get("user:1")).isEqualTo("alice");
            assertThat(r.ttl("user:1")).isBetween(500L, 600L);
            assertThat(r.set("user:1", "bob", SetArgs.Builder.keepttl())).isEqualTo("OK");
            assertThat(r.ttl("user:1")).isBetween(500L, 600L);
            assertThat(r.setGet("user:1", "carol")).isEqualTo("bob");
            assertThat(r.ttl("user:1")).isEqualTo(-1);
            assertThat(r.expire("user:1", 100, ExpireArgs.Builder.nx())).isTrue();
            assertThat(r.expire("user:1", 200, ExpireArgs.Builder.nx())).isFalse();
            assertThat(r.expire("user:1", 50, ExpireArgs.Builder.lt())).isTrue();
            assertThat(r.pttl("user:1")).isBetween(40_000L, 50_000L);
            assertThat(r.getex("user:1", GetExArgs.Builder.persist())).isEqualTo("carol");
            assertThat(r.ttl("user:1")).isEqualTo(-1);
            assertThat(r.set("user:1", "dave", SetArgs.Builder.nx())).isNull();
            assertThat(r.set("user:2", "erin", SetArgs.Builder.xx())).isNull();
            assertThat(r.setnx("user:2", "erin")).isTrue();

            Map<String, String> batch = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                batch.put("cache:" + i, "value-" + i);
            }
            assertThat(r.mset(batch)).isEqualTo("OK");
            List<KeyValue<String, String>> values = r.mget("cache:0", "cache:missing", "cache:4");
            assertThat(values.get(0)).isEqualTo(KeyValue.just("cache:0", "value-0"));
            assertThat(values.get(1).hasValue()).isFalse();
            assertThat(values.get(2).getValue()).isEqualTo("value-4");
            assertThat(r.msetnx(Map.of("cache:0", "x", "cache:new", "y"))).isFalse();
            assertThat(r.exists("cache:new")).isZero();
            assertThat(r.exists("cache:0", "cache:1", "cache:missing")).isEqualTo(2);

            assertThat(r.incr("hits")).isEqualTo(1);
            assertThat(r.incrby("hits", 41)).isEqualTo(42);
            assertThat(r.decrby("hits", 2)).isEqualTo(40);
            assertThat(r.incrbyfloat("ratio", 0.25)).isEqualTo(0.25);
            assertThat(r.objectEncoding("hits")).isEqualTo("int");
            assertThat(r.objectRefcount("hits")).isEqualTo(Integer.MAX_VALUE);
            assertThatThrownBy(() -> r.incr("user:1")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("ERR value is not an integer or out of range");
            assertThatThrownBy(() -> r.set("x", "y", SetArgs.Builder.ex(0)))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("ERR invalid expire time in 'set' command");
            assertThatThrownBy(() -> r.rename("missing", "other")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("ERR no such key");

            assertThat(r.copy("cache:0", "cache:copy", CopyArgs.Builder.replace(true))).isTrue();
            assertThat(r.renamenx("cache:copy", "cache:1")).isFalse();
            assertThat(r.getdel("cache:copy")).isEqualTo("value-0");
            assertThat(r.del("cache:0", "cache:1", "cache:missing")).isEqualTo(2);
            assertThat(r.type("cache:2")).isEqualTo("string");
            assertThat(r.type("cache:0")).isEqualTo("none");
            assertThat(r.setrange("cache:2", 6, "X")).isEqualTo(7);
            assertThat(r.getrange("cache:2", 0, -1)).isEqualTo("value-X");
            assertThat(r.strlen("cache:2")).isEqualTo(7);
            assertThat(r.append("cache:2", "YZ")).isEqualTo(9);
            assertThat(r.setbit("bits", 3, 1)).isZero();
            assertThat(r.bitcount("bits")).isEqualTo(1);
            assertThat(r.bitpos("bits", true)).isEqualTo(3);
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void lettuceScanVisitsEveryKey(FamilyTarget t, int protocol) {
        RedisClient client = lettuce(t, protocol);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            r.flushall();
            Set<String> expected = new HashSet<>();
            Map<String, String> batch = new LinkedHashMap<>();
            for (int i = 0; i < MANY; i++) {
                batch.put("k:" + i, Integer.toString(i));
                expected.add("k:" + i);
            }
            batch.put("other", "x");
            r.mset(batch);
            List<String> all = new ArrayList<>();
            KeyScanCursor<String> cursor = r.scan(ScanArgs.Builder.matches("k:*").limit(250));
            all.addAll(cursor.getKeys());
            while (!cursor.isFinished()) {
                cursor = r.scan(cursor, ScanArgs.Builder.matches("k:*").limit(250));
                all.addAll(cursor.getKeys());
            }
            assertThat(cursor.getCursor()).isEqualTo("0");
            assertThat(new HashSet<>(all)).isEqualTo(expected);
            assertThat(all.size()).isGreaterThanOrEqualTo(MANY);
            // Without MATCH and with a tiny COUNT, every key still comes back.
            Set<String> everything = new HashSet<>();
            KeyScanCursor<String> page = r.scan(ScanCursor.INITIAL, ScanArgs.Builder.limit(3));
            everything.addAll(page.getKeys());
            while (!page.isFinished()) {
                page = r.scan(page, ScanArgs.Builder.limit(3));
                everything.addAll(page.getKeys());
            }
            assertThat(everything).hasSize(MANY + 1).contains("other");
            assertThat(r.keys("k:29??")).hasSize(100);
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("targetsAndProtocols")
    void lettuceBinaryValues(FamilyTarget t, int protocol) {
        RedisClient client = lettuce(t, protocol);
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> r = connection.sync();
            r.flushall();
            byte[] key = {(byte) 0xc3, 0x28, 0};
            byte[] value = {(byte) 0x80, (byte) 0xff, 0, '\r', '\n'};
            assertThat(r.set(key, value)).isEqualTo("OK");
            assertThat(r.get(key)).isEqualTo(value);
            assertThat(r.keys("*")).hasSize(1);
            assertThat(r.keys("*").get(0)).isEqualTo(key);
            assertThat(r.bitcount(key)).isEqualTo(1 + 8 + 0 + 3 + 2);
            assertThat(r.getrange(key, 1, 2)).isEqualTo(new byte[] {(byte) 0xff, 0});
        } finally {
            client.shutdown();
        }
    }
}
