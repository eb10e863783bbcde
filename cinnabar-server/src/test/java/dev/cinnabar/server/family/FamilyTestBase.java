package dev.cinnabar.server.family;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.protocol.ProtocolVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.Arguments;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * What a command-family test that runs against both targets shares: one embedded Cinnabar and one
 * redis-server, started with the test class and stopped after its last test, the argument sources
 * that hand them to parameterized tests, and Jedis and Lettuce clients for the tests that drive a
 * target the way applications do.
 *
 * <p>The class has one instance for all its tests (PER_CLASS, inherited by subclasses) so the two
 * servers start once per test class rather than once per test, and so the argument sources can be
 * instance methods that read {@link #targets}; JUnit finds such {@code @MethodSource} factories in
 * a superclass by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FamilyTestBase {
    /** Cinnabar and Redis with their default configuration; tests may change it. */
    protected final List<FamilyTarget> targets = FamilyTarget.both();

    /** {@code @MethodSource("targets")}: each target. */
    List<FamilyTarget> targets() {
        return targets;
    }

    /** {@code @MethodSource("targetsAndProtocols")}: each target with RESP2 and with RESP3. */
    Stream<Arguments> targetsAndProtocols() {
        return targets.stream().flatMap(t -> Stream.of(Arguments.of(t, 2), Arguments.of(t, 3)));
    }

    @AfterAll
    void stop() {
        targets.forEach(FamilyTarget::stop);
    }

    /** A Jedis connection speaking RESP{@code protocol} to an emptied target (FLUSHALL). */
    static Jedis jedis(FamilyTarget t, int protocol) {
        Jedis j = new Jedis(new HostAndPort(t.host(), t.port()), DefaultJedisClientConfig.builder()
                .protocol(protocol == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2).build());
        j.flushAll();
        return j;
    }

    /**
     * A Lettuce client for the target that will speak RESP{@code protocol}; the caller connects,
     * empties the target if it needs to, and shuts the client down.
     */
    static RedisClient lettuce(FamilyTarget t, int protocol) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(t.host()).withPort(t.port()).build());
        client.setOptions(ClientOptions.builder()
                .protocolVersion(protocol == 3 ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2).build());
        return client;
    }
}
