package dev.cinnabar.server.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.TestServers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;

/** The connection and server commands through real client libraries, in RESP2 and RESP3. */
class ClientLibrariesTest {
    private static Cinnabar server;
    private static Cinnabar secured;

    @BeforeAll
    static void start() {
        server = TestServers.start();
        secured = TestServers.start("requirepass", "s3cret");
    }

    @AfterAll
    static void stop() {
        server.close();
        secured.close();
    }

    private static Jedis jedis(Cinnabar s, int protocol, String password) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .protocol(protocol == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2)
                .clientName("jedis-test");
        if (password != null) {
            config.password(password);
        }
        return new Jedis(new HostAndPort(s.host(), s.port()), config.build());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void jedisConnectionCommands(int protocol) {
        try (Jedis j = jedis(server, protocol, null)) {
            assertThat(j.ping()).isEqualTo("PONG");
            assertThat(j.echo("hello")).isEqualTo("hello");
            assertThat(j.select(3)).isEqualTo("OK");
            assertThat(j.dbSize()).isZero();
            assertThat(j.clientGetname()).isEqualTo("jedis-test");
            assertThat(j.clientSetname("renamed")).isEqualTo("OK");
            assertThat(j.clientGetname()).isEqualTo("renamed");
            long id = j.clientId();
            assertThat(j.clientInfo()).contains("id=" + id + " ").contains("name=renamed").contains("db=3")
                    .contains("resp=" + protocol);
            assertThat(j.clientList()).contains("id=" + id + " ");
            assertThatThrownBy(() -> j.select(16)).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR DB index is out of range");
            List<String> time = j.time();
            assertThat(Long.parseLong(time.get(0))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
            assertThat(j.info("server")).contains("redis_version:7.0.15").contains("cinnabar_version:");
            assertThat(j.configGet("hz")).containsEntry("hz", "10");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void jedisAuthentication(int protocol) {
        try (Jedis j = new Jedis(secured.host(), secured.port())) {
            assertThatThrownBy(j::ping).isInstanceOf(JedisDataException.class).hasMessage("NOAUTH Authentication required.");
            assertThatThrownBy(() -> j.auth("wrong")).isInstanceOf(JedisDataException.class)
                    .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
            assertThat(j.auth("s3cret")).isEqualTo("OK");
            assertThat(j.ping()).isEqualTo("PONG");
        }
        try (Jedis j = jedis(secured, protocol, "s3cret")) {
            assertThat(j.ping()).isEqualTo("PONG");
            assertThat(j.clientInfo()).contains("resp=" + protocol);
        }
    }

    private static RedisClient lettuce(Cinnabar s, ProtocolVersion version, String password) {
        RedisURI.Builder uri = RedisURI.builder().withHost(s.host()).withPort(s.port());
        if (password != null) {
            uri.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder().protocolVersion(version).build());
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESP2", "RESP3"})
    void lettuceConnectionCommands(String protocol) {
        RedisClient client = lettuce(server, ProtocolVersion.valueOf(protocol), null);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> r = connection.sync();
            assertThat(r.ping()).isEqualTo("PONG");
            assertThat(r.echo("hi")).isEqualTo("hi");
            assertThat(r.dbsize()).isZero();
            assertThat(r.clientSetname("lettuce")).isEqualTo("OK");
            assertThat(r.clientGetname()).isEqualTo("lettuce");
            assertThat(r.clientInfo()).contains("name=lettuce").contains("resp=" + protocol.substring(4));
            Map<String, String> config = r.configGet("slowlog-*");
            assertThat(config).containsEntry("slowlog-max-len", "128").containsEntry("slowlog-log-slower-than", "10000");
            assertThat(r.info("clients")).contains("connected_clients:");
            assertThat(r.commandCount()).isPositive();
            assertThatThrownBy(() -> r.select(99)).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("ERR DB index is out of range");
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESP2", "RESP3"})
    void lettuceAuthenticatesWithHello(String protocol) {
        RedisClient client = lettuce(secured, ProtocolVersion.valueOf(protocol), "s3cret");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }
}
