package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.status;
import static dev.cinnabar.server.family.FamilyTarget.wrongArity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH through raw RESP with exact replies, through Jedis and
 * Lettuce transactions, and under contention (many clients incrementing one counter with
 * optimistic locking), each case run against Cinnabar and against a real redis-server.
 */
class TransactionCommandsTest extends FamilyTestBase {
    private static final String QUEUED = status("QUEUED");

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void queueAndExecute(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "SET", "k", "1");
            expect(c, QUEUED, "INCR", "k");
            expect(c, QUEUED, "SET", "text", "abc");
            expect(c, QUEUED, "INCR", "text");
            expect(c, QUEUED, "GET", "k");
            // A runtime error is one element of the reply; the other commands still ran.
            expect(c, array(OK, integer(2), OK,
                    error("ERR value is not an integer or out of range"), bulk("2")), "EXEC");
            expect(c, bulk("2"), "GET", "k");
            expect(c, OK, "MULTI");
            expect(c, "*0\r\n", "EXEC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void misuseErrors(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, error("ERR EXEC without MULTI"), "EXEC");
            expect(c, error("ERR DISCARD without MULTI"), "DISCARD");
            expect(c, wrongArity("multi"), "MULTI", "extra");
            expect(c, wrongArity("watch"), "WATCH");
            expect(c, OK, "MULTI");
            expect(c, error("ERR MULTI calls can not be nested"), "MULTI");
            expect(c, error("ERR WATCH inside MULTI is not allowed"), "WATCH", "k");
            expect(c, QUEUED, "UNWATCH");
            expect(c, "*1\r\n" + OK, "EXEC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void queueTimeErrorsAbortTheTransaction(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "SET", "k", "v");
            expect(c, error("ERR unknown command 'NOPE', with args beginning with: 'x' "), "NOPE", "x");
            expect(c, wrongArity("get"), "GET");
            expect(c, QUEUED, "SET", "other", "v");
            expect(c, error("EXECABORT Transaction discarded because of previous errors."), "EXEC");
            expect(c, NIL, "GET", "k");
            expect(c, NIL, "GET", "other");
            // The client is out of MULTI again.
            expect(c, error("ERR EXEC without MULTI"), "EXEC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void discardDropsTheQueueAndTheWatches(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection other = t.connect()) {
            expect(c, OK, "WATCH", "k");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "SET", "k", "mine");
            expect(c, OK, "DISCARD");
            expect(other, OK, "SET", "k", "again");
            // DISCARD unwatched: the change by the other client no longer aborts.
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "GET", "k");
            expect(c, "*1\r\n" + bulk("again"), "EXEC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void watchAbortsWhenAnotherClientWrites(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection other = t.connect()) {
            expect(c, OK, "SET", "balance", "100");
            expect(c, OK, "WATCH", "balance", "unrelated");
            expect(other, integer(150), "INCRBY", "balance", "50");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "DECRBY", "balance", "30");
            expect(c, "*-1\r\n", "EXEC");
            expect(c, bulk("150"), "GET", "balance");
            // EXEC unwatches everything, so the retry succeeds.
            expect(c, OK, "WATCH", "balance");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "DECRBY", "balance", "30");
            expect(c, "*1\r\n" + integer(120), "EXEC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void watchSeesDeletionFlushAndUnwatch(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection other = t.connect()) {
            expect(c, OK, "SET", "k", "v");
            expect(c, OK, "WATCH", "k");
            expect(other, integer(1), "DEL", "k");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "PING");
            expect(c, "*-1\r\n", "EXEC");

