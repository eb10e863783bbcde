package dev.cinnabar.server.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.TestServers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LMPopArgs;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.LPosArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.LPosParams;

/** The list commands through Jedis and Lettuce, in RESP2 and RESP3. */
class ListClientsTest {
    private static Cinnabar server;

    @BeforeAll
    static void start() {
        server = TestServers.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Jedis jedis(int protocol) {
        return new Jedis(new HostAndPort(server.host(), server.port()), DefaultJedisClientConfig.builder()
                .protocol(protocol == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2).build());
    }

    private static RedisClient lettuce(String protocol) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(server.host()).withPort(server.port()).build());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.valueOf(protocol)).build());
        return client;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void jedisListCommands(int protocol) {
        try (Jedis j = jedis(protocol)) {
            j.select(protocol);
            j.flushDB();
            assertThat(j.rpush("l", "a", "b", "c")).isEqualTo(3);
            assertThat(j.lpush("l", "z")).isEqualTo(4);
            assertThat(j.lpushx("missing", "x")).isZero();
            assertThat(j.lrange("l", 0, -1)).containsExactly("z", "a", "b", "c");
            assertThat(j.llen("l")).isEqualTo(4);
            assertThat(j.lindex("l", -1)).isEqualTo("c");
            assertThat(j.lindex("l", 10)).isNull();
            assertThat(j.lset("l", 0, "y")).isEqualTo("OK");
            assertThat(j.linsert("l", ListPosition.AFTER, "a", "a2")).isEqualTo(5);
            assertThat(j.linsert("l", ListPosition.BEFORE, "nope", "x")).isEqualTo(-1);
            assertThat(j.lpos("l", "b")).isEqualTo(3);
            assertThat(j.lpos("l", "nope")).isNull();
            assertThat(j.rpush("l", "b")).isEqualTo(6);
            assertThat(j.lpos("l", "b", LPosParams.lPosParams().rank(-1), 0)).containsExactly(5L, 3L);
            assertThat(j.lrem("l", -1, "b")).isEqualTo(1);
            assertThat(j.ltrim("l", 0, 3)).isEqualTo("OK");
            assertThat(j.lrange("l", 0, -1)).containsExactly("y", "a", "a2", "b");
            assertThat(j.lpop("l")).isEqualTo("y");
            assertThat(j.rpop("l", 2)).containsExactly("b", "a2");
            assertThat(j.lpop("missing")).isNull();
            assertThat(j.lpop("missing", 2)).isNull();
            assertThat(j.lmove("l", "m", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("a");
            assertThat(j.exists("l")).isFalse();
            assertThat(j.rpoplpush("m", "n")).isEqualTo("a");
            assertThat(j.rpush("p", "1", "2", "3")).isEqualTo(3);
            var popped = j.lmpop(ListDirection.RIGHT, 2, "missing", "p");
            assertThat(popped.getKey()).isEqualTo("p");
            assertThat(popped.getValue()).containsExactly("3", "2");
            assertThat(j.lmpop(ListDirection.LEFT, "missing")).isNull();
            // Blocking forms: served at once, or nil after the timeout.
            var served = j.blpop(1.0, "missing", "p");
            assertThat(served.getKey()).isEqualTo("p");
            assertThat(served.getValue()).isEqualTo("1");
            assertThat(j.blpop(0.05, "missing")).isNull();
            assertThat(j.brpop(0.05, "missing", "other")).isNull();
            assertThat(j.blmove("missing", "x", ListDirection.LEFT, ListDirection.LEFT, 0.05)).isNull();
            assertThat(j.brpoplpush("missing", "x", 1)).isNull();
            assertThat(j.blmpop(0.05, ListDirection.LEFT, "missing")).isNull();
            assertThat(j.rpush("q", "v")).isEqualTo(1);
            assertThat(j.blmove("q", "r", ListDirection.RIGHT, ListDirection.LEFT, 0)).isEqualTo("v");
            var many = j.blmpop(0, ListDirection.LEFT, 5, "r");
            assertThat(many.getKey()).isEqualTo("r");
            assertThat(many.getValue()).containsExactly("v");
            j.set("s", "string");
            assertThatThrownBy(() -> j.lpush("s", "x")).isInstanceOf(JedisDataException.class)
                    .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
            assertThatThrownBy(() -> j.lset("n", 5, "x")).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR index out of range");
            assertThat(j.type("n")).isEqualTo("list");
            assertThat(j.objectEncoding("n")).isEqualTo("listpack");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESP2", "RESP3"})
    void lettuceListCommands(String protocol) {
        RedisClient client = lettuce(protocol);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            r.select(protocol.equals("RESP2") ? 4 : 5);
            r.flushdb();
            assertThat(r.rpush("l", "a", "b", "c", "b")).isEqualTo(4);
            assertThat(r.lrange("l", 1, 2)).containsExactly("b", "c");
            assertThat(r.lpos("l", "b")).isEqualTo(1);
            assertThat(r.lpos("l", "b", 0, LPosArgs.Builder.rank(-1))).containsExactly(3L, 1L);
            assertThat(r.lpos("l", "nope")).isNull();
            assertThat(r.linsert("l", true, "c", "before c")).isEqualTo(5);
            assertThat(r.lrem("l", 0, "b")).isEqualTo(2);
            assertThat(r.lrange("l", 0, -1)).containsExactly("a", "before c", "c");
            assertThat(r.lpop("l", 2)).containsExactly("a", "before c");
            assertThat(r.rpop("l")).isEqualTo("c");
            assertThat(r.exists("l")).isZero();
            assertThat(r.lpop("l")).isNull();
            assertThat(r.rpush("src", "1", "2")).isEqualTo(2);
            assertThat(r.lmove("src", "dst", LMoveArgs.Builder.rightLeft())).isEqualTo("2");
            assertThat(r.blmove("src", "dst", LMoveArgs.Builder.leftRight(), 0.5)).isEqualTo("1");
            assertThat(r.lrange("dst", 0, -1)).containsExactly("2", "1");
            assertThat(r.blmove("src", "dst", LMoveArgs.Builder.leftRight(), 0.05)).isNull();
            KeyValue<String, List<String>> popped = r.lmpop(LMPopArgs.Builder.left().count(5), "src", "dst");
            assertThat(popped.getKey()).isEqualTo("dst");
            assertThat(popped.getValue()).containsExactly("2", "1");
            assertThat(r.blpop(0.05, "dst")).isNull();
            assertThat(r.blmpop(0.05, LMPopArgs.Builder.right(), "dst")).isNull();
            r.set("s", "x");
            assertThatThrownBy(() -> r.llen("s")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("WRONGTYPE");
            // A blocked Lettuce command is served when another connection pushes.
            try (StatefulRedisConnection<String, String> other = client.connect()) {
                other.sync().select(protocol.equals("RESP2") ? 4 : 5);
                RedisAsyncCommands<String, String> async = other.async();
                var waiting = async.brpop(10, "jobs");
                waitForBlockedClient(r);
                assertThat(r.lpush("jobs", "job-1")).isEqualTo(1);
                KeyValue<String, String> job = waiting.get(10, TimeUnit.SECONDS);
                assertThat(job.getKey()).isEqualTo("jobs");
                assertThat(job.getValue()).isEqualTo("job-1");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void waitForBlockedClient(RedisCommands<String, String> r) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!r.info("clients").contains("blocked_clients:1")) {
            assertThat(System.nanoTime()).as("a client blocks").isLessThan(deadline);
            Thread.sleep(2);
        }
    }
}
