package dev.cinnabar.server.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Active expiry end to end: keys that no client ever touches again are removed by the server's
 * cron (Redis's active expire cycle), and with DEBUG SET-ACTIVE-EXPIRE 0 they stay until a client
 * reaches them. Each test runs its own embedded server, since the second one changes a
 * server-wide switch. Nothing here asserts how fast: the polls only give up after ten seconds.
 */
class ActiveExpiryTest {
    private static final int KEYS = 100_000;

    /** Sets {@code KEYS} keys with a 100 ms TTL in one pipeline, then reads every reply. */
    private static void setKeysWithShortTtl(RespConnection c) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < KEYS; i++) {
            batch.writeBytes(RespConnection.encode(RespConnection.args("SET", "key:" + i, "value", "PX", "100")));
        }
        c.sendRaw(batch.toByteArray());
        for (int i = 0; i < KEYS; i++) {
            RespValue reply = c.read();
            if (!reply.describe().equals("+OK")) {
                throw new AssertionError("SET number " + i + " answered " + reply.describe());
            }
        }
    }

    private static long integer(RespConnection c, String... command) {
        RespValue reply = c.call(command);
        assertThat(reply).as(String.join(" ", command)).isInstanceOf(RespValue.Integer.class);
        return ((RespValue.Integer) reply).value();
    }

    private static String info(RespConnection c, String section) {
        RespValue reply = c.call("INFO", section);
        assertThat(reply).isInstanceOf(RespValue.Bulk.class);
        return ((RespValue.Bulk) reply).text();
    }

    /** A numeric field of INFO stats. */
    private static long stat(RespConnection c, String field) {
        for (String line : info(c, "stats").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1));
            }
        }
        throw new AssertionError("no " + field + " in INFO stats");
    }

    /** Polls DBSIZE every 100 ms until it is {@code target} or ten seconds pass; returns the last size. */
    private static long pollDbsize(RespConnection c, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long size = integer(c, "DBSIZE");
        while (size != target && System.nanoTime() < deadline) {
            Thread.sleep(100);
            size = integer(c, "DBSIZE");
        }
        return size;
    }

    @Test
    void keysThatNoClientTouchesExpireOnTheirOwn() throws InterruptedException {
        try (Cinnabar server = TestServers.start(); RespConnection c = new RespConnection(server.port())) {
            setKeysWithShortTtl(c);
            // DBSIZE and INFO touch no key: only the active expire cycle can empty the database.
            assertThat(pollDbsize(c, 0)).as("DBSIZE after up to ten seconds").isZero();
            assertThat(info(c, "keyspace")).doesNotContain("db0:");
            assertThat(stat(c, "expired_keys")).isEqualTo(KEYS);
            assertThat(stat(c, "keyspace_hits") + stat(c, "keyspace_misses")).as("no lookups").isZero();
        }
    }

    @Test
    void withActiveExpiryOffExpiredKeysStayCountedUntilAccessed() throws InterruptedException {
        try (Cinnabar server = TestServers.start(); RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0").describe()).isEqualTo("+OK");
            setKeysWithShortTtl(c);
            // Every TTL is over after 100 ms; for a second more the keys are all still counted.
            Thread.sleep(200);
            for (int i = 0; i < 10; i++) {
                assertThat(integer(c, "DBSIZE")).isEqualTo(KEYS);
                Thread.sleep(100);
            }
            assertThat(info(c, "keyspace")).contains("db0:keys=" + KEYS + ",expires=" + KEYS + ",");
            assertThat(stat(c, "expired_keys")).isZero();

            // A read of an expired key misses and removes it.
            for (int i = 0; i < 1000; i++) {
                assertThat(c.call("GET", "key:" + i).describe()).as("GET key:%d", i).isEqualTo(new RespValue.NullBulk().describe());
            }
            assertThat(integer(c, "EXISTS", "key:1000", "key:1001", "key:1002")).isZero();
            assertThat(integer(c, "DBSIZE")).isEqualTo(KEYS - 1003);
            assertThat(stat(c, "expired_keys")).isEqualTo(1003);
            assertThat(stat(c, "keyspace_misses")).isEqualTo(1003);

            // Switched back on, the cycle removes the rest.
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1").describe()).isEqualTo("+OK");
            assertThat(pollDbsize(c, 0)).as("DBSIZE after up to ten seconds").isZero();
            assertThat(stat(c, "expired_keys")).isEqualTo(KEYS);
        }
    }
}