            // Watching a missing key: creating it aborts.
            expect(c, OK, "WATCH", "missing");
            expect(other, OK, "SET", "missing", "now");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "PING");
            expect(c, "*-1\r\n", "EXEC");

            // FLUSHALL touches every watched key that existed.
            expect(c, OK, "WATCH", "missing");
            expect(other, OK, "FLUSHALL");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "PING");
            expect(c, "*-1\r\n", "EXEC");

            // UNWATCH forgets: a later change does not abort.
            expect(other, OK, "SET", "k", "v");
            expect(c, OK, "WATCH", "k");
            expect(c, OK, "UNWATCH");
            expect(other, OK, "SET", "k", "w");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "GET", "k");
            expect(c, "*1\r\n" + bulk("w"), "EXEC");

            // A write by another client to a key in another database does not abort.
            expect(c, OK, "WATCH", "k");
            expect(other, OK, "SELECT", "1");
            expect(other, OK, "SET", "k", "elsewhere");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "GET", "k");
            expect(c, "*1\r\n" + bulk("w"), "EXEC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void clientListShowsTheTransaction(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, OK, "WATCH", "a", "b");
            expect(c, OK, "MULTI");
            expect(c, QUEUED, "PING");
            expect(c, QUEUED, "PING");
            expect(c, QUEUED, "CLIENT", "INFO");
            String reply = FamilyTarget.call(c, "EXEC");
            assertThat(reply).contains(" flags=x ").contains(" multi=3 ");
            // Redis 7.0's CLIENT LIST has no watch= field (7.4 added it).
            assertThat(reply).doesNotContain(" watch=");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void jedisTransaction(FamilyTarget t) {
        try (Jedis jedis = new Jedis(new HostAndPort(t.host(), t.port()))) {
            jedis.flushAll();
            jedis.set("stock", "3");
            jedis.watch("stock");
            Transaction tx = jedis.multi();
            Response<Long> left = tx.decr("stock");
            Response<String> order = tx.set("order:1", "reserved");
            List<Object> results = tx.exec();
            assertThat(results).hasSize(2);
            assertThat(left.get()).isEqualTo(2L);
            assertThat(order.get()).isEqualTo("OK");
            assertThat(jedis.get("order:1")).isEqualTo("reserved");

            try (Jedis other = new Jedis(new HostAndPort(t.host(), t.port()))) {
                jedis.watch("stock");
                other.decr("stock");
                Transaction aborted = jedis.multi();
                aborted.decr("stock");
                assertThat(aborted.exec()).isNull();
                assertThat(jedis.get("stock")).isEqualTo("1");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void lettuceTransaction(FamilyTarget t) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(t.host()).withPort(t.port()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.flushall();
            redis.multi();
            redis.set("a", "1");
            redis.incrby("a", 41);
            redis.expire("a", 100);
            TransactionResult result = redis.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat(result.stream().toList()).containsExactly("OK", 42L, true);

            redis.watch("a");
            try (StatefulRedisConnection<String, String> other = client.connect()) {
                other.sync().set("a", "changed");
            }
            redis.multi();
            redis.incr("a");
            assertThat(redis.exec().wasDiscarded()).isTrue();
            assertThat(redis.get("a")).isEqualTo("changed");
        } finally {
            client.shutdown();
        }
    }

    /**
     * The optimistic-locking loop from Redis's documentation, run by many clients at once: read
     * under WATCH, write in MULTI, retry on a null EXEC. Every increment must land exactly once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void manyClientsIncrementOneCounter(FamilyTarget t) throws Exception {
        int clients = 16;
        int incrementsEach = 40;
        try (Jedis setup = new Jedis(new HostAndPort(t.host(), t.port()))) {
            setup.flushAll();
            setup.set("counter", "0");
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> retries = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                retries.add(pool.submit(() -> {
                    int aborted = 0;
                    try (Jedis jedis = new Jedis(new HostAndPort(t.host(), t.port()))) {
                        for (int done = 0; done < incrementsEach; ) {
                            jedis.watch("counter");
                            long value = Long.parseLong(jedis.get("counter"));
                            Transaction tx = jedis.multi();
                            tx.set("counter", Long.toString(value + 1));
                            tx.append("log", (value + 1) + ",");
                            if (tx.exec() == null) {
                                aborted++;
                            } else {
                                done++;
                            }
                        }
                    }
                    return aborted;
                }));
            }
            for (Future<Integer> f : retries) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Jedis check = new Jedis(new HostAndPort(t.host(), t.port()))) {
            int total = clients * incrementsEach;
            assertThat(check.get("counter")).isEqualTo(Integer.toString(total));
            // Each successful transaction appended the value it wrote: 1..total, in order.
            List<String> log = List.of(check.get("log").split(","));
            assertThat(log).hasSize(total);
            for (int i = 0; i < total; i++) {
                assertThat(log.get(i)).isEqualTo(Integer.toString(i + 1));
            }
        }
    }
}
