package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.status;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;

/**
 * SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UNSUBSCRIBEs, PUBLISH, SPUBLISH, PUBSUB and keyspace
 * notifications, through raw RESP2 and RESP3 with exact replies, through Jedis and Lettuce
 * listeners, and with a subscriber that stops reading, each case run against Cinnabar and
 * against a real redis-server.
 */
class PubSubCommandsTest extends FamilyTestBase {
    private static final String SUBSCRIBED_MODE_ERROR =
            "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

    private static String confirmation(String kind, String name, long count) {
        return array(bulk(kind), name == null ? "$-1\r\n" : bulk(name), integer(count));
    }

    private static String message(String channel, String payload) {
        return array(bulk("message"), bulk(channel), bulk(payload));
    }

    private static String patternMessage(String pattern, String channel, String payload) {
        return array(bulk("pmessage"), bulk(pattern), bulk(channel), bulk(payload));
    }

    private static String read(RespConnection c) {
        return new String(c.readRaw(), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void subscribePublishUnsubscribe(FamilyTarget t) {
        try (RespConnection subscriber = t.fresh(); RespConnection publisher = t.connect()) {
            subscriber.send("SUBSCRIBE", "news", "sport", "news");
            assertThat(read(subscriber)).isEqualTo(confirmation("subscribe", "news", 1));
            assertThat(read(subscriber)).isEqualTo(confirmation("subscribe", "sport", 2));
            assertThat(read(subscriber)).isEqualTo(confirmation("subscribe", "news", 2));
            subscriber.send("PSUBSCRIBE", "n*");
            assertThat(read(subscriber)).isEqualTo(confirmation("psubscribe", "n*", 3));

            // A channel subscriber and a matching pattern: the message arrives twice, channel first.
            expect(publisher, integer(2), "PUBLISH", "news", "hello");
            assertThat(read(subscriber)).isEqualTo(message("news", "hello"));
            assertThat(read(subscriber)).isEqualTo(patternMessage("n*", "news", "hello"));
            expect(publisher, integer(1), "PUBLISH", "nope", "x");
            assertThat(read(subscriber)).isEqualTo(patternMessage("n*", "nope", "x"));
            expect(publisher, integer(0), "PUBLISH", "other", "x");
            // Binary-safe channel names and payloads.
            expect(publisher, integer(1), "PUBLISH", "n\u0000\u00ff", "\r\n\u0000");
            assertThat(read(subscriber)).isEqualTo(patternMessage("n*", "n\u0000\u00ff", "\r\n\u0000"));

            expect(publisher, array(bulk("news"), integer(1), bulk("sport"), integer(1), bulk("n*"), integer(0)),
                    "PUBSUB", "NUMSUB", "news", "sport", "n*");
            expect(publisher, integer(1), "PUBSUB", "NUMPAT");
            expect(publisher, bulks("sport"), "PUBSUB", "CHANNELS", "s*");
            expect(publisher, "*0\r\n", "PUBSUB", "NUMSUB");

            subscriber.send("UNSUBSCRIBE", "sport", "never");
            assertThat(read(subscriber)).isEqualTo(confirmation("unsubscribe", "sport", 2));
            assertThat(read(subscriber)).isEqualTo(confirmation("unsubscribe", "never", 2));
            subscriber.send("PUNSUBSCRIBE");
            assertThat(read(subscriber)).isEqualTo(confirmation("punsubscribe", "n*", 1));
            subscriber.send("UNSUBSCRIBE");
            assertThat(read(subscriber)).isEqualTo(confirmation("unsubscribe", "news", 0));
            // Nothing left: one confirmation with a null name.
            subscriber.send("UNSUBSCRIBE");
            assertThat(read(subscriber)).isEqualTo(confirmation("unsubscribe", null, 0));
            // Out of subscribed mode: ordinary commands work again.
            expect(subscriber, "$-1\r\n", "GET", "k");
            expect(publisher, "*0\r\n", "PUBSUB", "CHANNELS");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp2SubscribedModeAllowsOnlySomeCommands(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            c.send("SSUBSCRIBE", "shard");
            assertThat(read(c)).isEqualTo(confirmation("ssubscribe", "shard", 1));
            expect(c, error("ERR Can't execute 'get" + SUBSCRIBED_MODE_ERROR), "GET", "k");
            expect(c, error("ERR Can't execute 'client|list" + SUBSCRIBED_MODE_ERROR), "CLIENT", "LIST");
            expect(c, error("ERR Can't execute 'hello" + SUBSCRIBED_MODE_ERROR), "HELLO", "3");
            // PING answers as a message would.
            expect(c, array(bulk("pong"), bulk("")), "PING");
            expect(c, array(bulk("pong"), bulk("hi")), "PING", "hi");
            // Unknown commands and wrong arities are still reported as such.
            expect(c, error("ERR unknown command 'NOPE', with args beginning with: "), "NOPE");
            expect(c, wrongArity("subscribe"), "SUBSCRIBE");
            // UNSUBSCRIBE of classic channels does not end the mode while a shard channel remains.
            c.send("UNSUBSCRIBE");
            assertThat(read(c)).isEqualTo(confirmation("unsubscribe", null, 0));
            expect(c, error("ERR Can't execute 'get" + SUBSCRIBED_MODE_ERROR), "GET", "k");
            // RESET leaves subscribed mode.
            expect(c, status("RESET"), "RESET");
            expect(c, "$-1\r\n", "GET", "k");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resp3SubscribersGetPushesAndMayRunAnything(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection publisher = t.connect()) {
            c.call("HELLO", "3");
            c.send("SUBSCRIBE", "a");
            assertThat(read(c)).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n");
            expect(c, "_\r\n", "GET", "k");
            expect(c, status("PONG"), "PING");
            expect(publisher, integer(1), "PUBLISH", "a", "m");
            assertThat(read(c)).isEqualTo(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$1\r\nm\r\n");
            // Publishing to itself: the push comes before the reply.
            assertThat(call(c, "PUBLISH", "a", "self")).isEqualTo(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$4\r\nself\r\n");
            assertThat(read(c)).isEqualTo(integer(1));
            String info = call(c, "CLIENT", "INFO");
            assertThat(info).contains(" flags=P ").contains(" sub=1 psub=0 ssub=0 ");
            c.send("UNSUBSCRIBE");
            assertThat(read(c)).isEqualTo(">3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:0\r\n");
            c.send("UNSUBSCRIBE");
            assertThat(read(c)).isEqualTo(">3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shardChannels(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection publisher = t.connect()) {
            c.send("SSUBSCRIBE", "s1", "s2");
            assertThat(read(c)).isEqualTo(confirmation("ssubscribe", "s1", 1));
            assertThat(read(c)).isEqualTo(confirmation("ssubscribe", "s2", 2));
            // Shard channels and classic channels are separate name spaces.
            expect(publisher, integer(0), "PUBLISH", "s1", "x");
            expect(publisher, integer(1), "SPUBLISH", "s1", "x");
            assertThat(read(c)).isEqualTo(array(bulk("smessage"), bulk("s1"), bulk("x")));
            expect(publisher, array(bulk("s1"), integer(1), bulk("zz"), integer(0)), "PUBSUB", "SHARDNUMSUB", "s1", "zz");
            expect(publisher, "*0\r\n", "PUBSUB", "CHANNELS");
            assertThat(call(publisher, "PUBSUB", "SHARDCHANNELS")).isIn(bulks("s1", "s2"), bulks("s2", "s1"));
            expect(publisher, bulks("s2"), "PUBSUB", "SHARDCHANNELS", "*2");
            c.send("SUNSUBSCRIBE", "s2");
            assertThat(read(c)).isEqualTo(confirmation("sunsubscribe", "s2", 1));
            expect(publisher, error("ERR unknown subcommand or wrong number of arguments for 'SHARDCHANNELS'. Try PUBSUB HELP."),
                    "PUBSUB", "SHARDCHANNELS", "a", "b");
            expect(publisher, error("ERR wrong number of arguments for 'pubsub|numpat' command"), "PUBSUB", "NUMPAT", "x");
            expect(publisher, error("ERR unknown subcommand 'FOO'. Try PUBSUB HELP."), "PUBSUB", "FOO");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void subscribingInsideATransaction(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "MULTI");
            expect(c, status("QUEUED"), "SSUBSCRIBE", "s");
            expect(c, status("QUEUED"), "SUBSCRIBE", "a");
            // SUBSCRIBE runs inside EXEC (kept for backward compatibility); SSUBSCRIBE is refused.
            expect(c, array(error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client"),
                    confirmation("subscribe", "a", 1)), "EXEC");
            expect(c, error("ERR Can't execute 'multi" + SUBSCRIBED_MODE_ERROR), "MULTI");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void infoAndClientListCountSubscriptions(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection other = t.connect()) {
            c.send("SUBSCRIBE", "a", "b");
            read(c);
            read(c);
            c.send("PSUBSCRIBE", "p*");
            read(c);
            c.send("SSUBSCRIBE", "s");
            read(c);
            String info = call(other, "INFO", "stats");
            assertThat(info).contains("pubsub_channels:2\r\n").contains("pubsub_patterns:1\r\n")
                    .contains("pubsubshard_channels:1\r\n");
            String clients = call(other, "CLIENT", "LIST");
            assertThat(clients).contains(" flags=P db=0 sub=2 psub=1 ssub=1 ");
        }
        // A closed subscriber is forgotten.
        try (RespConnection other = t.connect()) {
            for (int i = 0; i < 100 && !call(other, "PUBSUB", "NUMPAT").equals(integer(0)); i++) {
                sleep(10);
            }
            expect(other, integer(0), "PUBSUB", "NUMPAT");
            expect(other, "*0\r\n", "PUBSUB", "CHANNELS");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void messagesFromOnePublisherArriveInOrder(FamilyTarget t) throws Exception {
        int count = 20_000;
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                subscribed.countDown();
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(channel + "=" + message);
                if (message.equals("end")) {
                    punsubscribe();
                }
            }

            @Override
            public void onPSubscribe(String pattern, int subscribedChannels) {
                subscribed.countDown();
            }

            @Override
            public void onPUnsubscribe(String pattern, int subscribedChannels) {
                done.countDown();
            }
        };
        Thread reader = new Thread(() -> {
            try (Jedis jedis = new Jedis(new HostAndPort(t.host(), t.port()))) {
                jedis.psubscribe(listener, "queue.*");
            }
        });
        reader.start();
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
        try (Jedis publisher = new Jedis(new HostAndPort(t.host(), t.port()))) {
            Pipeline p = publisher.pipelined();
            for (int i = 0; i < count; i++) {
                p.publish("queue." + (i % 3), Integer.toString(i));
            }
            p.publish("queue.0", "end");
            p.sync();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(received).hasSize(count + 1);
        for (int i = 0; i < count; i++) {
            assertThat(received.get(i)).isEqualTo("queue." + (i % 3) + "=" + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lettuceListener(FamilyTarget t) throws Exception {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(t.host()).withPort(t.port()).build());
        try (StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
             var connection = client.connect()) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    events.add(channel + ":" + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    events.add(pattern + "|" + channel + ":" + message);
                }
            });
            pubsub.sync().subscribe("orders");
            pubsub.sync().psubscribe("user:*");
            assertThat(connection.sync().publish("orders", "o-1")).isEqualTo(1);
            assertThat(connection.sync().publish("user:7", "login")).isEqualTo(1);
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("orders:o-1");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("user:*|user:7:login");
            assertThat(connection.sync().pubsubNumsub("orders")).containsEntry("orders", 1L);
            pubsub.sync().unsubscribe("orders");
            assertThat(connection.sync().publish("orders", "o-2")).isEqualTo(0);
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void keyspaceNotificationsConfiguration(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            String[][] cases = {
                {"KA", "AK"}, {"KEA", "AKE"}, {"Kgxn", "gxnK"}, {"Em", "Em"}, {"KEg$lshzxetdnm", "AKEm"},
                {"Kg$lshzxetd", "AK"}, {"", ""}, {"gn", "gn"},
            };
            for (String[] each : cases) {
                expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", each[0]);
                expect(c, array(bulk("notify-keyspace-events"), bulk(each[1])),
                        "CONFIG", "GET", "notify-keyspace-events");
            }
            expect(c, error("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event "
                    + "class character. Use 'Ag$lshzxeKEtmdn'."), "CONFIG", "SET", "notify-keyspace-events", "KEq");
            expect(c, array(bulk("notify-keyspace-events"), bulk("gn")), "CONFIG", "GET", "notify-keyspace-events");
            expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void keyspaceNotificationsReachOtherClients(FamilyTarget t) {
        try (RespConnection subscriber = t.fresh(); RespConnection c = t.connect()) {
            expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "KEx$g");
            subscriber.send("PSUBSCRIBE", "__key*@0__:*");
            read(subscriber);
            expect(c, OK, "SET", "session:1", "data", "PX", "50");
            assertThat(read(subscriber)).isEqualTo(patternMessage("__key*@0__:*", "__keyspace@0__:session:1", "set"));
            assertThat(read(subscriber)).isEqualTo(patternMessage("__key*@0__:*", "__keyevent@0__:set", "session:1"));
            assertThat(read(subscriber)).isEqualTo(patternMessage("__key*@0__:*", "__keyspace@0__:session:1", "expire"));
            assertThat(read(subscriber)).isEqualTo(patternMessage("__key*@0__:*", "__keyevent@0__:expire", "session:1"));
            // No client touches the key: the expired event comes when the server removes it.
            assertThat(read(subscriber)).isEqualTo(patternMessage("__key*@0__:*", "__keyspace@0__:session:1", "expired"));
            assertThat(read(subscriber)).isEqualTo(patternMessage("__key*@0__:*", "__keyevent@0__:expired", "session:1"));
            // A database other than 0 does not match the pattern.
            expect(c, OK, "SELECT", "3");
            expect(c, OK, "SET", "elsewhere", "v");
            expect(c, integer(1), "DEL", "elsewhere");
            expect(c, OK, "SELECT", "0");
            expect(c, integer(0), "DEL", "missing");
            expect(c, OK, "SET", "k", "v");
            assertThat(read(subscriber)).isEqualTo(patternMessage("__key*@0__:*", "__keyspace@0__:k", "set"));
            expect(c, OK, "CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    /** A subscriber that stops reading is disconnected at the pub/sub output limit, and it is logged. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cinnabar", "redis"})
    void aSubscriberThatDoesNotReadIsDisconnected(String kind) throws Exception {
        Path log = Files.createTempFile("cinnabar-pubsub", ".log");
        FamilyTarget t = FamilyTarget.of(kind, "logfile", log.toString(),
                "client-output-buffer-limit", "pubsub 1mb 256kb 60");
        try (RespConnection slow = t.connect(); RespConnection publisher = t.connect()) {
            slow.send("SUBSCRIBE", "firehose");
            read(slow);
            byte[] payload = new byte[4096];
            java.util.Arrays.fill(payload, (byte) 'x');
            String message = new String(payload, StandardCharsets.ISO_8859_1);
            long published = 0;
            // Far more than the kernel's socket buffers and the limit together.
            for (int round = 0; round < 200 && call(publisher, "PUBSUB", "NUMSUB", "firehose").endsWith(":1\r\n"); round++) {
                for (int i = 0; i < 100; i++) {
                    publisher.send("PUBLISH", "firehose", message);
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(read(publisher)).matches(":[01]\r\n");
                    published++;
                }
            }
            // The subscriber is dropped within the rounds (each PUBLISH counts it until then; when
            // the limit is crossed by the last PUBLISH of a round, every reply may still say 1).
            assertThat(published).as("messages published before the disconnection").isLessThan(200 * 100);
            expect(publisher, array(bulk("firehose"), integer(0)), "PUBSUB", "NUMSUB", "firehose");
            assertThat(call(publisher, "CLIENT", "LIST")).doesNotContain("cmd=subscribe");
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("scheduled to be closed ASAP for overcoming of output buffer limits");
        } finally {
            t.stop();
            Files.deleteIfExists(log);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
