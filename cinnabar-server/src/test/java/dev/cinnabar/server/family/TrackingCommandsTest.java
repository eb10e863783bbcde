package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.integerOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client-side caching (CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO) through raw RESP2 and
 * RESP3 with exact messages, across connections (redirection, broadcasting, the table limit), and
 * through Lettuce's client-side caching, each case run against Cinnabar and a real redis-server.
 */
class TrackingCommandsTest extends FamilyTestBase {
    private static String read(RespConnection c) {
        return new String(c.readRaw(), StandardCharsets.ISO_8859_1);
    }

    private static String invalidate(String... keys) {
        StringBuilder b = new StringBuilder(">2\r\n$10\r\ninvalidate\r\n*").append(keys.length).append("\r\n");
        for (String k : keys) {
            b.append(bulk(k));
        }
        return b.toString();
    }

    private static RespConnection resp3(FamilyTarget t) {
        RespConnection c = t.connect();
        c.call("HELLO", "3");
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void readKeysAreInvalidatedOnceWhenAnotherClientChangesThem(FamilyTarget t) {
        try (RespConnection writer = t.fresh(); RespConnection cache = resp3(t)) {
            expect(cache, "+OK\r\n", "CLIENT", "TRACKING", "on");
            expect(writer, OK, "SET", "user:1", "ann");
            assertThat(call(cache, "GET", "user:1")).isEqualTo(bulk("ann"));
            assertThat(call(cache, "MGET", "user:2", "user:3")).isEqualTo("*2\r\n_\r\n_\r\n");
            // Tracked by name in every database.
            expect(writer, OK, "SELECT", "2");
            expect(writer, OK, "SET", "user:1", "bob");
            assertThat(read(cache)).isEqualTo(invalidate("user:1"));
            // Invalidated once: the key is forgotten until read again.
            expect(writer, OK, "SET", "user:1", "cy");
            expect(writer, OK, "SELECT", "0");
            expect(writer, integer(1), "DEL", "user:1");
            expect(writer, OK, "MSET", "user:2", "a", "user:3", "b");
            assertThat(read(cache)).isEqualTo(invalidate("user:2"));
            assertThat(read(cache)).isEqualTo(invalidate("user:3"));
            // FLUSHALL invalidates everything with a null.
            expect(writer, OK, "FLUSHALL");
            assertThat(read(cache)).isEqualTo(">2\r\n$10\r\ninvalidate\r\n_\r\n");
            String info = call(writer, "INFO", "clients");
            assertThat(info).contains("tracking_clients:1\r\n");
            expect(cache, "+OK\r\n", "CLIENT", "TRACKING", "off");
            assertThat(call(writer, "INFO", "clients")).contains("tracking_clients:0\r\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void redirectionToAResp2SubscriberUsesTheInvalidateChannel(FamilyTarget t) {
        RespConnection listener = t.connect();
        try (RespConnection writer = t.fresh(); RespConnection reader = t.connect()) {
            long listenerId = integerOf(listener, "CLIENT", "ID");
            listener.send("SUBSCRIBE", "__redis__:invalidate");
            read(listener);
            expect(reader, OK, "CLIENT", "TRACKING", "on", "REDIRECT", Long.toString(listenerId));
            expect(reader, integer(listenerId), "CLIENT", "GETREDIR");
            assertThat(call(reader, "CLIENT", "INFO")).contains(" flags=t ").contains(" redir=" + listenerId + " ");
            expect(reader, "$-1\r\n", "GET", "price");
            expect(writer, OK, "SET", "price", "10");
            assertThat(read(listener)).isEqualTo(array(bulk("message"), bulk("__redis__:invalidate"),
                    "*1\r\n" + bulk("price")));
            expect(writer, OK, "FLUSHDB");
            assertThat(read(listener)).isEqualTo(array(bulk("message"), bulk("__redis__:invalidate"), "$-1\r\n"));
            // The redirection target goes away: the next invalidation marks the redirection broken.
            listener.close();
            expect(reader, "$-1\r\n", "GET", "price");
            waitForClients(writer, 2);
            expect(writer, OK, "SET", "price", "11");
            assertThat(call(reader, "CLIENT", "TRACKINGINFO")).isEqualTo(
                    "*6\r\n" + bulk("flags") + "*2\r\n" + bulk("on") + bulk("broken_redirect")
                            + bulk("redirect") + integer(listenerId) + bulk("prefixes") + "*0\r\n");
            assertThat(call(reader, "CLIENT", "INFO")).contains(" flags=tR ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void brokenRedirectionIsReportedToAResp3Client(FamilyTarget t) {
        try (RespConnection writer = t.fresh(); RespConnection reader = resp3(t)) {
            long gone;
            try (RespConnection other = t.connect()) {
                gone = integerOf(other, "CLIENT", "ID");
                expect(reader, "+OK\r\n", "CLIENT", "TRACKING", "on", "REDIRECT", Long.toString(gone));
            }
            waitForClients(writer, 2);
            expect(reader, "_\r\n", "GET", "k");
            expect(writer, OK, "SET", "k", "v");
            assertThat(read(reader)).isEqualTo(">2\r\n" + bulk("tracking-redir-broken") + integer(gone));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void broadcastSendsEveryChangeUnderThePrefixes(FamilyTarget t) {
        try (RespConnection writer = t.fresh(); RespConnection bcast = resp3(t); RespConnection quiet = resp3(t)) {
            expect(bcast, "+OK\r\n", "CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "user:", "PREFIX", "order:");
            expect(quiet, "+OK\r\n", "CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "order:", "NOLOOP");
            assertThat(call(bcast, "CLIENT", "TRACKINGINFO")).isEqualTo("%3\r\n" + bulk("flags") + "~2\r\n" + bulk("on")
                    + bulk("bcast") + bulk("redirect") + integer(0) + bulk("prefixes") + "*2\r\n" + bulk("order:")
                    + bulk("user:"));
            assertThat(call(writer, "INFO", "stats")).contains("tracking_total_prefixes:2\r\n");
            // One command changing keys under both prefixes: one message per prefix, keys in byte order.
            expect(writer, OK, "MSET", "user:2", "a", "user:1", "b", "order:9", "c", "other", "d");
            assertThat(read(bcast)).isEqualTo(invalidate("order:9"));
            assertThat(read(bcast)).isEqualTo(invalidate("user:1", "user:2"));
            assertThat(read(quiet)).isEqualTo(invalidate("order:9"));
            // NOLOOP: the client's own changes are not sent back to it.
            assertThat(call(quiet, "SET", "order:1", "x")).isEqualTo("+OK\r\n");
            assertThat(read(bcast)).isEqualTo(invalidate("order:1"));
            expect(writer, OK, "SET", "order:2", "y");
            assertThat(read(quiet)).isEqualTo(invalidate("order:2"));
            assertThat(read(bcast)).isEqualTo(invalidate("order:2"));
            assertThat(call(writer, "CLIENT", "LIST")).contains(" flags=tB ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void optInTracksOnlyAfterCachingYes(FamilyTarget t) {
        try (RespConnection writer = t.fresh(); RespConnection cache = resp3(t)) {
            expect(cache, "+OK\r\n", "CLIENT", "TRACKING", "on", "OPTIN");
            expect(cache, "_\r\n", "GET", "a");
            expect(cache, "+OK\r\n", "CLIENT", "CACHING", "yes");
            expect(cache, "_\r\n", "GET", "b");
            expect(cache, "_\r\n", "GET", "c");
            expect(writer, OK, "MSET", "a", "1", "b", "2", "c", "3");
            assertThat(read(cache)).isEqualTo(invalidate("b"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theTableLimitInvalidatesKeysToStayUnderIt(FamilyTarget t) {
        try (RespConnection writer = t.fresh(); RespConnection cache = resp3(t)) {
            expect(writer, OK, "CONFIG", "SET", "tracking-table-max-keys", "10");
            try {
                expect(cache, "+OK\r\n", "CLIENT", "TRACKING", "on");
                Set<String> read = new HashSet<>();
                for (int i = 0; i < 50; i++) {
                    cache.send("GET", "key:" + i);
                    read.add("key:" + i);
                }
                // The server gives up the keys it cannot keep: 40 of the 50 are invalidated, the
                // messages arriving between the replies.
                Set<String> invalidated = new HashSet<>();
                int replies = 0;
                while (replies < 50 || invalidated.size() < 40) {
                    String frame = read(cache);
                    if (frame.equals("_\r\n")) {
                        replies++;
                        continue;
                    }
                    assertThat(frame).startsWith(">2\r\n$10\r\ninvalidate\r\n*1\r\n");
                    invalidated.add(frame.substring(frame.lastIndexOf("$")).split("\r\n")[1]);
                }
                assertThat(read).containsAll(invalidated);
                assertThat(call(writer, "INFO", "stats")).contains("tracking_total_keys:10\r\n")
                        .contains("tracking_total_items:10\r\n");
            } finally {
                expect(writer, OK, "CONFIG", "SET", "tracking-table-max-keys", "1000000");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lettuceClientSideCaching(FamilyTarget t) throws Exception {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(t.host()).withPort(t.port()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect();
             StatefulRedisConnection<String, String> other = client.connect()) {
            other.sync().flushall();
            other.sync().set("config:theme", "dark");
            Map<String, String> local = new ConcurrentHashMap<>();
            CacheFrontend<String, String> frontend = ClientSideCaching.enable(CacheAccessor.forMap(local), connection,
                    TrackingArgs.Builder.enabled());
            assertThat(frontend.get("config:theme")).isEqualTo("dark");
            assertThat(local).containsEntry("config:theme", "dark");
            other.sync().set("config:theme", "light");
            for (int i = 0; i < 200 && local.containsKey("config:theme"); i++) {
                Thread.sleep(10);
            }
            assertThat(local).doesNotContainKey("config:theme");
            assertThat(frontend.get("config:theme")).isEqualTo("light");
            frontend.close();
        } finally {
            client.shutdown();
        }
    }

    private static void waitForClients(RespConnection c, int count) {
        for (int i = 0; i < 200; i++) {
            String list = call(c, "CLIENT", "LIST");
            if (list.split("id=", -1).length - 1 <= count) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
